/**
 * Importing a company list in a real browser: an editor uploads an XLSX of 20 companies with three
 * bad rows (a wrong credit code, an unknown district, a repeated row), sees the columns mapped from
 * their Chinese headers and each error with its row, column, value and reason, uploads the corrected
 * file, applies it, finds the companies in Explore, reverts the import and finds them gone. A viewer
 * has no Import tab and no revert button in Changes.
 */
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHANGE_KINDS,
  IMPORT_FILE_ERROR_CODES,
  IMPORT_ISSUE_CODES,
  MATCH_REASONS,
  REVISION_OPS,
  SHEET_WARNING_CODES,
  creditCodeCheck,
} from '../../shared/model/curation.js';
import { ADMIN, EDITOR, VIEWER, startApp, type AppServer } from './support/app-server.js';
import { TIMEOUT, launchBrowser, screenshot, searchSuggests, signIn } from './support/browser.js';
import { rawCodesOnScreen, schemaCodes } from './support/codes.js';

const HEADERS = ['企业名称', '统一社会信用代码', '所在区域', '产业链环节'];
const REGIONS = ['闵行区', '松江区', '浦江镇'];
const SEGMENTS = ['生物药', '医疗器械', '体外诊断', '化学药'];
const MARKS = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉';

/** A valid unified social credit code per company number. */
const code = (n: number) => {
  const body = `91310112MA1K${String(n).padStart(5, '0')}`;
  return body + creditCodeCheck(body);
};
const companyName = (i: number) => `瑞澄${MARKS[i - 1]}生物科技有限公司`;

/** The data rows' spreadsheet row numbers: the header is row 1. */
const sheetRow = (i: number) => i + 1;
const BAD_CODE_AT = 5;
const BAD_REGION_AT = 9;
const REPEAT_AT = 13;
const REPEATED = 3;

function badCode(i: number): string {
  const good = code(i);
  return good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
}

/** 20 companies; with `bad`, three rows are wrong. */
async function companyList(bad: boolean): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('企业名单');
  ws.addRow(HEADERS);
  for (let i = 1; i <= 20; i++) {
    let row = [companyName(i), code(i), REGIONS[i % REGIONS.length], SEGMENTS[i % SEGMENTS.length]];
    if (bad && i === BAD_CODE_AT) row[1] = badCode(i);
    if (bad && i === BAD_REGION_AT) row[2] = '火星区';
    if (bad && i === REPEAT_AT) row = [companyName(REPEATED), code(REPEATED), row[2], row[3]];
    ws.addRow(row);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const CODES = [
  ...schemaCodes(),
  ...IMPORT_ISSUE_CODES,
  ...SHEET_WARNING_CODES,
  ...IMPORT_FILE_ERROR_CODES,
  ...MATCH_REASONS,
  ...CHANGE_KINDS,
  ...REVISION_OPS,
];

describe('importing a company list', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startApp({ users: [ADMIN, EDITOR, VIEWER] });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const upload = (name: string, buffer: Buffer) =>
    page.getByTestId('import-file').setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
  const errorRow = (row: number) => page.locator(`[data-testid="plan-row"][data-row="${row}"]`);

  it('refuses an old .xls file with what to do about it', async () => {
    page = await signIn(browser, app, EDITOR);
    await page.getByRole('tab', { name: '导入' }).click();
    await page.getByTestId('import-not-written').waitFor();
    await upload('名单.xls', Buffer.from('not a workbook'));
    const error = page.getByTestId('upload-error');
    await expect.poll(() => error.getAttribute('data-code'), TIMEOUT).toBe('FILE_FORMAT');
    expect(await error.innerText()).toMatch(/另存为.{0,2} ?\.xlsx/);
  });

  it('maps the Chinese headers to their fields without help', async () => {
    await upload('瑞澄企业名单.xlsx', await companyList(true));
    await page.getByTestId('import-mapping').waitFor(TIMEOUT);
    const fieldOf = (column: string) => page.locator(`[data-testid="mapping-select"][data-column="${column}"]`).inputValue();
    expect(await fieldOf('企业名称')).toBe('name');
    expect(await fieldOf('统一社会信用代码')).toBe('creditCode');
    expect(await fieldOf('所在区域')).toBe('region');
    expect(await fieldOf('产业链环节')).toBe('segment');
    expect(await page.getByTestId('import-file-info').innerText()).toContain('20 行数据');
    await screenshot(page, 'import-mapping');
  });

  it('shows each bad row with its row, column, value and reason, and cannot apply', async () => {
    await page.getByTestId('mapping-next').click();
    await page.getByTestId('plan-table').waitFor(TIMEOUT);
    await expect.poll(() => page.locator('[data-testid="plan-row"][data-action="error"]').count(), TIMEOUT).toBe(3);
    // Errors come first.
    const firstRows = await page.getByTestId('plan-row').evaluateAll((rows) => rows.slice(0, 3).map((r) => r.getAttribute('data-action')));
    expect(firstRows).toEqual(['error', 'error', 'error']);
    expect(await page.locator('[data-total="error"] dd').innerText()).toBe('3');
    expect(await page.locator('[data-total="create"] dd').innerText()).toBe('17');

    const codeRow = await errorRow(sheetRow(BAD_CODE_AT)).innerText();
    expect(codeRow).toContain(companyName(BAD_CODE_AT));
    expect(codeRow).toContain('“统一社会信用代码”列');
    expect(codeRow).toContain(badCode(BAD_CODE_AT));
    expect(codeRow).toContain('统一社会信用代码校验位不对');

    const regionRow = await errorRow(sheetRow(BAD_REGION_AT)).innerText();
    expect(regionRow).toContain('“所在区域”列');
    expect(regionRow).toContain('火星区');
    expect(regionRow).toContain('找不到该区/镇');

    const repeatRow = errorRow(sheetRow(REPEAT_AT));
    expect(await repeatRow.innerText()).toContain(`与第 ${sheetRow(REPEATED)} 行重复`);
    expect(await repeatRow.locator('[data-code="DUPLICATE_IN_FILE"] .issue-where').first().innerText()).toMatch(/“.+”列/);

    expect(await page.getByTestId('plan-next').isDisabled()).toBe(true);
    expect(await page.getByTestId('cannot-apply').innerText()).toContain('3 行错误');
    expect(await rawCodesOnScreen(page, 'zh', CODES)).toEqual([]);
    await screenshot(page, 'import-plan-errors');
  });

  it('applies the corrected file as one change set and the companies are in Explore', async () => {
    await page.getByTestId('plan-upload-again').click();
    await upload('瑞澄企业名单-修正.xlsx', await companyList(false));
    await page.getByTestId('import-mapping').waitFor(TIMEOUT);
    await page.getByTestId('mapping-next').click();
    await expect.poll(() => page.locator('[data-total="create"] dd').innerText(), TIMEOUT).toBe('20');
    expect(await page.locator('[data-total="error"] dd').innerText()).toBe('0');
    // Nothing is written by the dry run.
    expect(await searchSuggests(page, app, companyName(1))).toContain('没有找到');

    await page.locator('[data-testid="plan-next"]:not([disabled])').click();
    const apply = page.getByTestId('apply-submit');
    expect(await apply.isDisabled()).toBe(true);
    await page.getByTestId('apply-note').fill('瑞澄等 20 家企业，区经委提供的 2025 年名单');
    await apply.click();
    await page.getByTestId('import-done').waitFor(TIMEOUT);
    expect(await page.getByTestId('import-done-counts').innerText()).toContain('新增 20 个机构');
    await screenshot(page, 'import-done');

    expect(await searchSuggests(page, app, companyName(1))).toContain(companyName(1));
    expect(await searchSuggests(page, app, companyName(REPEAT_AT))).toContain(companyName(REPEAT_AT));
  });

  it('reverts the whole import, and the companies are gone', async () => {
    await page.getByTestId('import-revert').click();
    await page.getByTestId('revert-note').fill('名单有误，撤销后重新整理');
    await page.getByTestId('revert-confirm').click();
    await page.getByTestId('import-revert-link').waitFor(TIMEOUT);
    expect(await searchSuggests(page, app, companyName(1))).toContain('没有找到');
    expect(await searchSuggests(page, app, companyName(20))).toContain('没有找到');

    // The change set it made, in the changes view: reverted, with a link to the revert.
    await page.getByTestId('import-changeset-link').click();
    const focused = page.getByTestId('change-focused');
    await focused.getByTestId('reverted-tag').waitFor(TIMEOUT);
    expect(await focused.locator('[data-testid="change-set"]').getAttribute('data-kind')).toBe('IMPORT');
    await page.close();
  });

  it('gives a viewer no Import tab and no revert button in Changes', async () => {
    const viewer = await signIn(browser, app, VIEWER);
    const tabs = await viewer.getByRole('tab').evaluateAll((els) => els.map((e) => e.getAttribute('data-view')));
    expect(tabs).toContain('changes');
    expect(tabs).not.toContain('import');
    await viewer.goto(`${app.url}/?view=import`);
    await viewer.getByTestId('not-allowed').waitFor(TIMEOUT);

    await viewer.goto(`${app.url}/?view=changes`);
    const imported = viewer.locator('[data-testid="change-set"][data-kind="IMPORT"]');
    await imported.first().waitFor(TIMEOUT);
    expect(await imported.first().innerText()).toContain('瑞澄等 20 家企业');
    expect(await viewer.locator('[data-testid="change-set"][data-kind="REVERT"]').count()).toBeGreaterThan(0);
    expect(await viewer.getByTestId('change-revert').count()).toBe(0);
    await imported.first().getByTestId('change-expand').click();
    await imported.first().getByTestId('revisions').waitFor(TIMEOUT);
    expect(await viewer.getByTestId('change-revert').count()).toBe(0);
    await viewer.close();
  });
});
