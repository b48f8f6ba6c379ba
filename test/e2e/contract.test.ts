/**
 * The typed contract as a user meets it: data already on screen is never fetched twice, and no view
 * shows a raw code of the schema's closed sets, in Chinese or in English.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppServer } from './support/app-server.js';
import { canvasNodeNames, launchBrowser, layoutSettled, newPage, recordGraphQL, screenshot } from './support/browser.js';
import { rawCodesOnScreen, schemaCodes } from './support/codes.js';

const ALLIANCE = '上海南部科创中心大浦江生物医药产业链党建联盟';

describe('one typed contract, seen in the browser', () => {
  let app: AppServer;
  let browser: Browser;

  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  /** Selects a related entity in the details panel and expands it with the panel's button. */
  async function expandRelated(page: Page, name: string): Promise<void> {
    const details = page.getByTestId('details');
    // Long relation groups start folded.
    for (const head of await details.locator('.relation-group-head[aria-expanded="false"]').all()) await head.click();
    await details.getByRole('button', { name, exact: true }).first().click();
    await expect.poll(() => details.locator('.details-name').innerText(), { timeout: 15_000 }).toBe(name);
    await details.locator('.details-actions .btn').first().click();
    await expect.poll(() => new URL(page.url()).searchParams.get('ids') ?? '').toMatch(/,/);
  }

  it('search → expand three nodes → Chain and back → expand again sends no request twice', async () => {
    const page = await newPage(browser);
    const sent = recordGraphQL(page);
    await page.goto(app.url);
    await page.getByTestId('explore-empty').waitFor();
    await page.keyboard.press('/');
    await page.keyboard.type('思路迪');
    await page
      .getByRole('option', { name: /思路迪/ })
      .first()
      .waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => canvasNodeNames(page, 'explore-canvas'), { timeout: 15_000 }).toContain(ALLIANCE);

    // Each from the relations of the one before: the alliance, a member hospital, its university.
    for (const name of [ALLIANCE, '上海交通大学医学院附属仁济医院', '上海交通大学医学院']) {
      const before = new URL(page.url()).searchParams.get('ids')!.split(',').length;
      await expandRelated(page, name);
      await expect.poll(() => new URL(page.url()).searchParams.get('ids')!.split(',').length).toBe(before + 1);
      await expect.poll(() => page.getByTestId('details').locator('.details-name').innerText()).toBe(name);
    }
    // The last neighbourhood is in: the university the medical school is part of is drawn.
    await expect.poll(() => canvasNodeNames(page, 'explore-canvas')).toContain('上海交通大学');
    const onCanvas = await canvasNodeNames(page, 'explore-canvas');

    await page.getByRole('tab', { name: '产业链' }).click();
    await expect.poll(() => canvasNodeNames(page, 'chain-canvas'), { timeout: 15_000 }).toEqual(expect.arrayContaining(['体外诊断']));
    const beforeBack = sent.length;
    await page.getByRole('tab', { name: '探索' }).click();
    await expect.poll(() => canvasNodeNames(page, 'explore-canvas')).toEqual(onCanvas);
    // Everything on the canvas and in the details panel came from the cache.
    expect(sent.slice(beforeBack)).toEqual([]);

    await expandRelated(page, '上海交通大学');
    const neighbourhoods = sent.filter((s) => s.startsWith('Neighborhood '));
    // One request per entity, each for that entity alone.
    expect(neighbourhoods).toHaveLength(new URL(page.url()).searchParams.get('ids')!.split(',').length);
    for (const n of neighbourhoods) expect(JSON.parse(n.slice('Neighborhood '.length)).ids).toHaveLength(1);
    const twice = sent.filter((s, i) => sent.indexOf(s) !== i);
    expect(twice).toEqual([]);
    await page.close();
  });

  const views: { name: string; path: string; ready: (page: Page) => Promise<void> }[] = [
    {
      name: 'explore',
      path: '/?ids=siludi,dapujiang-party-alliance&sel=siludi',
      ready: async (page) => {
        await page.getByTestId('details').locator('.relation-group').first().waitFor({ timeout: 15_000 });
        await layoutSettled(page, 'explore-canvas');
      },
    },
    {
      name: 'chain',
      path: '/?view=chain&region=minhang',
      ready: async (page) => {
        await page.getByTestId('chain-panel').locator('.status-badge').first().waitFor({ timeout: 15_000 });
        await layoutSettled(page, 'chain-canvas');
      },
    },
    {
      name: 'gaps',
      path: '/?view=gaps&region=minhang',
      ready: async (page) => {
        await page.getByTestId('gaps-table').locator('.candidate-reason').first().waitFor({ timeout: 15_000 });
        await page.getByTestId('gap-rule').waitFor();
        // A company group's units are folded: unfold them so their text is checked too.
        await page.locator('details.candidate-units').evaluateAll((ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
        await layoutSettled(page, 'gaps-canvas');
      },
    },
    {
      name: 'compare',
      path: '/?view=chain&region=minhang&benchmark=songjiang',
      ready: async (page) => {
        await page.getByTestId('chain-mode-compare').click();
        await page.getByTestId('compare-table').locator('tbody tr').first().waitFor({ timeout: 15_000 });
        await layoutSettled(page, 'compare-canvas-b');
      },
    },
    {
      name: 'partners',
      path: '/?view=partners&partner=siludi',
      ready: async (page) => {
        await page.getByTestId('partner-list').locator('.partner-sentence').first().waitFor({ timeout: 15_000 });
        await layoutSettled(page, 'partners-canvas');
      },
    },
    {
      name: 'admin',
      path: '/?view=admin',
      ready: async (page) => {
        await page.getByTestId('admin-users').waitFor({ timeout: 15_000 });
      },
    },
    {
      name: 'queries',
      path: '/?view=queries&query=signed-agreements',
      ready: async (page) => {
        await page.getByTestId('run-query').click();
        await page.getByTestId('result-table').waitFor({ timeout: 15_000 });
      },
    },
  ];

  for (const lang of ['zh', 'en'] as const) {
    it(`shows no raw code of the schema's enums in any view (${lang})`, async () => {
      const codes = schemaCodes();
      const page = await newPage(browser);
      const found: string[] = [];
      for (const view of views) {
        await page.goto(`${app.url}${view.path}${lang === 'en' ? '&lang=en' : ''}`);
        await view.ready(page);
        await screenshot(page, `contract-${view.name}-${lang}`);
        for (const f of await rawCodesOnScreen(page, lang, codes)) found.push(`${view.name}: ${f}`);
      }
      expect(found).toEqual([]);
      await page.close();
    });
  }
});
