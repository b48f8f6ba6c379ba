/**
 * The app's server (or any HTTP server) as a child process, for the browser tests and the benches:
 * a free port, the process spawned with PORT and HOST set, readiness awaited by polling it over HTTP,
 * and a stop that ends it (SIGTERM, then SIGKILL after a grace period).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');

export interface ServerProcess {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  child: ChildProcess;
  /** What it printed (stdout and stderr), its last MB. */
  output(): string;
  /** Ends it; resolves once it exited. Safe to call more than once. */
  stop(): Promise<void>;
}

export interface ServerProcessOptions {
  /** Arguments to `node` (the script and its flags). */
  args: string[];
  /** Its environment besides PORT and HOST (which are set here); default this process's. */
  env?: NodeJS.ProcessEnv;
  /**
   * Whether it is ready, asked every `pollMs` until true or `timeoutMs`; may throw to give up.
   * Default: it answers HTTP at all (any status to GET /graphql?query={__typename}).
   */
  ready?: (url: string) => Promise<boolean>;
  timeoutMs?: number;
  pollMs?: number;
  /** How long a SIGTERM may take before SIGKILL. */
  stopGraceMs?: number;
}

export async function freePort(): Promise<number> {
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

/** Any HTTP answer: the server listens. */
export async function answersHttp(url: string): Promise<boolean> {
  try {
    await (await fetch(`${url}/graphql?query=%7B__typename%7D`)).arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

/** How much of its output is kept: bytes, not chunks (a chunk may be one line, and a status line the benches wait for must not be dropped). */
const OUTPUT_BYTES = 1 << 20;
/** How much of it an error message quotes. */
const QUOTED_BYTES = 20_000;

/** Starts `node <args>` on a free port and waits until `ready` says so; stops it when it never does. */
export async function startServerProcess(opts: ServerProcessOptions): Promise<ServerProcess> {
  const { timeoutMs = 180_000, pollMs = 50, stopGraceMs = 20_000, ready = answersHttp } = opts;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, opts.args, {
    cwd: ROOT,
    env: { ...(opts.env ?? process.env), PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: string[] = [];
  let kept = 0;
  const keep = (b: Buffer) => {
    chunks.push(b.toString());
    kept += b.length;
    while (kept > OUTPUT_BYTES && chunks.length > 1) kept -= Buffer.byteLength(chunks.shift()!);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const kill = setTimeout(() => child.kill('SIGKILL'), stopGraceMs);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(kill);
    })());
  const server: ServerProcess = { url, port, child, output: () => chunks.join(''), stop };
  try {
    await waitUntil(server, () => ready(url), { timeoutMs, pollMs, what: 'ready' });
    return server;
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * Asks `condition` every `pollMs` until it is true; throws when the process exits first or
 * `timeoutMs` passes (with what it printed), or when `condition` throws.
 */
export async function waitUntil(
  server: ServerProcess,
  condition: () => Promise<boolean>,
  opts: { timeoutMs: number; pollMs?: number; what: string },
): Promise<void> {
  const started = performance.now();
  const name = server.child.spawnargs.slice(1).join(' ');
  for (;;) {
    const { exitCode, signalCode } = server.child;
    if (exitCode !== null || signalCode !== null) {
      throw new Error(`${name} exited (${exitCode ?? signalCode}) before it was ${opts.what}:\n${server.output().slice(-QUOTED_BYTES)}`);
    }
    if (await condition()) return;
    if (performance.now() - started > opts.timeoutMs) {
      throw new Error(`${name} was not ${opts.what} within ${opts.timeoutMs} ms:\n${server.output().slice(-QUOTED_BYTES)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, opts.pollMs ?? 50));
  }
}

/** Whether the app's server said it is warm: every index and projection built (server/app.ts warmUp). */
export const isWarm = (server: ServerProcess): boolean => /^warm: /m.test(server.output());
