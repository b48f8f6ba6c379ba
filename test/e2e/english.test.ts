/**
 * Two languages, each honest: the Chinese UI shows no raw code (enum values, error codes) in any
 * view, an administrator's included; the English UI shows an entity's English name wherever one is
 * recorded, and says plainly when a name or a quote is only in Chinese.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startApp, type AppServer } from './support/app-server.js';
import { TIMEOUT, canvasNodeNames, launchBrowser, layoutSettled, screenshot, signIn } from './support/browser.js';
import { rawCodesOnScreen, schemaCodes } from './support/codes.js';

/** The codes an error can carry (GraphQL `extensions.code`, the client's own). */
const ERROR_CODES = [
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'FORBIDDEN',
  'CONFLICT',
  'RESOURCE_LIMIT',
  'UNAUTHENTICATED',
  'TIMEOUT',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_SERVER_ERROR',
  'GRAPHQL_VALIDATION_FAILED',
  'HTTP_ERROR',
];

/** 美敦力 has an English name in the seed; 思路迪 has none. */
const MEDTRONIC = { id: 'medtronic', name: '美敦力', nameEn: 'Medtronic' };
const SILUDI = { id: 'siludi', name: '上海思路迪生物医学科技有限公司' };

/** A view has settled: no request in flight and nothing still loading. */
async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('[role="progressbar"], .spinner').count(), TIMEOUT).toBe(0);
}

describe('English where known, Chinese said plainly; no codes in Chinese', () => {
  let app: AppServer;
  let browser: Browser;

  beforeAll(async () => {
    app = await startApp({ users: [ADMIN] });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows no enum or error code in any view in Chinese, an administrator’s included', async () => {
    const page = await signIn(browser, app, ADMIN);
    const codes = [...schemaCodes(), ...ERROR_CODES];
    const views: { name: string; path: string; ready?: (page: Page) => Promise<void> }[] = [
      {
        name: 'explore',
        path: `/?ids=${SILUDI.id}&sel=${SILUDI.id}`,
        ready: async (p) => {
          await p.getByTestId('details').locator('.relation-group').first().waitFor(TIMEOUT);
          await layoutSettled(p, 'explore-canvas');
        },
      },
      { name: 'chain', path: '/?view=chain&region=minhang' },
      {
        name: 'gaps',
        path: '/?view=gaps&region=minhang',
        ready: async (p) => {
          await p.getByTestId('gaps-table').locator('.candidate-reason').first().waitFor(TIMEOUT);
        },
      },
      {
        name: 'partners',
        path: `/?view=partners&partner=${SILUDI.id}`,
        ready: async (p) => {
          await p.getByTestId('partner-list').locator('.partner-sentence').first().waitFor(TIMEOUT);
        },
      },
      { name: 'players', path: '/?view=players&region=minhang' },
      { name: 'changes', path: '/?view=changes' },
      { name: 'import', path: '/?view=import' },
      { name: 'review', path: '/?view=review' },
      {
        name: 'queries',
        path: '/?view=queries&query=alliance-members',
        ready: async (p) => {
          await p.getByTestId('run-query').click();
          await p.getByTestId('result-table').locator('tbody tr').first().waitFor(TIMEOUT);
        },
      },
      { name: 'admin', path: '/?view=admin', ready: (p) => p.getByTestId('admin-users').waitFor(TIMEOUT) },
    ];
    const found: string[] = [];
    for (const view of views) {
      await page.goto(`${app.url}${view.path}`);
      await view.ready?.(page);
      await settled(page);
      for (const f of await rawCodesOnScreen(page, 'zh', codes)) found.push(`${view.name}: ${f}`);
      // Error codes are never shown, not even inside a sentence.
      const text = await page.evaluate(() => document.body.innerText);
      for (const code of ERROR_CODES) if (text.includes(code)) found.push(`${view.name}: ${code}`);
    }
    expect(found).toEqual([]);
    await page.close();
  });

  it('says in Chinese why a form was refused, never in the server’s English', async () => {
    const page = await signIn(browser, app, ADMIN, '/?view=admin');
    const form = page.getByTestId('new-user');
    await form.locator('input[name="username"]').fill('x');
    await form.locator('input[name="password"]').fill('a long enough password');
    await form.locator('button[type="submit"]').click();
    const alert = form.getByRole('alert');
    await expect.poll(() => alert.innerText(), TIMEOUT).toContain('用户名须为');
    expect(await alert.innerText()).not.toMatch(/[A-Za-z]{2,}/);
    await page.close();
  });

  it('shows Medtronic under its English name in the suggestions, on the canvas and in the details', async () => {
    const page = await signIn(browser, app, ADMIN, '/?lang=en');
    await page.getByTestId('main-search').locator('input').fill(MEDTRONIC.name);
    const option = page.getByRole('option').filter({ has: page.locator('.suggestion-name', { hasText: /^Medtronic$/ }) });
    await option.waitFor(TIMEOUT);
    // The Chinese name is still there, as the line below, marked as Chinese.
    expect(await option.locator('.suggestion-sub [lang="zh-CN"]').first().innerText()).toBe(MEDTRONIC.name);
    expect(await option.getByTestId('zh-only').count()).toBe(0);
    await option.click();
    await expect.poll(() => canvasNodeNames(page, 'explore-canvas'), TIMEOUT).toContain(MEDTRONIC.nameEn);
    const details = page.getByTestId('details');
    await expect.poll(() => details.locator('.details-name').innerText(), TIMEOUT).toBe(MEDTRONIC.nameEn);
    await expect.poll(() => details.locator('.details-alt').first().innerText()).toBe(MEDTRONIC.name);
    expect(await details.getByTestId('name-zh-only').count()).toBe(0);
    await page.close();
  });

  it('shows 思路迪 in Chinese, marked as having no English name, and labels its quotes as from a Chinese source', async () => {
    const page = await signIn(browser, app, ADMIN, '/?lang=en');
    await page.getByTestId('main-search').locator('input').fill('思路迪');
    const option = page.getByRole('option', { name: new RegExp(SILUDI.name) }).first();
    await option.waitFor(TIMEOUT);
    const marker = option.getByTestId('zh-only');
    await expect.poll(() => marker.getAttribute('title')).toBe('No English name recorded');
    expect(await option.locator('.suggestion-name [lang="zh-CN"]').innerText()).toBe(SILUDI.name);
    await option.click();
    await expect.poll(() => canvasNodeNames(page, 'explore-canvas'), TIMEOUT).toContain(SILUDI.name);
    const details = page.getByTestId('details');
    await expect.poll(() => details.locator('.details-name').innerText(), TIMEOUT).toBe(SILUDI.name);
    expect(await details.locator('.details-name [lang="zh-CN"]').count()).toBe(1);
    expect(await details.getByTestId('name-zh-only').innerText()).toBe('Name in Chinese only');
    // Its own sources: each quote says it is the Chinese source's words, and is marked as Chinese.
    const quote = details.getByTestId('source-quote').first();
    expect(await quote.getByTestId('quote-lang').innerText()).toBe('Quote from the Chinese source');
    expect(await quote.locator('blockquote').getAttribute('lang')).toBe('zh-CN');
    // A description only in Chinese says so.
    expect(await details.locator('dt').allInnerTexts()).toContain('Description (Chinese only)');
    // A related entity without an English name carries the marker; one with an English name does not.
    await details.locator('.relation-group').first().waitFor(TIMEOUT);
    for (const head of await details.locator('.relation-group-head[aria-expanded="false"]').all()) await head.click();
    const related = details.locator('.relation-item .entity-link');
    const withMarker = await related.filter({ has: page.getByTestId('zh-only') }).count();
    expect(withMarker).toBeGreaterThan(0);
    await page.close();
  });

  it('says an inferred reason is in Chinese only (en) and keeps the Chinese label in Chinese', async () => {
    // The chain segments an enterprise is in are mostly inferred, each with its reason.
    const page = await signIn(browser, app, ADMIN, `/?ids=${SILUDI.id}&sel=${SILUDI.id}&lang=en`);
    const details = page.getByTestId('details');
    await details.locator('.relation-group').first().waitFor(TIMEOUT);
    for (const head of await details.locator('.relation-group-head[aria-expanded="false"]').all()) await head.click();
    const reason = details.getByTestId('inferred-reason').first();
    await reason.waitFor(TIMEOUT);
    expect(await reason.innerText()).toMatch(/^Reason \(Chinese only\): \S/);
    expect(await reason.locator('[lang="zh-CN"]').count()).toBe(1);
    await page.getByTestId('lang-toggle').click();
    await expect.poll(() => reason.innerText()).toMatch(/^推断依据：/);
    await page.close();
  });

  it('names partners in English where known, marks the rest, and tags the Chinese inside their sentences', async () => {
    const page = await signIn(browser, app, ADMIN, `/?view=partners&partner=${SILUDI.id}&lang=en`);
    const items = page.getByTestId('partner-list').locator('.partner');
    await items.locator('.partner-sentence').first().waitFor(TIMEOUT);
    const names = items.locator('.partner-name');
    // Some partners have an English name (shown without a marker), some only a Chinese one (marked).
    expect(
      await names
        .filter({ hasText: /^[A-Za-z]/ })
        .filter({ hasNot: page.getByTestId('zh-only') })
        .count(),
    ).toBeGreaterThan(0);
    expect(await names.filter({ has: page.getByTestId('zh-only') }).count()).toBeGreaterThan(0);
    // The subject has no English name: its sentence names it in Chinese, tagged as such.
    const sentence = items.first().locator('.partner-sentence');
    expect(await sentence.locator('[lang="zh-CN"]').allInnerTexts()).toContain(SILUDI.name);
    await page.close();
  });

  it('keeps the title whole, the account corner and the language toggle on screen at laptop widths, in both languages', async () => {
    const page = await signIn(browser, app, ADMIN);
    const found: string[] = [];
    for (const lang of ['zh', 'en']) {
      for (const width of [1024, 1280, 1366, 1440, 1600, 1920]) {
        await page.setViewportSize({ width, height: 800 });
        await page.goto(`${app.url}/?lang=${lang}`);
        await page.getByTestId('user-menu').waitFor(TIMEOUT);
        const header = await page.evaluate(() => {
          const box = (sel: string) => document.querySelector(sel)?.getBoundingClientRect();
          const h1 = document.querySelector<HTMLElement>('.brand-text h1')!;
          const strip = document.querySelector<HTMLElement>('.tabs')!;
          const shown = [...h1.querySelectorAll<HTMLElement>('span')].filter((s) => s.getBoundingClientRect().width > 1);
          return {
            title: shown.map((s) => s.innerText).join(''),
            titleCut: h1.scrollWidth > h1.clientWidth + 1,
            toggle: box('.lang-toggle'),
            menu: box('[data-testid="user-menu"]'),
            tabsCut: strip.scrollWidth > strip.clientWidth + 1,
            faded: strip.classList.contains('fade-end'),
            pageWidth: document.documentElement.scrollWidth,
          };
        });
        if (width === 1024 || width === 1440) await screenshot(page, `header-${lang}-${width}`);
        const at = `${lang} ${width}px`;
        if (!header.title || header.titleCut) found.push(`${at}: title "${header.title}" cut`);
        for (const [name, b] of [
          ['language toggle', header.toggle],
          ['account', header.menu],
        ] as const) {
          if (!b || b.left < 0 || b.right > width) found.push(`${at}: ${name} not on screen`);
        }
        // Tabs that do not fit scroll, and say so by fading at the cut edge; from 1280 px they all fit.
        if (header.tabsCut && (!header.faded || width >= 1280)) found.push(`${at}: tabs cut${header.faded ? '' : ' without a fade'}`);
        if (header.pageWidth > width) found.push(`${at}: the page scrolls sideways`);
      }
    }
    expect(found).toEqual([]);
    await page.close();
  });

  for (const viewport of [
    { width: 1440, height: 900, tag: 'desktop' },
    { width: 390, height: 844, tag: 'phone' },
  ]) {
    it(`looks right in English on a ${viewport.tag} screen (explore, partners, gaps)`, async () => {
      const page = await signIn(browser, app, ADMIN);
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      await page.goto(`${app.url}/?ids=${SILUDI.id},${MEDTRONIC.id}&sel=${SILUDI.id}&lang=en`);
      await page.getByTestId('details').getByTestId('name-zh-only').waitFor(TIMEOUT);
      await settled(page);
      await screenshot(page, `english-explore-${viewport.tag}`);
      await page.goto(`${app.url}/?view=partners&partner=${SILUDI.id}&lang=en`);
      await page.getByTestId('partner-list').locator('.partner-sentence').first().waitFor(TIMEOUT);
      await settled(page);
      await screenshot(page, `english-partners-${viewport.tag}`);
      await page.goto(`${app.url}/?view=gaps&region=minhang&lang=en`);
      await page.getByTestId('gaps-table').locator('.candidate-reason').first().waitFor(TIMEOUT);
      await settled(page);
      await screenshot(page, `english-gaps-${viewport.tag}`);
      await page.close();
    });
  }
});
