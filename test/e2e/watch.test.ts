/**
 * Following (关注) in a real browser: an editor follows 思路迪 from Explore's details panel and 闵行区
 * from the gaps view; an admin edits 思路迪; the editor's 关注 page says so in one sentence (who, which
 * field, which company, because of which follow) that opens 思路迪 in Explore; 全部标为已读 empties the
 * feed for good; unfollowing takes it off the list; English mode speaks English; a retracted company
 * stays on the list and in the feed by name, without a link. Screenshots of the
 * view and the follow button, in both languages, on a desktop and a phone.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, EDITOR, startApp, type AppServer } from './support/app-server.js';
import { TIMEOUT, graphqlAs as graphql, launchBrowser, screenshot, signIn } from './support/browser.js';
import { rawCodesOnScreen, schemaCodes } from './support/codes.js';

const SILUDI = 'siludi';
const SILUDI_NAME = '上海思路迪生物医学科技有限公司';
const LEPU = 'lepu-biopharma';
const LEPU_NAME = '乐普生物';
const CODES = [
  ...schemaCodes(),
  'ENTITY',
  'REGION',
  'SEGMENT',
  'FACT_ADDED',
  'FACT_CHANGED',
  'FACT_RETRACTED',
  'LEAD_CREATED',
  'LEAD_STAGE_CHANGED',
  'NO_SUCH_ENTITY',
  'RETRACTED',
  'NOT_A_REGION',
  'NOT_A_SEGMENT',
  'TOO_MANY',
];
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };

describe('following and the changes since the last visit', () => {
  let app: AppServer;
  let browser: Browser;
  let editor: Page;
  let admin: Page;

  beforeAll(async () => {
    app = await startApp({ users: [ADMIN, EDITOR] });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  /** The admin changes 思路迪's address through the API, citing a web page. */
  const adminEditsSiludi = (address: string) =>
    graphql(
      admin,
      `
        mutation ($id: ID!, $address: String!) {
          updateEntity(
            id: $id
            patch: { address: $address }
            note: "地址核实"
            source: { kind: url, url: "https://example.com/siludi", title: "思路迪官网" }
          ) {
            changeSet {
              id
            }
          }
        }
      `,
      { id: SILUDI, address },
    );

  const followButton = (page: Page) => page.getByTestId('details').getByTestId('follow-button');
  const watchItems = (page: Page) => page.getByTestId('watch-item');
  const feedItems = (page: Page) => page.getByTestId('feed-item');
  const openFollowing = (page: Page) => page.locator('.tab[data-view="watch"]').click();

  it('an editor follows 思路迪 from Explore’s details panel and 闵行区 from the gaps view', async () => {
    editor = await signIn(browser, app, EDITOR, `/?ids=${SILUDI}&sel=${SILUDI}`);
    await expect.poll(() => editor.getByTestId('details').locator('.details-name').innerText(), TIMEOUT).toContain(SILUDI_NAME);
    const button = followButton(editor);
    await expect.poll(() => button.innerText(), TIMEOUT).toContain('关注');
    expect(await button.getAttribute('aria-pressed')).toBe('false');
    await button.click();
    await expect.poll(() => button.getAttribute('aria-pressed'), TIMEOUT).toBe('true');
    expect(await button.innerText()).toContain('已关注');
    await screenshot(editor, 'watch-follow-zh-1440');

    await editor.goto(`${app.url}/?view=gaps&region=minhang`);
    const region = editor.getByTestId('follow-region');
    await expect.poll(() => region.innerText(), TIMEOUT).toContain('关注该区域');
    await region.click();
    await expect.poll(() => region.innerText(), TIMEOUT).toContain('已关注该区域');
    await screenshot(editor, 'watch-follow-gaps-zh-1440');

    // The chain view knows the region is followed; a segment's panel follows the segment, and a second click unfollows it.
    await editor.goto(`${app.url}/?view=chain&region=minhang`);
    await expect.poll(() => editor.getByTestId('follow-region').innerText(), TIMEOUT).toContain('已关注该区域');
    await editor.locator('[data-testid="chain-panel"] [data-segment="seg-ivd"] .entity-link').click();
    const segment = editor.getByTestId('follow-segment');
    await expect.poll(() => segment.innerText(), TIMEOUT).toContain('关注该环节');
    await segment.click();
    await expect.poll(() => segment.innerText(), TIMEOUT).toContain('已关注该环节');
    await screenshot(editor, 'watch-follow-chain-zh-1440');
    await segment.click();
    await expect.poll(() => segment.getAttribute('aria-pressed'), TIMEOUT).toBe('false');

    await openFollowing(editor);
    await expect
      .poll(() => watchItems(editor).allInnerTexts(), TIMEOUT)
      .toEqual([expect.stringContaining('闵行区'), expect.stringContaining(SILUDI_NAME)]);
    expect(await watchItems(editor).first().innerText()).toContain('区域');
  });

  it('shows another user’s edit to 思路迪 as one sentence, saying which follow caught it, that opens Explore', async () => {
    admin = await signIn(browser, app, ADMIN);
    await adminEditsSiludi('上海市闵行区浦江镇新骏环路 588 号');

    await editor.reload();
    await openFollowing(editor);
    const item = feedItems(editor).filter({ hasText: SILUDI_NAME });
    await item.first().waitFor(TIMEOUT);
    expect(await feedItems(editor).count()).toBe(1);
    const sentence = await item.getByTestId('feed-sentence').innerText();
    expect(sentence).toContain('root');
    expect(sentence).toContain('修改了');
    expect(sentence).toContain(SILUDI_NAME);
    expect(sentence).toContain('地址');
    const because = await item.getByTestId('feed-because').innerText();
    expect(because).toMatch(/^因为你关注了/);
    expect(because).toContain(SILUDI_NAME);
    expect(because).toContain('闵行区');
    expect(await editor.getByTestId('feed-day').first().innerText()).toContain('今天');
    // The tab counts it.
    expect(await editor.getByTestId('watch-unread').innerText()).toBe('1');
    expect(await rawCodesOnScreen(editor, 'zh', CODES)).toEqual([]);
    await screenshot(editor, 'watch-feed-zh-1440');

    await item.getByTestId('feed-entity').first().click();
    await expect.poll(() => editor.getByTestId('details').locator('.details-name').innerText(), TIMEOUT).toContain(SILUDI_NAME);
    const url = new URL(editor.url());
    expect(url.searchParams.get('sel')).toBe(SILUDI);
    expect(url.searchParams.get('view')).toBeNull();
  });

  it('全部标为已读 empties the feed, and it stays empty after a reload', async () => {
    await openFollowing(editor);
    await feedItems(editor).first().waitFor(TIMEOUT);
    await editor.getByTestId('watch-mark-read').click();
    await editor.getByTestId('watch-feed-empty').waitFor(TIMEOUT);
    expect(await feedItems(editor).count()).toBe(0);
    expect(await editor.getByTestId('watch-since').innerText()).toMatch(/^自 .+（上次标为已读）以来$/);
    await expect.poll(() => editor.getByTestId('watch-unread').count(), TIMEOUT).toBe(0);

    await editor.reload();
    await editor.getByTestId('watch-feed-empty').waitFor(TIMEOUT);
    expect(await feedItems(editor).count()).toBe(0);
    expect(await editor.getByTestId('watch-mark-read').count()).toBe(0);
  });

  it('unfollowing takes 思路迪 off the list, and its button says 关注 again', async () => {
    const siludi = editor.locator(`[data-testid="watch-item"][data-target="${SILUDI}"]`);
    await siludi.getByTestId('watch-unfollow').click();
    await expect.poll(() => siludi.count(), TIMEOUT).toBe(0);
    expect(await watchItems(editor).allInnerTexts()).toEqual([expect.stringContaining('闵行区')]);

    await editor.goto(`${app.url}/?ids=${SILUDI}&sel=${SILUDI}`);
    await expect.poll(() => followButton(editor).getAttribute('aria-pressed'), TIMEOUT).toBe('false');
    expect(await followButton(editor).innerText()).not.toContain('已关注');
  });

  it('speaks English in English mode: the tab, the sentence, the field and why it is shown', async () => {
    await adminEditsSiludi('上海市闵行区浦江镇新骏环路 599 号');
    await editor.goto(`${app.url}/?view=watch&lang=en`);
    expect(await editor.locator('.tab[data-view="watch"]').innerText()).toContain('Following');
    const item = feedItems(editor).filter({ hasText: SILUDI_NAME });
    await item.first().waitFor(TIMEOUT);
    const sentence = await item.getByTestId('feed-sentence').innerText();
    expect(sentence).toContain('root changed the Address of');
    // 思路迪 is no longer followed for itself: 闵行区, where it is, caught the change.
    expect(await item.getByTestId('feed-because').innerText()).toBe('because you follow 闵行区');
    expect(await editor.getByText('Changes since your last visit').count()).toBe(1);
    expect(await editor.getByTestId('watch-mark-read').innerText()).toBe('Mark all as read');
    expect(await watchItems(editor).first().innerText()).toContain('Region');
    expect(await rawCodesOnScreen(editor, 'en', CODES)).toEqual([]);
    await screenshot(editor, 'watch-feed-en-1440');

    await editor.setViewportSize(PHONE);
    await editor.reload();
    await feedItems(editor).first().waitFor(TIMEOUT);
    await screenshot(editor, 'watch-feed-en-390');
    await editor.goto(`${app.url}/?view=watch`);
    await feedItems(editor).first().waitFor(TIMEOUT);
    await screenshot(editor, 'watch-feed-zh-390');

    await editor.goto(`${app.url}/?ids=${SILUDI}&sel=${SILUDI}`);
    await followButton(editor).waitFor(TIMEOUT);
    await followButton(editor).scrollIntoViewIfNeeded();
    await screenshot(editor, 'watch-follow-zh-390');
    await editor.goto(`${app.url}/?ids=${SILUDI}&sel=${SILUDI}&lang=en`);
    await expect.poll(() => followButton(editor).innerText(), TIMEOUT).toContain('Follow');
    await followButton(editor).scrollIntoViewIfNeeded();
    await screenshot(editor, 'watch-follow-en-390');

    await editor.setViewportSize(DESKTOP);
    await editor.reload();
    await expect.poll(() => followButton(editor).innerText(), TIMEOUT).toContain('Follow');
    await screenshot(editor, 'watch-follow-en-1440');
  });

  it('keeps a retracted company on the list and in the feed by name, with nothing to open', async () => {
    await editor.goto(`${app.url}/?ids=${LEPU}&sel=${LEPU}`);
    await expect.poll(() => followButton(editor).getAttribute('aria-pressed'), TIMEOUT).toBe('false');
    await followButton(editor).click();
    await expect.poll(() => followButton(editor).getAttribute('aria-pressed'), TIMEOUT).toBe('true');
    await graphql(
      admin,
      `
        mutation ($id: ID!) {
          retractEntity(id: $id, note: "企业已注销", source: { kind: note, note: "工商信息核实" }) {
            changeSet {
              id
            }
          }
        }
      `,
      { id: LEPU },
    );

    await editor.goto(`${app.url}/?view=watch`);
    const followed = editor.locator(`[data-testid="watch-item"][data-target="${LEPU}"]`);
    await followed.getByTestId('watch-gone').waitFor(TIMEOUT);
    expect(await followed.innerText()).toContain(LEPU_NAME);
    expect(await followed.locator('.entity-link').count()).toBe(0);
    const retracted = feedItems(editor).filter({ hasText: `撤下了 ${LEPU_NAME}` });
    await retracted.first().waitFor(TIMEOUT);
    expect(await retracted.first().getByTestId('feed-gone').innerText()).toContain(LEPU_NAME);
    expect(await retracted.first().getByTestId('feed-entity').count()).toBe(0);
    expect(await retracted.first().getByTestId('feed-because').innerText()).toContain(LEPU_NAME);
    expect(await rawCodesOnScreen(editor, 'zh', CODES)).toEqual([]);
    await screenshot(editor, 'watch-retracted-zh-1440');
  });

  it('offers 加载更早的变化 while there is more, and the tab says there are more than a page', async () => {
    await editor.goto(`${app.url}/?view=watch`);
    await feedItems(editor).first().waitFor(TIMEOUT);
    await editor.getByTestId('watch-mark-read').click();
    await editor.getByTestId('watch-feed-empty').waitFor(TIMEOUT);
    for (let i = 0; i < 55; i++) {
      await graphql(
        admin,
        `
          mutation ($id: ID!, $contact: String!) {
            updateEntity(id: $id, patch: { contact: $contact }, note: "电话核实", source: { kind: note, note: "电话核实" }) {
              changeSet {
                id
              }
            }
          }
        `,
        { id: SILUDI, contact: `021-5555 ${String(1000 + i)}` },
      );
    }
    await editor.reload();
    await expect.poll(() => feedItems(editor).count(), TIMEOUT).toBe(50);
    expect(await editor.getByTestId('watch-unread').innerText()).toBe('50+');
    await editor.getByTestId('watch-earlier').click();
    await expect.poll(() => feedItems(editor).count(), TIMEOUT).toBe(55);
    expect(await editor.getByTestId('watch-earlier').count()).toBe(0);
    expect(await feedItems(editor).last().innerText()).toContain('联系方式');
  });

  it('says a lead was opened on a followed company and moved to another stage, in the leads’ own words', async () => {
    await editor.getByTestId('watch-mark-read').click();
    await editor.getByTestId('watch-feed-empty').waitFor(TIMEOUT);
    const { createLead } = await graphql<{ createLead: { id: string; version: number } }>(
      admin,
      `
        mutation ($target: ID!) {
          createLead(input: { target: $target, region: "minhang", origin: { kind: MANUAL } }) {
            id
            version
          }
        }
      `,
      { target: SILUDI },
    );
    await graphql(
      admin,
      `
        mutation ($id: ID!, $version: Int!) {
          moveLeadStage(id: $id, stage: CONTACT, note: "首次电话沟通", expectedVersion: $version) {
            id
          }
        }
      `,
      { id: createLead.id, version: createLead.version },
    );
    await editor.reload();
    await expect
      .poll(() => editor.getByTestId('feed-sentence').allInnerTexts(), TIMEOUT)
      .toEqual([`root 把 ${SILUDI_NAME} 的招商线索从“线索”改为“接洽”`, `root 为 ${SILUDI_NAME} 建立了招商线索（线索）`]);
    expect(await rawCodesOnScreen(editor, 'zh', [...CODES, 'LEAD', 'CONTACT'])).toEqual([]);
  });
});
