#!/usr/bin/env node
// `npm start`: installs the npm dependencies on a fresh clone, generates the typed contract from the SDL,
// builds the web app when it is missing or older than its sources, then starts the server.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureDeps } from './ensure-deps.mjs';
import { serverExit } from './server-exit.mjs';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'dist', 'web', 'index.html');

function newest(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

ensureDeps();

// The typed contract: resolver types and the web app's typed documents, generated from the SDL.
const codegen = spawnSync('npm', ['run', '--silent', 'codegen'], { cwd: root, stdio: 'inherit' });
if (codegen.status !== 0) process.exit(codegen.status ?? 1);

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

const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'main.ts')], { cwd: root, stdio: 'inherit' });

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
