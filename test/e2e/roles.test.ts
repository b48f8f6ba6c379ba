/**
 * Accounts in a real browser: each role signs in and sees exactly the views it may use; anonymous
 * requests get 401; a cross-site form POST from a signed-in admin's browser changes nothing; the
 * admin sets a region scope and resets a password.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, EDITOR, PASSWORD, VIEWER, startApp, type AppServer, type AppUser } from './support/app-server.js';
import { TIMEOUT, launchBrowser, newPage, screenshot, signIn } from './support/browser.js';

// The first account must be an admin.
const USERS: AppUser[] = [ADMIN, VIEWER, { username: 'ana', password: PASSWORD, role: 'analyst' }, EDITOR];

/** The tabs each role sees, in order. */
const TABS: Record<AppUser['role'], string[]> = {
  viewer: ['explore', 'chain', 'gaps', 'partners', 'players', 'leads', 'changes', 'watch'],
  analyst: ['explore', 'chain', 'gaps', 'partners', 'players', 'leads', 'changes', 'watch', 'queries'],
  editor: ['explore', 'chain', 'gaps', 'partners', 'players', 'leads', 'changes', 'watch', 'import', 'review', 'queries'],
  admin: ['explore', 'chain', 'gaps', 'partners', 'players', 'leads', 'changes', 'watch', 'import', 'review', 'queries', 'admin'],
};

describe('accounts and roles', () => {
  let app: AppServer;
  let browser: Browser;

  beforeAll(async () => {
    app = await startApp({ users: USERS });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('asks an anonymous visitor to sign in, and answers an anonymous API request with 401', async () => {
    const page = await newPage(browser);
    await page.goto(app.url);
    await page.getByTestId('login-form').waitFor(TIMEOUT);
    expect(await page.getByRole('tab').count()).toBe(0);
    await screenshot(page, 'roles-login');
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ stats { entities } }' }),
    });
    expect(res.status).toBe(401);
    expect((await fetch(`${app.url}/export?ids=siludi&format=json`)).status).toBe(401);
    await page.close();
  });

  it('refuses a wrong password with a message in the UI language', async () => {
    const page = await newPage(browser);
    await page.goto(app.url);
    const form = page.getByTestId('login-form');
    await form.locator('input[name="username"]').fill('vera');
    await form.locator('input[name="password"]').fill('not the password');
    await form.getByRole('button').click();
    await expect.poll(() => form.getByRole('alert').innerText()).toMatch(/[\u4e00-\u9fff]/);
    await page.close();
  });

  for (const user of USERS) {
    it(`shows the ${user.role} role exactly the views it may use`, async () => {
      const page = await signIn(browser, app, user);
      const tabs = await page.getByRole('tab').evaluateAll((els) => els.map((e) => e.getAttribute('data-view')));
      expect(tabs).toEqual(TABS[user.role]);
      if (user.role === 'viewer') {
        // A link to the Cypher view explains itself instead of failing.
        await page.goto(`${app.url}/?view=queries`);
        await page.getByTestId('not-allowed').waitFor();
      }
      if (user.role === 'admin') {
        await page.getByRole('tab', { name: '管理' }).click();
        await expect.poll(() => page.getByTestId('admin-users').innerText(), TIMEOUT).toContain('vera');
        await screenshot(page, 'roles-admin-users');
      }
      await page.getByTestId('logout').click();
      await page.getByTestId('login-form').waitFor();
      await page.close();
    });
  }

  it('does nothing for a cross-site form POST from a signed-in admin’s browser', async () => {
    const page = await signIn(browser, app, ADMIN);
    // Another site's page posts a form to the API (SameSite cookies and CSRF prevention must both hold).
    const evil = await page.context().newPage();
    await evil.route('http://evil.test/', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<form id="f" method="POST" action="${app.url}/graphql" enctype="application/x-www-form-urlencoded">
          <input name="query" value='mutation { createUser(input: {username: "mallory", password: "${PASSWORD}", role: admin}) { id } }'>
        </form><script>document.getElementById('f').submit()</script>`,
      }),
    );
    const answered = evil.waitForResponse((r) => r.url().startsWith(`${app.url}/graphql`));
    await evil.goto('http://evil.test/');
    expect((await answered).status()).toBeGreaterThanOrEqual(400);
    await page.goto(`${app.url}/?view=admin`);
    await expect.poll(() => page.getByTestId('admin-users').innerText(), TIMEOUT).toContain('root');
    expect(await page.getByTestId('admin-users').innerText()).not.toContain('mallory');
    await page.close();
  });

  it('lets the admin set a region scope and reset a password, which the user then signs in with', async () => {
    const page = await signIn(browser, app, ADMIN);
    await page.goto(`${app.url}/?view=admin`);
    const users = page.getByTestId('admin-users');
    const region = users.locator('tr[data-user="ed"]').getByTestId('user-region');
    await expect.poll(() => region.locator('option').count(), TIMEOUT).toBeGreaterThan(2);
    const chosen = (await region.locator('option').nth(1).getAttribute('value'))!;
    await region.selectOption(chosen);
    // The picker shows what the server answers once the list is read again.
    await expect.poll(() => region.inputValue(), TIMEOUT).toBe(chosen);
    await page.reload();
    await expect.poll(() => region.inputValue(), TIMEOUT).toBe(chosen);
    // No reset on one's own row: that is the account menu's change password, with the current one.
    expect(await users.locator('tr[data-user="root"]').getByRole('button', { name: '重置密码' }).count()).toBe(0);

    await users.locator('tr[data-user="ana"]').getByRole('button', { name: '重置密码' }).click();
    const form = page.getByTestId('reset-password');
    await form.locator('input[type="password"]').fill('short');
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => form.getByRole('alert').getAttribute('data-code'), TIMEOUT).toBe('BAD_USER_INPUT');
    const fresh = 'a password the admin chose';
    await form.locator('input[type="password"]').fill(fresh);
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => users.getByTestId('password-reset-done').innerText(), TIMEOUT).toContain('ana');
    await screenshot(page, 'roles-admin-reset');
    await page.close();

    const ana = await signIn(browser, app, { username: 'ana', password: fresh, role: 'analyst' });
    await ana.close();
  });
});
