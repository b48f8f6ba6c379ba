#!/usr/bin/env node
// `npm start`: installs the npm dependencies on a fresh clone, generates the typed contract from the SDL
// when it changed, builds the web app when it is missing or older than its sources, bundles the server
// when its sources changed, then starts it.
// `--prepare-only`: all but starting the server (bench:http runs it once before timing starts).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureDeps } from './ensure-deps.mjs';
import { serverBundle } from './server-bundle.mjs';
import { serverExit } from './server-exit.mjs';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'dist', 'web', 'index.html');

/** The newest modification time under `p` (a file or a folder), skipping `except`. */
function newest(p, except = null) {
  if (p === except || !fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let t = 0;
  for (const e of fs.readdirSync(p)) t = Math.max(t, newest(path.join(p, e), except));
  return t;
}

ensureDeps();

// The typed contract: resolver types and the web app's typed documents, generated from the SDL and the
// documents in web/src. Only when one of those changed since the last run (the stamp): running it
// anyway took 4–12 s of every start, measured, for outputs that came out the same.
const stamp = path.join(root, 'server', 'generated', '.codegen-stamp');
const outputs = [path.join(root, 'server', 'generated', 'resolvers-types.ts'), path.join(root, 'web', 'src', 'gql', 'graphql.ts')];
const inputs = () =>
  Math.max(
    newest(path.join(root, 'codegen.ts')),
    newest(path.join(root, 'server', 'schema')),
    newest(path.join(root, 'shared', 'model')),
    newest(path.join(root, 'web', 'src'), path.join(root, 'web', 'src', 'gql')),
    newest(path.join(root, 'package-lock.json')),
  );
if (!outputs.every((f) => fs.existsSync(f)) || !fs.existsSync(stamp) || fs.statSync(stamp).mtimeMs < inputs()) {
  const started = new Date();
  const codegen = spawnSync('npm', ['run', '--silent', 'codegen'], { cwd: root, stdio: 'inherit' });
  if (codegen.status !== 0) process.exit(codegen.status ?? 1);
  // Dated when codegen started: a source saved while it ran is newer, so the next start runs it again.
  fs.writeFileSync(stamp, '');
  fs.utimesSync(stamp, started, started);
}

const webDir = path.join(root, 'web');
if (fs.existsSync(path.join(webDir, 'index.html'))) {
  const stale = !fs.existsSync(dist) || fs.statSync(dist).mtimeMs < newest(webDir);
  if (stale) {
    console.log('building the web app …');
    // Always a production build, even when started from a test runner that sets NODE_ENV=test.
    const env = { ...process.env, NODE_ENV: 'production' };
    const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit', env });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}

// The server bundled into one file when its sources changed (tools/server-bundle.mjs), or under tsx.
const bundle = await serverBundle();

if (process.argv.includes('--prepare-only')) process.exit(0);

// The heap's old generation grown by a quarter (not V8's default up-to-4x) after each full
// collection, and its semi-spaces set: under 64 concurrent clients the old generation grew to ~4x the
// ~150 MB live before a full collection, so RSS rose and fell between 0.5 and 0.95 GB every ~13 s on
// the seed graph; with these flags it stays within a few per cent (bench:http --memory-run; README,
// issue 14). Semi-spaces were 64 MB, then 32 (fewer of a request's objects promoted); now 16: the
// young generation is committed whole once grown (2 x the semi-space), and with the read model
// (server/domain/live/read-model.ts) 32 MB kept the 100k graph's server 50–75 MB higher; measured,
// neither the seed mix nor the 100k mix lost requests/s.
// NODE_OPTIONS still applies on top.
const heapFlags = ['--max-semi-space-size=16', '--heap-growing-percent=25'];
const serverArgs = [
  ...heapFlags,
  ...(bundle ? ['--enable-source-maps', bundle] : ['--import', 'tsx', path.join(root, 'server', 'main.ts')]),
];
// glibc gives each thread that allocates its own arena (up to 8 per core, 64 MB reserved each), and
// memory freed in one is not reused by another: LadybugDB's workers and libuv's threads kept 30–55 MB
// more resident at 100k under the mix than with two arenas (measured, bench:http). Unless set already.
const env = { ...process.env, MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2' };
const child = spawn(process.execPath, serverArgs, { cwd: root, stdio: 'inherit', env });

// Ctrl-C or a SIGTERM to npm start asks the server to stop; how npm start then ends: server-exit.mjs.
let stopRequested = false;
for (const sig of ['SIGINT', 'SIGTERM'])
  process.on(sig, () => {
    stopRequested = true;
    child.kill(sig);
  });
child.on('exit', (code, signal) => {
  const dataDir = process.env.NEO4J_URI ? null : path.resolve(process.env.DATA_DIR || path.join(root, 'data'));
  const { status, message } = serverExit({ code, signal, stopRequested, dataDir });
  if (message) console.error(message);
  process.exit(status);
});
