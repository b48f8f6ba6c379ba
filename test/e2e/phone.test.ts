/**
 * The app on a phone (390 × 844, touch): an administrator reaches every tab with a finger, in Chinese
 * and in English, each showing its view without the page scrolling sideways; on Explore, a tapped node
 * opens its details as a bottom sheet that folds to a peek and closes, a long press opens the node's
 * menu, two fingers zoom the canvas and one finger pans it. An article applied at the foot of the long
 * review page shows its confirmation on screen.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startApp, type AppServer } from './support/app-server.js';
import { launchBrowser, layoutSettled, screenshot, TIMEOUT } from './support/browser.js';

const WIDTH = 390;
const HEIGHT = 844;
const CANVAS = 'explore-canvas';
const NEW_COMPANY = '上海屿岚生物科技有限公司';
const ARTICLE = `${NEW_COMPANY}在浦江镇成立，专注呼吸健康领域的创新药研发。`;

/** Each tab, its label in both languages, and what only its view shows. */
const TABS = [
  { view: 'explore', zh: '探索', en: 'Explore', shows: '[data-testid="main-search"]' },
  { view: 'chain', zh: '产业链', en: 'Chain', shows: '[data-testid="chain-region"]' },
  { view: 'gaps', zh: '缺口', en: 'Gaps', shows: '[data-testid="gaps-region"]' },
  { view: 'partners', zh: '合作伙伴', en: 'Partners', shows: '[data-testid="partners-panel"]' },
  { view: 'players', zh: '关键机构', en: 'Key players', shows: '[data-testid="players-view"]' },
  { view: 'changes', zh: '变更', en: 'Changes', shows: '[data-testid="changes-documents-tab"]' },
  { view: 'import', zh: '导入', en: 'Import', shows: '[data-testid="import-steps"]' },
  { view: 'review', zh: '文章采集', en: 'Articles', shows: '[data-testid="review-view"]' },
  { view: 'queries', zh: '查询', en: 'Queries', shows: '[data-testid="query-list"]' },
  { view: 'admin', zh: '管理', en: 'Admin', shows: '[data-testid="admin-users"]' },
] as const;

/** A node drawn where a finger can reach it: inside the canvas, clear of its tool bar; the lowest such one. */
async function reachableNode(page: Page): Promise<{ id: string; name: string; x: number; y: number }> {
  await layoutSettled(page, CANVAS);
  const node = await page.evaluate((testId) => {
    const el = document.querySelector(`[data-testid="${testId}"] .graph-canvas-cy`) as HTMLElement & { _cyreg: { cy: any } };
    const box = el.getBoundingClientRect();
    const tools = document.querySelector('[data-testid="canvas-tools"]')?.getBoundingClientRect();
    const top = Math.max(box.top, tools?.bottom ?? 0) + 24;
    const found = el._cyreg.cy
      .nodes()
      .filter((n: any) => n.visible() && !n.hasClass('summary'))
      .map((n: any) => {
        const p = n.renderedPosition();
        return { id: n.id(), name: String(n.data('name')), x: box.left + p.x, y: box.top + p.y };
      })
      .filter((n: { x: number; y: number }) => n.x > box.left + 24 && n.x < box.right - 24 && n.y > top && n.y < box.bottom - 24)
      .sort((a: { y: number }, b: { y: number }) => b.y - a.y);
    return found[0] ?? null;
  }, CANVAS);
  if (!node) throw new Error('no node drawn where a finger can reach it');
  return node;
}

/** Where a node of the Explore canvas is drawn on the page. */
const nodeAt = (page: Page, id: string): Promise<{ x: number; y: number }> =>
  page.evaluate(
    ([testId, nodeId]) => {
      const el = document.querySelector(`[data-testid="${testId}"] .graph-canvas-cy`) as HTMLElement & { _cyreg: { cy: any } };
      const box = el.getBoundingClientRect();
      const p = el._cyreg.cy.getElementById(nodeId).renderedPosition();
      return { x: box.left + p.x, y: box.top + p.y };
    },
    [CANVAS, id],
  );

/** How far the Explore canvas is zoomed. */
const zoom = (page: Page): Promise<number> =>
  page.evaluate((testId) => {
    const el = document.querySelector(`[data-testid="${testId}"] .graph-canvas-cy`) as HTMLElement & { _cyreg: { cy: any } };
    return el._cyreg.cy.zoom() as number;
  }, CANVAS);

describe('on a phone', () => {
  let app: AppServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    app = await startApp({ users: [ADMIN] });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: WIDTH, height: HEIGHT }, hasTouch: true, isMobile: true, locale: 'zh-CN' });
    page = await context.newPage();
    await page.goto(app.url);
    const form = page.getByTestId('login-form');
    await form.locator('input[name="username"]').fill(ADMIN.username);
    await form.locator('input[name="password"]').fill(ADMIN.password);
    await form.getByRole('button').tap();
    await page.getByTestId('user-menu').waitFor(TIMEOUT);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  for (const lang of ['zh', 'en'] as const) {
    it(`reaches every tab with a finger, in ${lang === 'zh' ? 'Chinese' : 'English'}, and no view scrolls sideways`, async () => {
      if (lang === 'en') {
        await page.getByTestId('lang-toggle').tap();
        await page.getByRole('tab', { name: 'Explore', exact: true }).waitFor(TIMEOUT);
      }
      // Every tab an administrator has (the ten here, and any added later).
      const views = await page.locator('.tabs [role="tab"]').evaluateAll((tabs) => tabs.map((t) => t.getAttribute('data-view') ?? ''));
      expect(views).toEqual(expect.arrayContaining(TABS.map((tab) => tab.view)));
      for (const view of views) {
        const tab = TABS.find((x) => x.view === view);
        const button = page.locator(`.tabs [role="tab"][data-view="${view}"]`);
        if (tab) expect(await button.innerText()).toBe(tab[lang]);
        await button.tap();
        await expect.poll(() => button.getAttribute('aria-selected'), TIMEOUT).toBe('true');
        await page
          .locator(tab?.shows ?? '.app-main > *')
          .first()
          .waitFor(TIMEOUT);
        // The chosen tab is in sight on the strip, at least 44 px high for a finger.
        const box = (await button.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(WIDTH);
        expect(box.height).toBeGreaterThanOrEqual(44);
        await page.waitForLoadState('networkidle');
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${view} scrolls sideways`).toBeLessThanOrEqual(WIDTH);
        await screenshot(page, `phone-${lang}-${view}`);
      }
      // The account and the language toggle stay within reach.
      for (const id of ['logout', 'lang-toggle']) {
        const box = (await page.getByTestId(id).boundingBox())!;
        expect(box.x + box.width).toBeLessThanOrEqual(WIDTH);
        expect(box.height).toBeGreaterThanOrEqual(44);
      }
    });
  }

  it('opens a tapped node as a bottom sheet with its name, folds it to a peek and closes it', async () => {
    await page.getByTestId('lang-toggle').tap();
    await page.getByRole('tab', { name: '探索' }).tap();
    await page.getByTestId('main-search').locator('input').fill('思路迪');
    await page.getByRole('option').first().tap();
    const sheet = page.getByTestId('details-sheet');
    // Picking from the search selects the entity: its sheet opens; close it to start from the canvas.
    await sheet.getByTestId('details').waitFor(TIMEOUT);
    await page.getByTestId('details-sheet-close').tap();
    await expect.poll(() => sheet.isVisible(), TIMEOUT).toBe(false);

    const node = await reachableNode(page);
    await page.touchscreen.tap(node.x, node.y);
    await expect.poll(() => sheet.locator('.details-name').innerText(), TIMEOUT).toBe(node.name);
    expect(await sheet.getByTestId('details').getAttribute('data-entity-id')).toBe(node.id);
    // The node stays in sight above the sheet (the canvas moves it up when the sheet would cover it).
    await expect.poll(async () => (await nodeAt(page, node.id)).y < (await sheet.boundingBox())!.y, TIMEOUT).toBe(true);
    const open = (await sheet.boundingBox())!;
    expect(open.y + open.height).toBeLessThanOrEqual(HEIGHT + 1);
    expect(open.height).toBeLessThan(HEIGHT * 0.6);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTH);
    await screenshot(page, 'phone-zh-explore-sheet');

    // Folded to a peek, the name still shows and most of the canvas is free.
    await page.getByTestId('details-sheet-handle').tap();
    await expect.poll(async () => (await sheet.boundingBox())!.height, TIMEOUT).toBeLessThan(150);
    expect(await sheet.locator('.details-name').isVisible()).toBe(true);
    await screenshot(page, 'phone-zh-explore-peek');
    await page.getByTestId('details-sheet-handle').tap();
    await expect.poll(async () => (await sheet.boundingBox())!.height, TIMEOUT).toBeGreaterThan(150);

    await page.getByTestId('details-sheet-close').tap();
    await expect.poll(() => sheet.isVisible(), TIMEOUT).toBe(false);
    expect(new URL(page.url()).searchParams.get('sel')).toBeNull();
  });

  it('opens the filters as a sheet from the tool bar', async () => {
    const filters = page.getByTestId('filters');
    expect(await filters.isVisible()).toBe(false);
    await page.getByTestId('filters-button').tap();
    await filters.waitFor(TIMEOUT);
    await screenshot(page, 'phone-zh-explore-filters');
    await page.getByTestId('filters-sheet-close').tap();
    await expect.poll(() => filters.isVisible(), TIMEOUT).toBe(false);
  });

  it('opens 找关联 as a sheet from the tool bar, and closes it', async () => {
    const sheet = page.getByTestId('details-sheet');
    await page.getByTestId('connect-button').tap();
    await sheet.getByTestId('paths').waitFor(TIMEOUT);
    expect(await sheet.getByTestId('details-empty').isVisible()).toBe(false);
    const box = (await sheet.boundingBox())!;
    expect(box.x).toBe(0);
    expect(box.width).toBeLessThanOrEqual(WIDTH);
    await screenshot(page, 'phone-zh-explore-connect');
    await page.getByTestId('details-sheet-close').tap();
    await expect.poll(() => sheet.isVisible(), TIMEOUT).toBe(false);
  });

  it("opens a node's menu with a long press, the same menu a right-click opens", async () => {
    const node = await reachableNode(page);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: node.x, y: node.y }] });
    const menu = page.getByTestId('context-menu');
    await menu.waitFor(TIMEOUT);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    // Lifting the finger leaves the menu open, within the screen, its rows big enough for a finger.
    expect(await menu.isVisible()).toBe(true);
    const box = (await menu.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(WIDTH);
    expect(box.y + box.height).toBeLessThanOrEqual(HEIGHT + 1);
    expect((await menu.getByTestId('menu-pin').boundingBox())!.height).toBeGreaterThanOrEqual(44);
    // The sheet covers the node, so it names it.
    expect(await menu.innerText()).toContain(node.name);
    await screenshot(page, 'phone-zh-explore-menu');
    await menu.getByRole('menuitem', { name: '查看详情' }).tap();
    await expect.poll(() => menu.isVisible(), TIMEOUT).toBe(false);
    await expect.poll(() => page.getByTestId('details-sheet').locator('.details-name').innerText(), TIMEOUT).toBe(node.name);
    await page.getByTestId('details-sheet-close').tap();
  });

  it('zooms the canvas with two fingers', async () => {
    const before = await zoom(page);
    const box = (await page.locator(`[data-testid="${CANVAS}"] .graph-canvas-cy`).boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const cdp = await context.newCDPSession(page);
    const fingers = (d: number) => [
      { x: cx - d, y: cy, id: 1 },
      { x: cx + d, y: cy, id: 2 },
    ];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: fingers(20) });
    for (const d of [40, 60, 80, 100, 120]) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: fingers(d) });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await expect.poll(() => zoom(page), TIMEOUT).toBeGreaterThan(before * 1.5);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTH);
  });

  it('pans the canvas with one finger dragged across its background', async () => {
    const empty = await page.evaluate((testId) => {
      const el = document.querySelector(`[data-testid="${testId}"] .graph-canvas-cy`) as HTMLElement & { _cyreg: { cy: any } };
      const box = el.getBoundingClientRect();
      const drawn = el._cyreg.cy.nodes().map((n: any) => n.renderedPosition());
      // A spot of bare background, low on the canvas, with room to drag upwards.
      for (let y = box.height - 40; y > box.height / 2; y -= 20)
        for (let x = 40; x < box.width - 40; x += 20)
          if (drawn.every((p: { x: number; y: number }) => Math.hypot(p.x - x, p.y - y) > 60)) return { x: box.left + x, y: box.top + y };
      return null;
    }, CANVAS);
    if (!empty) throw new Error('no bare background on the canvas to drag');
    const pan = () =>
      page.evaluate((testId) => {
        const el = document.querySelector(`[data-testid="${testId}"] .graph-canvas-cy`) as HTMLElement & { _cyreg: { cy: any } };
        return el._cyreg.cy.pan() as { x: number; y: number };
      }, CANVAS);
    const before = await pan();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: empty.x, y: empty.y }] });
    for (const d of [20, 40, 60, 80, 100]) {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: empty.x, y: empty.y - d }] });
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await expect.poll(async () => before.y - (await pan()).y, TIMEOUT).toBeGreaterThan(50);
    // The page itself did not move: the drag was the canvas's.
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
  });

  it('shows the confirmation of an applied article on screen, not above it', async () => {
    await page.getByRole('tab', { name: '文章采集' }).tap();
    await page.getByTestId('review-title').fill(`${NEW_COMPANY}成立`);
    await page.getByTestId('review-text').fill(ARTICLE);
    await page.getByTestId('review-submit').tap();
    await page.getByTestId('review-job-view').waitFor(TIMEOUT);
    await page.locator('[data-testid="proposal"]').first().waitFor(TIMEOUT);
    for (const p of await page.locator('[data-testid="proposal"][data-outcome="pending"]').all()) {
      await p.getByTestId('proposal-accept').tap();
    }
    for (const r of await page.locator('[data-testid="relation-proposal"][data-outcome="pending"]').all()) {
      await r.getByTestId('relation-reject').tap();
    }
    await page.getByTestId('review-note').fill('手机上核对');
    // Applying is at the foot of the long page; the confirmation appears at its head.
    await page.getByTestId('review-apply-submit').tap();
    const done = page.getByTestId('review-done');
    await done.waitFor(TIMEOUT);
    const header = (await page.locator('.app-header').boundingBox())!;
    await expect.poll(async () => (await done.boundingBox())!.y, TIMEOUT).toBeGreaterThanOrEqual(header.y + header.height - 1);
    expect((await done.boundingBox())!.y).toBeLessThan(HEIGHT - 80);
    await screenshot(page, 'phone-zh-review-applied');
  });
});
