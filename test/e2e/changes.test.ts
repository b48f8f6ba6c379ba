/**
 * The changes feed in a real browser: changes an editor makes through the API show in the feed,
 * filter by region, entity type and author, expand to their diff and link into Explore; a revert
 * refused because a fact changed since says what changed, a later one reverts; the documents list shows the staff note
 * a change cited and the company citing it. A viewer sees it all and no revert button.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANGE_KINDS, DOCUMENT_KINDS, MATCH_REASONS, REVISION_OPS } from '../../shared/model/curation.js';
import { ADMIN, EDITOR, VIEWER, startApp, type AppServer } from './support/app-server.js';
import { TIMEOUT, graphqlAs, launchBrowser, screenshot, signIn } from './support/browser.js';
import { rawCodesOnScreen, schemaCodes } from './support/codes.js';

const COMPANY = '上海澄湖细胞治疗技术有限公司';
const CREATE_NOTE = '松江走访：新入驻细胞治疗企业';
const STAFF_NOTE = '2025 年 5 月松江区经委走访记录（E2E）';
const ADDRESS_NOTE = '思路迪新地址，企业官网核实';
const CONTACT_NOTE = '思路迪联系电话更新';
const ADDRESS = '上海市闵行区浦江镇新骏环路 588 号';
const SILUDI = 'siludi';
const SILUDI_NAME = '上海思路迪生物医学科技有限公司';
const CODES = [...schemaCodes(), ...CHANGE_KINDS, ...REVISION_OPS, ...DOCUMENT_KINDS, ...MATCH_REASONS];

describe('recent changes and documents', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startApp({ users: [ADMIN, EDITOR, VIEWER] });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const graphql = <T>(query: string, variables: Record<string, unknown>) => graphqlAs<T>(page, query, variables);

  const feed = () => page.getByTestId('change-feed');
  const card = (note: string): Locator => page.getByTestId('change-set').filter({ hasText: note });
  const notesShown = () => page.locator('[data-testid="change-set"] .change-note').allInnerTexts();

  it('shows a change made through the API, newest first, with its counts and source', async () => {
    page = await signIn(browser, app, EDITOR);
    await graphql(
      `mutation ($note: String!, $staff: String!) {
        createEntity(input: { type: Enterprise, name: "${COMPANY}", aliases: ["澄湖细胞"] }, placement: { locatedIn: "songjiang" },
          note: $note, source: { kind: note, note: $staff, date: "2025-05-12" }) { changeSet { id } }
      }`,
      { note: CREATE_NOTE, staff: STAFF_NOTE },
    );
    await graphql(
      `
        mutation ($id: ID!, $address: String!, $note: String!) {
          updateEntity(
            id: $id
            patch: { address: $address }
            note: $note
            source: { kind: url, url: "https://example.com/siludi", title: "思路迪官网" }
          ) {
            changeSet {
              id
            }
          }
        }
      `,
      { id: SILUDI, address: ADDRESS, note: ADDRESS_NOTE },
    );
    await page.getByRole('tab', { name: '变更' }).click();
    await feed().waitFor(TIMEOUT);
    await expect.poll(notesShown, TIMEOUT).toEqual(expect.arrayContaining([CREATE_NOTE, ADDRESS_NOTE]));
    const notes = await notesShown();
    expect(notes.indexOf(ADDRESS_NOTE)).toBeLessThan(notes.indexOf(CREATE_NOTE));

    const created = await card(CREATE_NOTE).innerText();
    expect(created).toContain('编辑');
    expect(await card(CREATE_NOTE).locator('.change-author').innerText()).toBe('ed');
    expect(created).toContain('新增 1 个机构、1 条关系');
    expect(created).toContain(STAFF_NOTE);
    expect(created).toContain('工作记录');
    expect(await card(ADDRESS_NOTE).locator('a[href="https://example.com/siludi"]').innerText()).toBe('思路迪官网');
    // Each card names the organisation the change is about, without opening it.
    expect(await card(ADDRESS_NOTE).getByTestId('change-about').innerText()).toBe(`涉及： ${SILUDI_NAME}`);
    expect(await card(CREATE_NOTE).getByTestId('change-about').innerText()).toContain(COMPANY);
    expect(await rawCodesOnScreen(page, 'zh', CODES)).toEqual([]);
    await screenshot(page, 'changes-feed');
  });

  it('filters by region, entity type and author', async () => {
    await page.getByTestId('changes-region').selectOption('songjiang');
    await expect.poll(notesShown, TIMEOUT).toEqual([CREATE_NOTE]);
    await page.getByTestId('changes-region').selectOption('minhang');
    await expect.poll(notesShown, TIMEOUT).toEqual([ADDRESS_NOTE]);
    await page.getByTestId('changes-region').selectOption('');
    await expect.poll(notesShown, TIMEOUT).toEqual([ADDRESS_NOTE, CREATE_NOTE]);

    await page.getByTestId('changes-type').selectOption('Hospital');
    await page.getByTestId('changes-empty').waitFor(TIMEOUT);
    await page.getByTestId('changes-type').selectOption('Enterprise');
    await expect.poll(notesShown, TIMEOUT).toEqual([ADDRESS_NOTE, CREATE_NOTE]);
    await page.getByTestId('changes-type').selectOption('');

    await page.getByTestId('changes-author').fill('nobody');
    await page.getByTestId('changes-empty').waitFor(TIMEOUT);
    await page.getByTestId('changes-author').fill('ed');
    await expect.poll(notesShown, TIMEOUT).toEqual([ADDRESS_NOTE, CREATE_NOTE]);
  });

  it('expands a change to its diff, whose names link into Explore', async () => {
    const address = card(ADDRESS_NOTE);
    await address.getByTestId('change-expand').click();
    const diff = address.getByTestId('revisions');
    await diff.waitFor(TIMEOUT);
    expect(await diff.innerText()).toContain('地址');
    expect(await diff.innerText()).toContain(ADDRESS);

    const created = card(CREATE_NOTE);
    await created.getByTestId('change-expand').click();
    await created.getByTestId('revisions').waitFor(TIMEOUT);
    const text = await created.getByTestId('revisions').innerText();
    expect(text).toContain('别名/简称');
    expect(text).toContain('+ 澄湖细胞');
    expect(text).toContain('松江区');
    expect(await rawCodesOnScreen(page, 'zh', CODES)).toEqual([]);
    await screenshot(page, 'changes-expanded');

    await created.locator('.revision[data-target="ENTITY"] .entity-link').first().click();
    await expect.poll(() => page.getByTestId('details').locator('.details-name').innerText(), TIMEOUT).toContain(COMPANY);
  });

  it('refuses to revert a change whose facts changed since, naming them; reverts the later one', async () => {
    await graphql(
      `
        mutation ($id: ID!, $note: String!) {
          updateEntity(id: $id, patch: { contact: "021-5555 0100" }, note: $note, source: { kind: note, note: "电话核实" }) {
            changeSet {
              id
            }
          }
        }
      `,
      { id: SILUDI, note: CONTACT_NOTE },
    );
    await page.goto(`${app.url}/?view=changes`);
    await card(CONTACT_NOTE).waitFor(TIMEOUT);

    await card(ADDRESS_NOTE).getByTestId('change-revert').click();
    await card(ADDRESS_NOTE).getByTestId('revert-note').fill('地址有误');
    await card(ADDRESS_NOTE).getByTestId('revert-confirm').click();
    const conflict = card(ADDRESS_NOTE).locator('[role="alert"][data-code="CONFLICT"]');
    await conflict.waitFor(TIMEOUT);
    expect(await conflict.innerText()).toContain('又被修改过');
    expect(await conflict.innerText()).toContain(SILUDI_NAME);
    expect(await card(ADDRESS_NOTE).getByTestId('reverted-tag').count()).toBe(0);
    await screenshot(page, 'changes-revert-conflict');

    await card(CONTACT_NOTE).getByTestId('change-revert').click();
    await card(CONTACT_NOTE).getByTestId('revert-note').fill('电话有误');
    await card(CONTACT_NOTE).getByTestId('revert-confirm').click();
    await card(CONTACT_NOTE).getByTestId('reverted-tag').waitFor(TIMEOUT);
    // The revert is a change set of its own, at the top of the feed, and the reverted one links to it.
    await expect.poll(() => page.locator('[data-testid="change-set"][data-kind="REVERT"]').count(), TIMEOUT).toBe(1);
    await card(CONTACT_NOTE).getByRole('button', { name: '查看撤销记录' }).click();
    const focused = page.getByTestId('change-focused');
    await expect.poll(() => focused.innerText(), TIMEOUT).toContain('电话有误');
  });

  it('lists the staff note among the documents, with the company citing it', async () => {
    await page.getByTestId('changes-documents-tab').click();
    const row = page.getByTestId('document-row').filter({ hasText: STAFF_NOTE });
    await row.waitFor(TIMEOUT);
    const text = await row.innerText();
    expect(text).toContain('工作记录');
    expect(text).toContain('2025-05-12');
    expect(text).toMatch(/[1-9]\d* 条信息/);
    await row.getByTestId('document-expand').click();
    const citing = page.getByTestId('document-entities');
    await citing.waitFor(TIMEOUT);
    expect(await citing.innerText()).toContain(COMPANY);

    await page.getByTestId('documents-kind').selectOption('article');
    await expect.poll(() => page.getByTestId('document-row').filter({ hasText: '文章' }).count(), TIMEOUT).toBeGreaterThan(0);
    expect(await page.getByTestId('document-row').filter({ hasText: STAFF_NOTE }).count()).toBe(0);
    expect(await rawCodesOnScreen(page, 'zh', CODES)).toEqual([]);
    await screenshot(page, 'changes-documents');
    await page.close();
  });

  it('shows a viewer the same feed in English, with no revert button', async () => {
    const viewer = await signIn(browser, app, VIEWER);
    await viewer.goto(`${app.url}/?view=changes&lang=en`);
    const created = viewer.getByTestId('change-set').filter({ hasText: CREATE_NOTE });
    await created.waitFor(TIMEOUT);
    expect(await created.innerText()).toContain('Created 1 entity, 1 relation');
    await created.getByTestId('change-expand').click();
    await created.getByTestId('revisions').waitFor(TIMEOUT);
    expect(await viewer.getByTestId('change-revert').count()).toBe(0);
    expect(await rawCodesOnScreen(viewer, 'en', CODES)).toEqual([]);
    await viewer.close();
  });
});
