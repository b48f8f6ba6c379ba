/** Debian Chromium driven by playwright-core (no browser download), and screenshots into test-artifacts/. */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { launchChromium } from '../../support/chromium.js';
import type { AppServer, AppUser } from './app-server.js';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
export const ARTIFACTS = path.join(root, 'test-artifacts');

/** How long a browser test waits for what a request brings (an app seeded fresh, builds on a busy machine). */
export const TIMEOUT = { timeout: 15_000 };

export const launchBrowser = (): Promise<Browser> => launchChromium();

export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true, locale: 'zh-CN' });
  return context.newPage();
}

/**
 * A new page signed in as `user` through the login form (waits for the user menu), then at `path`
 * of the app when one is given. `wait` is how long the sign-in may take.
 */
export async function signIn(
  browser: Browser,
  app: Pick<AppServer, 'url'>,
  user: AppUser,
  path = '/',
  wait: { timeout: number } = TIMEOUT,
): Promise<Page> {
  const page = await newPage(browser);
  await page.goto(app.url);
  const form = page.getByTestId('login-form');
  await form.locator('input[name="username"]').fill(user.username);
  await form.locator('input[name="password"]').fill(user.password);
  await form.getByRole('button').click();
  await page.getByTestId('user-menu').waitFor(wait);
  if (path !== '/') await page.goto(`${app.url}${path}`);
  return page;
}

/** What the Explore search suggests for a text, in a fresh page of `page`'s session. */
export async function searchSuggests(
  page: Page,
  app: Pick<AppServer, 'url'>,
  text: string,
  wait: { timeout: number } = TIMEOUT,
): Promise<string> {
  const p = await page.context().newPage();
  await p.goto(app.url);
  await p.getByTestId('main-search').locator('input').fill(text);
  // The search's own suggestions (the canvas's node list is a listbox too).
  const list = p.getByTestId('main-search').getByRole('listbox');
  await expect.poll(() => list.innerText(), wait).not.toMatch(/加载中/);
  const shown = await list.innerText();
  await p.close();
  return shown;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** The names listed for the nodes currently drawn on a canvas (a screen-reader list mirrors the canvas). */
export async function canvasNodeNames(page: Page, canvasTestId: string): Promise<string[]> {
  return page.locator(`[data-testid="${canvasTestId}"] [data-testid="canvas-nodes"] li`).allInnerTexts();
}

/** Waits until the canvas's layout has stopped moving nodes (for a screenshot that shows the final picture). */
export async function layoutSettled(page: Page, canvasTestId: string): Promise<void> {
  await page.locator(`[data-testid="${canvasTestId}"][data-layout="idle"]`).waitFor({ timeout: 15_000 });
}

/**
 * Clicks, with the mouse, the summary node a hub's members are folded into ("+36 个成员") on a canvas,
 * so they are drawn; waits for the layout first, and fails when there is none.
 */
export async function openHubSummary(page: Page, canvasTestId: string): Promise<void> {
  await layoutSettled(page, canvasTestId);
  const at = await page.evaluate((testId) => {
    const el = document.querySelector(`[data-testid="${testId}"] .graph-canvas-cy`) as HTMLElement & {
      _cyreg: { cy: { nodes(sel: string): { length: number; first(): { renderedPosition(): { x: number; y: number } } } } };
    };
    const summary = el._cyreg.cy.nodes('.summary');
    if (!summary.length) return null;
    const box = el.getBoundingClientRect();
    const p = summary.first().renderedPosition();
    return { x: box.left + p.x, y: box.top + p.y };
  }, canvasTestId);
  if (!at) throw new Error(`no hub summary drawn on ${canvasTestId}`);
  await page.mouse.click(at.x, at.y);
}

/** The GraphQL operations a page sends, as "Name {variables}", in order. */
export function recordGraphQL(page: Page): string[] {
  const sent: string[] = [];
  page.on('request', (req) => {
    if (!req.url().endsWith('/graphql') || req.method() !== 'POST') return;
    const body = req.postDataJSON() as { query: string; variables?: unknown };
    const name = /^\s*(?:query|mutation)\s+(\w+)/.exec(body.query)?.[1] ?? 'anonymous';
    sent.push(`${name} ${JSON.stringify(body.variables ?? {})}`);
  });
  return sent;
}

/** A GraphQL request from a signed-in page (its session, same origin), as the app sends them; throws on errors. */
export async function graphqlAs<T>(page: Page, query: string, variables: Record<string, unknown>): Promise<T> {
  const body = await page.evaluate(
    async ({ query, variables }) => {
      const res = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return res.json();
    },
    { query, variables },
  );
  const { data, errors } = body as { data?: T; errors?: unknown[] };
  if (errors?.length || !data) throw new Error(`GraphQL failed: ${JSON.stringify(errors)}`);
  return data;
}
