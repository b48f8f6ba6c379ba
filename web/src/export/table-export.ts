/**
 * Tables as files: any table on screen (gaps, partners, key players, query results) downloads as CSV
 * (UTF-8 with a byte-order mark, so Excel and WPS open Chinese correctly) or XLSX (exceljs, loaded
 * only when asked for), with the headers the person sees — in the UI's language.
 */
import { saveBlob } from './export.js';

export interface TableColumn<Row> {
  /** The header as shown (already translated). */
  header: string;
  value: (row: Row) => string | number | boolean | null | undefined;
}

export type TableFormat = 'csv' | 'xlsx';

const csvCell = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  const s = String(v);
  // A cell a spreadsheet would run as a formula is written as text (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function tableCsv<Row>(columns: TableColumn<Row>[], rows: Row[]): string {
  const lines = [columns.map((c) => csvCell(c.header)).join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvCell(c.value(r))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function tableXlsx<Row>(columns: TableColumn<Row>[], rows: Row[], sheetName: string): Promise<Blob> {
  return workbookXlsx([{ name: sheetName, columns, rows }]);
}

export interface TableSheet<Row> {
  name: string;
  columns: TableColumn<Row>[];
  rows: Row[];
}

/** Several tables as one workbook, a sheet each (e.g. a district briefing's tables). */
export async function workbookXlsx<Row>(sheets: TableSheet<Row>[]): Promise<Blob> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const used = new Set<string>();
  for (const { name, columns, rows } of sheets) {
    // Sheet names: at most 31 characters, none of : \ / ? * [ ], unique.
    const base = name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 28) || 'Sheet';
    let sheetName = base;
    for (let i = 2; used.has(sheetName); i++) sheetName = `${base} ${i}`;
    used.add(sheetName);
    const ws = wb.addWorksheet(sheetName);
    ws.addRow(columns.map((c) => c.header));
    ws.getRow(1).font = { bold: true };
    for (const r of rows)
      ws.addRow(
        columns.map((c) => {
          const v = c.value(r);
          // Text that looks like a formula stays text: exceljs writes a plain string value as a string cell.
          return v === null || v === undefined ? null : v;
        }),
      );
    ws.columns.forEach((col, i) => {
      const widest = Math.max(columns[i].header.length, ...rows.slice(0, 200).map((r) => String(columns[i].value(r) ?? '').length));
      col.width = Math.min(60, Math.max(8, Math.round(widest * 1.6)));
    });
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }
  const buffer = await wb.xlsx.writeBuffer();
  return new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}

/** A file name stem made safe for every system, with the date. */
export const tableFileName = (stem: string, format: TableFormat, date = new Date()): string =>
  `${stem.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 80)}_${date.toISOString().slice(0, 10)}.${format}`;

export async function downloadTable<Row>(columns: TableColumn<Row>[], rows: Row[], format: TableFormat, stem: string): Promise<void> {
  const name = tableFileName(stem, format);
  if (format === 'csv') saveBlob(name, new Blob([tableCsv(columns, rows)], { type: 'text/csv;charset=utf-8' }));
  else saveBlob(name, await tableXlsx(columns, rows, stem));
}
