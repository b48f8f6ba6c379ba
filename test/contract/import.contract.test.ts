/**
 * Importing a company list on every store: the dry run reports bad rows (row, column, value, code)
 * and writes nothing; a corrected file applies as one change set with every fact sourced to its row;
 * reverting it removes it all; a possible duplicate waits for a person's decision.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect } from 'vitest';
import { revertChangeSet } from '../../server/domain/curation/revert.js';
import type { ChangeAuthor } from '../../server/domain/curation/types.js';
import { getEntity, neighborhood } from '../../server/domain/graph.js';
import { search } from '../../server/domain/search.js';
import { parseImportFile } from '../../server/import/parse.js';
import { applyImport, decidePlan, mappingFor, saveImportFile } from '../../server/import/service.js';
import type { GraphStore } from '../../server/store/types.js';
import { creditCodeCheck } from '../../shared/model/curation.js';
import { loadSeed } from '../../seed/load.js';
import { graphTest } from '../helpers/graph-test.js';
import { storeFactories } from '../helpers/stores.js';

const seedDir = path.resolve(import.meta.dirname, '..', '..', 'seed');
const it = graphTest({ load: (store) => loadSeed(store, seedDir) });
const editor: ChangeAuthor = { username: 'importer', region: null, clientAddress: null };

const code = (n: number) => {
  const body = `91310112MA1G${String(n).padStart(5, '0')}`;
  return body + creditCodeCheck(body);
};

/** 20 companies in 浦江镇 / 闵行区; `bad` makes rows 5, 9 and 14 (sheet rows 6, 10, 15) wrong. */
async function companyList(tag: string, bad: boolean): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('企业名单');
  ws.addRow(['企业名称', '统一社会信用代码', '所在区域', '产业链环节', '成立日期', '备注']);
  for (let i = 1; i <= 20; i++) {
    let name = `上海${tag}${i}号生物科技有限公司`;
    let credit = code(Number(`${tag.length}${i}`) + i * 7);
    let region = i % 2 ? '浦江镇' : '闵行区';
    if (bad && i === 5) credit = `${credit.slice(0, 17)}${credit[17] === '0' ? '1' : '0'}`;
    if (bad && i === 9) region = '火星镇';
    if (bad && i === 14) name = `上海${tag}2号生物科技有限公司`;
    ws.addRow([name, credit, region, i % 5 === 0 ? '研发服务/CRO' : i % 3 ? '医疗器械' : '体外诊断', '2020-03-05', '展会名单']);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function upload(store: GraphStore, tag: string, bad: boolean) {
  const sheet = await parseImportFile(`${tag}.xlsx`, await companyList(tag, bad));
  const file = await saveImportFile(store, `${tag}.xlsx`, sheet, editor.username);
  const { mapping } = await mappingFor(store, editor.username, sheet.columns);
  return { file, mapping };
}

describe.each(storeFactories)('import on $name', (factory) => {
  it.scoped({ storeFactory: factory });

  it('reports bad rows, applies a corrected file as one sourced change set, and reverts it whole', async ({ store }) => {
    const tag = `甲${Date.now() % 100000}`;
    const bad = await upload(store, tag, true);
    expect(bad.mapping).toMatchObject({ 企业名称: 'name', 统一社会信用代码: 'creditCode', 所在区域: 'region', 产业链环节: 'segment' });
    const dry = await decidePlan(store, { file: bad.file.id, username: editor.username, mapping: bad.mapping, decisions: [] });
    expect(dry.canApply).toBe(false);
    const errors = dry.rows.flatMap((r) => r.issues.filter((i) => i.severity === 'error').map((i) => [i.row, i.column, i.code]));
    expect(errors).toEqual(
      expect.arrayContaining([
        [6, '统一社会信用代码', 'BAD_CREDIT_CODE'],
        [10, '所在区域', 'UNKNOWN_REGION'],
        [15, '企业名称', 'DUPLICATE_IN_FILE'],
      ]),
    );
    expect(dry.totals.error).toBe(3);
    await expect(applyImport(store, editor, { file: bad.file.id, mapping: bad.mapping, decisions: [], note: 'x' })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(await search(store, `${tag}1号`, { limit: 5 })).toHaveLength(0);

    const good = await upload(store, tag, false);
    const plan = await decidePlan(store, { file: good.file.id, username: editor.username, mapping: good.mapping, decisions: [] });
    expect(plan.totals).toMatchObject({ create: 20, error: 0 });
    const { changeSet, result } = await applyImport(store, editor, {
      file: good.file.id,
      mapping: good.mapping,
      decisions: [],
      note: '区商务委名单',
    });
    expect(result).toEqual({ created: 20, updated: 0, relations: 40 });
    expect(changeSet.kind).toBe('IMPORT');
    const [hit] = await search(store, `上海${tag}3号生物科技有限公司`, { limit: 1 });
    const company = (await getEntity(store, hit.id))!;
    expect(company.sources[0].quote).toMatch(/^第 4 行：上海.*3号生物科技有限公司/);
    expect(company.founded).toBe('2020-03-05');
    const around = await neighborhood(store, [company.id], { depth: 1, limit: 10 });
    expect(around.nodes.map((n) => n.id).sort()).toEqual([company.id, 'pujiang-town', 'seg-ivd'].sort());

    await revertChangeSet(store, editor, { id: changeSet.id, note: '导错了' });
    expect(await getEntity(store, company.id)).toBeNull();
    expect(await search(store, `${tag}3号`, { limit: 5 })).toHaveLength(0);
  });

  it('waits for a decision on a possible duplicate, and updates the chosen entity', async ({ store }) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['企业名称', '地址', '员工人数', '所在区域']);
    ws.addRow(['思路迪生物医学', '浦江镇某路 88 号', '120人', '闵行区']);
    const sheet = await parseImportFile('dup.xlsx', new Uint8Array(await wb.xlsx.writeBuffer()));
    const file = await saveImportFile(store, 'dup.xlsx', sheet, editor.username);
    const mapping = (await mappingFor(store, editor.username, sheet.columns)).mapping;
    const dry = await decidePlan(store, { file: file.id, username: editor.username, mapping, decisions: [] });
    expect(dry.rows[0].action).toBe('possible_duplicate');
    expect(dry.rows[0].match?.id).toBe('siludi');
    expect(dry.canApply).toBe(false);
    const decisions = [{ row: 2, decision: 'update' as const, target: 'siludi' }];
    const decided = await decidePlan(store, { file: file.id, username: editor.username, mapping, decisions });
    expect(decided.canApply).toBe(true);
    expect(decided.rows[0].changes).toEqual(expect.arrayContaining(['address', 'headcount', 'aliases']));
    // 思路迪 is located already (in its park): the row's looser 闵行区 is not added, and the dry run says so.
    expect(decided.rows[0].changes).not.toContain('region');
    await applyImport(store, editor, { file: file.id, mapping, decisions, note: '走访记录表' });
    const siludi = (await getEntity(store, 'siludi'))!;
    expect(siludi).toMatchObject({ address: '浦江镇某路 88 号', headcount: 120 });
    expect(siludi.aliases).toContain('思路迪生物医学');
    const around = await neighborhood(store, ['siludi'], { depth: 1, limit: 50 });
    expect(around.edges.filter((e) => e.type === 'LOCATED_IN' && e.source === 'siludi').map((e) => e.target)).not.toContain('minhang');
    // The saved mapping is offered next time for the same headers.
    expect((await mappingFor(store, editor.username, sheet.columns)).saved).toBe(true);
  });

  it('keeps an upload to its uploader', async ({ store }) => {
    const { file } = await upload(store, `乙${Date.now() % 100000}`, false);
    await expect(decidePlan(store, { file: file.id, username: 'someone-else', mapping: {}, decisions: [] })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
