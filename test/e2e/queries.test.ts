/** Queries view in a real browser: entity parameters by name, readable headers, and the Cypher editor with the graph's schema. */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServer } from './support/app-server.js';
import { closeBrowserApp, openBrowserApp } from './support/browser-app.js';
import { screenshot, TIMEOUT } from './support/browser.js';
import { rawCodesOnScreen, schemaCodes } from './support/codes.js';

const headers = (page: Page) =>
  page
    .getByTestId('result-table')
    .locator('thead th')
    .evaluateAll((ths) => ths.map((th) => (th as HTMLElement).innerText.trim()));

const editorText = (page: Page) => page.getByTestId('cypher-text').evaluate((el) => (el as HTMLElement).innerText.replace(/\u200b/g, ''));

/** Replaces the editor's text by typing, as a person does (so completion reacts). */
async function typeQuery(page: Page, text: string) {
  const editor = page.getByTestId('cypher-text');
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text);
}

describe('queries view', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ app, browser, page } = await openBrowserApp());
  });

  afterAll(() => closeBrowserApp({ app, browser }));

  it('chooses a saved query’s alliance by typing its Chinese name, and shows the members of that alliance', async () => {
    await page.goto(`${app.url}/?view=queries&query=alliance-members`);
    const form = page.getByTestId('query-form');
    // The default is shown by name, never as its id.
    await expect.poll(() => form.getByTestId('param-chosen-alliance').innerText(), TIMEOUT).toContain('大浦江生物医药产业链党建联盟');
    expect(await form.innerText()).not.toContain('dapujiang-party-alliance');

    await form.getByTestId('param-search-alliance').locator('input').fill('工商联生物医药');
    await page.getByRole('option', { name: /闵行区工商联生物医药产业联盟/ }).click();
    await expect.poll(() => form.getByTestId('param-chosen-alliance').innerText()).toContain('闵行区工商联生物医药产业联盟');
    await page.getByTestId('run-query').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('params') ?? page.url()).toContain('minhang-fic-biomed-alliance');
    const table = page.getByTestId('result-table');
    await expect.poll(() => table.innerText(), TIMEOUT).toContain('诺斯清');
    expect(await table.innerText()).not.toContain('思路迪');
    await screenshot(page, 'queries-entity-param');
  });

  it('shows the result’s column headers in Chinese, exports them as shown, and in English in English mode', async () => {
    await page.goto(`${app.url}/?view=queries&query=alliance-members`);
    await page.getByTestId('run-query').click();
    await page.getByTestId('result-table').locator('tbody tr').first().waitFor(TIMEOUT);
    const zh = await headers(page);
    expect(zh).toEqual(expect.arrayContaining(['成员名称', '角色', '日期', '成员单位', '联盟']));
    // No header is a raw alias or property code (member, m, r, a…).
    expect(zh.filter((h) => /^[A-Za-z_]+$/.test(h))).toEqual([]);
    expect(await rawCodesOnScreen(page, 'zh', schemaCodes())).toEqual([]);
    // The Chinese UI shows the Chinese description only.
    expect(await page.getByTestId('query-form').locator('.panel-heading').innerText()).not.toMatch(/[A-Za-z]{3,}/);

    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('table-export-csv').click()]);
    const csv = fs.readFileSync(await file.path(), 'utf8');
    expect(csv.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('成员名称,类型,角色,日期,成员单位,成员关系,联盟');

    await page.goto(`${app.url}/?view=queries&query=alliance-members&lang=en`);
    await page.getByTestId('run-query').click();
    await page.getByTestId('result-table').locator('tbody tr').first().waitFor(TIMEOUT);
    const en = await headers(page);
    expect(en).toEqual(expect.arrayContaining(['Member name', 'Role', 'Member', 'Alliance']));
    expect(en.filter((h) => ['member', 'type', 'role', 'date', 'm', 'r', 'a'].includes(h))).toEqual([]);
    expect(await page.getByTestId('query-form').locator('.panel-heading').innerText()).not.toMatch(/[\u4e00-\u9fff]/);
    expect(await rawCodesOnScreen(page, 'en', schemaCodes())).toEqual([]);
  });

  it('highlights Cypher, completes relation and entity types from the graph’s schema, and inserts from the schema browser', async () => {
    await page.goto(`${app.url}/?view=queries&query=@cypher`);
    const editor = page.getByTestId('cypher-text');
    await editor.waitFor(TIMEOUT);
    // The example query is coloured: keywords and the relation type have their own marks.
    await expect.poll(() => editor.locator('.cy-keyword').allInnerTexts()).toEqual(expect.arrayContaining(['MATCH', 'RETURN']));
    expect(await editor.locator('.cy-relationshipType').allInnerTexts()).toContain('MEMBER_OF');

    await typeQuery(page, 'MATCH (a:Entity)-[r:MEM');
    const completion = page.locator('.cm-tooltip-autocomplete');
    await expect.poll(() => completion.innerText(), TIMEOUT).toContain('MEMBER_OF');
    expect(await completion.innerText()).toContain('成员');
    await screenshot(page, 'queries-completion-relation');
    await page.keyboard.press('Enter');
    await expect.poll(() => editorText(page)).toBe('MATCH (a:Entity)-[r:MEMBER_OF');

    await typeQuery(page, "MATCH (n:Entity) WHERE n.type = 'Hos");
    await expect.poll(() => completion.innerText(), TIMEOUT).toContain('Hospital');
    expect(await completion.innerText()).toContain('医院');
    // Chosen by clicking it: on a busy machine the list can refresh between seeing it and an Enter,
    // and the Enter then lands in the text as a new line.
    await completion.locator('li', { hasText: 'Hospital' }).first().click();
    await expect.poll(() => editorText(page)).toBe("MATCH (n:Entity) WHERE n.type = 'Hospital");
    await page.keyboard.type("' RETURN n.name AS name");
    await expect.poll(() => editorText(page)).toBe("MATCH (n:Entity) WHERE n.type = 'Hospital' RETURN n.name AS name");
    await page.getByTestId('run-cypher').click();
    await expect.poll(() => page.getByTestId('result-table').innerText(), TIMEOUT).toContain('医院');

    // The schema beside the editor: entity types with their Chinese labels; a click inserts at the cursor.
    const schema = page.getByTestId('schema-browser');
    expect(await schema.innerText()).toContain('医院');
    await typeQuery(page, 'MATCH ');
    await schema.locator('[data-schema="University"]').click();
    await expect.poll(() => editorText(page)).toBe("MATCH (n:Entity {type: 'University'})");
    await screenshot(page, 'queries-schema-browser');
  });

  it('explains an invalid or refused query in the UI’s language, in the editor and after running it', async () => {
    await page.goto(`${app.url}/?view=queries&query=@cypher`);
    await page.getByTestId('cypher-text').waitFor(TIMEOUT);
    await typeQuery(page, 'MATCH (n:Entity) RETRN n');
    // The editor marks the mistake as it is typed…
    const mark = page.locator('.cm-lintRange-error').first();
    await mark.waitFor(TIMEOUT);
    await mark.hover();
    await expect.poll(() => page.locator('.cm-tooltip-lint').innerText(), TIMEOUT).toContain('无法识别“RETRN”');
    // …and the server's verdict reads in Chinese, with where.
    await page.getByTestId('run-cypher').click();
    const error = page.getByTestId('cypher-error');
    await expect.poll(() => error.innerText(), TIMEOUT).toContain('Cypher 有误');
    const text = await error.innerText();
    expect(text).toContain('第 1 行');
    expect(text).not.toMatch(/expecting|input|mismatched|viable/);
    await screenshot(page, 'queries-error');

    await typeQuery(page, "CREATE (n:Entity {id: 'x'}) RETURN n");
    await page.getByTestId('run-cypher').click();
    await expect.poll(() => error.innerText(), TIMEOUT).toContain('不允许以 CREATE 开头');

    await page.goto(`${app.url}/?view=queries&query=@cypher&lang=en`);
    await page.getByTestId('run-cypher').click();
    await expect.poll(() => error.innerText(), TIMEOUT).toContain('Not allowed to start with CREATE');
  });

  it('keeps the typed query when switching to another view and back, and after a reload', async () => {
    await page.goto(`${app.url}/?view=queries&query=@cypher`);
    await page.getByTestId('cypher-text').waitFor(TIMEOUT);
    const typed = "MATCH (p:Entity) WHERE p.type = 'Park' RETURN p.name AS park";
    await typeQuery(page, typed);
    await page.getByRole('tab', { name: '探索' }).click();
    await page.getByTestId('cypher-text').waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: '查询' }).click();
    await page.locator('[data-query="@cypher"]').click();
    await expect.poll(() => editorText(page), TIMEOUT).toBe(typed);
    await page.reload();
    await expect.poll(() => editorText(page), TIMEOUT).toBe(typed);
  });
});
