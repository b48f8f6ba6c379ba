/**
 * Leads (招商线索) in a real browser: an editor opens a lead from a gap candidate of 闵行区, finds the
 * analysis's evidence frozen on it, logs a visit, drags it through three stages on the board with a
 * note each, lets its deadline pass (the server's clock moved by a file only tests write) and finds
 * it flagged overdue on "my work"; a viewer reads the same lead with no way to change it. Also: the
 * lead's badge on the Explore canvas, a stale move answered CONFLICT, and the pages in both languages
 * at desktop and phone sizes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, EDITOR, VIEWER, startApp, type AppServer } from './support/app-server.js';
import { TIMEOUT, graphqlAs, launchBrowser, layoutSettled, screenshot, signIn } from './support/browser.js';

const DAY = 24 * 3_600_000;

describe('leads', () => {
  let app: AppServer;
  let browser: Browser;
  let clockDir: string;
  let clockFile: string;
  let editor: Page;
  /** The lead the editor opens, its company and the score the gap analysis gave it. */
  let leadId = '';
  let company = '';
  let targetId = '';

  const setClock = (offsetMs: number) => fs.writeFileSync(clockFile, String(offsetMs));
  const leadUrl = (id: string, extra = '') => `${app.url}/?view=leads&lead=${encodeURIComponent(id)}${extra}`;
  const card = (page: Page, id: string) => page.locator(`.lead-card[data-lead="${id}"]`);

  /** Drags the lead's card to a stage's column and confirms the move with a note. */
  async function dragToStage(page: Page, id: string, stage: string, note: string) {
    await card(page, id)
      .locator('.lead-card-meta')
      .dragTo(page.locator(`[data-stage-column="${stage}"]`));
    const dialog = page.getByTestId('stage-dialog');
    await dialog.waitFor(TIMEOUT);
    await dialog.getByTestId('stage-note').fill(note);
    await dialog.getByTestId('stage-submit').click();
    await dialog.waitFor({ state: 'detached', ...TIMEOUT });
    await page.locator(`[data-stage-column="${stage}"] .lead-card[data-lead="${id}"]`).waitFor(TIMEOUT);
  }

  beforeAll(async () => {
    clockDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bioeco-clock-'));
    clockFile = path.join(clockDir, 'offset');
    setClock(0);
    app = await startApp({ users: [ADMIN, EDITOR, VIEWER], clockFile });
    browser = await launchBrowser();
    editor = await signIn(browser, app, EDITOR);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    fs.rmSync(clockDir, { recursive: true, force: true });
  });

  it('creates a lead from a gap candidate of 闵行区 and shows the evidence frozen on it', async () => {
    await editor.goto(`${app.url}/?view=gaps&region=minhang`);
    const table = editor.getByTestId('gaps-table');
    await table.waitFor(TIMEOUT);
    // A company to attract: the first candidate of the first gap, outside the "already here" list.
    const row = table.locator('.candidates > li.candidate:not([data-locality="LOCAL"]):not([data-locality="LIKELY_LOCAL"])').first();
    await row.waitFor(TIMEOUT);
    company = await row.locator('[data-candidate]').innerText();
    targetId = (await row.getAttribute('data-candidate-row')) ?? '';
    const score = await row.locator('.score').innerText();
    await row.getByTestId('create-lead').click();

    const dialog = editor.getByTestId('create-lead-dialog');
    await dialog.waitFor(TIMEOUT);
    expect(await dialog.getByTestId('create-lead-target').innerText()).toBe(company);
    await expect.poll(() => dialog.getByTestId('lead-region').inputValue(), TIMEOUT).toBe('minhang');
    await dialog.getByTestId('lead-next-action').fill('电话联系投资总监，约走访时间');
    await dialog.getByTestId('lead-due').fill(new Date(Date.now() + 2 * DAY + 8 * 3_600_000).toISOString().slice(0, 10));
    await dialog.getByTestId('lead-investment').fill('5000');
    await dialog.getByTestId('lead-area').fill('20000');
    await expect.poll(() => dialog.innerText()).toContain('约 30.0 亩');
    await screenshot(editor, 'leads-create-dialog-zh-desktop');
    await dialog.getByTestId('create-lead-submit').click();
    await dialog.getByTestId('lead-created').waitFor(TIMEOUT);
    await dialog.getByTestId('open-created-lead').click();

    const page = editor.getByTestId('lead-page');
    await page.waitFor(TIMEOUT);
    leadId = (await page.getAttribute('data-lead')) ?? '';
    expect(new URL(editor.url()).searchParams.get('lead')).toBe(leadId);
    expect(await editor.getByTestId('lead-target').innerText()).toBe(company);
    expect(await editor.getByTestId('lead-stage').innerText()).toBe('线索');
    // The evidence as the analysis gave it, frozen, next to what it says now.
    const origin = editor.getByTestId('lead-origin');
    expect(await origin.getByTestId('origin-kind').innerText()).toContain('来自缺口分析候选');
    expect(await origin.getByTestId('origin-frozen-score').innerText()).toBe(score);
    await expect.poll(() => origin.getByTestId('origin-now-score').innerText(), TIMEOUT).toBe(score);
    expect(await origin.getByTestId('origin-parts').locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await origin.getByTestId('origin-parts').innerText()).toContain('环节匹配');
    expect(await editor.getByTestId('lead-edit').innerText()).toContain('约 30.0 亩');
  });

  it('logs a visit, refusing an attachment that is not a web link', async () => {
    const form = editor.getByTestId('interaction-form');
    await form.getByTestId('interaction-kind').selectOption('VISIT');
    await form.getByTestId('interaction-who').fill('王总、招商二科');
    await form.getByTestId('interaction-notes').fill('实地走访，对方计划在长三角设立研发中心');
    await form.getByTestId('interaction-links').fill('file:///C:/纪要.docx');
    await form.getByTestId('interaction-submit').click();
    await expect.poll(() => form.getByTestId('interaction-problem').innerText()).toContain('只能是 http 或 https 链接');
    await form.getByTestId('interaction-links').fill('https://example.com/minutes 走访纪要');
    await form.getByTestId('interaction-submit').click();
    const log = editor.getByTestId('lead-interactions');
    await log.waitFor(TIMEOUT);
    const text = await log.innerText();
    expect(text).toContain('走访');
    expect(text).toContain('实地走访，对方计划在长三角设立研发中心');
    expect(await log.getByRole('link', { name: '走访纪要' }).getAttribute('href')).toBe('https://example.com/minutes');
  });

  it('moves the lead through three stages on the board by dragging, each with its note in the history', async () => {
    await editor.getByTestId('lead-back').click();
    await editor.getByTestId('leads-part-board').click();
    await card(editor, leadId).waitFor(TIMEOUT);
    expect(await editor.getByTestId('leads-board').getAttribute('data-readonly')).toBe('false');
    await dragToStage(editor, leadId, 'CONTACT', '已与投资总监通话');
    await dragToStage(editor, leadId, 'VISIT', '完成实地走访');
    await dragToStage(editor, leadId, 'ASSESSMENT', '提交研判材料');
    await screenshot(editor, 'leads-board-moved');

    await card(editor, leadId).locator('[data-testid="lead-link"]').click();
    const history = editor.getByTestId('lead-history');
    await expect.poll(() => history.locator('li[data-kind="STAGE"]').count(), TIMEOUT).toBe(3);
    const text = await history.innerText();
    for (const s of ['线索 → 接洽', '接洽 → 走访', '走访 → 研判', '已与投资总监通话', '完成实地走访', '提交研判材料', EDITOR.username]) {
      expect(text).toContain(s);
    }
  });

  it('flags the lead overdue on my work once its deadline has passed', async () => {
    await editor.goto(`${app.url}/?view=leads&leads=mine`);
    const work = editor.getByTestId('my-work');
    await work.waitFor(TIMEOUT);
    await expect.poll(() => work.getByTestId('my-work-nextActions').innerText(), TIMEOUT).toContain(company);
    expect(await work.getByTestId('my-work-overdue').innerText()).not.toContain(company);

    // Two weeks on: 研判 within 3 working days and the next action's date have both gone by.
    setClock(14 * DAY);
    await editor.reload();
    const overdue = editor.getByTestId('my-work-overdue');
    await expect.poll(() => overdue.innerText(), TIMEOUT).toContain(company);
    const flag = overdue.locator(`.lead-card[data-lead="${leadId}"]`).getByTestId('lead-flag');
    expect(await flag.getAttribute('data-urgency')).toBe('OVERDUE');
    expect(await flag.innerText()).toMatch(/^逾期.*研判阶段须自进入该阶段起 3 个工作日内完成研判，期限 /s);
    await screenshot(editor, 'leads-mine-overdue');

    // The list flags it too, and its "overdue only" filter keeps it.
    await editor.goto(`${app.url}/?view=leads&p.overdue=1`);
    const row = editor.locator(`[data-testid="leads-table"] tr[data-lead="${leadId}"]`);
    await row.waitFor(TIMEOUT);
    expect(await row.getAttribute('data-urgency')).toBe('OVERDUE');
    expect(await row.getByTestId('lead-flag').innerText()).toContain('逾期');
  });

  it('exports the leads list as an Excel workbook with Chinese headers', async () => {
    await editor.goto(`${app.url}/?view=leads`);
    await editor.locator(`[data-testid="leads-table"] tr[data-lead="${leadId}"]`).waitFor(TIMEOUT);
    const [file] = await Promise.all([editor.waitForEvent('download'), editor.getByTestId('table-export-xlsx').click()]);
    expect(file.suggestedFilename()).toMatch(/^招商线索_\d{4}-\d{2}-\d{2}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync((await file.path())!) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      '公司',
      '招引至',
      '环节',
      '阶段',
      '负责人',
      '下一步',
      '截止',
      '紧急程度',
      '预计投资额（万元）',
      '用地面积（㎡）',
    ]);
    const rows: unknown[][] = [];
    sheet.eachRow((r, i) => {
      if (i > 1) rows.push((r.values as unknown[]).slice(1));
    });
    const row = rows.find((r) => r[0] === company);
    expect(row).toBeDefined();
    expect(row!.slice(3, 5)).toEqual(['研判', EDITOR.username]);
    expect(row![7]).toBe('逾期');
    expect(row!.slice(8)).toEqual([5000, 20000]);
  });

  it('shows a viewer the same lead read-only', async () => {
    const viewer = await signIn(browser, app, VIEWER, `/?view=leads&lead=${encodeURIComponent(leadId)}`);
    const page = viewer.getByTestId('lead-page');
    await page.waitFor(TIMEOUT);
    expect(await page.getAttribute('data-editable')).toBe('false');
    expect(await viewer.getByTestId('lead-target').innerText()).toBe(company);
    expect(await viewer.getByTestId('lead-stage').innerText()).toBe('研判');
    expect(await viewer.getByTestId('lead-read-only').innerText()).toContain('只读');
    expect(await viewer.getByTestId('lead-interactions').innerText()).toContain('实地走访');
    expect(await viewer.getByTestId('lead-history').locator('li[data-kind="STAGE"]').count()).toBe(3);
    expect(await viewer.getByTestId('origin-frozen-score').count()).toBe(1);
    expect(await viewer.getByTestId('lead-flag').first().innerText()).toContain('逾期');
    for (const control of ['lead-edit', 'interaction-form', 'lead-move-stage']) expect(await viewer.getByTestId(control).count()).toBe(0);
    expect(await page.locator('input, textarea, select').count()).toBe(0);
    await screenshot(viewer, 'leads-viewer-page');

    // The board does not move for a viewer, and there is nothing to create.
    await viewer.goto(`${app.url}/?view=leads&leads=board`);
    await card(viewer, leadId).waitFor(TIMEOUT);
    expect(await viewer.getByTestId('leads-board').getAttribute('data-readonly')).toBe('true');
    expect(await card(viewer, leadId).getAttribute('draggable')).not.toBe('true');
    expect(await viewer.getByTestId('move-to-stage').count()).toBe(0);
    expect(await viewer.getByTestId('lead-by-hand').count()).toBe(0);
    await viewer.goto(`${app.url}/?view=gaps&region=minhang`);
    await viewer.getByTestId('gaps-table').locator('[data-candidate]').first().waitFor(TIMEOUT);
    expect(await viewer.getByTestId('create-lead').count()).toBe(0);
    await viewer.close();
  });

  it('puts a badge on the lead’s company on the Explore canvas', async () => {
    await editor.goto(`${app.url}/?ids=${encodeURIComponent(targetId)}`);
    await layoutSettled(editor, 'explore-canvas');
    const badged = () =>
      editor.evaluate((id) => {
        const el = document.querySelector('[data-testid="explore-canvas"] .graph-canvas-cy') as HTMLElement & {
          _cyreg: { cy: { getElementById(id: string): { hasClass(c: string): boolean }; nodes(s: string): { length: number } } };
        };
        const cy = el._cyreg.cy;
        return { target: cy.getElementById(id).hasClass('has-lead'), all: cy.nodes('.has-lead').length };
      }, targetId);
    await expect.poll(badged, TIMEOUT).toEqual({ target: true, all: 1 });
    await screenshot(editor, 'leads-explore-badge');

    // The company's details offer 建线索 too (an enterprise, opened by hand).
    await editor.goto(`${app.url}/?ids=${encodeURIComponent(targetId)}&sel=${encodeURIComponent(targetId)}`);
    await editor.getByTestId('details').getByTestId('create-lead').click();
    const dialog = editor.getByTestId('create-lead-dialog');
    expect(await dialog.getByTestId('create-lead-target').innerText()).toBe(company);
    expect(await dialog.innerText()).toContain('手动建立');
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'detached', ...TIMEOUT });
  });

  it('says so when someone else moved the lead first, and shows where it is now', async () => {
    await editor.goto(leadUrl(leadId));
    await editor.getByTestId('lead-page').waitFor(TIMEOUT);
    // The admin moves it meanwhile.
    const admin = await signIn(browser, app, ADMIN, `/?view=leads&lead=${encodeURIComponent(leadId)}`);
    await admin.getByTestId('lead-move-stage').selectOption('NEGOTIATION');
    await admin.getByTestId('stage-dialog').getByTestId('stage-submit').click();
    await admin.getByTestId('stage-dialog').waitFor({ state: 'detached', ...TIMEOUT });
    await admin.close();

    await editor.getByTestId('lead-move-stage').selectOption('ON_HOLD');
    const dialog = editor.getByTestId('stage-dialog');
    await dialog.getByTestId('stage-submit').click();
    await expect.poll(() => dialog.getByRole('alert').innerText()).toContain('须填写原因');
    await dialog.getByTestId('stage-reason').fill('对方暂缓扩张计划');
    await dialog.getByTestId('stage-submit').click();
    const alert = dialog.locator('[data-code="CONFLICT"]');
    await alert.waitFor(TIMEOUT);
    expect(await alert.innerText()).toContain('刚被他人修改过');
    await expect.poll(() => editor.getByTestId('lead-stage').innerText(), TIMEOUT).toBe('谈判');
    await dialog.locator('.form-actions .btn').last().click();
    await dialog.waitFor({ state: 'detached', ...TIMEOUT });

    // The same for an edit: the admin changes the next action first; the editor's stale save is refused.
    const admin2 = await signIn(browser, app, ADMIN, `/?view=leads&lead=${encodeURIComponent(leadId)}`);
    await admin2.getByTestId('lead-next-action').fill('安排第二次走访');
    await admin2.getByTestId('lead-save').click();
    await expect.poll(() => admin2.getByTestId('lead-save').isDisabled(), TIMEOUT).toBe(true);
    await admin2.close();
    await editor.getByTestId('lead-next-action').fill('发送投资意向书');
    await editor.getByTestId('lead-save').click();
    const refused = editor.getByTestId('lead-page').locator('[data-code="CONFLICT"]');
    await refused.waitFor(TIMEOUT);
    expect(await refused.innerText()).toContain('刚被他人修改过');
    await expect.poll(() => editor.getByTestId('lead-next-action').inputValue(), TIMEOUT).toBe('安排第二次走访');
  });

  it('creates a lead by hand for a company not in the graph, proposed through the review queue', async () => {
    await editor.goto(`${app.url}/?view=leads`);
    await editor.getByTestId('lead-by-hand').click();
    const dialog = editor.getByTestId('create-lead-dialog');
    await dialog.getByTestId('lead-company-name').fill('沪南星辰生物科技有限公司');
    await dialog.getByTestId('create-lead-submit').click();
    // No region yet: said before anything is sent.
    await expect.poll(() => dialog.getByRole('alert').innerText()).toContain('请选择招引到的区域');
    await dialog.getByTestId('lead-region').selectOption('minhang');
    await dialog.getByTestId('create-lead-submit').click();
    const note = dialog.getByTestId('lead-proposal-note');
    await note.waitFor(TIMEOUT);
    expect(await note.innerText()).toContain('已作为新机构提议进入审核队列');
    expect(await note.getByRole('link').getAttribute('href')).toContain('view=review');
    await dialog.getByTestId('open-created-lead').click();
    await expect.poll(() => editor.getByTestId('lead-target').innerText(), TIMEOUT).toBe('沪南星辰生物科技有限公司');
    expect(await editor.getByTestId('lead-proposal-note').innerText()).toContain('待审核');
  });

  it('creates a lead from a partner suggestion, with the suggestion frozen on it', async () => {
    await editor.goto(`${app.url}/?view=partners&partner=siludi&region=minhang`);
    const first = editor.getByTestId('partner-list').locator('.partner').first();
    await first.waitFor(TIMEOUT);
    const score = await first.locator('.score').innerText();
    await first.getByTestId('create-lead').click();
    const dialog = editor.getByTestId('create-lead-dialog');
    await expect.poll(() => dialog.getByTestId('lead-region').inputValue(), TIMEOUT).toBe('minhang');
    await dialog.getByTestId('create-lead-submit').click();
    await dialog.getByTestId('open-created-lead').click();
    const origin = editor.getByTestId('lead-origin');
    await origin.waitFor(TIMEOUT);
    expect(await origin.getByTestId('origin-kind').innerText()).toContain('来自合作伙伴推荐');
    expect(await origin.getByTestId('origin-frozen-score').innerText()).toBe(score);
    await expect.poll(() => origin.getByTestId('origin-now-score').innerText(), TIMEOUT).toBe(score);
  });

  it('lets the owner add a collaborator and change the segment, and an admin pick people from the accounts', async () => {
    await editor.goto(leadUrl(leadId));
    const people = editor.getByTestId('lead-people');
    await people.waitFor(TIMEOUT);
    // An editor may not list the accounts: usernames are typed, and the server says who cannot take part.
    await people.getByTestId('lead-collaborators-input').fill(VIEWER.username);
    await people.getByTestId('lead-people-save').click();
    await expect.poll(() => people.getByRole('alert').innerText(), TIMEOUT).toContain('须是启用中的编辑或管理员');
    expect(await editor.getByTestId('lead-collaborators').innerText()).toBe('—');

    await people.getByTestId('lead-collaborators-input').fill(ADMIN.username);
    const segment = people.getByTestId('lead-segment-select');
    await expect.poll(() => segment.locator('option').count(), TIMEOUT).toBeGreaterThan(2);
    const current = await segment.inputValue();
    const options = await segment
      .locator('option')
      .evaluateAll((os) => os.map((o) => ({ value: (o as HTMLOptionElement).value, label: o.textContent ?? '' })));
    const other = options.find((o) => o.value && o.value !== current)!;
    await segment.selectOption(other.value);
    await people.getByTestId('lead-people-save').click();
    await expect.poll(() => editor.getByTestId('lead-collaborators').innerText(), TIMEOUT).toBe(ADMIN.username);
    expect(await editor.getByTestId('lead-segment').innerText()).toBe(other.label);
    expect(await editor.getByTestId('lead-owner').innerText()).toBe(EDITOR.username);

    // An admin picks the owner and the collaborators from the enabled editors and admins.
    const admin = await signIn(browser, app, ADMIN, `/?view=leads&lead=${encodeURIComponent(leadId)}`);
    const owner = admin.getByTestId('lead-owner-select');
    await owner.waitFor(TIMEOUT);
    const names = await owner.locator('option').allInnerTexts();
    expect(names).toEqual(expect.arrayContaining([ADMIN.username, EDITOR.username]));
    expect(names).not.toContain(VIEWER.username);
    expect(await owner.inputValue()).toBe(EDITOR.username);
    const picks = admin.getByTestId('lead-collaborators-picks');
    expect(await picks.getByRole('checkbox', { name: ADMIN.username }).isChecked()).toBe(true);
    await screenshot(admin, 'leads-page-people-admin');
    await admin.close();
  });

  it('lets admins set the deadline rules, and nobody else', async () => {
    expect(await editor.getByTestId('leads-part-rules').count()).toBe(0);
    const admin = await signIn(browser, app, ADMIN, '/?view=leads&leads=rules');
    const rules = admin.getByTestId('sla-rules');
    await rules.waitFor(TIMEOUT);
    const assess = rules.locator('tr[data-rule="ASSESSMENT"]');
    expect(await assess.locator('input').first().inputValue()).toBe('3');
    await assess.locator('input').first().fill('4');
    await admin.getByTestId('sla-save').click();
    await expect.poll(() => rules.getByRole('status').innerText(), TIMEOUT).toContain('规则已保存');
    await admin.reload();
    await expect.poll(() => admin.locator('tr[data-rule="ASSESSMENT"] input').first().inputValue(), TIMEOUT).toBe('4');
    await screenshot(admin, 'leads-rules-zh-desktop');
    await admin.close();
  });

  it('re-points a lead whose company was retracted from the graph at the one that replaces it', async () => {
    await editor.goto(`${app.url}/?view=leads`);
    const graphql = <T>(query: string, variables: Record<string, unknown>) => graphqlAs<T>(editor, query, variables);
    const source = { kind: 'note', note: '招商二科核实', date: '2025-05-12' };
    const made = await graphql<{ createEntity: { entity: { id: string } } }>(
      `
        mutation ($source: SourceInput!) {
          createEntity(
            input: { type: Enterprise, name: "沪西晨曦生物科技有限公司" }
            placement: { locatedIn: "minhang" }
            note: "新登记企业"
            source: $source
          ) {
            entity {
              id
            }
          }
        }
      `,
      { source },
    );
    const gone = made.createEntity.entity.id;
    const lead = await graphql<{ createLead: { id: string } }>(
      `
        mutation ($target: ID!) {
          createLead(input: { target: $target, region: "minhang", origin: { kind: MANUAL } }) {
            id
          }
        }
      `,
      { target: gone },
    );
    const id = lead.createLead.id;
    await graphql(
      `
        mutation ($id: ID!, $source: SourceInput!) {
          retractEntity(id: $id, note: "已被并购", source: $source) {
            changeSet {
              id
            }
          }
        }
      `,
      {
        id: gone,
        source,
      },
    );

    await editor.goto(leadUrl(id));
    await editor.getByTestId('lead-retracted').waitFor(TIMEOUT);
    const form = editor.getByTestId('lead-repoint');
    await form.getByRole('combobox').fill('思路迪');
    await form
      .getByRole('option', { name: /思路迪/ })
      .first()
      .click();
    await form.getByTestId('lead-repoint-save').click();
    await expect.poll(() => editor.getByTestId('lead-target').innerText(), TIMEOUT).toContain('思路迪');
    expect(await editor.getByTestId('lead-retracted').count()).toBe(0);
    expect(await editor.getByTestId('lead-repoint').count()).toBe(0);
  });

  it('picks the weekly summary’s owner among those who have leads', async () => {
    const admin = await signIn(browser, app, ADMIN, '/?view=leads&leads=weekly');
    const owner = admin.getByTestId('weekly-owner');
    // The admin (by default) and the editor, who owns every lead so far; never a viewer.
    await expect.poll(() => owner.locator('option').allInnerTexts(), TIMEOUT).toEqual([EDITOR.username, ADMIN.username].sort());
    expect(await owner.inputValue()).toBe(ADMIN.username);
    await owner.selectOption(EDITOR.username);
    await expect.poll(() => admin.getByTestId('weekly-table').innerText(), TIMEOUT).toContain(company);
    expect(await admin.locator('.weekly-title').innerText()).toContain(EDITOR.username);
    await admin.close();
  });

  it('looks right in Chinese and English, on a desktop and a phone', async () => {
    const parts: [string, string][] = [
      ['list', '/?view=leads'],
      ['board', '/?view=leads&leads=board'],
      ['page', `/?view=leads&lead=${encodeURIComponent(leadId)}`],
      ['mine', '/?view=leads&leads=mine'],
      ['weekly', '/?view=leads&leads=weekly'],
    ];
    const ready: Record<string, string> = {
      list: 'leads-table',
      board: 'leads-board',
      page: 'lead-interactions',
      mine: 'my-work',
      weekly: 'weekly-table',
    };
    for (const [w, h, size] of [
      [1440, 900, 'desktop'],
      [390, 844, 'phone'],
    ] as const) {
      await editor.setViewportSize({ width: w, height: h });
      for (const lang of ['zh', 'en'] as const) {
        for (const [name, url] of parts) {
          await editor.goto(`${app.url}${url}${lang === 'en' ? '&lang=en' : ''}`);
          await editor.getByTestId(ready[name]).waitFor(TIMEOUT);
          if (name === 'page') await layoutSettled(editor, 'lead-canvas');
          // No raw codes on screen: every stage, kind and status is named.
          expect(await editor.locator('main').innerText()).not.toMatch(/\b(ASSESSMENT|NEGOTIATION|OVERDUE|DUE_SOON|GAP_CANDIDATE|VISIT)\b/);
          await screenshot(editor, `leads-${name}-${lang}-${size}`);
          if (name === 'page') {
            await editor.getByTestId('lead-origin').scrollIntoViewIfNeeded();
            await screenshot(editor, `leads-page-origin-${lang}-${size}`);
          }
        }
      }
    }
    await editor.setViewportSize({ width: 1440, height: 900 });
  });
});
