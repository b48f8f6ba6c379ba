/**
 * Reading uploaded company lists: CSV as Excel and WPS save it (UTF-8 with a BOM, GBK on Chinese
 * Windows), XLSX written here with exceljs (formulas, merged cells, dates, long numbers), and the
 * files that must be refused with a code a user can act on. Every file is made in the test.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ImportFileError } from '../../server/import/errors.js';
import { parseImportFile } from '../../server/import/parse.js';
import type { ImportFileErrorCode } from '../../server/import/types.js';

/** GBK (the double-byte part of GB18030), built from Node's decoder: every lead/trail pair decoded once. */
const GBK = (() => {
  const pairs: number[] = [];
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) if (trail !== 0x7f) pairs.push(lead, trail);
  }
  const chars = new TextDecoder('gb18030').decode(new Uint8Array(pairs));
  const table = new Map<string, [number, number]>();
  for (let i = 0; i < chars.length; i++) if (!table.has(chars[i])) table.set(chars[i], [pairs[2 * i], pairs[2 * i + 1]]);
  return table;
})();

function gbk(text: string): Uint8Array {
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code < 0x80) bytes.push(code);
    else {
      const pair = GBK.get(ch);
      if (!pair) throw new Error(`no GBK code for ${ch}`);
      bytes.push(...pair);
    }
  }
  return new Uint8Array(bytes);
}

const utf8 = (text: string) => new TextEncoder().encode(text);

async function xlsx(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function refusal(promise: Promise<unknown>): Promise<ImportFileError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ImportFileError);
  return err as ImportFileError;
}

async function expectRefused(promise: Promise<unknown>, code: ImportFileErrorCode): Promise<ImportFileError> {
  const err = await refusal(promise);
  expect(err.code).toBe(code);
  expect(err.message).not.toBe('');
  return err;
}

describe('CSV', () => {
  it('reads a UTF-8 CSV with a BOM (Excel’s “CSV UTF-8”): header without the BOM, spreadsheet row numbers', async () => {
    const sheet = await parseImportFile(
      '企业名单.csv',
      utf8('\uFEFF企业名称,所在区,备注\r\n上海甲生物科技有限公司,闵行区,\r\n 上海乙医药有限公司 ,松江区,重点\r\n'),
    );
    expect(sheet).toMatchObject({ format: 'csv', encoding: 'utf-8', sheetName: null, columns: ['企业名称', '所在区', '备注'] });
    expect(sheet.rows).toEqual([
      { row: 2, cells: ['上海甲生物科技有限公司', '闵行区', null] },
      { row: 3, cells: ['上海乙医药有限公司', '松江区', '重点'] },
    ]);
  });

  it('reads a GBK CSV (Excel’s “CSV” on Chinese Windows) as GB18030', async () => {
    expect([...gbk('企业名称')]).toEqual([0xc6, 0xf3, 0xd2, 0xb5, 0xc3, 0xfb, 0xb3, 0xc6]);
    const sheet = await parseImportFile(
      'list.CSV',
      gbk('企业名称,统一社会信用代码,所在区\r\n上海复宏汉霖生物技术股份有限公司,91310000MA1FL4CE4B,徐汇区\r\n'),
    );
    expect(sheet.encoding).toBe('gb18030');
    expect(sheet.columns).toEqual(['企业名称', '统一社会信用代码', '所在区']);
    expect(sheet.rows[0].cells).toEqual(['上海复宏汉霖生物技术股份有限公司', '91310000MA1FL4CE4B', '徐汇区']);
  });

  it('reads UTF-16LE text with a BOM, tab-delimited (Excel’s “Unicode text”)', async () => {
    const body = new Uint8Array(Buffer.from('企业名称\t所在区\n上海甲公司\t闵行区\n', 'utf16le'));
    const sheet = await parseImportFile('list.csv', new Uint8Array([0xff, 0xfe, ...body]));
    expect(sheet.encoding).toBe('utf-16le');
    expect(sheet.rows[0].cells).toEqual(['上海甲公司', '闵行区']);
  });

  it('takes `;` when the header uses it, keeps quoted line breaks in a cell, and skips blank lines but counts them', async () => {
    const sheet = await parseImportFile(
      'list.csv',
      utf8('名称;简介;地址\n\n"上海甲公司";"第一行\n第二行";"上海市; 闵行区"\n;;\n上海乙公司;"说 ""好"" 的";\n'),
    );
    expect(sheet.columns).toEqual(['名称', '简介', '地址']);
    expect(sheet.rows).toEqual([
      { row: 3, cells: ['上海甲公司', '第一行\n第二行', '上海市; 闵行区'] },
      { row: 5, cells: ['上海乙公司', '说 "好" 的', null] },
    ]);
  });

  it('follows Excel’s `sep=` line, which is not a row', async () => {
    const sheet = await parseImportFile('list.csv', utf8('sep=;\n名称;地址,门牌\n上海甲公司;闵行区,1号\n'));
    expect(sheet.columns).toEqual(['名称', '地址,门牌']);
    expect(sheet.rows).toEqual([{ row: 2, cells: ['上海甲公司', '闵行区,1号'] }]);
  });

  it('warns that a credit code Excel saved as 9.13101E+17 has lost digits', async () => {
    const sheet = await parseImportFile('list.csv', utf8('名称,信用代码\n上海甲公司,9.13101E+17\n'));
    expect(sheet.warnings).toEqual([
      expect.objectContaining({ code: 'NUMBER_PRECISION', row: 2, column: '信用代码', cell: 'B2', value: '9.13101E+17' }),
    ]);
  });

  it('refuses binary bytes and an unclosed quote as unreadable', async () => {
    const garbage = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 256);
    await expectRefused(parseImportFile('list.csv', garbage), 'FILE_UNREADABLE');
    // Valid UTF-8, but a binary file all the same.
    await expectRefused(parseImportFile('list.csv', utf8('名称,地址\n\u0000\u0001\u0002\u0000,x\n')), 'FILE_UNREADABLE');
    await expectRefused(parseImportFile('list.csv', utf8('名称,地址\n"上海甲公司,闵行区\n')), 'FILE_UNREADABLE');
  });

  it('tells the user a workbook was given a .csv name', async () => {
    const book = await xlsx((wb) => wb.addWorksheet('a').addRow(['名称']));
    const err = await expectRefused(parseImportFile('list.csv', book), 'FILE_UNREADABLE');
    expect(err.message).toMatch(/\.xlsx/);
  });
});

describe('XLSX', () => {
  it('reads dates, rich text, numbers without float noise, and warns about formulas, merged cells and long numbers', async () => {
    const bytes = await xlsx((wb) => {
      const ws = wb.addWorksheet('企业');
      ws.addRow(['企业名称', '所在区', '成立日期', '统一社会信用代码', '联系电话', '注册资本', '员工人数']);
      ws.addRow([
        '上海甲公司',
        '闵行区',
        new Date(Date.UTC(2020, 2, 5)),
        Number('913101157178611234'),
        13812345678,
        0.1 + 0.2,
        { formula: 'ROUND(120.4,0)', result: 120 },
      ]);
      ws.addRow([
        { richText: [{ text: '上海' }, { text: '乙公司', font: { bold: true } }] },
        null,
        '2019年7月',
        '91310000MA1FL4CE4B',
        null,
        5000,
        { formula: 'A1+1' },
      ]);
      ws.addRow(['上海丙公司', null, null, null, null, null, 80]);
      ws.mergeCells('B3:B4');
      ws.getCell('B3').value = '松江区';
    });
    const sheet = await parseImportFile('list.xlsx', bytes);
    expect(sheet).toMatchObject({ format: 'xlsx', encoding: null, sheetName: '企业' });
    expect(sheet.rows).toEqual([
      { row: 2, cells: ['上海甲公司', '闵行区', '2020-03-05', '913101157178611200', '13812345678', '0.3', '120'] },
      { row: 3, cells: ['上海乙公司', '松江区', '2019年7月', '91310000MA1FL4CE4B', null, '5000', null] },
      { row: 4, cells: ['上海丙公司', null, null, null, null, null, '80'] },
    ]);
    const warnings = sheet.warnings.map(({ code, row, column, cell, value }) => ({ code, row, column, cell, value }));
    expect(warnings).toEqual([
      { code: 'NUMBER_PRECISION', row: 2, column: '统一社会信用代码', cell: 'D2', value: '913101157178611200' },
      { code: 'FORMULA', row: 2, column: '员工人数', cell: 'G2', value: '120' },
      { code: 'FORMULA', row: 3, column: '员工人数', cell: 'G3', value: null },
      { code: 'MERGED_CELL', row: 4, column: '所在区', cell: 'B4', value: '松江区' },
    ]);
    expect(sheet.warnings.find((w) => w.cell === 'G3')?.message).toMatch(/no saved result/);
  });

  it('skips a merged title row above the header, names empty and repeated headers, and drops empty columns', async () => {
    const bytes = await xlsx((wb) => {
      const ws = wb.addWorksheet('名单');
      ws.addRow(['闵行区生物医药重点企业名单（2026年）']);
      ws.mergeCells('A1:F1');
      ws.addRow(['序号', '名称', null, '名称', null, '备注']);
      ws.addRow([1, '上海甲公司', '甲', '上海甲生物', null, null]);
      ws.addRow([2, '上海乙公司', null, null, null, '新增']);
    });
    const sheet = await parseImportFile('list.xlsx', bytes);
    expect(sheet.columns).toEqual(['序号', '名称', '列C', '名称 (D)', '备注']);
    expect(sheet.rows).toEqual([
      { row: 3, cells: ['1', '上海甲公司', '甲', '上海甲生物', null] },
      { row: 4, cells: ['2', '上海乙公司', null, null, '新增'] },
    ]);
    expect(sheet.warnings.map((w) => [w.code, w.row, w.cell])).toEqual([
      ['TITLE_ROW_SKIPPED', 1, null],
      ['EMPTY_HEADER', 2, 'C2'],
      ['DUPLICATE_HEADER', 2, 'D2'],
    ]);
  });

  it('reads the first non-empty worksheet', async () => {
    const bytes = await xlsx((wb) => {
      wb.addWorksheet('说明');
      const ws = wb.addWorksheet('数据');
      ws.addRow(['企业名称', '所在区']);
      ws.addRow(['上海甲公司', '闵行区']);
    });
    const sheet = await parseImportFile('list.xlsx', bytes);
    expect(sheet.sheetName).toBe('数据');
    expect(sheet.rows).toHaveLength(1);
  });

  it('refuses garbage named .xlsx, a damaged workbook, and a password-protected one as unreadable', async () => {
    const garbage = new Uint8Array(2048).map((_, i) => (i * 31 + 7) % 256);
    await expectRefused(parseImportFile('list.xlsx', garbage), 'FILE_UNREADABLE');
    const book = await xlsx((wb) => wb.addWorksheet('a').addRow(['名称', '地址']));
    await expectRefused(parseImportFile('list.xlsx', book.subarray(0, book.length / 2)), 'FILE_UNREADABLE');
    const ole = new Uint8Array(1024);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const err = await expectRefused(parseImportFile('list.xlsx', ole), 'FILE_UNREADABLE');
    expect(err.message).toMatch(/password/);
  });
});

describe('refusals', () => {
  it('refuses an empty file, a blank one and a header without data as FILE_EMPTY', async () => {
    await expectRefused(parseImportFile('list.csv', new Uint8Array()), 'FILE_EMPTY');
    await expectRefused(parseImportFile('list.xlsx', new Uint8Array()), 'FILE_EMPTY');
    await expectRefused(parseImportFile('list.csv', utf8('\r\n ,, \r\n\r\n')), 'FILE_EMPTY');
    await expectRefused(parseImportFile('list.csv', utf8('企业名称,所在区\r\n')), 'FILE_EMPTY');
    await expectRefused(parseImportFile('list.xlsx', await xlsx((wb) => wb.addWorksheet('空'))), 'FILE_EMPTY');
  });

  it('refuses a 50 MB file before reading it', async () => {
    // Zeros: had the reader run, this would be FILE_UNREADABLE.
    const huge = new Uint8Array(50 * 1024 * 1024);
    const err = await expectRefused(parseImportFile('list.xlsx', huge), 'FILE_TOO_LARGE');
    expect(err.details).toMatchObject({ limitBytes: 10 * 1024 * 1024 });
    await expectRefused(parseImportFile('list.csv', utf8('名称\n上海甲公司\n'), { maxBytes: 10 }), 'FILE_TOO_LARGE');
  });

  it('refuses .xls and other formats, telling how to save as .xlsx', async () => {
    const xls = await expectRefused(parseImportFile('名单.xls', utf8('whatever')), 'FILE_FORMAT');
    expect(xls.message).toMatch(/\.xlsx/);
    expect(xls.details).toMatchObject({ extension: 'xls' });
    await expectRefused(parseImportFile('名单.pdf', utf8('%PDF')), 'FILE_FORMAT');
    await expectRefused(parseImportFile('名单', utf8('名称\n甲\n')), 'FILE_FORMAT');
  });

  it('refuses more rows than the limit, and takes exactly the limit', async () => {
    const csv = (n: number) => utf8(['名称,所在区', ...Array.from({ length: n }, (_, i) => `公司${i},闵行区`)].join('\n'));
    expect((await parseImportFile('list.csv', csv(10), { maxRows: 10 })).rows).toHaveLength(10);
    const err = await expectRefused(parseImportFile('list.csv', csv(11), { maxRows: 10 }), 'TOO_MANY_ROWS');
    expect(err.details).toMatchObject({ limitRows: 10 });
    await expectRefused(parseImportFile('list.csv', csv(5000), { maxRows: 10 }), 'TOO_MANY_ROWS');
    const book = await xlsx((wb) => {
      const ws = wb.addWorksheet('a');
      ws.addRow(['名称', '所在区']);
      for (let i = 0; i < 11; i++) ws.addRow([`公司${i}`, '闵行区']);
    });
    await expectRefused(parseImportFile('list.xlsx', book, { maxRows: 10 }), 'TOO_MANY_ROWS');
    expect((await parseImportFile('list.xlsx', book, { maxRows: 11 })).rows).toHaveLength(11);
  });

  it('refuses a sheet whose first row is data, not column names', async () => {
    const err = await expectRefused(parseImportFile('list.csv', utf8('2020-01-01,120,3.5\n2021-02-02,80,1\n')), 'NO_HEADER');
    expect(err.details).toMatchObject({ row: 1 });
  });

  it('gives a domain error (BAD_USER_INPUT) carrying the import code', async () => {
    const err = await refusal(parseImportFile('a.xls', utf8('x')));
    expect(err.toDomainError()).toMatchObject({ code: 'BAD_USER_INPUT', details: { importCode: 'FILE_FORMAT' } });
  });
});
