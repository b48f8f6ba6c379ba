/**
 * XLSX bytes → rows, with exceljs. The first non-empty worksheet (visible ones first) is read;
 * a formula gives its cached result (never evaluated), a merged range its top-left cell only,
 * a date YYYY-MM-DD, rich text its plain text, a number its digits without float noise.
 */
import type ExcelJS from 'exceljs';
import { ImportFileError } from './errors.js';
import { OLE_MAGIC, startsWith, ZIP_MAGIC } from './magic.js';
import { cleanCell, columnLetter, MAX_COLUMNS, rowsToRead, tooManyRows, type RawRow, type RawSheet, type RawWarning } from './sheet.js';

/** Styled but empty rows Excel writes below a list; exceljs counts them against its row limit. */
const BLANK_ROW_SLACK = 1000;
/** Parts of a worksheet an import never reads (exceljs skips parsing them). */
const IGNORED_NODES = [
  'dataValidations',
  'conditionalFormatting',
  'hyperlinks',
  'drawing',
  'picture',
  'headerFooter',
  'pageSetup',
  'printOptions',
  'rowBreaks',
  'extLst',
];

/** Excel keeps 15 significant digits; an integer this large may have lost its last ones. */
const PRECISE_LIMIT = 1e15;

const unreadable = (message: string, details: Record<string, unknown>) => new ImportFileError('FILE_UNREADABLE', message, details);

/** A number's text: integers in full digits, fractions rounded to 15 significant digits (no `0.30000000000000004`). */
export function numberText(n: number): { text: string; precisionLost: boolean } {
  if (!Number.isFinite(n)) return { text: String(n), precisionLost: false };
  if (Number.isInteger(n)) return { text: BigInt(n).toString(), precisionLost: Math.abs(n) >= PRECISE_LIMIT };
  return { text: String(Number(n.toPrecision(15))), precisionLost: false };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** YYYY-MM-DD (exceljs gives dates at UTC midnight); a time of day, if any, follows. */
export function dateText(d: Date): string {
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  if (h === 0 && m === 0 && s === 0) return day;
  return `${day} ${pad(h)}:${pad(m)}${s ? `:${pad(s)}` : ''}`;
}

type Plain = number | string | boolean | Date | ExcelJS.CellErrorValue | ExcelJS.CellRichTextValue | null | undefined;

interface CellRead {
  text: string | null;
  warning: Omit<RawWarning, 'row' | 'col'> | null;
}

function plainText(v: Plain): { text: string | null; precisionLost: boolean } {
  if (v == null) return { text: null, precisionLost: false };
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'string') return { text: v, precisionLost: false };
  if (typeof v === 'boolean') return { text: v ? 'TRUE' : 'FALSE', precisionLost: false };
  if (v instanceof Date) return { text: Number.isNaN(v.getTime()) ? null : dateText(v), precisionLost: false };
  if ('richText' in v) return { text: v.richText.map((r) => r.text).join(''), precisionLost: false };
  return { text: null, precisionLost: false }; // an error value (#N/A …) is no data
}

function readCell(cell: ExcelJS.Cell): CellRead {
  const v = cell.value;
  if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
    if ('formula' in v || 'sharedFormula' in v) {
      const result = v.result;
      const { text } = plainText(result);
      const shown = result !== undefined && typeof result === 'object' && 'error' in result ? result.error : text;
      const message =
        result === undefined
          ? `Cell ${cell.address} holds a formula with no saved result; open the file in Excel, save it, and upload it again.`
          : `Cell ${cell.address} holds a formula; its saved result “${shown ?? ''}” was taken.`;
      return { text: cleanCell(text), warning: { code: 'FORMULA', value: shown, message } };
    }
    if ('error' in v) {
      return { text: null, warning: { code: 'FORMULA', value: v.error, message: `Cell ${cell.address} holds the error ${v.error}.` } };
    }
    if ('hyperlink' in v) return { text: cleanCell(plainText(v.text as Plain).text), warning: null };
  }
  const { text, precisionLost } = plainText(v as Plain);
  const clean = cleanCell(text);
  if (precisionLost && clean !== null) {
    return {
      text: clean,
      warning: {
        code: 'NUMBER_PRECISION',
        value: clean,
        message: `Cell ${cell.address} holds ${clean} as a number; Excel keeps only 15 digits, so the last ones may be wrong. Format the column as text and enter the value again.`,
      },
    };
  }
  return { text: clean, warning: null };
}

type ExcelJsModule = typeof ExcelJS;
let loading: Promise<ExcelJsModule> | null = null;
/** exceljs, loaded by the first workbook read rather than at start (its load took 0.4-0.6 s of every server start). */
const exceljs = () =>
  (loading ??= import('exceljs').then((m) => (m as { default?: ExcelJsModule }).default ?? (m as unknown as ExcelJsModule)));

async function loadWorkbook(excel: ExcelJsModule, bytes: Uint8Array, maxRows: number): Promise<ExcelJS.Workbook> {
  if (startsWith(bytes, OLE_MAGIC)) {
    throw unreadable(
      'The file is password-protected, or an old Excel (.xls) workbook renamed to .xlsx. Remove the password (or open it and save as “Excel Workbook (.xlsx)”) and upload it again.',
      { reason: 'encrypted_or_xls' },
    );
  }
  if (!startsWith(bytes, ZIP_MAGIC)) {
    throw unreadable('The file is not a valid .xlsx workbook (it may be damaged, or another kind of file with an .xlsx name).', {
      reason: 'not_zip',
    });
  }
  const workbook = new excel.Workbook();
  // maxRows/maxCols are read by exceljs (WorkSheetXform) but missing from its typings.
  const options = { ignoreNodes: IGNORED_NODES, maxRows: rowsToRead(maxRows) + BLANK_ROW_SLACK, maxCols: MAX_COLUMNS };
  try {
    // A copy as a plain ArrayBuffer: what exceljs' typings ask for and JSZip reads.
    await workbook.xlsx.load(bytes.slice().buffer, options as Partial<ExcelJS.XlsxReadOptions>);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/max row count/i.test(message)) throw tooManyRows(maxRows);
    if (/max column count/i.test(message)) {
      throw new ImportFileError('TOO_MANY_COLUMNS', `A row of the workbook has more than ${MAX_COLUMNS} cells.`, {
        limitColumns: MAX_COLUMNS,
      });
    }
    throw unreadable('The .xlsx workbook could not be read; it may be damaged. Open it in Excel or WPS, save it again and upload it.', {
      reason: 'xlsx',
    });
  }
  return workbook;
}

/** Non-empty rows of one worksheet, and its cell warnings. */
function readRows(excel: ExcelJsModule, sheet: ExcelJS.Worksheet, maxRows: number): { rows: RawRow[]; warnings: RawWarning[] } {
  const rows: RawRow[] = [];
  const warnings: RawWarning[] = [];
  const limit = rowsToRead(maxRows);
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rows.length >= limit) return;
    const cells: (string | null)[] = [];
    const found: RawWarning[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const col = colNumber - 1;
      if (cell.type === excel.ValueType.Merge) {
        const master = cell.master;
        const text = master === cell ? null : readCell(master).text;
        if (text !== null) {
          found.push({
            code: 'MERGED_CELL',
            row: rowNumber,
            col,
            value: text,
            message: `Cell ${columnLetter(col)}${rowNumber} is merged into ${master.address}; only ${master.address} holds the value, so this cell is read as empty.`,
          });
        }
        return;
      }
      const { text, warning } = readCell(cell);
      cells[col] = text;
      if (warning) found.push({ ...warning, row: rowNumber, col });
    });
    const width = cells.length;
    for (let i = 0; i < width; i++) cells[i] ??= null;
    while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
    if (cells.length === 0) return;
    rows.push({ row: rowNumber, cells });
    warnings.push(...found);
  });
  if (rows.length >= limit) throw tooManyRows(maxRows);
  return { rows, warnings };
}

export async function readXlsx(bytes: Uint8Array, maxRows: number): Promise<RawSheet> {
  const excel = await exceljs();
  const workbook = await loadWorkbook(excel, bytes, maxRows);
  const sheets = workbook.worksheets;
  if (sheets.length === 0) {
    throw unreadable('The .xlsx file holds no worksheet; it may be damaged or not an Excel workbook.', { reason: 'no_worksheet' });
  }
  const ordered = [...sheets.filter((s) => s.state === 'visible' || !s.state), ...sheets.filter((s) => s.state && s.state !== 'visible')];
  for (const sheet of ordered) {
    const { rows, warnings } = readRows(excel, sheet, maxRows);
    if (rows.length > 0) return { format: 'xlsx', encoding: null, sheetName: sheet.name, rows, warnings };
  }
  throw new ImportFileError('FILE_EMPTY', 'The workbook holds no data: every worksheet is empty.');
}
