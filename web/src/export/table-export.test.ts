import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { tableCsv, tableFileName, tableXlsx, type TableColumn } from './table-export.js';

interface Row {
  name: string;
  count: number | null;
}
const columns: TableColumn<Row>[] = [
  { header: '机构名称', value: (r) => r.name },
  { header: '数量', value: (r) => r.count },
];
const rows: Row[] = [
  { name: '上海思路迪生物医学科技有限公司', count: 3 },
  { name: '含"引号",和逗号', count: null },
  { name: '=HYPERLINK("http://evil")', count: 0 },
];

describe('table export', () => {
  it('writes CSV with a byte-order mark, Chinese headers, quoting, and formulas defused', () => {
    const csv = tableCsv(columns, rows);
    expect(csv.startsWith('\uFEFF机构名称,数量\r\n')).toBe(true);
    const lines = csv.slice(1).trim().split('\r\n');
    expect(lines[1]).toBe('上海思路迪生物医学科技有限公司,3');
    expect(lines[2]).toBe('"含""引号"",和逗号",');
    expect(lines[3]).toBe(`"'=HYPERLINK(""http://evil"")",0`);
  });

  it('writes XLSX whose first row is the headers and whose cells keep text and numbers', async () => {
    const blob = await tableXlsx(columns, rows, '闵行区/缺口分析');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await blob.arrayBuffer());
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('闵行区 缺口分析');
    expect(ws.getRow(1).values).toEqual([undefined, '机构名称', '数量']);
    expect(ws.getCell('A2').value).toBe('上海思路迪生物医学科技有限公司');
    expect(ws.getCell('B2').value).toBe(3);
    expect(ws.getCell('A4').value).toBe('=HYPERLINK("http://evil")');
    expect(ws.getCell('A4').formula).toBeUndefined();
  });

  it('names the file safely with the date', () => {
    expect(tableFileName('闵行区 缺口/分析', 'xlsx', new Date('2026-11-30T10:00:00Z'))).toBe('闵行区_缺口_分析_2026-11-30.xlsx');
  });
});
