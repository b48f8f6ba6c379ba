/**
 * The setup every browser test file repeats: the real app on a fresh store, Debian's Chromium, and a
 * page (signed in when the file has accounts); closed again after the file's tests.
 */
import type { Browser, Page } from 'playwright-core';
import { startApp, type AppServer, type AppUser } from './app-server.js';
import { launchBrowser, newPage, signIn, TIMEOUT } from './browser.js';

export interface BrowserApp {
  app: AppServer;
  browser: Browser;
  /** A fresh page; signed in as `signIn` (and at its path) when given. */
  page: Page;
}

export interface BrowserAppOptions {
  /** Accounts that exist before the app starts (accounts on); without, the app runs in local mode. */
  users?: AppUser[];
  /** Sign the page in as this account, then open `path` of the app. */
  signIn?: AppUser;
  path?: string;
}

/** Starts the app and the browser and opens a page; call in beforeAll, and closeBrowserApp in afterAll. */
export async function openBrowserApp(opts: BrowserAppOptions = {}): Promise<BrowserApp> {
  const app = await startApp({ users: opts.users });
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    const page = opts.signIn ? await signIn(browser, app, opts.signIn, opts.path ?? '/', TIMEOUT) : await newPage(browser);
    return { app, browser, page };
  } catch (e) {
    // The app must not outlive a failed start: afterAll has nothing to close then.
    await browser?.close();
    await app.stop();
    throw e;
  }
}

/** Closes what openBrowserApp started (either may be missing when the start failed). */
export async function closeBrowserApp(ctx: { app?: AppServer; browser?: Browser }): Promise<void> {
  await ctx.browser?.close();
  await ctx.app?.stop();
}
