/**
 * Reviewing an article in a real browser: an editor pastes a news article, sees the names it states
 * highlighted in the text, accepts a new company and its membership of a seed alliance, re-links a
 * short name to the seed company it is, rejects another new company (its relation can no longer be
 * accepted), applies, finds the company with its sentence in Explore and the change set in Recent
 * changes, then reverts it and the company is gone. An empty article is refused with its reason.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANGE_KINDS, INGEST_STATUSES, MATCH_REASONS, REVISION_OPS } from '../../shared/model/curation.js';
import { ADMIN, EDITOR, startApp, type AppServer } from './support/app-server.js';
import { launchBrowser, screenshot, searchSuggests, signIn } from './support/browser.js';
import { rawCodesOnScreen, schemaCodes } from './support/codes.js';

const TIMEOUT = { timeout: 20_000 };

const NEW_COMPANY = '上海澜屿生物科技有限公司';
const REJECTED = '上海鸿穹医药科技有限公司';
const ALLIANCE = '大浦江生物医药产业链党建联盟';
const SHORT_NAME = '诺斯清公司';
const SEED_COMPANY = '上海诺斯清生物科技有限公司';
const JOINED = `2024年5月10日，${NEW_COMPANY}正式加入${ALLIANCE}，与思路迪等成员单位共同推动产业链上下游协同创新。`;
const ARTICLE = [
  `${NEW_COMPANY}加入${ALLIANCE}`,
  JOINED,
  `同日，${REJECTED}也提交了入盟申请，将于下半年完成审核。`,
  `${SHORT_NAME}表示，将与新成员在呼吸健康领域开展合作。`,
].join('\n');
const NOTE = '据浦江镇公众号文章核对，澜屿入盟';

const CODES = [...schemaCodes(), ...MATCH_REASONS, ...CHANGE_KINDS, ...REVISION_OPS, ...INGEST_STATUSES];

describe('reviewing an article', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startApp({ users: [ADMIN, EDITOR] });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const proposal = (name: string): Locator => page.locator(`[data-testid="proposal"][data-name="${name}"]`);
  const relationBetween = (from: string, to: string): Locator =>
    // The alliance shows as the seed entity it links to, whose full name ends with the article's.
    page.getByTestId('relation-proposal').filter({ hasText: new RegExp(`${from}\\s*→\\s*\\S*${to}`) });

  it('refuses an empty article with its reason', async () => {
    page = await signIn(browser, app, EDITOR, '/', TIMEOUT);
    await page.getByRole('tab', { name: '文章采集' }).click();
    await page.getByTestId('review-title').fill('空白文章');
    await page.getByTestId('review-text').fill('   \n  ');
    await page.getByTestId('review-submit').click();
    const refused = page.getByTestId('review-refused');
    await expect.poll(() => refused.getAttribute('data-code'), TIMEOUT).toBe('EMPTY');
    expect(await refused.innerText()).toContain('没有正文');
  });

  it('proposes the names the article states, highlighted in its text', async () => {
    await page.getByTestId('review-title').fill(`${NEW_COMPANY}加入${ALLIANCE}`);
    await page.getByTestId('review-text').fill(ARTICLE);
    await page.getByTestId('review-date').fill('2024-05-10');
    await page.getByTestId('review-publisher').fill('浦江镇');
    await page.getByTestId('review-submit').click();
    await page.getByTestId('review-job-view').waitFor(TIMEOUT);

    const marks = page.getByTestId('review-mark');
    await expect.poll(() => marks.count(), TIMEOUT).toBeGreaterThanOrEqual(4);
    const marked = await marks.allInnerTexts();
    for (const name of [NEW_COMPANY, REJECTED, ALLIANCE, SHORT_NAME]) expect(marked).toContain(name);
    // The seed alliance is recognised; the new company is new.
    expect(await page.locator('[data-group="matched"]').innerText()).toContain(ALLIANCE);
    expect(await page.locator('[data-group="new"]').innerText()).toContain(NEW_COMPANY);
    // All of a kind can be decided at once: the types the article names are offered.
    expect(await page.getByTestId('proposal-kinds').innerText()).toMatch(/企业.*全部接受/s);

    // A highlight selects its proposal.
    await marks.filter({ hasText: REJECTED }).first().click();
    await expect.poll(() => proposal(REJECTED).getAttribute('class'), TIMEOUT).toContain('selected');
    expect(await page.getByTestId('review-apply-submit').isDisabled()).toBe(true);
    expect(await rawCodesOnScreen(page, 'zh', CODES)).toEqual([]);
    await screenshot(page, 'review-zh-1440');
  });

  it('accepts, re-links and rejects, and a relation to a rejected company cannot be accepted', async () => {
    await proposal(NEW_COMPANY).getByTestId('proposal-accept').click();
    await proposal(REJECTED).getByTestId('proposal-reject').click();
    await proposal(SHORT_NAME).getByTestId('proposal-relink').click();
    await proposal(SHORT_NAME).getByRole('combobox').fill('诺斯清');
    await proposal(SHORT_NAME)
      .getByRole('option', { name: new RegExp(SEED_COMPANY) })
      .first()
      .click();
    expect(await proposal(SHORT_NAME).getByTestId('proposal-effect').innerText()).toContain(SEED_COMPANY);
    // Anything else proposed that still waits for a decision is rejected.
    for (const other of await page.locator('[data-testid="proposal"][data-outcome="pending"]').all()) {
      await other.getByTestId('proposal-reject').click();
    }

    // A relation whose end is rejected cannot be accepted, and says why.
    const joined = relationBetween(NEW_COMPANY, ALLIANCE).first();
    await proposal(NEW_COMPANY).getByTestId('proposal-reject').click();
    expect(await joined.getByTestId('relation-accept').isDisabled()).toBe(true);
    expect(await joined.getByTestId('relation-blocked').innerText()).toContain('已被拒绝');
    await proposal(NEW_COMPANY).getByTestId('proposal-accept').click();
    await joined.getByTestId('relation-accept').click();
    expect(await joined.getAttribute('data-outcome')).toBe('accept');
    expect(await joined.innerText()).toContain(`${NEW_COMPANY}加入${ALLIANCE}`);
    expect(await page.getByTestId('review-summary').innerText()).toContain('将应用');
    await screenshot(page, 'review-decided');
  });

  it('looks right in English and on a phone', async () => {
    await page.getByTestId('lang-toggle').click();
    await expect.poll(() => page.getByRole('tab', { name: 'Articles' }).count(), TIMEOUT).toBe(1);
    expect(await rawCodesOnScreen(page, 'en', CODES)).toEqual([]);
    await screenshot(page, 'review-en-1440');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'review-en-390');
    await page.getByTestId('lang-toggle').click();
    await page.getByRole('tab', { name: '文章采集' }).waitFor(TIMEOUT);
    await screenshot(page, 'review-zh-390');
    await page.locator('[data-testid="proposal"][data-name]').nth(2).scrollIntoViewIfNeeded();
    await screenshot(page, 'review-zh-390-proposals');
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('applies the review as one change set, found in Explore with its sentence and in Recent changes', async () => {
    await page.getByTestId('review-note').fill(NOTE);
    await page.getByTestId('review-apply-submit').click();
    await page.getByTestId('review-done').waitFor(TIMEOUT);
    expect(await page.getByTestId('review-done-counts').innerText()).toContain('新增');
    // The cards say what happened, not what will: accepted and created, the rejected one rejected.
    await expect.poll(() => proposal(NEW_COMPANY).getByTestId('proposal-state').innerText(), TIMEOUT).toBe('已接受');
    expect(await proposal(NEW_COMPANY).getByTestId('proposal-effect').innerText()).toBe('已新建');
    expect(await proposal(SHORT_NAME).getByTestId('proposal-effect').innerText()).toBe(`已关联到 ${SEED_COMPANY}`);
    expect(await proposal(REJECTED).getByTestId('proposal-state').innerText()).toBe('已拒绝');
    expect(await page.getByTestId('review-job-view').innerText()).not.toContain('将接受');
    await screenshot(page, 'review-applied');

    // Explore: the company, its details naming the alliance, and the sentence as its source.
    const explore = await page.context().newPage();
    await explore.goto(app.url);
    await explore.getByTestId('main-search').getByRole('combobox').fill('澜屿');
    await explore
      .getByRole('option', { name: new RegExp(NEW_COMPANY) })
      .first()
      .click();
    const details = explore.getByTestId('details');
    await expect.poll(() => details.locator('.details-name').innerText(), TIMEOUT).toBe(NEW_COMPANY);
    await expect.poll(() => details.innerText(), TIMEOUT).toContain(ALLIANCE);
    await expect
      .poll(() => details.getByTestId('source-quote').allInnerTexts(), TIMEOUT)
      .toContainEqual(expect.stringContaining(`${NEW_COMPANY}加入${ALLIANCE}`));
    await explore.close();

    // Recent changes: the change set with the note.
    await page.getByTestId('review-changeset-link').click();
    await expect.poll(() => page.getByTestId('change-set').filter({ hasText: NOTE }).count(), TIMEOUT).toBeGreaterThan(0);
    expect(await searchSuggests(page, app, REJECTED, TIMEOUT)).toContain('没有找到');
  });

  it('reverts the change set, and the company is gone', async () => {
    await page.getByRole('tab', { name: '文章采集' }).click();
    await page.getByTestId('review-status').selectOption('applied');
    await page.getByTestId('review-job').filter({ hasText: NEW_COMPANY }).first().click();
    await page.getByTestId('review-revert').click();
    await page.getByTestId('revert-note').fill('入盟信息有误，撤销');
    await page.getByTestId('revert-confirm').click();
    await page.getByTestId('review-revert-link').waitFor(TIMEOUT);
    expect(await searchSuggests(page, app, NEW_COMPANY, TIMEOUT)).toContain('没有找到');
  });
});
