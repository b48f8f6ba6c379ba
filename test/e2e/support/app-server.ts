/**
 * Starts the real app for a browser test: `node tools/start.mjs` (builds the web app when stale,
 * seeds a fresh embedded store in a temp folder) on a free port, and waits until it answers
 * (test/support/server-process.ts).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT as root, startServerProcess } from '../../support/server-process.js';

/** A first start builds the web app and seeds the store. */
const START_TIMEOUT_MS = 150_000;

export interface AppServer {
  url: string;
  stop: () => Promise<void>;
}

/**
 * Every browser test runs its own app on its own embedded store, even when NEO4J_URI is set for the
 * contract suite: the Neo4j database is shared, and one test's accounts would turn accounts on for
 * the next.
 */
const APP_ENV = { NEO4J_URI: '', DEBUG: '' };

export interface AppUser {
  username: string;
  password: string;
  role: 'viewer' | 'analyst' | 'editor' | 'admin';
}

/** The accounts the browser tests sign in with (one password for all). */
export const PASSWORD = 'correct horse battery';
export const ADMIN: AppUser = { username: 'root', password: PASSWORD, role: 'admin' };
export const EDITOR: AppUser = { username: 'ed', password: PASSWORD, role: 'editor' };
export const VIEWER: AppUser = { username: 'vera', password: PASSWORD, role: 'viewer' };

/** Creates an account with the project's own CLI (`npm run user -- add`), the password on standard input. */
function addUser(dataDir: string, user: AppUser): void {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'tools', 'user.ts'), 'add', user.username, '--role', user.role],
    {
      cwd: root,
      env: { ...process.env, ...APP_ENV, DATA_DIR: dataDir },
      input: `${user.password}\n${user.password}\n`,
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) throw new Error(`npm run user -- add ${user.username} failed:\n${r.stdout}\n${r.stderr}`);
}

/**
 * Starts the app on a fresh store; with `users`, those accounts exist before it starts (accounts on);
 * with `clockFile`, the server's deadline clock is real time plus the offset (ms) the test writes there.
 */
export async function startApp(opts: { users?: AppUser[]; clockFile?: string } = {}): Promise<AppServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bioeco-e2e-'));
  try {
    for (const user of opts.users ?? []) addUser(dataDir, user);
    const app = await startServerProcess({
      args: [path.join(root, 'tools', 'start.mjs')],
      env: { ...process.env, ...APP_ENV, DATA_DIR: dataDir, CLOCK_FILE: opts.clockFile ?? '' },
      timeoutMs: START_TIMEOUT_MS,
      stopGraceMs: 10_000,
    });
    let stopped: Promise<void> | null = null;
    const stop = () => (stopped ??= app.stop().then(() => fs.rmSync(dataDir, { recursive: true, force: true })));
    return { url: app.url, stop };
  } catch (err) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}
