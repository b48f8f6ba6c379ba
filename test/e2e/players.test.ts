/**
 * Key players and partners in a real browser against the real server: the ranked table with its labels
 * and rules, node size by score on the canvas, the table exported with the headers on screen; partner
 * ties broken and explained, a canvas node opening its card with sources, the Explore selection offered.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServer } from './support/app-server.js';
import { closeBrowserApp, openBrowserApp } from './support/browser-app.js';
import { canvasNodeNames, layoutSettled, screenshot, TIMEOUT } from './support/browser.js';

interface Drawn {
  id: string;
  /** Rendered diameter, at zoom 1. */
  width: number;
  label: string;
  /** Rendered position inside the page. */
  px: number;
  py: number;
}

/** The nodes a canvas draws, read from the Cytoscape instance behind it. */
async function drawn(page: Page, testId: string): Promise<Drawn[]> {
  return page.evaluate((id) => {
    const el = document.querySelector(`[data-testid="${id}"] .graph-canvas-cy`) as HTMLElement & {
      _cyreg: { cy: { nodes(): { map<T>(f: (n: never) => T): T[] } } };
    };
    const box = el.getBoundingClientRect();
    return el._cyreg.cy.nodes().map((n: any) => {
      const p = n.renderedPosition();
      return { id: n.id(), width: n.width(), label: String(n.data('label')), px: box.left + p.x, py: box.top + p.y };
    });
  }, testId);
}

/** Whether an element is inside its scrolling panel's visible part. */
const inView = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) => {
    const r = el.getBoundingClientRect();
    const panel = el.closest('.side-panel')!.getBoundingClientRect();
    return r.top >= panel.top - 1 && r.top < panel.bottom;
  });

describe('key players and partners', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ app, browser, page } = await openBrowserApp());
  });

  afterAll(() => closeBrowserApp({ app, browser }));

  it('ranks key players in a table with 链主 and 跨区桥梁 labelled and explained, and sizes canvas nodes by score', async () => {
    await page.goto(`${app.url}/?view=players`);
    const table = page.getByTestId('players-table');
    await expect.poll(() => table.locator('tbody tr').count(), TIMEOUT).toBe(30);
    // Ranked by score: the 大浦江 alliance first.
    expect(await table.locator('tbody tr').first().getAttribute('data-player')).toBe('dapujiang-party-alliance');
    const scores = (await table.locator('tbody td[data-col="score"]').allInnerTexts()).map(Number);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // Labels, each rule stated in one sentence above the table.
    expect(await table.locator('tr[data-player="medtronic"] [data-label]').allInnerTexts()).toEqual(['链主']);
    expect(await table.locator('tr[data-player="sh-fic-north-area"] [data-label]').allInnerTexts()).toEqual(['跨区桥梁']);
    expect(await table.locator('tr[data-player="dapujiang-party-alliance"] [data-label]').count()).toBe(0);
    const rules = await page.getByTestId('players-rules').innerText();
    expect(rules).toContain('链主：本范围企业中关联数居前 3 位');
    expect(rules).toContain('跨区桥梁：本身或其直接关联的机构分布在至少 2 个区');
    expect(rules).toContain('综合分 = 0.5 × 关联数 ÷ 最高关联数（35）');
    // The canvas: the first player is drawn biggest, the last smallest; labels written under the name.
    await layoutSettled(page, 'players-canvas');
    const nodes = await drawn(page, 'players-canvas');
    expect(nodes).toHaveLength(30);
    const width = (id: string) => nodes.find((n) => n.id === id)!.width;
    const last = (await table.locator('tbody tr').last().getAttribute('data-player'))!;
    expect(width('dapujiang-party-alliance')).toBe(Math.max(...nodes.map((n) => n.width)));
    expect(width('dapujiang-party-alliance')).toBeGreaterThan(2 * width(last));
    expect(nodes.find((n) => n.id === 'medtronic')!.label).toContain('〔链主〕');
    await screenshot(page, 'players-zh');
    // Clicking a node picks its row.
    const medtronic = nodes.find((n) => n.id === 'medtronic')!;
    await page.mouse.click(medtronic.px, medtronic.py);
    await expect.poll(() => table.locator('tr[data-player="medtronic"]').getAttribute('class')).toContain('active');
  });

  it('exports the key players canvas from its export menu: the SVG draws every node the canvas shows', async () => {
    await page.goto(`${app.url}/?view=players&region=minhang`);
    await expect.poll(() => page.getByTestId('players-table').locator('tbody tr').count(), TIMEOUT).toBeGreaterThan(2);
    await layoutSettled(page, 'players-canvas');
    const shown = (await drawn(page, 'players-canvas')).map((n) => n.id).sort();
    await page.locator('.canvas-area .export-menu > button').click();
    const [file] = await Promise.all([page.waitForEvent('download'), page.locator('.export-dropdown [data-format="SVG"]').click()]);
    expect(file.suggestedFilename()).toMatch(/^关键机构-minhang.*\.svg$/);
    const svg = fs.readFileSync((await file.path())!, 'utf8');
    const ids = [...svg.matchAll(/<g [^>]*class="node"[^>]*>/g)].map((m) => /data-id="([^"]*)"/.exec(m[0])?.[1] ?? '').sort();
    expect(ids).toEqual(shown);
    expect(ids.length).toBeGreaterThan(2);
  });

  it('narrows to a district and exports the table with the English headers on screen', async () => {
    await page.goto(`${app.url}/?view=players&region=minhang&lang=en`);
    const table = page.getByTestId('players-table');
    await expect.poll(() => table.locator('tbody tr').first().getAttribute('data-player'), TIMEOUT).toBe('lingang-pujiang-science-city');
    expect(await table.locator('thead').innerText()).toMatch(
      /Organisation[\s\S]*Score[\s\S]*Links[\s\S]*Betweenness[\s\S]*Districts linked/,
    );
    expect(await page.getByTestId('players-rules').innerText()).toContain('Chain leader (链主): an enterprise of this scope');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('table-export-csv').click()]);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    const [header, first] = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(header).toBe('Rank,Organisation,Type,Labels,Score,Links,Betweenness,Districts linked');
    expect(first).toMatch(/^1,/);
  });

  it('breaks ties between 思路迪’s hospitals with evidence, says how equal scores were ordered, and opens a canvas node’s card with its sources', async () => {
    await page.goto(`${app.url}/?view=partners&partner=siludi`);
    const cards = page.getByTestId('partner-list').locator('.partner');
    await expect.poll(() => cards.count(), TIMEOUT).toBe(10);
    const first = cards.first();
    expect(await first.getAttribute('data-partner')).toBe('pujiang-chc');
    expect(await first.locator('.score').innerText()).toBe('5.50');
    // Each kind of evidence says what it adds; they add up to the score.
    expect(await first.locator('.kind-tag').allInnerTexts()).toEqual([
      '同一联盟 +2',
      '产业链互补 +1',
      '临床合作 +1',
      '同一地点 +0.5',
      '共同活动 +0.5',
      '签约记录 +0.5',
    ]);
    expect(await cards.nth(1).locator('.score').innerText()).toBe('5.00');
    // The Eye & ENT hospital's 浦江院区 is in 浦江镇: it is ahead of 五院, no longer tied with it.
    expect(await cards.nth(2).getAttribute('data-partner')).toBe('eent');
    expect(await cards.nth(2).locator('.score').innerText()).toBe('4.50');
    expect(await cards.nth(2).locator('.kind-tag').allInnerTexts()).toContain('下属单位在本地 +0.5');
    expect(await cards.nth(3).getAttribute('data-partner')).toBe('shanghai-fifth-hospital');
    expect(await cards.nth(3).locator('.score').innerText()).toBe('4.00');
    expect(await cards.nth(3).getByTestId('partner-tie').count()).toBe(0);
    // Two parks still tie; the list says how they were ordered.
    expect(await cards.nth(5).locator('.score').innerText()).toBe(await cards.nth(4).locator('.score').innerText());
    expect(await cards.nth(5).getByTestId('partner-tie').innerText()).toBe('与上一条同分、来源日期相同：按名称排序');
    expect(await cards.nth(1).getByTestId('partner-tie').count()).toBe(0);
    expect(await page.getByTestId('partners-rules').innerText()).toContain('共同活动（每项 +0.5，最多 2 项）');

    // A suggestion low in the list, clicked on the canvas: its card scrolls into view, open with its sources.
    const target = (await cards.nth(8).getAttribute('data-partner'))!;
    const selector = `[data-partner="${target}"]`;
    expect(await inView(page, selector)).toBe(false);
    await layoutSettled(page, 'partners-canvas');
    const node = (await drawn(page, 'partners-canvas')).find((n) => n.id === target)!;
    await page.mouse.click(node.px, node.py);
    const card = page.locator(selector);
    await expect.poll(() => card.getAttribute('class')).toContain('active');
    await expect.poll(() => card.getByTestId('partner-sources').getByTestId('source-quote').count(), TIMEOUT).toBeGreaterThan(0);
    await expect.poll(() => inView(page, selector)).toBe(true);
    await screenshot(page, 'partners-sources');
  });

  it('offers the entity selected in Explore', async () => {
    await page.goto(`${app.url}/?view=explore&ids=medtronic&sel=medtronic`);
    await expect.poll(() => page.getByTestId('details').locator('.details-name').innerText(), TIMEOUT).toBe('美敦力');
    await page.getByRole('tab', { name: '合作伙伴' }).click();
    const offer = page.getByTestId('partners-offer');
    await expect.poll(() => offer.innerText(), TIMEOUT).toContain('探索中选中的：美敦力');
    await offer.getByRole('button').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('partner')).toBe('medtronic');
    await expect.poll(() => page.getByTestId('partners-panel').locator('.details-name').innerText(), TIMEOUT).toBe('美敦力');
    await expect.poll(() => page.getByTestId('partner-list').locator('.partner').count(), TIMEOUT).toBeGreaterThan(0);
    // Once it is the subject, it is no longer offered.
    expect(await offer.count()).toBe(0);
    expect(await canvasNodeNames(page, 'partners-canvas')).toContain('美敦力');
  });
});
