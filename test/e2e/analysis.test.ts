/**
 * The gap report, the chain against a benchmark, the comparison of two regions and the region picker,
 * in a real browser against the real server on the seed — what an investment-promotion officer sees.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServer } from './support/app-server.js';
import { closeBrowserApp, openBrowserApp } from './support/browser-app.js';
import { canvasNodeNames, screenshot, TIMEOUT } from './support/browser.js';

describe('gap report, chain and comparison', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ app, browser, page } = await openBrowserApp());
  });

  afterAll(() => closeBrowserApp({ app, browser }));

  const row = (table: string, segment: string) => page.getByTestId(table).locator(`tr[data-segment="${segment}"]`);

  it('lists each town right under its own district in the region picker', async () => {
    await page.goto(`${app.url}/?view=gaps`);
    const options = page.getByTestId('gaps-region').locator('option');
    await expect.poll(() => options.count(), TIMEOUT).toBeGreaterThan(10);
    const labels = (await options.allInnerTexts()).map((l) => l.replace(/[\s\u3000└]/g, ''));
    expect(labels.slice(labels.indexOf('闵行区') + 1, labels.indexOf('闵行区') + 3)).toEqual(['浦江镇', '浦锦街道']);
    expect(labels[labels.indexOf('宝山区') + 1]).toBe('罗店镇');
    // A town is indented deeper than a district.
    expect(await options.filter({ hasText: '罗店镇' }).getAttribute('data-depth')).toBe('2');
    expect(await options.filter({ hasText: '罗店镇' }).getAttribute('data-parent')).toBe('baoshan');
  });

  it('against 松江区: 0 vs 0 is "均无", not "缺失"; 3 vs 0 is "本区独有"; hospitals are counted as hospitals; the rule is on screen', async () => {
    await page.goto(`${app.url}/?view=gaps&region=minhang&benchmark=songjiang`);
    const cro = row('gaps-table', 'seg-rd-services');
    await expect.poll(() => cro.getAttribute('data-status'), TIMEOUT).toBe('NEITHER');
    expect(await cro.locator('.status-badge').innerText()).toBe('均无');
    expect(await cro.innerText()).not.toContain('缺失');
    expect(await row('gaps-table', 'seg-raw-materials').locator('.status-badge').innerText()).toBe('缺失');
    expect(await row('gaps-table', 'seg-chemical-drugs').locator('.status-badge').innerText()).toBe('本区独有');
    // 生物药: 3 of 20 here (15%) against 6 of 11 (54.5%) there.
    const bio = row('gaps-table', 'seg-biologics');
    expect(await bio.innerText()).toContain('15%（3/20）');
    expect(await bio.innerText()).toContain('54.5%（6/11）');
    expect(await bio.locator('.status-badge').innerText()).toBe('薄弱');
    const services = await row('gaps-table', 'seg-medical-services').getByTestId('gap-count').innerText();
    expect(services).toBe('4 家医疗机构');
    expect(await page.getByTestId('gap-rule').innerText()).toContain('均无：两边都没有');
    await expect.poll(() => page.getByTestId('table-export-csv').first().isEnabled()).toBe(true);
    await screenshot(page, 'analysis-gaps-vs-songjiang');
  });

  it('places each candidate, ranks the likely-local 大浦江 members apart, and explains the score part by part', async () => {
    await page.goto(`${app.url}/?view=gaps&region=minhang`);
    const cro = page.getByTestId('gaps-table').locator('tr[data-candidates-for="seg-rd-services"]');
    await cro.locator('[data-candidate]').first().waitFor(TIMEOUT);
    // 华测检测 states no location but is in the 大浦江 alliance: listed apart as likely already here.
    const local = cro.getByTestId('candidates-local');
    const huace = local.locator('[data-candidate-row="cti-testing"]');
    expect(await huace.innerText()).toContain('可能已在本区');
    expect(await huace.innerText()).toContain('大浦江');
    // Those to attract come first, each with a place.
    const first = cro.locator('[data-candidate-row]').first();
    expect(await first.getAttribute('data-locality')).toMatch(/ELSEWHERE|UNKNOWN/);
    expect(await first.getByTestId('candidate-place').innerText()).toMatch(/区|所在地不明/);
    expect(await first.innerText()).toMatch(/得分 \d+\.\d\d = .*\+1.*图谱中 \d+ 条关系 \+/);
  });

  it('shows a company group as one candidate with its units: 美敦力 with 柯惠 ×3 and its R&D centre', async () => {
    await page.goto(`${app.url}/?view=gaps&region=songjiang`);
    const devices = page.getByTestId('gaps-table').locator('tr[data-candidates-for="seg-medical-devices"]');
    const medtronic = devices.locator('[data-candidate-row="medtronic"]');
    await medtronic.waitFor(TIMEOUT);
    expect(await medtronic.getByTestId('candidate-place').innerText()).toContain('临港浦江国际科技城');
    await medtronic.getByTestId('candidate-units').locator('summary').click();
    const units = await medtronic.getByTestId('candidate-units').innerText();
    expect(units).toContain('集团 5 个单位');
    for (const name of ['柯惠医疗', '柯惠(中国)医疗器材技术有限公司', '柯惠医疗器材制造(上海)有限公司', '美敦力大中华区研发中心'])
      expect(units).toContain(name);
    // The units are not listed again as candidates of their own.
    expect(await devices.locator('[data-candidate-row="covidien"]').count()).toBe(0);
    await screenshot(page, 'analysis-gaps-group');
  });

  it('changes the chain when the benchmark changes', async () => {
    await page.goto(`${app.url}/?view=chain&region=minhang`);
    const bio = row('chain-summary-midstream', 'seg-biologics');
    await bio.waitFor(TIMEOUT);
    // Against the whole graph: 16 there, and no thin mark.
    await expect.poll(() => bio.innerText(), TIMEOUT).toContain('16');
    expect(await bio.innerText()).not.toContain('薄弱');
    await page.getByTestId('chain-benchmark').selectOption('songjiang');
    await expect.poll(() => bio.innerText(), TIMEOUT).toContain('薄弱');
    expect(await bio.innerText()).toContain('6');
    // The canvas's segment says so too.
    await expect
      .poll(() => canvasNodeNames(page, 'chain-canvas'), TIMEOUT)
      .toEqual(expect.arrayContaining(['生物药(3) · 基准 6 · 薄弱', '研发服务/CRO(0) · 基准 0 · 均无']));
  });

  it('compares two regions side by side with the differences highlighted', async () => {
    await page.goto(`${app.url}/?view=chain&region=minhang&benchmark=songjiang`);
    await page.getByTestId('chain-mode-compare').click();
    const table = page.getByTestId('compare-table');
    const devices = row('compare-table', 'seg-medical-devices');
    await devices.waitFor(TIMEOUT);
    expect(await devices.innerText()).toContain('A 多 5');
    expect(await devices.getAttribute('data-differs')).toBe('true');
    expect(await row('compare-table', 'seg-raw-materials').locator('.diff-cell').innerText()).toBe('仅 B 有');
    expect(await row('compare-table', 'seg-rd-services').getAttribute('data-differs')).toBe('false');
    expect(await table.locator('tr.diff').count()).toBeGreaterThan(3);
    // Both chain maps, each marked against the other.
    await expect
      .poll(() => canvasNodeNames(page, 'compare-canvas-a'), TIMEOUT)
      .toEqual(expect.arrayContaining(['医疗器械(6) · 基准 1 · 优势']));
    await expect
      .poll(() => canvasNodeNames(page, 'compare-canvas-b'), TIMEOUT)
      .toEqual(expect.arrayContaining(['医疗器械(1) · 基准 6 · 薄弱']));
    await screenshot(page, 'analysis-compare');
  });
});
