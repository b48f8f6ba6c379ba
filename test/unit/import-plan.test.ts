/**
 * Planning an import: what each row of a company list would do (create, update, possible duplicate,
 * error) and every issue with its row, column, value and code. The graph is a fake `ImportLookups`
 * over in-memory maps — the interface the store side implements.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { isValidCreditCode, type ImportField } from '../../shared/model/curation.js';
import type { EntityType } from '../../shared/model/index.js';
import type { NameMatch } from '../../server/domain/curation/types.js';
import { searchForm } from '../../server/domain/text.js';
import { suggestMapping } from '../../server/import/mapping.js';
import { parseImportFile } from '../../server/import/parse.js';
import { planImport } from '../../server/import/plan.js';
import { IMPORT_ISSUE_CODES, type ImportLookups, type ParsedSheet, type RowPlan } from '../../server/import/types.js';

/** A valid credit code from 17 characters (the check character found by the model's own check). */
function creditCode(first17: string): string {
  const check = [...'0123456789ABCDEFGHJKLMNPQRTUWXY'].find((c) => isValidCreditCode(first17 + c));
  if (!check) throw new Error(`no check character for ${first17}`);
  return first17 + check;
}
const badCheck = (code: string) => code.slice(0, 17) + (code[17] === '0' ? '1' : '0');

interface Existing {
  id: string;
  name: string;
  type: EntityType;
  creditCode?: string;
  /** Names that find it with a middling score (a short name, a near spelling). */
  near?: string[];
}

const EXISTING: Existing[] = [
  { id: 'e-junshi', name: '上海君实生物医药科技股份有限公司', type: 'Enterprise', creditCode: creditCode('91310000MA1FL1234') },
  { id: 'e-henlius', name: '上海复宏汉霖生物技术股份有限公司', type: 'Enterprise', near: ['复宏汉霖'] },
  { id: 'p-zizhu', name: '紫竹国家高新技术产业开发区', type: 'Park' },
];

const PLACES = {
  region: [
    { id: 'r-minhang', name: '闵行区', aliases: ['闵行'] },
    { id: 'r-songjiang', name: '松江区', aliases: [] },
    { id: 'r-pujiang', name: '浦江镇', aliases: [] },
  ],
  park: [{ id: 'p-zizhu', name: '紫竹国家高新技术产业开发区', aliases: ['紫竹高新区'] }],
  segment: [
    { id: 's-drug', name: '创新药', aliases: [] },
    { id: 's-device', name: '医疗器械', aliases: ['器械'] },
    { id: 's-cxo', name: 'CXO', aliases: ['CRO'] },
  ],
};

/** In-memory lookups, counting calls. */
function fakeLookups(existing: Existing[] = EXISTING) {
  const calls = { region: 0, park: 0, segment: 0, resolve: 0 };
  const placeIndex = (list: { id: string; name: string; aliases: string[] }[]) =>
    new Map(list.flatMap((p) => [p.name, ...p.aliases].map((n) => [n, { id: p.id, name: p.name }] as const)));
  const regions = placeIndex(PLACES.region);
  const parks = placeIndex(PLACES.park);
  const segments = placeIndex(PLACES.segment);
  const byCode = new Map(existing.filter((e) => e.creditCode).map((e) => [e.creditCode, e]));
  const byName = new Map(existing.map((e) => [searchForm(e.name), e]));
  const byNear = new Map(existing.flatMap((e) => (e.near ?? []).map((n) => [searchForm(n), e] as const)));
  const match = (e: Existing, score: number, reason: NameMatch['reason'], matched: string): NameMatch => ({
    id: e.id,
    name: e.name,
    type: e.type,
    score,
    reason,
    matched,
  });
  const lookups: ImportLookups = {
    region: (name) => (calls.region++, regions.get(name) ?? null),
    park: (name) => (calls.park++, parks.get(name) ?? null),
    segment: (name) => (calls.segment++, segments.get(name) ?? null),
    resolve: ({ name, creditCode }) => {
      calls.resolve++;
      const out: NameMatch[] = [];
      const coded = creditCode ? byCode.get(creditCode) : undefined;
      if (coded) out.push(match(coded, 1, 'CREDIT_CODE', coded.creditCode ?? ''));
      const key = searchForm(name);
      const named = byName.get(key);
      if (named) out.push(match(named, 1, 'EXACT_NAME', named.name));
      const near = byNear.get(key);
      if (near) out.push(match(near, 0.7, 'SHORT_NAME', name));
      return out;
    },
  };
  return { lookups, calls };
}

/** A parsed sheet by hand, rows numbered from 2 under the header. */
function sheetOf(columns: string[], rows: (string | null)[][], warnings: ParsedSheet['warnings'] = []): ParsedSheet {
  return { format: 'csv', encoding: 'utf-8', sheetName: null, columns, rows: rows.map((cells, i) => ({ row: i + 2, cells })), warnings };
}

const issuesOf = (r: RowPlan) => r.issues.map(({ row, column, value, code }) => ({ row, column, value, code }));

describe('planImport on a company list', () => {
  it('plans a 20-row XLSX with three bad rows, each issue naming its row, column, value and code', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('企业名单');
    ws.addRow(['序号', '企业名称', '统一社会信用代码', '所在区', '产业链环节', '成立日期', '员工人数', '官网']);
    const codes = Array.from({ length: 20 }, (_, i) => creditCode(`9131011200000${String(i).padStart(4, '0')}`));
    for (let i = 0; i < 20; i++) {
      ws.addRow([
        i + 1,
        `上海测试${i}号生物科技有限公司`,
        codes[i],
        i % 2 ? '闵行区' : '松江区',
        '创新药、器械',
        new Date(Date.UTC(2015, i % 12, 1)),
        10 + i,
        `www.test${i}.com`,
      ]);
    }
    // Row 6: a mistyped credit code; row 12: a district that does not exist; row 18: row 4's company again.
    ws.getCell('C6').value = badCheck(codes[4]);
    ws.getCell('D12').value = '火星区';
    ws.getCell('B18').value = '上海测试2号生物科技有限公司';
    ws.getCell('C18').value = null;
    const sheet = await parseImportFile('名单.xlsx', new Uint8Array(await wb.xlsx.writeBuffer()));
    const mapping = suggestMapping(sheet.columns);
    const plan = planImport(sheet, mapping, fakeLookups().lookups);

    expect(plan.totals).toEqual({ rows: 20, create: 17, update: 0, possibleDuplicate: 0, error: 3, warnings: 0 });
    const errors = plan.rows.filter((r) => r.action === 'error');
    expect(errors.map((r) => r.row)).toEqual([6, 12, 18]);
    expect(errors.flatMap(issuesOf)).toEqual([
      { row: 6, column: '统一社会信用代码', value: badCheck(codes[4]), code: 'BAD_CREDIT_CODE' },
      { row: 12, column: '所在区', value: '火星区', code: 'UNKNOWN_REGION' },
      { row: 18, column: '企业名称', value: '上海测试2号生物科技有限公司', code: 'DUPLICATE_IN_FILE' },
    ]);
    expect(errors[2].issues[0]).toMatchObject({ severity: 'error', relatedRow: 4, field: 'name' });

    const first = plan.rows[0];
    expect(first).toMatchObject({
      row: 2,
      action: 'create',
      draft: {
        type: 'Enterprise',
        name: '上海测试0号生物科技有限公司',
        creditCode: codes[0],
        founded: '2015-01-01',
        headcount: 10,
        website: 'https://www.test0.com',
      },
      placement: { region: 'r-songjiang', park: null, segments: ['s-drug', 's-device'] },
      match: null,
      issues: [],
    });
  });

  it('updates by credit code or a confident same-type name, flags a middling or other-type match, creates the rest', () => {
    const junshiCode = EXISTING[0].creditCode ?? '';
    const sheet = sheetOf(
      ['名称', '类型', '信用代码'],
      [
        ['君实生物', null, junshiCode],
        ['上海复宏汉霖生物技术股份有限公司', '企业', null],
        ['复宏汉霖', null, null],
        ['紫竹国家高新技术产业开发区', null, null],
        ['紫竹国家高新技术产业开发区', '园区', null],
        ['上海新公司', null, null],
      ],
    );
    const plan = planImport(sheet, { 名称: 'name', 类型: 'type', 信用代码: 'creditCode' }, fakeLookups().lookups);
    expect(plan.rows.map((r) => [r.row, r.action, r.match?.id ?? null])).toEqual([
      [2, 'update', 'e-junshi'],
      [3, 'update', 'e-henlius'],
      [4, 'possible_duplicate', 'e-henlius'],
      // The same name as a park, in an enterprise row: a person decides.
      [5, 'possible_duplicate', 'p-zizhu'],
      [6, 'update', 'p-zizhu'],
      [7, 'create', null],
    ]);
    expect(issuesOf(plan.rows[2])).toEqual([
      { row: 4, column: '名称', value: '上海复宏汉霖生物技术股份有限公司', code: 'POSSIBLE_DUPLICATE' },
    ]);
    expect(plan.rows[2].issues[0].severity).toBe('warning');
    expect(plan.totals).toEqual({ rows: 6, create: 1, update: 3, possibleDuplicate: 2, error: 0, warnings: 2 });
  });

  it('refuses a second row updating the same existing entity, naming the first', () => {
    const sheet = sheetOf(['名称'], [['上海复宏汉霖生物技术股份有限公司'], ['上海復宏漢霖生物技術股份有限公司']]);
    const plan = planImport(sheet, { 名称: 'name' }, fakeLookups().lookups);
    expect(plan.rows[1]).toMatchObject({ action: 'error', issues: [{ code: 'DUPLICATE_IN_FILE', relatedRow: 2 }] });
  });
});

describe('planImport on cell values', () => {
  const COLUMNS = ['名称', '别名', '类型', '子类', '英文名', '成立', '人数', '网址', '资质', '主营产品', '园区', '领域', '备注'];
  const MAPPING: Record<string, ImportField> = {
    名称: 'name',
    别名: 'aliases',
    类型: 'type',
    子类: 'kind',
    英文名: 'nameEn',
    成立: 'founded',
    人数: 'headcount',
    网址: 'website',
    资质: 'qualifications',
    主营产品: 'products',
    园区: 'park',
    领域: 'segment',
    备注: 'note',
  };
  const row = (values: Partial<Record<string, string>>) => COLUMNS.map((c) => values[c] ?? null);
  const planOne = (values: Partial<Record<string, string>>) =>
    planImport(sheetOf(COLUMNS, [row(values)]), MAPPING, fakeLookups().lookups).rows[0];

  it('reads names, aliases, lists, dates, head counts and websites as staff type them', () => {
    const r = planOne({
      名称: '上海澤潤生物科技有限公司',
      别名: '泽润生物、澤潤，泽润生物; 上海泽润生物科技有限公司 / ZR',
      英文名: '  Shanghai  Zerun  Biotech ',
      成立: '2008年3月5日',
      人数: '1,200人',
      网址: 'zerun.com.cn/about',
      资质: '高新技术企业；专精特新',
      主营产品: '疫苗,  疫苗 ,HPV疫苗',
      园区: '紫竹高新区',
      领域: '创新药/CRO/创新药',
      备注: '2026年走访',
    });
    expect(r.action).toBe('create');
    expect(r.issues).toEqual([]);
    expect(r.draft).toEqual({
      type: 'Enterprise',
      name: '上海泽润生物科技有限公司',
      aliases: ['泽润生物', '泽润', 'ZR'],
      nameEn: 'Shanghai Zerun Biotech',
      founded: '2008-03-05',
      headcount: 1200,
      website: 'https://zerun.com.cn/about',
      qualifications: ['高新技术企业', '专精特新'],
      products: ['疫苗', 'HPV疫苗'],
    });
    expect(r.placement).toEqual({ region: null, park: 'p-zizhu', segments: ['s-drug', 's-cxo'] });
    expect(r.note).toBe('2026年走访');
  });

  it.each([
    ['2020', '2020'],
    ['2020-3', '2020-03'],
    ['2020/3/5', '2020-03-05'],
    ['2020.03.05', '2020-03-05'],
    ['2020年3月', '2020-03'],
    ['2020-03-05 00:00', '2020-03-05'],
    ['20200305', '2020-03-05'],
  ])('reads the founding date %s as %s', (text, iso) => {
    expect(planOne({ 名称: '上海甲公司', 成立: text }).draft.founded).toBe(iso);
  });

  it('accepts type and kind by Chinese label, English label or code, and checks the kind against the type', () => {
    expect(planOne({ 名称: '闵行区医药联盟', 类型: '联盟/商协会', 子类: '产业联盟' }).draft).toMatchObject({
      type: 'Alliance',
      kind: 'industry_alliance',
    });
    expect(planOne({ 名称: '某医院', 类型: 'hospital', 子类: 'specialist' }).draft).toMatchObject({ type: 'Hospital', kind: 'specialist' });
    expect(planOne({ 名称: '某商会', 类型: '商协会', 子类: 'Chamber of Commerce' }).draft).toMatchObject({
      type: 'Alliance',
      kind: 'chamber_of_commerce',
    });
    expect(issuesOf(planOne({ 名称: '上海甲公司', 子类: '产业联盟' }))).toEqual([
      { row: 2, column: '子类', value: '产业联盟', code: 'UNKNOWN_KIND' },
    ]);
    expect(issuesOf(planOne({ 名称: '上海甲公司', 类型: '有限责任公司' }))).toEqual([
      { row: 2, column: '类型', value: '有限责任公司', code: 'UNKNOWN_TYPE' },
    ]);
  });

  it('reports each unreadable value with its column and text', () => {
    const r = planOne({
      名称: 'x'.repeat(101),
      成立: '2020年13月',
      人数: '50-99人',
      网址: 'javascript:alert(1)',
      园区: '不存在园',
      领域: '创新药、合成生物',
    });
    expect(r.action).toBe('error');
    expect(issuesOf(r)).toEqual([
      { row: 2, column: '名称', value: 'x'.repeat(101), code: 'TOO_LONG' },
      { row: 2, column: '成立', value: '2020年13月', code: 'BAD_DATE' },
      { row: 2, column: '人数', value: '50-99人', code: 'BAD_NUMBER' },
      { row: 2, column: '网址', value: 'javascript:alert(1)', code: 'BAD_URL' },
      { row: 2, column: '园区', value: '不存在园', code: 'UNKNOWN_PARK' },
      { row: 2, column: '领域', value: '合成生物', code: 'UNKNOWN_SEGMENT' },
    ]);
    expect(r.placement.segments).toEqual(['s-drug']);
  });

  it('treats 无, 不详, - as empty, and a row without a name as REQUIRED', () => {
    expect(planOne({ 名称: '上海甲公司', 成立: '不详', 人数: '-', 网址: '无' }).issues).toEqual([]);
    expect(issuesOf(planOne({ 别名: '甲' }))).toEqual([{ row: 2, column: '名称', value: null, code: 'REQUIRED' }]);
  });

  it('finds repeats in the file by credit code and by normalised name (traditional, spacing), the later row the error', () => {
    const code = creditCode('91310112MA1GB0001');
    const sheet = sheetOf(
      ['名称', '信用代码'],
      [
        ['上海甲生物（集团）有限公司', code],
        ['上海乙公司', code.toLowerCase()],
        ['上海甲生物(集团)有限公司 ', null],
        ['上海丙公司', null],
      ],
    );
    const plan = planImport(sheet, { 名称: 'name', 信用代码: 'creditCode' }, fakeLookups().lookups);
    expect(plan.rows.map((r) => r.action)).toEqual(['create', 'error', 'error', 'create']);
    expect(plan.rows[1].issues).toEqual([
      { row: 3, column: '信用代码', field: 'creditCode', value: code, code: 'DUPLICATE_IN_FILE', severity: 'error', relatedRow: 2 },
    ]);
    expect(plan.rows[2].issues).toMatchObject([{ column: '名称', code: 'DUPLICATE_IN_FILE', relatedRow: 2 }]);
  });

  it('carries the sheet’s formula, merged-cell and precision warnings on mapped columns only', () => {
    const warning = (code: 'FORMULA' | 'MERGED_CELL', row: number, column: string, value: string) => ({
      code,
      row,
      column,
      cell: null,
      value,
      message: '',
    });
    const sheet = sheetOf(
      ['名称', '人数', '序号'],
      [
        ['上海甲公司', '12', '1'],
        ['上海乙公司', null, '2'],
      ],
      [warning('FORMULA', 2, '人数', '12'), warning('FORMULA', 2, '序号', '1'), warning('MERGED_CELL', 3, '人数', '12')],
    );
    const plan = planImport(sheet, { 名称: 'name', 人数: 'headcount', 序号: null }, fakeLookups().lookups);
    expect(plan.rows.map((r) => [r.action, issuesOf(r)])).toEqual([
      ['create', [{ row: 2, column: '人数', value: '12', code: 'FORMULA' }]],
      ['create', [{ row: 3, column: '人数', value: '12', code: 'MERGED_CELL' }]],
    ]);
    expect(plan.totals.warnings).toBe(2);
  });
});

describe('planImport on its inputs', () => {
  it('gives every row REQUIRED when no column is mapped to the name', () => {
    const plan = planImport(
      sheetOf(
        ['企业', '地址'],
        [
          ['上海甲公司', '闵行区'],
          ['上海乙公司', '松江区'],
        ],
      ),
      { 地址: 'address' },
      fakeLookups().lookups,
    );
    expect(plan.missingFields).toEqual(['name']);
    expect(plan.rows.map((r) => [r.action, r.issues[0]?.code, r.issues[0]?.column])).toEqual([
      ['error', 'REQUIRED', null],
      ['error', 'REQUIRED', null],
    ]);
  });

  it('refuses a mapping with a field on two columns or a column the file lacks', () => {
    const sheet = sheetOf(['名称', '企业名称'], [['甲', '甲']]);
    expect(() => planImport(sheet, { 名称: 'name', 企业名称: 'name' }, fakeLookups().lookups)).toThrow(/Two columns/);
    expect(() => planImport(sheet, { 地址: 'address' }, fakeLookups().lookups)).toThrow(/does not have/);
  });

  it('exports its issue codes as one closed list', () => {
    expect(IMPORT_ISSUE_CODES).toContain('DUPLICATE_IN_FILE');
    expect(new Set(IMPORT_ISSUE_CODES).size).toBe(IMPORT_ISSUE_CODES.length);
  });

  it('plans 10,000 rows, asking each distinct place once', () => {
    const districts = ['闵行区', '松江区', '浦江镇', '闵行'];
    const rows = Array.from({ length: 10_000 }, (_, i) => [
      `上海样本${i}号医药科技有限公司`,
      creditCode(`913101${String(i).padStart(11, '0')}`),
      districts[i % districts.length],
      i % 3 ? '创新药、器械' : 'CXO',
      `${2000 + (i % 25)}-0${1 + (i % 9)}-1${i % 10}`,
      `${i % 500}人`,
    ]);
    rows[9_999][0] = '上海君实生物医药科技股份有限公司';
    const sheet = sheetOf(['企业名称', '统一社会信用代码', '所在区', '产业链环节', '成立日期', '员工人数'], rows);
    const { lookups, calls } = fakeLookups();
    const plan = planImport(sheet, suggestMapping(sheet.columns), lookups);
    expect(plan.totals).toEqual({ rows: 10_000, create: 9_999, update: 1, possibleDuplicate: 0, error: 0, warnings: 0 });
    expect(calls).toEqual({ region: 4, park: 0, segment: 3, resolve: 10_000 });
  });
});
