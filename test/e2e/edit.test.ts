/**
 * Editing in Explore, in a real browser: an editor adds a company (warned of a similar name first),
 * places it in a Pujiang park (and sees it in 闵行区's chain map), links it to an alliance with a staff note as the source, retracts the
 * link and restores it from the history, and reads the history (the diff and the note); a viewer
 * sees the same history and no edit control.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, EDITOR, VIEWER, startApp, type AppServer } from './support/app-server.js';
import { canvasNodeNames, launchBrowser, layoutSettled, openHubSummary, screenshot, signIn, TIMEOUT } from './support/browser.js';
import { rawCodesOnScreen, schemaCodes } from './support/codes.js';

const ALLIANCE_ID = 'dapujiang-party-alliance';
const ALLIANCE = '上海南部科创中心大浦江生物医药产业链党建联盟';
/** Close to 上海思路迪生物医学科技有限公司 of the seed: a duplicate warning. */
const NEAR_DUPLICATE = '上海思路迪生物';
const COMPANY = '上海浦研启明生物科技有限公司';

describe('editing in Explore', () => {
  let app: AppServer;
  let browser: Browser;
  let companyId = '';

  beforeAll(async () => {
    app = await startApp({ users: [ADMIN, EDITOR, VIEWER] });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  /** Types into an entity search inside `scope` and picks the suggestion matching `option`. */
  async function pick(scope: Locator, text: string, option: RegExp): Promise<void> {
    await scope.getByRole('combobox').fill(text);
    await scope.getByRole('option', { name: option }).first().click();
  }

  const details = (page: Page) => page.getByTestId('details');
  const allianceItem = (page: Page) => details(page).locator(`.relation-item[data-other-id="${ALLIANCE_ID}"]`);

  async function openHistory(page: Page): Promise<Locator> {
    const toggle = page.getByTestId('history-section').locator('.section-toggle');
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    const history = page.getByTestId('history');
    await history.waitFor(TIMEOUT);
    return history;
  }

  it('warns of a similar name while a company is added, then adds it in a Pujiang park and selects it', async () => {
    const page = await signIn(browser, app, EDITOR, `/?ids=${ALLIANCE_ID}`);
    await page.getByTestId('add-entity-button').click();
    const dialog = page.getByTestId('add-entity');
    await dialog.getByTestId('field-name').fill(NEAR_DUPLICATE);
    const warnings = dialog.getByTestId('duplicate-warnings');
    await expect.poll(() => warnings.innerText(), TIMEOUT).toContain('上海思路迪生物医学科技有限公司');
    expect(await warnings.innerText()).toMatch(/\d+%/);
    await screenshot(page, 'edit-duplicate-warning');
    await dialog.getByTestId('dismiss-duplicates').click();
    await dialog.getByTestId('duplicates-dismissed').waitFor();

    await dialog.getByTestId('field-name').fill(COMPANY);
    await pick(dialog.getByTestId('pick-location'), '浦江智谷', /^浦江智谷/);
    await pick(dialog.getByTestId('pick-segments'), '体外诊断', /体外诊断/);
    await dialog.getByTestId('source-note').fill('走访浦江智谷园区，企业负责人确认已入驻');
    await dialog.getByTestId('change-note').fill('新入驻企业');
    await dialog.getByTestId('change-submit').click();

    await expect.poll(() => details(page).locator('.details-name').innerText(), TIMEOUT).toBe(COMPANY);
    await dialog.waitFor({ state: 'detached' });
    companyId = new URL(page.url()).searchParams.get('sel') ?? '';
    expect(companyId).toMatch(/^enterprise-/);
    expect(new URL(page.url()).searchParams.get('ids')?.split(',')).toContain(companyId);
    await expect.poll(() => canvasNodeNames(page, 'explore-canvas'), TIMEOUT).toContain(COMPANY);
    expect(await details(page).innerText()).toContain('浦江智谷');
    await page.close();
  });

  it('shows the new company in the chain map of its district, in the segment it was given', async () => {
    const page = await signIn(browser, app, EDITOR, '/?view=chain&region=minhang');
    await expect.poll(() => canvasNodeNames(page, 'chain-canvas'), TIMEOUT).toEqual(expect.arrayContaining(['体外诊断', COMPANY]));
    await layoutSettled(page, 'chain-canvas');
    await screenshot(page, 'edit-chain-with-new-company');
    await page.close();
  });

  it('links the company to an alliance as 成员单位 with a staff note, and the alliance’s neighbourhood shows it', async () => {
    const page = await signIn(browser, app, EDITOR, `/?ids=${companyId}&sel=${companyId}`);
    await details(page).getByTestId('add-relation-button').click();
    const dialog = page.getByTestId('add-relation');
    await pick(dialog.getByTestId('pick-other'), '大浦江', /大浦江生物医药产业链党建联盟/);
    // Picking an alliance proposes membership, which needs a role.
    expect(await dialog.getByTestId('rel-type').inputValue()).toBe('MEMBER_OF');
    expect(await dialog.getByTestId('change-submit').isDisabled()).toBe(true);
    await dialog.getByTestId('rel-role').fill('成员单位');
    await dialog.getByTestId('source-note').fill('联盟秘书处来电，确认该企业加入联盟');
    await screenshot(page, 'edit-add-relation');
    await dialog.getByTestId('change-submit').click();
    await dialog.waitFor({ state: 'detached', ...TIMEOUT });
    await expect.poll(() => allianceItem(page).count(), TIMEOUT).toBe(1);
    expect(await allianceItem(page).innerText()).toContain('成员单位');
    await page.close();

    const fresh = await signIn(browser, app, EDITOR, `/?ids=${ALLIANCE_ID}`);
    // The alliance has more members than the canvas draws at once: they are folded into one node until opened.
    await expect.poll(() => canvasNodeNames(fresh, 'explore-canvas'), TIMEOUT).toEqual(expect.arrayContaining([ALLIANCE]));
    await openHubSummary(fresh, 'explore-canvas');
    await expect.poll(() => canvasNodeNames(fresh, 'explore-canvas'), TIMEOUT).toEqual(expect.arrayContaining([ALLIANCE, COMPANY]));
    await layoutSettled(fresh, 'explore-canvas');
    await screenshot(fresh, 'edit-alliance-neighbourhood');
    await fresh.close();
  });

  it('retracts the link with a source and a note, and restores it from the history', async () => {
    const page = await signIn(browser, app, EDITOR, `/?ids=${companyId}&sel=${companyId}`);
    await expect.poll(() => allianceItem(page).count(), TIMEOUT).toBe(1);
    await allianceItem(page).locator('[data-action="retract"]').click();
    const form = details(page).getByTestId('relation-retract');
    await form.getByTestId('source-note').fill('联盟名单核对：暂未正式入会');
    await form.getByTestId('change-note').fill('入会手续尚未办完');
    await form.getByTestId('change-submit').click();
    await expect.poll(() => allianceItem(page).count(), TIMEOUT).toBe(0);

    const history = await openHistory(page);
    const retraction = history.locator('.revision[data-op="RETRACT"][data-target="RELATION"]').first();
    await retraction.waitFor(TIMEOUT);
    expect(await history.locator('.history-change').first().innerText()).toContain('入会手续尚未办完');
    await retraction.getByTestId('history-restore').click();
    await retraction.getByTestId('change-note').fill('手续已办完，恢复');
    await retraction.getByTestId('change-submit').click();
    await expect.poll(() => allianceItem(page).count(), TIMEOUT).toBe(1);
    // The restore is the newest change now, and the retraction's restore button is gone.
    await expect.poll(() => history.locator('.history-change').first().innerText(), TIMEOUT).toContain('手续已办完，恢复');
    expect(await history.getByTestId('history-restore').count()).toBe(0);
    await page.close();
  });

  it('shows an edit in the history as a field diff with its note, in words (no raw codes)', async () => {
    const page = await signIn(browser, app, EDITOR, `/?ids=${companyId}&sel=${companyId}`);
    await details(page).getByTestId('edit-entity').click();
    const form = page.getByTestId('entity-edit-form');
    await form.getByLabel('简介').fill('体外诊断试剂研发企业');
    await form.getByTestId('source-note').fill('企业官网“关于我们”');
    await form.getByTestId('change-note').fill('补充简介');
    await screenshot(page, 'edit-entity-form');
    await form.getByTestId('change-submit').click();
    await form.waitFor({ state: 'detached', ...TIMEOUT });
    expect(await details(page).innerText()).toContain('体外诊断试剂研发企业');

    const history = await openHistory(page);
    const newest = history.locator('.history-change').first();
    await expect.poll(() => newest.innerText(), TIMEOUT).toContain('补充简介');
    const diff = newest.locator('.diff-row[data-field="description"]');
    expect(await diff.innerText()).toContain('简介');
    expect(await diff.locator('ins').innerText()).toBe('体外诊断试剂研发企业');
    expect(await newest.innerText()).toContain('企业官网“关于我们”');
    // The membership's creation shows its role.
    expect(await history.locator('.revision[data-op="CREATE"][data-target="RELATION"]').first().innerText()).toContain('成员');
    await history.scrollIntoViewIfNeeded();
    await screenshot(page, 'edit-history');
    expect(await rawCodesOnScreen(page, 'zh', schemaCodes())).toEqual([]);
    await page.close();
  });

  it('lets a viewer read the history but offers no edit control', async () => {
    const page = await signIn(browser, app, VIEWER, `/?ids=${companyId}&sel=${companyId}`);
    await expect.poll(() => details(page).locator('.details-name').innerText(), TIMEOUT).toBe(COMPANY);
    await expect.poll(() => allianceItem(page).count(), TIMEOUT).toBe(1);
    const history = await openHistory(page);
    await expect.poll(() => history.innerText(), TIMEOUT).toContain('补充简介');
    expect(await history.innerText()).toContain('入会手续尚未办完');
    expect(await page.getByTestId('add-entity-button').count()).toBe(0);
    expect(await details(page).getByTestId('edit-actions').count()).toBe(0);
    expect(await details(page).locator('[data-action]').count()).toBe(0);
    expect(await history.getByTestId('history-revert').count()).toBe(0);
    expect(await history.getByTestId('history-restore').count()).toBe(0);
    await page.close();
  });
});
