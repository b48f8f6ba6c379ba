/** Explore in a real browser against the real server: search, canvas, details with quotes, URL state, paths. */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServer } from './support/app-server.js';
import { closeBrowserApp, openBrowserApp } from './support/browser-app.js';
import { canvasNodeNames, layoutSettled, screenshot } from './support/browser.js';

const ALLIANCE = '大浦江生物医药产业链党建联盟';

describe('Explore', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ app, browser, page } = await openBrowserApp());
  });

  afterAll(() => closeBrowserApp({ app, browser }));

  it('shows an empty canvas with a hint and the graph size before any search', async () => {
    await page.goto(app.url);
    const empty = page.getByTestId('explore-empty');
    await expect.poll(() => empty.innerText()).toMatch(/从搜索开始/);
    await expect.poll(() => empty.innerText()).toMatch(/图谱现有 \d+ 个机构/);
    await screenshot(page, 'explore-empty');
  });

  it('searching 思路迪 suggests the company; picking it puts its alliance on the canvas and a quote in the details', async () => {
    await page.goto(app.url);
    await page.getByTestId('explore-empty').waitFor();
    await page.keyboard.press('/');
    await page.keyboard.type('思路迪');
    const option = page.getByRole('option', { name: /思路迪/ }).first();
    await option.waitFor();
    await screenshot(page, 'explore-suggestions');
    await page.keyboard.press('Enter');

    await expect
      .poll(() => canvasNodeNames(page, 'explore-canvas'), { timeout: 15_000 })
      .toEqual(expect.arrayContaining([expect.stringContaining(ALLIANCE)]));
    const details = page.getByTestId('details');
    await expect.poll(() => details.locator('.details-name').innerText()).toContain('思路迪');
    const quotes = details.getByTestId('source-quote');
    await expect.poll(() => quotes.count()).toBeGreaterThan(0);
    expect((await quotes.first().innerText()).length).toBeGreaterThan(10);
    expect(await details.innerText()).toContain(ALLIANCE);
    await layoutSettled(page, 'explore-canvas');
    await screenshot(page, 'explore-siludi');
  });

  it('keeps the canvas and the selection in the URL, so a reload shows the same view', async () => {
    const url = new URL(page.url());
    expect(url.searchParams.get('ids')).toBeTruthy();
    expect(url.searchParams.get('sel')).toBe(url.searchParams.get('ids'));
    await page.reload();
    await expect
      .poll(() => canvasNodeNames(page, 'explore-canvas'), { timeout: 15_000 })
      .toEqual(expect.arrayContaining([expect.stringContaining(ALLIANCE)]));
    await expect.poll(() => page.getByTestId('details').locator('.details-name').innerText()).toContain('思路迪');
  });

  it('hides an entity type through the filters and records the filter in the URL', async () => {
    await page.locator('[data-entity-type="Alliance"]').uncheck();
    await expect
      .poll(() => canvasNodeNames(page, 'explore-canvas'))
      .not.toEqual(expect.arrayContaining([expect.stringContaining(ALLIANCE)]));
    expect(new URL(page.url()).searchParams.get('hideTypes')).toBe('Alliance');
    await page.locator('[data-entity-type="Alliance"]').check();
    await expect.poll(() => canvasNodeNames(page, 'explore-canvas')).toEqual(expect.arrayContaining([expect.stringContaining(ALLIANCE)]));
  });

  it('finds and lists the shortest paths between the selected entity and another one', async () => {
    const pathSearch = page.getByTestId('path-search').getByRole('combobox');
    await pathSearch.fill('闵行区');
    await page
      .getByTestId('path-search')
      .getByRole('option', { name: /^闵行区/ })
      .first()
      .click();
    const paths = page.getByTestId('paths');
    await expect.poll(() => paths.locator('.path-item').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const first = await paths.locator('.path-item').first().innerText();
    expect(first).toContain('思路迪');
    expect(first).toContain('闵行区');
    expect(new URL(page.url()).searchParams.get('path')).toMatch(/,/);
    // Every entity on the path is drawn.
    await expect.poll(() => canvasNodeNames(page, 'explore-canvas')).toEqual(expect.arrayContaining([expect.stringContaining('闵行区')]));
    await layoutSettled(page, 'explore-canvas');
    await screenshot(page, 'explore-path');
  });

  it('switches the interface to English and back', async () => {
    await page.getByTestId('lang-toggle').click();
    await expect.poll(() => page.getByRole('tab', { selected: true }).innerText()).toBe('Explore');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
    await screenshot(page, 'explore-english');
    await page.getByTestId('lang-toggle').click();
    await expect.poll(() => page.getByRole('tab', { selected: true }).innerText()).toBe('探索');
  });

  it('says plainly that the server cannot be reached when it is down', async () => {
    await page.goto(app.url);
    await page.getByTestId('explore-empty').waitFor();
    await app.stop();
    await page.keyboard.press('/');
    await page.keyboard.type('闵行');
    const error = page.getByRole('listbox').locator('.suggestion-error');
    await expect.poll(() => error.innerText(), { timeout: 10_000 }).toContain('无法连接服务器');
    await screenshot(page, 'explore-server-down');
  });
});
