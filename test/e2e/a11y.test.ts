/**
 * Accessibility in a real browser against the real server: axe-core (WCAG 2 A and AA) finds nothing
 * on any view in either language, and a keyboard alone gets from the page's first Tab to a node's
 * details: the skip link, the search, the canvas's node list, Enter to select, + to expand.
 */
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startApp, type AppServer } from './support/app-server.js';
import { launchBrowser, layoutSettled, screenshot, signIn, TIMEOUT } from './support/browser.js';

const axeSource = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

const CANVAS = 'explore-canvas';
const SILUDI = '上海思路迪生物医学科技有限公司';
const ALLIANCE = 'dapujiang-party-alliance';

interface Violation {
  id: string;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** axe-core's WCAG 2 A and AA rules on the whole page, as one line per failing element. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  // The Cytoscape <canvas> is a bitmap axe cannot read (and does not check); what it shows is
  // listed as text in the node list beside it, which axe does check. Nothing is excluded.
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] }, resultTypes: ['violations'] });
    return result.violations;
  });
  return (violations as Violation[]).flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.help}): ${n.target.join(' ')} — ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`),
  );
}

/** Every view, with what shows once it has loaded (an entity selected in Explore, results elsewhere). */
const VIEWS: { name: string; path: string; ready: (page: Page) => Promise<unknown> }[] = [
  {
    name: 'explore',
    path: '/?ids=siludi&sel=siludi',
    ready: async (page) => {
      await page.getByTestId('details').locator('.relation-group').first().waitFor(TIMEOUT);
      await layoutSettled(page, CANVAS);
    },
  },
  { name: 'chain', path: '/?view=chain&region=minhang', ready: (page) => layoutSettled(page, 'chain-canvas') },
  {
    name: 'gaps',
    path: '/?view=gaps&region=minhang',
    ready: (page) => page.getByTestId('gaps-table').locator('tbody tr').first().waitFor(TIMEOUT),
  },
  {
    name: 'partners',
    path: '/?view=partners&partner=siludi',
    ready: (page) => page.getByTestId('partner-list').locator('.partner-sentence').first().waitFor(TIMEOUT),
  },
  {
    name: 'players',
    path: '/?view=players',
    ready: (page) => page.getByTestId('players-table').locator('tbody tr').first().waitFor(TIMEOUT),
  },
  {
    name: 'changes',
    path: '/?view=changes',
    ready: (page) => page.getByTestId('change-feed').or(page.getByTestId('changes-empty')).first().waitFor(TIMEOUT),
  },
  { name: 'watch', path: '/?view=watch', ready: (page) => page.getByTestId('watch-feed-empty').waitFor(TIMEOUT) },
  { name: 'import', path: '/?view=import', ready: (page) => page.getByTestId('import-upload').waitFor(TIMEOUT) },
  { name: 'review', path: '/?view=review', ready: (page) => page.getByTestId('review-form').waitFor(TIMEOUT) },
  {
    name: 'queries',
    path: '/?view=queries&query=signed-agreements',
    ready: async (page) => {
      await page.getByTestId('run-query').click();
      await page.getByTestId('result-table').waitFor(TIMEOUT);
    },
  },
  { name: 'admin', path: '/?view=admin', ready: (page) => page.getByTestId('admin-users').waitFor(TIMEOUT) },
];

/** What has keyboard focus: its test id, or its tag and text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el?.closest('[data-testid]')?.getAttribute('data-testid') ?? `${el?.tagName} ${el?.textContent?.slice(0, 20)}`;
  });

/** The option the keyboard is on in a focused node list (aria-activedescendant). */
const activeOption = (page: Page) =>
  page.evaluate(() => {
    const list = document.activeElement;
    const id = list?.getAttribute('aria-activedescendant');
    const option = id ? document.getElementById(id) : null;
    return option ? { id: option.dataset.id ?? '', name: option.textContent ?? '' } : null;
  });

describe('accessibility', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startApp({ users: [ADMIN] });
    browser = await launchBrowser();
    page = await signIn(browser, app, ADMIN, '/', { timeout: 30_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  for (const lang of ['zh', 'en'] as const) {
    it(`axe finds no WCAG 2 A / AA violation on any view (${lang})`, async () => {
      const found: string[] = [];
      for (const view of VIEWS) {
        await page.goto(`${app.url}${view.path}${lang === 'en' ? '&lang=en' : ''}`);
        await view.ready(page);
        await page.waitForLoadState('networkidle');
        found.push(...(await axeViolations(page)).map((v) => `${view.name}: ${v}`));
      }
      expect(found).toEqual([]);
    }, 180_000);
  }

  it('a keyboard alone reaches the search, then a node on the canvas, selects it and expands it', async () => {
    await page.goto(app.url);
    await page.getByTestId('main-search').waitFor(TIMEOUT);
    // The first Tab lands on the skip link, shown on screen; Enter puts the cursor in the search.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('skip-link');
    const link = await page.getByTestId('skip-link').boundingBox();
    expect(link && link.y >= 0 && link.height > 0).toBe(true);
    expect(await page.getByTestId('skip-link').innerText()).toBe('跳到搜索');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('main-search');

    // Type a name and choose the suggestion with the keyboard.
    await page.keyboard.type('思路迪');
    await page
      .getByTestId('main-search')
      .getByRole('option', { name: /思路迪/ })
      .first()
      .waitFor(TIMEOUT);
    await page.keyboard.press('Enter');
    const list = page.getByTestId(CANVAS).getByTestId('canvas-nodes');
    await expect.poll(() => list.getByRole('option').allInnerTexts(), TIMEOUT).toContain(SILUDI);
    await page.waitForLoadState('networkidle');

    // Tab goes on through the toolbar to the list of the canvas's nodes.
    for (let i = 0; i < 20 && (await focused(page)) !== 'canvas-nodes'; i++) await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('canvas-nodes');
    // Hidden for the eye until focused, the list now shows over the canvas.
    await expect.poll(async () => (await list.boundingBox())?.width ?? 0).toBeGreaterThan(100);

    // Arrow down to the alliance; the canvas marks the node the keyboard is on.
    for (let i = 0; i < 20 && (await activeOption(page))?.id !== ALLIANCE; i++) await page.keyboard.press('ArrowDown');
    const option = await activeOption(page);
    expect(option?.id).toBe(ALLIANCE);
    const marked = await page.evaluate((testId) => {
      const el = document.querySelector(`[data-testid="${testId}"] .graph-canvas-cy`) as HTMLElement & {
        _cyreg: { cy: { nodes(sel: string): { map(f: (n: { id(): string }) => string): string[] } } };
      };
      return el._cyreg.cy.nodes('.kbd-focus').map((n) => n.id());
    }, CANVAS);
    expect(marked).toEqual([ALLIANCE]);
    await screenshot(page, 'a11y-node-list-keyboard');

    // Enter selects it as a click does: its details open, and a screen reader hears it.
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('details').innerText(), TIMEOUT).toContain(option?.name);
    await expect.poll(() => page.getByTestId(CANVAS).getByTestId('canvas-announce').innerText()).toBe(`已选中：${option?.name}`);
    expect(await focused(page)).toBe('canvas-nodes');

    // + expands it as a double-click does: its neighbours join the list.
    const before = await list.getByRole('option').count();
    await page.keyboard.press('+');
    await expect.poll(() => list.getByRole('option').count(), TIMEOUT).toBeGreaterThan(before);
    await expect.poll(() => new URL(page.url()).searchParams.get('ids')?.split(',')).toContain(ALLIANCE);
  });

  for (const lang of ['zh', 'en'] as const) {
    for (const size of [
      { width: 1440, height: 900 },
      { width: 390, height: 844 },
    ]) {
      it(`shows the skip link and the node list when they have focus (${lang}, ${size.width}×${size.height})`, async () => {
        await page.setViewportSize(size);
        await page.goto(`${app.url}/?lang=${lang}`);
        await page.getByTestId('main-search').waitFor(TIMEOUT);
        await page.keyboard.press('Tab');
        expect(await focused(page)).toBe('skip-link');
        const link = await page.getByTestId('skip-link').boundingBox();
        expect(link && link.y >= 0 && link.x >= 0 && link.x + link.width <= size.width).toBe(true);
        expect(await page.getByTestId('skip-link').innerText()).toBe(lang === 'zh' ? '跳到搜索' : 'Skip to search');
        await screenshot(page, `a11y-skip-link-${lang}-${size.width}`);

        await page.goto(`${app.url}/?ids=siludi&sel=siludi&lang=${lang}`);
        await layoutSettled(page, CANVAS);
        const list = page.getByTestId(CANVAS).getByTestId('canvas-nodes');
        await list.focus();
        await page.keyboard.press('ArrowDown');
        await expect.poll(async () => (await list.boundingBox())?.height ?? 0).toBeGreaterThan(40);
        await screenshot(page, `a11y-node-list-${lang}-${size.width}`);
      });
    }
  }
});
