/**
 * 找关联 and relation details in a real browser against the real server on the seed: both ends chosen
 * by name from the toolbar, a bound the user raises when nothing connects the two within it, the text
 * form keeping each relation's direction, and a relation clicked on the canvas showing its facts and quotes.
 *
 * The pairs were found by a breadth-first search over the seed's facts (test/contract/paths.contract.test.ts
 * checks the server against one): 思路迪 and 周浦镇 are 5 steps apart by one path, 上海鹏晨智谷 and 童涵春堂 7.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServer } from './support/app-server.js';
import { closeBrowserApp, openBrowserApp } from './support/browser-app.js';
import { canvasNodeNames, layoutSettled, screenshot, TIMEOUT } from './support/browser.js';

const CANVAS = 'explore-canvas';

/** Chooses one end of the search by typing a name and picking the suggestion. */
async function pickEnd(page: Page, end: 'path-from' | 'path-to', text: string, option: RegExp): Promise<void> {
  const box = page.getByTestId(`${end}-search`);
  await box.getByRole('combobox').fill(text);
  await box.getByRole('option', { name: option }).first().click();
}

/**
 * Where a relation between two entities is drawn on the page (the middle of its line), once it is
 * drawn and stays put: the layout idle and the same point read twice in a row. (An idle canvas read
 * before the neighbourhood's answer arrived was laid out again after it: the click missed.)
 */
async function edgeMidpoint(page: Page, source: string, target: string): Promise<{ id: string; x: number; y: number }> {
  const read = () =>
    page.evaluate(
      ({ testId, source, target }) => {
        const el = document.querySelector(`[data-testid="${testId}"] .graph-canvas-cy`) as HTMLElement & { _cyreg: { cy: any } };
        const box = el.getBoundingClientRect();
        const edge = el._cyreg.cy.edges().filter((e: any) => e.data('source') === source && e.data('target') === target)[0];
        if (!edge) return null;
        const m = edge.renderedMidpoint();
        return { id: edge.id() as string, x: box.left + m.x, y: box.top + m.y };
      },
      { testId: CANVAS, source, target },
    );
  let last: string | null = null;
  let point: { id: string; x: number; y: number } | null = null;
  await expect
    .poll(async () => {
      await layoutSettled(page, CANVAS);
      point = await read();
      const seen = JSON.stringify(point);
      const steady = point !== null && seen === last;
      last = seen;
      return steady;
    }, TIMEOUT)
    .toBe(true);
  return point!;
}

describe('找关联 and relation details', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ app, browser, page } = await openBrowserApp());
  });

  afterAll(() => closeBrowserApp({ app, browser }));

  it('connects two entities chosen by name from the toolbar; a 5-step path is found once the bound is raised from 4', async () => {
    await page.goto(app.url);
    await page.getByTestId('connect-button').click();
    const panel = page.getByTestId('paths');
    await panel.waitFor(TIMEOUT);
    await pickEnd(page, 'path-from', '思路迪', /思路迪/);
    await pickEnd(page, 'path-to', '周浦镇', /^周浦镇/);
    const first = panel.getByTestId('path-item').first();
    await expect.poll(() => first.getAttribute('data-length'), TIMEOUT).toBe('5');
    expect(new URL(page.url()).searchParams.get('path')).toBe('siludi,zhoupu-town');

    await panel.getByTestId('path-bound').selectOption('4');
    await expect.poll(() => panel.getByTestId('paths-none').innerText(), TIMEOUT).toContain('4 步以内没有找到关联');
    expect(await panel.getByTestId('path-item').count()).toBe(0);
    const raise = panel.getByTestId('path-raise');
    expect(await raise.innerText()).toBe('扩大到 6 步');
    await raise.click();
    await expect.poll(() => first.getAttribute('data-length'), TIMEOUT).toBe('5');
    const chain = await first.innerText();
    expect(chain).toMatch(/^5 步/);
    expect(chain).toMatch(/思路迪[\s\S]*周浦镇$/);
    // Every entity of the path is drawn on the canvas.
    await expect.poll(() => canvasNodeNames(page, CANVAS), TIMEOUT).toEqual(expect.arrayContaining(['周浦镇']));
    await layoutSettled(page, CANVAS);
    await screenshot(page, 'paths-toolbar-5-steps');
  });

  it('says when nothing connects two entities within 6 steps and finds the 7-step path when asked to search further', async () => {
    await page.goto(`${app.url}/?path=pengchen-zhigu,tonghanchuntang`);
    const panel = page.getByTestId('paths');
    const none = panel.getByTestId('paths-none');
    await expect.poll(() => none.innerText(), TIMEOUT).toContain('6 步以内没有找到关联');
    // The canvas is not blank: the two ends are drawn, and it says nothing connects them.
    await expect
      .poll(() => canvasNodeNames(page, CANVAS), TIMEOUT)
      .toEqual(expect.arrayContaining(['上海鹏晨智谷科技发展有限公司', '童涵春堂']));
    expect(await page.getByTestId('canvas-paths-none').innerText()).toContain('6 步以内没有找到关联');
    await panel.getByTestId('path-raise').click();
    await expect.poll(() => panel.getByTestId('path-item').first().getAttribute('data-length'), TIMEOUT).toBe('7');
    expect(await none.count()).toBe(0);
    expect(await page.getByTestId('canvas-paths-none').count()).toBe(0);
    expect(await panel.getByTestId('path-bound').inputValue()).toBe('8');
  });

  it('keeps the direction of each relation in the text form, in Chinese and English', async () => {
    await page.goto(`${app.url}/?path=shanghai,songjiang`);
    const item = page.getByTestId('paths').getByTestId('path-item').first();
    await expect.poll(() => item.innerText(), TIMEOUT).toContain('上海市 ← 位于 — 松江区');
    await page.goto(`${app.url}/?path=songjiang,shanghai`);
    await expect.poll(() => item.innerText(), TIMEOUT).toContain('松江区 — 位于 → 上海市');
    await page.goto(`${app.url}/?path=shanghai,songjiang&lang=en`);
    await expect.poll(() => item.innerText(), TIMEOUT).toContain('Shanghai ← located in — Songjiang District');
  });

  it('clicking a relation on the canvas shows its facts and the quote it rests on; an inferred one says why', async () => {
    await page.goto(`${app.url}/?ids=siludi&sel=siludi`);
    await layoutSettled(page, CANVAS);
    const member = await edgeMidpoint(page, 'siludi', 'dapujiang-party-alliance');
    await page.mouse.click(member.x, member.y);
    const panel = page.getByTestId('edge-details');
    await expect.poll(() => panel.getAttribute('data-edge-id'), TIMEOUT).toBe(member.id);
    await expect.poll(() => panel.getByTestId('edge-ends').innerText(), TIMEOUT).toMatch(/思路迪.*— 成员 →.*大浦江生物医药产业链党建联盟/s);
    const text = await panel.innerText();
    expect(text).toContain('召集单位');
    expect(text).toContain('这条关系由下列来源直接写明');
    const quote = panel.getByTestId('source-quote').first();
    await expect.poll(() => quote.innerText(), TIMEOUT).toContain('召集单位:浦江镇党委浦锦街道党工委上海思路迪生物医学科技有限公司党委');
    expect(await quote.locator('cite').innerText()).not.toBe('');
    await screenshot(page, 'paths-edge-stated');

    // 思路迪 in 浦江镇 is inferred (it is listed among the town's representative companies): the panel says so and why.
    const inferred = await edgeMidpoint(page, 'siludi', 'pujiang-town');
    await page.mouse.click(inferred.x, inferred.y);
    await expect.poll(() => panel.getAttribute('data-edge-id'), TIMEOUT).toBe(inferred.id);
    const why = panel.getByTestId('edge-inferred');
    await expect.poll(() => why.innerText(), TIMEOUT).toContain('推断依据');
    await expect.poll(() => panel.getByTestId('source-quote').count(), TIMEOUT).toBeGreaterThan(0);

    // Closing it gives the entity's details back.
    await panel.getByTestId('edge-close').click();
    await expect.poll(() => page.getByTestId('details').getAttribute('data-entity-id'), TIMEOUT).toBe('siludi');
  });
});
