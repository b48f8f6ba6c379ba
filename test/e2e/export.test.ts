/**
 * Exports in a real browser against the real server: the SVG of each canvas, opened in Chromium,
 * draws every node the canvas shows with its shape and a readable label; "导出当前视图" writes
 * what is visible (filters respected) and says how much that is.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServer } from './support/app-server.js';
import { closeBrowserApp, openBrowserApp } from './support/browser-app.js';
import { ARTIFACTS, layoutSettled, screenshot, TIMEOUT } from './support/browser.js';

/** A node of the canvas as its screen-reader list names it. */
interface CanvasNode {
  id: string;
  name: string;
}

/** A node group of the exported SVG as Chromium draws it. */
interface SvgNode {
  id: string;
  /** The text of its label lines, joined. */
  label: string;
  /** Some path of it is painted (fill or stroke) in a colour other than white, with an area. */
  shapeDrawn: boolean;
  /** Every label line is filled in a colour that is not white, and not outlined. */
  labelReadable: boolean;
}

const norm = (s: string) => s.replace(/[\s…]/g, '');

async function canvasNodes(page: Page, canvas: string): Promise<CanvasNode[]> {
  return page
    .locator(`[data-testid="${canvas}"] [data-testid="canvas-nodes"] li`)
    .evaluateAll((lis) => lis.map((li) => ({ id: li.getAttribute('data-id') ?? '', name: li.textContent ?? '' })));
}

async function openMenu(page: Page): Promise<void> {
  await page.locator('.export-menu > button').click();
  await page.locator('.export-dropdown').waitFor();
}

async function download(page: Page, selector: string): Promise<{ name: string; body: Buffer }> {
  await openMenu(page);
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(`.export-dropdown ${selector}`).click()]);
  return { name: file.suggestedFilename(), body: fs.readFileSync((await file.path())!) };
}

/** Opens the SVG as a file in Chromium (an XML error would show instead) and reads what it draws. */
async function drawnSvg(browser: Browser, svg: Buffer, shot: string): Promise<SvgNode[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bioeco-svg-'));
  const file = path.join(dir, 'export.svg');
  fs.writeFileSync(file, svg);
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  try {
    await page.goto(pathToFileURL(file).href);
    expect(await page.locator('parsererror').count()).toBe(0);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    // The whole drawing (an SVG document has no page to scroll): the viewport takes its size.
    const size = await page.evaluate(() => [
      document.documentElement.getAttribute('width'),
      document.documentElement.getAttribute('height'),
    ]);
    const [w, h] = size.map((v) => Math.min(3000, Math.max(200, Math.ceil(Number(v) || 0))));
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: path.join(ARTIFACTS, `${shot}.png`) });
    return await page.locator('g.node').evaluateAll((groups) => {
      const white = (c: string) => c === 'none' || /^rgba?\(255, 255, 255(, [\d.]+)?\)$/.test(c) || /rgba\(\d+, \d+, \d+, 0\)/.test(c);
      return groups.map((g) => {
        const own = (sel: string) => [...g.querySelectorAll(sel)].filter((el) => el.closest('g.node') === g) as SVGGraphicsElement[];
        const texts = own('text');
        const shapeDrawn = own('path, rect, polygon, ellipse, circle').some((el) => {
          const box = el.getBBox();
          const style = getComputedStyle(el);
          return box.width > 1 && box.height > 1 && (!white(style.fill) || (!white(style.stroke) && parseFloat(style.strokeWidth) > 0));
        });
        const labelReadable = texts.every((t) => {
          const style = getComputedStyle(t);
          return !white(style.fill) && Number(style.fillOpacity) > 0.5 && style.stroke === 'none' && t.getBBox().width > 0;
        });
        return {
          id: g.getAttribute('data-id') ?? '',
          label: texts.map((t) => t.textContent ?? '').join(''),
          shapeDrawn,
          labelReadable,
        };
      });
    });
  } finally {
    await page.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('exports', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    ({ app, browser, page } = await openBrowserApp());
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
  });

  afterAll(() => closeBrowserApp({ app, browser }));

  it.for([
    ['Explore', '/?ids=siludi&sel=siludi', 'explore-canvas'],
    ['Chain', '/?view=chain&region=minhang', 'chain-canvas'],
    ['Partners', '/?view=partners&partner=siludi', 'partners-canvas'],
  ] as const)('the SVG of %s draws every node of the canvas with its shape and a readable label', async ([view, url, canvas]) => {
    await page.goto(`${app.url}${url}`);
    await expect.poll(async () => (await canvasNodes(page, canvas)).length, TIMEOUT).toBeGreaterThan(2);
    await layoutSettled(page, canvas);
    const shown = await canvasNodes(page, canvas);
    consoleErrors.length = 0;
    const svg = await download(page, '[data-format="SVG"]');
    expect(svg.name).toMatch(/\.svg$/);
    expect(consoleErrors).toEqual([]);

    const drawn = await drawnSvg(browser, svg.body, `export-svg-${view.toLowerCase()}`);
    expect(drawn.map((n) => n.id).sort()).toEqual(shown.map((n) => n.id).sort());
    const byId = new Map(drawn.map((n) => [n.id, n]));
    for (const node of shown) {
      const d = byId.get(node.id)!;
      expect(d.shapeDrawn, `shape of ${node.name}`).toBe(true);
      expect(d.labelReadable, `label of ${node.name}`).toBe(true);
      // The whole name, as on the canvas: only a name too long for its lines ends in "…", and a segment adds its count.
      const [label, name] = [norm(d.label), norm(node.name)];
      const cut = d.label.endsWith('…') && label.length >= 8 && name.startsWith(label);
      expect(label.startsWith(name) || cut, `"${d.label}" is the label of ${node.name}`).toBe(true);
    }
  });

  it('"导出当前视图" writes what the canvas shows: a type filtered out is in neither the file nor the SVG', async () => {
    await page.goto(`${app.url}/?ids=siludi&sel=siludi`);
    await expect.poll(async () => (await canvasNodes(page, 'explore-canvas')).length, TIMEOUT).toBeGreaterThan(2);
    const all = await canvasNodes(page, 'explore-canvas');
    const town = all.find((n) => n.name === '浦江镇');
    expect(town).toBeDefined();
    // Hide the regions with the filter, as a user would.
    await page.getByTestId('filters').locator('input[data-entity-type="Region"]').uncheck();
    await expect.poll(async () => (await canvasNodes(page, 'explore-canvas')).map((n) => n.id)).not.toContain(town!.id);
    const shown = await canvasNodes(page, 'explore-canvas');
    await layoutSettled(page, 'explore-canvas');

    await openMenu(page);
    const count = await page.getByTestId('export-view-count').innerText();
    expect(count).toMatch(new RegExp(`^${shown.length} 个节点 · \\d+ 条关系$`));
    await screenshot(page, 'export-menu-filtered');
    await page.keyboard.press('Escape');
    await page.locator('.export-dropdown').waitFor({ state: 'detached' });

    const csv = await download(page, '[data-scope="view"][data-format="CSV"]');
    const rows: { element: string; id: string; source: string; target: string }[] = parseCsv(csv.body, { bom: true, columns: true });
    const nodes = rows.filter((r) => r.element === 'node').map((r) => r.id);
    expect(nodes.sort()).toEqual(shown.map((n) => n.id).sort());
    const edges = rows.filter((r) => r.element === 'edge');
    expect(edges.length).toBe(Number(/(\d+) 条关系/.exec(count)![1]));
    for (const e of edges) expect(nodes.includes(e.source) && nodes.includes(e.target), `${e.source} → ${e.target}`).toBe(true);

    const drawn = await drawnSvg(browser, (await download(page, '[data-format="SVG"]')).body, 'export-svg-filtered');
    expect(drawn.map((n) => n.id).sort()).toEqual(shown.map((n) => n.id).sort());
  });

  it('names the view in English in the English UI, and the file of the selection still has its neighbours', async () => {
    await page.goto(`${app.url}/?ids=siludi&sel=siludi`);
    await expect.poll(async () => (await canvasNodes(page, 'explore-canvas')).length, TIMEOUT).toBeGreaterThan(2);
    await page.getByTestId('lang-toggle').click();
    await openMenu(page);
    const shown = await canvasNodes(page, 'explore-canvas');
    await expect
      .poll(() => page.getByTestId('export-view-count').innerText())
      .toMatch(new RegExp(`^${shown.length} nodes · \\d+ relations$`));
    await screenshot(page, 'export-menu-en');
    await page.keyboard.press('Escape');
    const json = await download(page, '[data-scope="selection"][data-format="JSON"]');
    const doc = JSON.parse(json.body.toString('utf8')) as { elements: { nodes: { data: { id: string } }[] } };
    expect(doc.elements.nodes.map((n) => n.data.id).sort()).toEqual(expect.arrayContaining(shown.map((n) => n.id).sort()));
    await page.getByTestId('lang-toggle').click();
  });
});
