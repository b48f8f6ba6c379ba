/**
 * From the rows a reader found to a parsed sheet: which row is the header (a one-cell title line
 * above it is skipped), unique column names, cells aligned to them, and warnings placed on columns.
 * Shared by the CSV and XLSX readers so both treat a sheet the same way.
 */
import { ImportFileError } from './errors.js';
import type { ParsedSheet, SheetRow, SheetWarning, SheetWarningCode } from './types.js';

/** A row as a reader found it: non-empty, cells trimmed (null = empty), indexed from column A. */
export type RawRow = SheetRow;

/** A cell warning as a reader found it, by column index (0 = A). */
export interface RawWarning {
  code: Extract<SheetWarningCode, 'FORMULA' | 'MERGED_CELL' | 'NUMBER_PRECISION'>;
  row: number;
  col: number;
  value: string | null;
  message: string;
}

export interface RawSheet {
  format: ParsedSheet['format'];
  encoding: string | null;
  sheetName: string | null;
  rows: RawRow[];
  warnings: RawWarning[];
}

/** Rows searched for the header: a title line or a few may stand above it. */
export const HEADER_SEARCH_ROWS = 5;
/** Most columns a row may have (data beyond is refused rather than silently dropped). */
export const MAX_COLUMNS = 500;

/** `A`, `B` … `Z`, `AA` … for a 0-based column index. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A cell's text trimmed (full-width and no-break spaces too); empty → null. */
export function cleanCell(text: string | null | undefined): string | null {
  if (text == null) return null;
  const t = text.trim();
  return t === '' ? null : t;
}

export const tooManyRows = (maxRows: number) =>
  new ImportFileError('TOO_MANY_ROWS', `The file has more than ${maxRows} data rows; split it into smaller files.`, { limitRows: maxRows });

/** Non-empty rows a reader keeps at most: the header search plus maxRows + 1 data rows, enough to tell "too many". */
export const rowsToRead = (maxRows: number) => maxRows + HEADER_SEARCH_ROWS + 1;

const filled = (row: RawRow) => row.cells.reduce((n, c) => (c === null ? n : n + 1), 0);
const HAS_WORD = /[A-Za-z\u3400-\u9fff]/;

/**
 * The header is the first row, unless the first rows hold one cell each (a title, a date line) and
 * a wider row follows within HEADER_SEARCH_ROWS: then that wider row is.
 */
function headerIndex(rows: RawRow[]): number {
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let i = 0; i < limit; i++) {
    const n = filled(rows[i]);
    if (n >= 2) return i;
    if (n !== 1) break;
  }
  return 0;
}

export function buildSheet(raw: RawSheet, maxRows: number): ParsedSheet {
  if (raw.rows.length === 0) throw new ImportFileError('FILE_EMPTY', 'The file holds no data: every row is empty.');
  const h = headerIndex(raw.rows);
  const header = raw.rows[h];
  if (!header.cells.some((c) => c !== null && HAS_WORD.test(c))) {
    throw new ImportFileError(
      'NO_HEADER',
      `Row ${header.row} should hold the column names (such as 企业名称, 所在区), but it holds only numbers or dates. Add a header row above the data.`,
      { row: header.row },
    );
  }
  const data = raw.rows.slice(h + 1);
  if (data.length === 0) throw new ImportFileError('FILE_EMPTY', 'The file has a header row but no data rows.', { headerRow: header.row });
  if (data.length > maxRows) throw tooManyRows(maxRows);

  const warnings: SheetWarning[] = [];
  const { keep, columns } = nameColumns(header, data, warnings);
  const columnAt = new Map(keep.map((col, i) => [col, columns[i]]));

  for (const title of raw.rows.slice(0, h)) {
    const text = title.cells.find((c) => c !== null) ?? null;
    warnings.push({
      code: 'TITLE_ROW_SKIPPED',
      row: title.row,
      column: null,
      cell: null,
      value: text,
      message: `Row ${title.row} looks like a title above the header and was skipped.`,
    });
  }
  for (const w of raw.warnings) {
    const column = columnAt.get(w.col);
    // Warnings above the header (a merged title) or in a column without data tell the user nothing.
    if (w.row < header.row || column === undefined) continue;
    warnings.push({ code: w.code, row: w.row, column, cell: `${columnLetter(w.col)}${w.row}`, value: w.value, message: w.message });
  }
  warnings.sort((a, b) => a.row - b.row);

  return {
    format: raw.format,
    encoding: raw.encoding,
    sheetName: raw.sheetName,
    columns,
    rows: data.map((r) => ({ row: r.row, cells: keep.map((col) => r.cells[col] ?? null) })),
    warnings,
  };
}

/** Unique header texts; a column with no header text and no data is dropped, one with data gets a placeholder. */
function nameColumns(header: RawRow, data: RawRow[], warnings: SheetWarning[]): { keep: number[]; columns: string[] } {
  let width = header.cells.length;
  for (const r of data) width = Math.max(width, r.cells.length);
  const hasData = new Array<boolean>(width).fill(false);
  for (const r of data) r.cells.forEach((c, i) => (hasData[i] ||= c !== null));

  const keep: number[] = [];
  const columns: string[] = [];
  const used = new Set<string>();
  for (let col = 0; col < width; col++) {
    const text = header.cells[col] ?? null;
    if (text === null && !hasData[col]) continue;
    const letter = columnLetter(col);
    let name = text ?? `列${letter}`;
    if (text === null || used.has(name)) {
      const base = text === null ? name : `${text} (${letter})`;
      name = base;
      for (let n = 2; used.has(name); n++) name = `${base} ${n}`;
      warnings.push({
        code: text === null ? 'EMPTY_HEADER' : 'DUPLICATE_HEADER',
        row: header.row,
        column: name,
        cell: `${letter}${header.row}`,
        value: text,
        message:
          text === null
            ? `Column ${letter} has data but no header; it is called “${name}”.`
            : `The header “${text}” is used twice; column ${letter} is called “${name}”.`,
      });
    }
    used.add(name);
    keep.push(col);
    columns.push(name);
  }
  return { keep, columns };
}
