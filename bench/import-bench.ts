/**
 * The import benchmark: a 10,000-row company list (XLSX, written with exceljs) imported into the
 * loaded graph — parse, dry run and apply timed apart — then reverted. Figures only; the target
 * (≤ 10 s for the whole import on the embedded store) is checked by reading them.
 */
import ExcelJS from 'exceljs';
import { revertChangeSet } from '../server/domain/curation/revert.js';
import { parseImportFile } from '../server/import/parse.js';
import { applyImport, decidePlan, mappingFor, saveImportFile } from '../server/import/service.js';
import type { GraphData } from '../server/domain/model.js';
import type { GraphStore } from '../server/store/types.js';
import { creditCodeCheck } from '../shared/model/curation.js';
import { nameIndexAt } from '../server/domain/curation/name-index.js';

export interface ImportFigures {
  rows: number;
  writeXlsxMs: number;
  parseMs: number;
  planMs: number;
  applyMs: number;
  totalMs: number;
  revertMs: number;
  /** Building the name index, which the server does at start (before the import, not in it). */
  indexMs: number;
  /** The checkpoint the store runs once writes pause after the import (off the import's path). */
  checkpointMs: number | null;
  created: number;
  relations: number;
}

const author = { username: 'bench-import', region: null, clientAddress: null };

export async function benchImport(store: GraphStore, data: GraphData, rows = 10_000): Promise<ImportFigures> {
  const regions = data.entities.filter((e) => e.type === 'Region' && e.kind !== 'city').map((e) => e.name);
  const segments = data.entities.filter((e) => e.type === 'ChainSegment').map((e) => e.name);
  let t = performance.now();
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('企业名单');
  ws.addRow(['企业名称', '统一社会信用代码', '所在区域', '产业链环节', '成立日期', '注册资本', '员工人数']);
  for (let i = 0; i < rows; i++) {
    const body = `91310000BENCH${String(i).padStart(4, '0')}`.replace(/[IOSVZ]/g, 'A').slice(0, 17);
    ws.addRow([
      `导入基准${i}号生物医药科技有限公司`,
      body + creditCodeCheck(body),
      regions[i % regions.length],
      segments[i % segments.length],
      '2019-06-01',
      '1000万元',
      50 + (i % 200),
    ]);
  }
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  const writeXlsxMs = performance.now() - t;

  t = performance.now();
  await nameIndexAt(store);
  const indexMs = performance.now() - t;

  const start = performance.now();
  t = start;
  const sheet = await parseImportFile('bench.xlsx', bytes, { maxRows: rows });
  const file = await saveImportFile(store, 'bench.xlsx', sheet, author.username);
  const parseMs = performance.now() - t;
  t = performance.now();
  const { mapping } = await mappingFor(store, author.username, sheet.columns);
  const plan = await decidePlan(store, { file: file.id, username: author.username, mapping, decisions: [] });
  const planMs = performance.now() - t;
  if (!plan.canApply) {
    const issues = plan.rows.flatMap((r) => r.issues.filter((i) => i.severity === 'error')).slice(0, 5);
    throw new Error(`bench import cannot apply: ${JSON.stringify(plan.totals)}; first issues ${JSON.stringify(issues)}`);
  }
  t = performance.now();
  const applied = await applyImport(store, author, { file: file.id, mapping, decisions: [], note: 'bench' });
  const applyMs = performance.now() - t;
  const totalMs = performance.now() - start;
  t = performance.now();
  const checkpoint =
    'checkpoint' in store && typeof store.checkpoint === 'function' ? () => (store.checkpoint as () => Promise<void>)() : null;
  if (checkpoint) await checkpoint();
  const checkpointMs = checkpoint ? performance.now() - t : null;
  t = performance.now();
  await revertChangeSet(store, author, { id: applied.changeSet.id, note: 'bench' });
  const revertMs = performance.now() - t;
  return {
    rows,
    writeXlsxMs,
    parseMs,
    planMs,
    applyMs,
    totalMs,
    revertMs,
    indexMs,
    checkpointMs,
    created: applied.result.created,
    relations: applied.result.relations,
  };
}
