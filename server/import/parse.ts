/**
 * An uploaded company list (.csv or .xlsx) → a parsed sheet: header texts, rows with their
 * spreadsheet row numbers, warnings about cells. Size and row limits are checked before and while
 * reading, so a huge file is refused without being parsed and no more rows are held than needed.
 */
import { ImportFileError } from './errors.js';
import { readCsv } from './read-csv.js';
import { readXlsx } from './read-xlsx.js';
import { buildSheet } from './sheet.js';
import type { ImportLimits, ParsedSheet } from './types.js';

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_MAX_ROWS = 20_000;

const SAVE_AS = 'Open it in Excel or WPS and save it as “Excel Workbook (.xlsx)” or “CSV UTF-8 (.csv)”.';

function formatOf(fileName: string): 'csv' | 'xlsx' {
  const ext = /\.([^./\\]+)$/.exec(fileName.trim())?.[1]?.toLowerCase() ?? '';
  if (ext === 'csv' || ext === 'xlsx') return ext;
  const message =
    ext === 'xls' || ext === 'et'
      ? `“${fileName}” is in an older spreadsheet format (.${ext}), which cannot be imported. ${SAVE_AS}`
      : `Only .xlsx and .csv files can be imported${ext ? `, not .${ext}` : ''}. ${SAVE_AS}`;
  throw new ImportFileError('FILE_FORMAT', message, { extension: ext || null, accepted: ['xlsx', 'csv'] });
}

export async function parseImportFile(fileName: string, bytes: Uint8Array, limits: ImportLimits = {}): Promise<ParsedSheet> {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRows = limits.maxRows ?? DEFAULT_MAX_ROWS;
  const format = formatOf(fileName);
  if (bytes.byteLength > maxBytes) {
    throw new ImportFileError(
      'FILE_TOO_LARGE',
      `The file is ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB; at most ${(maxBytes / 1024 / 1024).toFixed(1)} MB can be imported at once. Split it into smaller files.`,
      { limitBytes: maxBytes, bytes: bytes.byteLength },
    );
  }
  if (bytes.byteLength === 0) throw new ImportFileError('FILE_EMPTY', 'The file is empty (0 bytes).');
  const raw = format === 'csv' ? readCsv(bytes, maxRows) : await readXlsx(bytes, maxRows);
  return buildSheet(raw, maxRows);
}
