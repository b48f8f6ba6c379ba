/** Chain, Gaps, Partners, Queries and Export in a real browser against the real server. */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppServer } from './support/app-server.js';
import { canvasNodeNames, launchBrowser, layoutSettled, newPage, screenshot } from './support/browser.js';

describe('analysis views', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
    page = await newPage(browser);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('lays out the chain of 闵行区 in three tiers with its enterprises in their segments', async () => {
    await page.goto(`${app.url}/?view=chain`);
    await page.getByTestId('chain-region').selectOption({ label: '闵行区' });
    await expect.poll(() => new URL(page.url()).searchParams.get('region')).toBe('minhang');
    await expect
      .poll(() => canvasNodeNames(page, 'chain-canvas'), { timeout: 15_000 })
      .toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^上游/),
          expect.stringMatching(/^中游/),
          expect.stringMatching(/^下游/),
          '体外诊断',
          '上海思路迪生物医学科技有限公司',
        ]),
      );
    // The gaps against the whole graph are marked in the side panel too.
    await expect.poll(() => page.getByTestId('chain-panel').innerText()).toContain('缺失');
    await layoutSettled(page, 'chain-canvas');
    await screenshot(page, 'chain-minhang');
  });

  it('reports the gaps of 闵行区 as a table with candidates, and opens a candidate in Explore', async () => {
    await page.goto(`${app.url}/?view=gaps`);
    await page.getByTestId('gaps-empty').waitFor();
    await page.getByTestId('gaps-region').selectOption({ label: '\u3000闵行区' });
    const table = page.getByTestId('gaps-table');
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 15_000 }).toBeGreaterThan(3);
    await expect.poll(() => table.locator('tr[data-status="MISSING"]').count()).toBeGreaterThan(0);
    const candidate = table.locator('[data-candidate]').first();
    const name = await candidate.innerText();
    expect(name.length).toBeGreaterThan(1);
    await layoutSettled(page, 'gaps-canvas');
    await screenshot(page, 'gaps-minhang');
    await candidate.click();
    await expect.poll(() => page.getByRole('tab', { selected: true }).innerText()).toBe('探索');
    await expect.poll(() => page.getByTestId('details').locator('.details-name').innerText(), { timeout: 15_000 }).toBe(name);
  });

  it('suggests partners for 思路迪 with a sentence each and draws the explanation', async () => {
    await page.goto(`${app.url}/?view=partners`);
    await page.getByTestId('partners-empty').waitFor();
    await page.getByTestId('partner-search').getByRole('combobox').fill('思路迪');
    await page
      .getByTestId('partner-search')
      .getByRole('option', { name: /思路迪/ })
      .first()
      .click();
    const items = page.getByTestId('partner-list').locator('.partner');
    await expect.poll(() => items.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const first = await items.first().innerText();
    expect(first).toMatch(/建议|合作/);
    const firstName = await items.first().locator('.partner-name').innerText();
    await expect
      .poll(() => canvasNodeNames(page, 'partners-canvas'))
      .toEqual(expect.arrayContaining([firstName, '上海思路迪生物医学科技有限公司']));
    await items.first().hover();
    await layoutSettled(page, 'partners-canvas');
    await screenshot(page, 'partners-siludi');
  });

  it('offers example organisations when nothing is chosen: a park gets suggestions too', async () => {
    await page.goto(`${app.url}/?view=partners`);
    await page.getByTestId('partners-empty').getByRole('button', { name: '浦江智谷' }).click();
    await expect.poll(() => page.url()).toContain('partner=');
    await expect
      .poll(() => page.getByTestId('partners-panel').locator('.details-name').innerText(), { timeout: 15_000 })
      .toContain('浦江智谷');
    const items = page.getByTestId('partner-list').locator('.partner');
    await expect.poll(() => items.count(), { timeout: 15_000 }).toBeGreaterThan(0);
  });

  it('runs a saved query from its form, shows rows and a graph, and refuses a write in the Cypher editor', async () => {
    await page.goto(`${app.url}/?view=queries`);
    await page.locator('[data-query="alliance-members"]').click();
    const form = page.getByTestId('query-form');
    await form.getByTestId('param-chosen-alliance').waitFor();
    await page.getByTestId('run-query').click();
    const table = page.getByTestId('result-table');
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await table.innerText()).toContain('思路迪');
    await screenshot(page, 'queries-table');
    await page.getByRole('tab', { name: '图' }).click();
    await expect.poll(() => canvasNodeNames(page, 'query-canvas')).toEqual(expect.arrayContaining(['上海思路迪生物医学科技有限公司']));
    await layoutSettled(page, 'query-canvas');
    await screenshot(page, 'queries-graph');

    await page.locator('[data-query="@cypher"]').click();
    await page.getByTestId('cypher-text').fill("CREATE (n:Entity {id: 'x'})");
    await page.getByTestId('run-cypher').click();
    await expect.poll(() => page.getByRole('alert').first().innerText()).toContain('不允许');
    await page.getByTestId('cypher-text').fill("MATCH (n:Entity) WHERE n.name CONTAINS '思路迪' RETURN n.name AS name");
    await page.getByTestId('run-cypher').click();
    await expect.poll(() => page.getByTestId('result-table').innerText()).toContain('上海思路迪生物医学科技有限公司');
  });

  it('exports the Explore view as JSON and GraphML files that parse, and the canvas as PNG and SVG', async () => {
    await page.goto(`${app.url}/?ids=siludi&sel=siludi`);
    await expect.poll(() => canvasNodeNames(page, 'explore-canvas'), { timeout: 15_000 }).toContain('上海思路迪生物医学科技有限公司');
    const download = async (format: string) => {
      await page.getByRole('button', { name: /导出/ }).click();
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        page.locator(`[data-scope="view"][data-format="${format}"], [data-format="${format}"]:not([data-scope])`).first().click(),
      ]);
      const path = await file.path();
      return { name: file.suggestedFilename(), body: fs.readFileSync(path) };
    };
    const json = await download('JSON');
    expect(json.name).toMatch(/\.json$/);
    const parsed = JSON.parse(json.body.toString('utf8'));
    expect(JSON.stringify(parsed)).toContain('大浦江生物医药产业链党建联盟');

    const graphml = await download('GRAPHML');
    expect(graphml.body.toString('utf8')).toMatch(/<graphml[\s>]/);

    const png = await download('PNG');
    expect(png.body.subarray(1, 4).toString('latin1')).toBe('PNG');
    const svg = await download('SVG');
    expect(svg.body.toString('utf8')).toContain('<svg');
    await screenshot(page, 'export-explore');
  });
});
