#!/usr/bin/env node
// Starts a throw-away Neo4j Community 5.26 (embedded, Bolt only, auth disabled) for tests.
//
//   node tools/neo4j-test-server.mjs [--verbose] [--port N] [--rebuild] [--build-only]
//
// Builds tools/neo4j-test-server (Maven) when target/ is missing or older than the sources, starts
// Java, and prints exactly one line to stdout once Bolt accepts connections:
//
//   NEO4J_URI=bolt://127.0.0.1:7687
//
// Then it stays in the foreground; SIGTERM/SIGINT/SIGHUP are forwarded to Java and this process exits
// with Java's exit code (0 on a clean shutdown). All diagnostics go to stderr; Java's stderr goes to
// tools/neo4j-test-server/target/neo4j.log (and to the console with --verbose); Neo4j's debug.log is
// in tools/neo4j-test-server/target/logs/. The database lives in a temp dir that is deleted on exit.
//
// The server refuses LOAD CSV from file URLs and the network, caps memory per transaction and in total,
// and terminates running transactions within 2 s of a stop.
//
// Environment: NEO4J_TEST_PORT (default 7687, 0 = free port), NEO4J_TEST_PAGECACHE (default 256m),
// NEO4J_TEST_TX_MEMORY (per transaction, default 256m), NEO4J_TEST_TX_MEMORY_TOTAL (default 512m),
// NEO4J_TEST_HEAP (default 1g), NEO4J_TEST_JAVA_OPTS (extra JVM flags), NEO4J_TEST_START_TIMEOUT
// (seconds, default 180), JAVA_HOME (optional).

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const NAME = 'neo4j-test-server';
const PROJECT_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), NAME);
const TARGET = path.join(PROJECT_DIR, 'target');
const STAMP = path.join(TARGET, '.build-stamp');
const MAIN_CLASS = 'dev.bioeco.Neo4jTestServer';
const MAIN_CLASS_FILE = path.join(TARGET, 'classes', ...MAIN_CLASS.split('.')) + '.class';
const LIB = path.join(TARGET, 'lib');
const LOG_FILE = path.join(TARGET, 'neo4j.log');
const DEBUG_LOG_DIR = path.join(TARGET, 'logs');
const NEEDS = 'needs Java 17+ and Maven';

const SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP'];
const SIGNUM = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

function info(msg) {
  process.stderr.write(`[${NAME}] ${msg}\n`);
}

function die(msg, code = 1) {
  info(`error: ${msg}`);
  process.exit(code);
}

function parseArgs(argv) {
  const opts = { verbose: false, rebuild: false, buildOnly: false, port: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--verbose' || a === '-v') opts.verbose = true;
    else if (a === '--rebuild') opts.rebuild = true;
    else if (a === '--build-only') opts.buildOnly = true;
    else if (a === '--port') opts.port = argv[++i];
    else if (a.startsWith('--port=')) opts.port = a.slice('--port='.length);
    else if (a === '--help' || a === '-h') {
      process.stderr.write(
        'usage: node tools/neo4j-test-server.mjs [--verbose] [--port N] [--rebuild] [--build-only]\n' +
          'Prints NEO4J_URI=bolt://127.0.0.1:PORT on stdout when ready; stops on SIGTERM/SIGINT.\n',
      );
      process.exit(0);
    } else die(`unknown argument: ${a} (try --help)`, 2);
  }
  if (opts.port !== undefined && !/^\d+$/.test(String(opts.port))) die(`invalid --port: ${opts.port}`, 2);
  return opts;
}

function javaBin() {
  const home = process.env.JAVA_HOME;
  if (home) {
    const bin = path.join(home, 'bin', process.platform === 'win32' ? 'java.exe' : 'java');
    if (fs.existsSync(bin)) return bin;
  }
  return 'java';
}

function checkJava(java) {
  const r = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (r.error) die(`cannot run '${java}' (${r.error.code || r.error.message}); ${NEEDS}`);
  const out = `${r.stderr || ''}${r.stdout || ''}`;
  const m = /version "(\d+)(?:\.(\d+))?/.exec(out);
  if (!m) die(`cannot parse '${java} -version' output: ${out.trim()}; ${NEEDS}`);
  const major = m[1] === '1' ? Number(m[2]) : Number(m[1]);
  if (!(major >= 17)) die(`found Java ${major} (${java}); ${NEEDS}`);
  return major;
}

function mvnBin() {
  return process.platform === 'win32' ? 'mvn.cmd' : 'mvn';
}

function checkMaven(mvn) {
  const r = spawnSync(mvn, ['-v'], { encoding: 'utf8', shell: process.platform === 'win32' });
  if (r.error || r.status !== 0)
    die(`cannot run '${mvn} -v' (${r.error ? r.error.code || r.error.message : `exit ${r.status}`}); ${NEEDS}`);
}

function newestMtime(p) {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const e of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, e)));
  return newest;
}

function buildIsStale() {
  if (!fs.existsSync(STAMP) || !fs.existsSync(MAIN_CLASS_FILE) || !fs.existsSync(LIB)) return true;
  if (fs.readdirSync(LIB).filter((f) => f.endsWith('.jar')).length === 0) return true;
  const sources = Math.max(newestMtime(path.join(PROJECT_DIR, 'pom.xml')), newestMtime(path.join(PROJECT_DIR, 'src')));
  return fs.statSync(STAMP).mtimeMs < sources;
}

let activeChild = null; // mvn during the build, java afterwards
let stopping = null; // signal name once we were asked to stop

function build() {
  const mvn = mvnBin();
  checkMaven(mvn);
  info('building the Java launcher (first build downloads ~125 MB from Maven Central)...');
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn(mvn, ['-q', '-B', '-Dstyle.color=never', '-f', path.join(PROJECT_DIR, 'pom.xml'), 'package'], {
      cwd: PROJECT_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: process.platform === 'win32',
    });
    activeChild = child;
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (err) => die(`cannot run mvn (${err.code || err.message}); ${NEEDS}`));
    child.on('close', (code, signal) => {
      activeChild = null;
      if (stopping) process.exit(128 + (SIGNUM[stopping] || 15));
      if (code !== 0) {
        process.stderr.write(output);
        die(`maven build failed (${signal || `exit ${code}`})`);
      }
      fs.writeFileSync(STAMP, `${new Date().toISOString()}\n`);
      info(`build done in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
      resolve();
    });
  });
}

function tailFile(file, lines = 40) {
  try {
    return fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .slice(-lines - 1)
      .join('\n');
  } catch {
    return '';
  }
}

function startJava(java, opts) {
  const heap = process.env.NEO4J_TEST_HEAP || '1g';
  const jvmArgs = [
    '-Xms256m',
    `-Xmx${heap}`,
    '-XX:+UseG1GC',
    '-XX:+ExitOnOutOfMemoryError',
    '-XX:-OmitStackTraceInFastThrow',
    // Same opens as the Neo4j 5 start script; without them Neo4j still runs, but the page cache
    // and transaction log fall back to slower code paths (and log warnings).
    '--add-opens=java.base/java.nio=ALL-UNNAMED',
    '--add-opens=java.base/java.io=ALL-UNNAMED',
    '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
    '-Dio.netty.tryReflectionSetAccessible=true',
    '-Dlog4j2.disable.jmx=true',
    '-Djdk.nio.maxCachedBufferSize=1024',
    ...(process.env.NEO4J_TEST_JAVA_OPTS || '').split(/\s+/).filter(Boolean),
  ];
  const classpath = [path.join(TARGET, 'classes'), path.join(LIB, '*')].join(path.delimiter);
  const env = {
    ...process.env,
    NEO4J_TEST_EXIT_ON_STDIN_EOF: '1', // java exits if this process dies (its stdin pipe closes)
    NEO4J_TEST_LOG_DIR: process.env.NEO4J_TEST_LOG_DIR || DEBUG_LOG_DIR,
  };
  if (opts.port !== undefined) env.NEO4J_TEST_PORT = String(opts.port);

  const log = fs.createWriteStream(LOG_FILE, { flags: 'w' });
  const t0 = Date.now();
  const child = spawn(java, [...jvmArgs, '-cp', classpath, MAIN_CLASS], {
    cwd: PROJECT_DIR,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  activeChild = child;
  child.stdin.on('error', () => {});
  child.on('error', (err) => die(`cannot start java (${err.code || err.message}); ${NEEDS}`));

  child.stderr.on('data', (d) => {
    log.write(d);
    if (opts.verbose) process.stderr.write(d);
  });

  let ready = false;
  const timeoutSec = Number(process.env.NEO4J_TEST_START_TIMEOUT || 180);
  const timer = setTimeout(() => {
    if (ready) return;
    stopping = 'SIGTERM';
    info(`error: Neo4j not ready after ${timeoutSec}s; stopping it. Last log lines (${LOG_FILE}):`);
    process.stderr.write(`${tailFile(LOG_FILE)}\n`);
    stopJava('SIGTERM', 1);
  }, timeoutSec * 1000);
  timer.unref();

  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    if (!ready && line.startsWith('NEO4J_URI=')) {
      ready = true;
      clearTimeout(timer);
      process.stdout.write(`${line}\n`);
      info(
        `ready: ${line.slice('NEO4J_URI='.length)} (${((Date.now() - t0) / 1000).toFixed(1)}s, pid ${child.pid}, log ${path.relative(process.cwd(), LOG_FILE)})`,
      );
    } else {
      log.write(`[stdout] ${line}\n`);
      if (opts.verbose) process.stderr.write(`${line}\n`);
    }
  });

  child.on('close', (code, signal) => {
    activeChild = null;
    log.end();
    const status = code ?? 128 + (SIGNUM[signal] || 1);
    if (!ready && !stopping) {
      info(`error: java exited (${signal || `code ${code}`}) before Neo4j was ready. Last log lines (${LOG_FILE}):`);
      process.stderr.write(`${tailFile(LOG_FILE)}\n`);
      process.exit(status || 1);
    }
    info(`stopped (${signal || `exit ${code}`})`);
    process.exit(forcedExitCode ?? status);
  });
}

let forcedExitCode = null;

function stopJava(signal, exitCode = null) {
  if (exitCode !== null) forcedExitCode = exitCode;
  const child = activeChild;
  if (!child) process.exit(exitCode ?? 128 + (SIGNUM[signal] || 15));
  child.kill(signal);
  // Never hang CI: escalate if the JVM does not go away.
  setTimeout(() => {
    if (activeChild === child) {
      info('java did not stop within 20s, killing it');
      child.kill('SIGKILL');
    }
  }, 20_000).unref();
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  process.stdout.on('error', () => {}); // reader went away (EPIPE): keep serving

  for (const sig of SIGNALS) {
    process.on(sig, () => {
      if (stopping) return;
      stopping = sig;
      info(`received ${sig}, stopping`);
      stopJava(sig === 'SIGHUP' ? 'SIGTERM' : sig);
    });
  }

  const java = javaBin();
  checkJava(java);
  if (opts.rebuild || buildIsStale()) await build();
  if (opts.buildOnly) return;
  if (stopping) process.exit(128 + (SIGNUM[stopping] || 15));
  fs.mkdirSync(TARGET, { recursive: true });
  startJava(java, opts);
}

main().catch((err) => die(err && err.stack ? err.stack : String(err)));
