/**
 * Starts the real app for a browser test: `node tools/start.mjs` (builds the web app when stale,
 * seeds a fresh embedded store in a temp folder) on a free port, and waits for its "ready" line.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
/** A first start builds the web app and seeds the store. */
const START_TIMEOUT_MS = 150_000;

export interface AppServer {
  url: string;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
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
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bioeco-e2e-'));
  for (const user of opts.users ?? []) addUser(dataDir, user);
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'tools', 'start.mjs')], {
    cwd: root,
    env: { ...process.env, ...APP_ENV, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, CLOCK_FILE: opts.clockFile ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the app did not start within ${START_TIMEOUT_MS} ms:\n${output}`)), START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/ready/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the app exited with code ${code}:\n${output}`));
    });
  });
  let stopped: Promise<void> | null = null;
  const stop = () =>
    (stopped ??= new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill('SIGTERM');
    }).then(() => fs.rmSync(dataDir, { recursive: true, force: true })));
  return { url: `http://127.0.0.1:${port}`, stop };
}
