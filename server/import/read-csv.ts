/**
 * CSV bytes → rows. The encoding is found from a BOM, else strict UTF-8, else GB18030 (what Excel's
 * "CSV" save writes on Chinese Windows, a superset of GBK); the delimiter from a `sep=` line or the
 * header line (`,` unless it has more `;` or tabs). Parsing is csv-parse's, quoted newlines included.
 */
import { parse } from 'csv-parse/sync';
import { ImportFileError } from './errors.js';
import { OLE_MAGIC, startsWith, ZIP_MAGIC } from './magic.js';
import { cleanCell, MAX_COLUMNS, rowsToRead, tooManyRows, type RawRow, type RawSheet, type RawWarning } from './sheet.js';

const unreadable = (message: string, details: Record<string, unknown> = {}) => new ImportFileError('FILE_UNREADABLE', message, details);

/** The text and the encoding it was read in. */
function decodeCsv(bytes: Uint8Array): { text: string; encoding: string } {
  const boms: [number[], string][] = [
    [[0xef, 0xbb, 0xbf], 'utf-8'],
    [[0xff, 0xfe], 'utf-16le'],
    [[0xfe, 0xff], 'utf-16be'],
  ];
  for (const [bom, encoding] of boms) {
    if (startsWith(bytes, bom))
      return { text: new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes.subarray(bom.length)), encoding };
  }
  for (const encoding of ['utf-8', 'gb18030']) {
    try {
      return { text: new TextDecoder(encoding, { fatal: true }).decode(bytes), encoding };
    } catch {
      // not this encoding; try the next
    }
  }
  throw unreadable('The file is not text in UTF-8 or GBK/GB18030. Save it from Excel as “CSV UTF-8” or as an .xlsx workbook.', {
    reason: 'encoding',
  });
}

/** Control characters other than tab, line breaks and form feed: text files have next to none. */
function looksBinary(text: string): boolean {
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f) control++;
  }
  return control > 2 && control > text.length / 1000;
}

/** The delimiter the header line uses most outside quotes (`,` on a tie or none). */
function detectDelimiter(text: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  let seen = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      if (seen) break;
    } else if (!quoted && ch in counts) {
      counts[ch]++;
      seen = true;
    } else if (!quoted && ch.trim() !== '') seen = true;
  }
  return [';', '\t'].reduce((best, d) => (counts[d] > counts[best] ? d : best), ',');
}

/** Excel writes a long number in a CSV as it shows it: `9.13101E+17`, the last digits gone. */
const SCIENTIFIC = /^[+-]?\d(\.\d+)?E\+\d+$/i;

export function readCsv(bytes: Uint8Array, maxRows: number): RawSheet {
  if (startsWith(bytes, ZIP_MAGIC)) {
    throw unreadable('This file is an Excel workbook with a .csv name; rename it to .xlsx and upload it again.', { reason: 'xlsx_as_csv' });
  }
  if (startsWith(bytes, OLE_MAGIC)) {
    throw unreadable('This file is an old Excel (.xls) workbook with a .csv name; save it as .xlsx or “CSV UTF-8” in Excel or WPS.', {
      reason: 'xls_as_csv',
    });
  }
  const { text: decoded, encoding } = decodeCsv(bytes);
  if (looksBinary(decoded)) throw unreadable('The file is not a text (CSV) file.', { reason: 'binary' });

  let text = decoded;
  let delimiter: string;
  const sep = /^sep=(.)\r?\n/i.exec(text);
  if (sep) {
    // Excel's own directive line: it is not shown as a row, so row numbers start after it.
    delimiter = sep[1];
    text = text.slice(sep[0].length);
  } else {
    delimiter = detectDelimiter(text);
  }

  const rows: RawRow[] = [];
  const warnings: RawWarning[] = [];
  let rowNo = 0;
  try {
    parse(text, {
      delimiter,
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      on_record: (record: string[]) => {
        // Every record is a spreadsheet row when Excel opens the file, a blank line included.
        rowNo++;
        const cells = record.map(cleanCell);
        while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
        if (cells.length === 0) return null;
        if (cells.length > MAX_COLUMNS) {
          throw new ImportFileError('TOO_MANY_COLUMNS', `Row ${rowNo} has more than ${MAX_COLUMNS} columns.`, {
            limitColumns: MAX_COLUMNS,
          });
        }
        cells.forEach((c, col) => {
          if (c !== null && SCIENTIFIC.test(c)) {
            warnings.push({
              code: 'NUMBER_PRECISION',
              row: rowNo,
              col,
              value: c,
              message: `“${c}” is a long number Excel shortened when it saved the CSV; its last digits are lost. Format the column as text in Excel and save again.`,
            });
          }
        });
        rows.push({ row: rowNo, cells });
        if (rows.length >= rowsToRead(maxRows)) throw tooManyRows(maxRows);
        return null;
      },
    });
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    const line = (err as { lines?: number }).lines ?? null;
    throw unreadable(`The CSV could not be read${line ? ` near line ${line}` : ''}: ${(err as Error).message}`, { reason: 'csv', line });
  }
  return { format: 'csv', encoding, sheetName: null, rows, warnings };
}
