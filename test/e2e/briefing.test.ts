/**
 * The district briefing in a real browser against the real server: opened from the Gaps view with one
 * click; printed by Chromium to A4 pages with no app chrome and the chain picture whole; downloaded as
 * a Word file that parses, holds the sections, the gap table and the picture, and that LibreOffice
 * renders with its Chinese text; and as an Excel workbook with a sheet per table and Chinese headers.
 * The pages of both PDFs and the screen at desktop and phone sizes go to test-artifacts/ to be looked at.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startApp, type AppServer } from './support/app-server.js';
import { ARTIFACTS, launchBrowser, screenshot, signIn, TIMEOUT } from './support/browser.js';

/** What the test adds before the briefing is opened: a lead, and an edit with a web source. */
const NEXT_ACTION = '约谈研发负责人，了解在闵行设立CRO分部的意向';
const EDIT_NOTE = '走访核实思路迪地址（简报测试）';
const EDIT_SOURCE = '思路迪走访记录（简报测试）';
const SOFFICE = process.env.SOFFICE_PATH ?? '/usr/bin/soffice';
const HEADINGS = ['1. 区域概况', '2. 产业链图谱', '3. 缺口与候选机构', '4. 关键机构', '5. 在跟线索', '6. 近期变更', '7. 引用来源'];
/** A4's printable area under the briefing's @page margins (15/14/16 mm), in CSS pixels (96 per inch). */
const mm = (n: number) => (n * 96) / 25.4;
const PRINTABLE = { width: Math.floor(mm(210 - 28)), height: Math.floor(mm(297 - 31)) };

function tool(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', timeout: 120_000 });
}

/** The PDF's pages as PNGs in test-artifacts (prefix-1.png …), and how many there are. */
function pagesToPng(pdf: string, prefix: string): number {
  for (const f of fs.readdirSync(ARTIFACTS)) if (f.startsWith(`${prefix}-`) && f.endsWith('.png')) fs.rmSync(path.join(ARTIFACTS, f));
  tool('pdftoppm', ['-png', '-r', '70', pdf, path.join(ARTIFACTS, prefix)]);
  return fs.readdirSync(ARTIFACTS).filter((f) => new RegExp(`^${prefix}-\\d+\\.png$`).test(f)).length;
}

async function downloadFrom(page: Page, testId: string): Promise<{ name: string; body: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download', TIMEOUT), page.getByTestId(testId).click()]);
  return { name: file.suggestedFilename(), body: fs.readFileSync((await file.path())!) };
}

describe('district briefing', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  /** Names of the segments the gap table marks as missing or thin, read from the page. */
  let gapSegments: string[] = [];

  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    app = await startApp({ users: [ADMIN] });
    browser = await launchBrowser();
    page = await signIn(browser, app, ADMIN);
    const graphql = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
      const body = (await page.evaluate(
        async ({ query, variables }) =>
          (
            await fetch('/graphql', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ query, variables }),
            })
          ).json(),
        { query, variables },
      )) as { data?: T; errors?: unknown[] };
      if (body.errors?.length || !body.data) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors)}`);
      return body.data;
    };
    const found = await graphql<{ search: { id: string }[] }>('query ($text: String!) { search(text: $text, limit: 1) { id } }', {
      text: '睿智医药',
    });
    await graphql('mutation ($input: LeadInput!) { createLead(input: $input) { id } }', {
      input: {
        target: found.search[0].id,
        region: 'minhang',
        origin: { kind: 'MANUAL' },
        nextAction: NEXT_ACTION,
        estimatedInvestment: 5000,
      },
    });
    await graphql(
      `
        mutation ($note: String!, $title: String!) {
          updateEntity(
            id: "siludi"
            patch: { address: "上海市闵行区浦江镇" }
            note: $note
            source: { kind: url, url: "https://example.com/siludi-visit", title: $title }
          ) {
            changeSet {
              id
            }
          }
        }
      `,
      { note: EDIT_NOTE, title: EDIT_SOURCE },
    );
    await page.goto(`${app.url}/?view=gaps&region=minhang`);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('opens from the Gaps view with one click and prints to A4 pages with no app chrome and the chain picture whole', async () => {
    await page.getByTestId('gaps-table').waitFor(TIMEOUT);
    await page.getByTestId('open-briefing').click();
    const briefing = page.locator('[data-testid="briefing"][data-ready="true"]');
    await briefing.waitFor(TIMEOUT);
    expect(new URL(page.url()).searchParams.get('view')).toBe('briefing');
    await expect.poll(() => page.locator('.briefing-title').innerText()).toContain('闵行区');
    expect(await page.locator('.briefing-section > h2').allInnerTexts()).toEqual(HEADINGS);
    gapSegments = await page
      .locator('[data-table="gaps"] tr.row-MISSING td:first-child, [data-table="gaps"] tr.row-THIN td:first-child')
      .allInnerTexts();
    // 闵行区 has no CRO and no traditional Chinese medicine against the whole graph.
    expect(gapSegments).toEqual(expect.arrayContaining(['研发服务/CRO', '中药']));
    // The candidates of each gap with their reasons in one sentence, and the top ten key players.
    expect(await page.locator('[data-table="candidates"] tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-table="candidates"] tbody tr').first().innerText()).toMatch(/得分 [\d.]+ =/);
    expect(await page.locator('[data-table="players"] tbody tr').count()).toBe(10);
    expect(await page.locator('[data-table="sources"] tbody tr').count()).toBeGreaterThan(0);
    // The lead added above, by stage, and the edit with its source among the recent changes and the sources.
    const lead = await page.locator('[data-table="leads"] tbody tr').first().innerText();
    expect(lead).toContain('线索');
    expect(lead).toContain(NEXT_ACTION);
    expect(await page.locator('[data-table="changes"]').innerText()).toContain(EDIT_NOTE);
    expect(await page.locator('[data-table="sources"]').innerText()).toContain(EDIT_SOURCE);

    // Under print media: no header, tabs or buttons; the chain picture within one page's printable area.
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize(PRINTABLE);
    expect(await page.locator('.app-header').isVisible()).toBe(false);
    expect(await page.getByRole('tablist').isVisible()).toBe(false);
    expect(await page.locator('.briefing-toolbar').isVisible()).toBe(false);
    const img = page.locator('[data-testid="briefing-chain"] img');
    expect(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
    const box = (await img.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PRINTABLE.width + 0.5);
    expect(box.height).toBeLessThanOrEqual(PRINTABLE.height);
    expect(box.height).toBeGreaterThan(200);

    const pdf = path.join(ARTIFACTS, 'briefing-minhang.pdf');
    fs.writeFileSync(pdf, await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1440, height: 900 });
    const pages = pagesToPng(pdf, 'briefing-page');
    // A title page, then each section on a page of its own (at least).
    expect(pages).toBeGreaterThanOrEqual(1 + HEADINGS.length);
    const text = tool('pdftotext', ['-layout', pdf, '-']);
    for (const h of HEADINGS) expect(text).toContain(h);
    expect(text).toContain('闵行区');
    // The app's header (its subtitle) is not printed.
    expect(text).not.toContain('上海闵行 · 浦江 · 松江及周边');
  });

  it('downloads a Word file with the sections, the gap table and the chain picture, and LibreOffice renders it', async () => {
    if (!fs.existsSync(SOFFICE)) {
      throw new Error(
        `the briefing test converts the Word file with LibreOffice, not found at ${SOFFICE}: apt-get install -y libreoffice-writer poppler-utils fonts-noto-cjk (or set SOFFICE_PATH)`,
      );
    }
    const file = await downloadFrom(page, 'briefing-docx');
    expect(file.name).toMatch(/^闵行区_区域简报_\d{4}-\d{2}-\d{2}\.docx$/);
    // Its own name: LibreOffice writes NAME.pdf next to it, which must not replace Chromium's print.
    const docx = path.join(ARTIFACTS, 'briefing-minhang-word.docx');
    fs.writeFileSync(docx, file.body);

    const zip = await JSZip.loadAsync(file.body);
    const media = Object.keys(zip.files).filter((n) => /^word\/media\/.+\.png$/.test(n));
    expect(media.length).toBe(1);
    const xml = await zip.file('word/document.xml')!.async('string');
    // The Chinese font is set by name, and the text says it is Chinese.
    const styles = await zip.file('word/styles.xml')!.async('string');
    expect(styles).toContain('w:eastAsia="Microsoft YaHei"');
    expect(styles).toContain('w:eastAsia="zh-CN"');
    expect((xml.match(/<w:tbl>/g) ?? []).length).toBeGreaterThanOrEqual(6);
    const { value: text } = await mammoth.extractRawText({ buffer: file.body });
    for (const h of HEADINGS) expect(text).toContain(h);
    for (const seg of gapSegments) expect(text).toContain(seg);
    expect(text).toContain('得分');

    // LibreOffice (its own profile, so a desktop session or another run cannot lock it) → PDF → pages.
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'bioeco-lo-'));
    try {
      tool(SOFFICE, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', ARTIFACTS, docx]);
    } finally {
      fs.rmSync(profile, { recursive: true, force: true });
    }
    const pdf = path.join(ARTIFACTS, 'briefing-minhang-word.pdf');
    expect(pagesToPng(pdf, 'briefing-docx-page')).toBeGreaterThanOrEqual(1 + HEADINGS.length);
    const rendered = tool('pdftotext', [pdf, '-']);
    expect(rendered).toContain('闵行区');
    expect(rendered).toContain(gapSegments[0]);
    // The picture is drawn: pdfimages lists it.
    expect(
      tool('pdfimages', ['-list', pdf])
        .split('\n')
        .filter((l) => /\bimage\b/.test(l)).length,
    ).toBeGreaterThanOrEqual(1);
    // The Chinese text is set in a CJK font (no empty boxes): pdffonts names one.
    expect(tool('pdffonts', [pdf])).toMatch(/CJK|YaHei|Hei|Song|Ming|Droid/i);
  }, 180_000);

  it('exports the tables as an Excel workbook, a sheet per table with Chinese headers', async () => {
    const file = await downloadFrom(page, 'briefing-xlsx');
    expect(file.name).toMatch(/^闵行区_区域简报_\d{4}-\d{2}-\d{2}\.xlsx$/);
    fs.writeFileSync(path.join(ARTIFACTS, 'briefing-minhang.xlsx'), file.body);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body as unknown as ArrayBuffer);
    const sheets = wb.worksheets.map((ws) => ws.name);
    expect(sheets).toEqual(
      expect.arrayContaining([
        '按实体类型',
        '按产业链环节',
        '缺口分析',
        '缺口候选机构',
        '关键机构（前 10 名）',
        '在跟线索（按阶段）',
        '近期变更',
        '引用来源',
      ]),
    );
    const header = (name: string) => (wb.getWorksheet(name)!.getRow(1).values as unknown[]).slice(1);
    expect(header('在跟线索（按阶段）').slice(0, 2)).toEqual(['阶段', '企业']);
    expect(header('缺口分析')).toEqual(['环节', '位置', '本区域', '本区占比', '基准占比', '状态']);
    expect(header('缺口候选机构')).toEqual(['缺口环节', '补链候选', '所在地', '招引方向', '得分', '理由']);
    expect(header('关键机构（前 10 名）').slice(0, 3)).toEqual(['排名', '机构', '类型']);
    const gapNames = wb
      .getWorksheet('缺口分析')!
      .getColumn(1)
      .values.slice(2)
      .map((v) => String(v));
    expect(gapNames).toEqual(expect.arrayContaining(gapSegments));
    expect(wb.getWorksheet('关键机构（前 10 名）')!.rowCount).toBe(11);
  });

  it('shows the briefing on screen in Chinese and English, on a desktop and a phone', async () => {
    for (const lang of ['zh', 'en'] as const) {
      for (const [w, h] of [
        [1440, 900],
        [390, 844],
      ] as const) {
        await page.setViewportSize({ width: w, height: h });
        await page.goto(`${app.url}/?view=briefing&region=minhang${lang === 'en' ? '&lang=en' : ''}`);
        await page.locator('[data-testid="briefing"][data-ready="true"]').waitFor(TIMEOUT);
        const first = await page.locator('.briefing-section > h2').first().innerText();
        expect(first).toBe(lang === 'zh' ? '1. 区域概况' : '1. Region profile');
        // Nothing of the page runs off the side of the screen.
        const overflow = await page.locator('.briefing-page').evaluate((el) => el.scrollWidth - el.clientWidth);
        expect(overflow).toBeLessThanOrEqual(1);
        await screenshot(page, `briefing-${lang}-${w}x${h}`);
        await page.locator('[data-section="chain"]').scrollIntoViewIfNeeded();
        await screenshot(page, `briefing-${lang}-${w}x${h}-chain`);
      }
    }
  });
});
