/**
 * npm run bench:http [-- --sizes seed,100k --duration 20 --warmup 5 --connections 64 --memory-run 300 --response-cache on,off]
 *
 * The server under HTTP load, next to a hello-world graphql-yoga measured in the same run: each is its
 * own child process, driven by autocannon with `--connections` concurrent clients. The real server is
 * started the way `npm start` starts it (tools/start.mjs) on a data dir of its own per size:
 * - `seed`: a fresh data dir, which seeds itself on first start;
 * - `20k`, `100k`, `1m` …: a generated graph (bench/generate.ts, ten relations per entity) bulk-loaded
 *   once into bench-data/http-<size>/ and reused by later runs (delete the directory to rebuild it).
 * The load is the explorer's own mix — search, a neighbourhood, an entity's details — over many
 * different samples spread across the graph (search texts of every kind bench/generate.ts makes,
 * entity ids drawn across the whole graph), never one hot key.
 * Reported per size: req/s, p50, p99, errors (non-2xx and GraphQL errors), the ratio to hello-world,
 * the time from start to the first answered query, and the server's RSS every second (flat after
 * warm-up: max / min of the measured run). `--memory-run N`: a further N-second run on the largest
 * size, for the 5-minute memory target. Figures go to bench-results/http.json (bench/results.ts).
 * With NEO4J_URI set, the seed size is also run against Neo4j (the server seeds an empty database).
 * `--response-cache on,off` (the default): each embedded size twice, with the server's response cache
 * (server/response-cache.ts) and without it (RESPONSE_CACHE=0, figures named `… · uncached`).
 * Nothing is asserted.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createSchema, createYoga } from 'graphql-yoga';
import { loadConfig } from '../server/config.js';
import type { GraphData } from '../server/domain/model.js';
import { EmbeddedStore } from '../server/store/embedded.js';
import { readSeedFacts, toGraphData } from '../seed/load.js';
import { generate, Rng, searchSamples } from './generate.js';
import { machine, writeSuiteResult, type Figure, type Series } from './results.js';

const root = path.resolve(import.meta.dirname, '..');
const progress = (msg: string) => process.stderr.write(`[bench:http ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

// ---------------------------------------------------------------- autocannon (no type declarations of its own)

interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: AutocannonRequest) => AutocannonRequest;
  onResponse?: (status: number, body: string) => void;
}
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
}
type Autocannon = (opts: {
  url: string;
  connections: number;
  duration: number;
  requests?: AutocannonRequest[];
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  timeout?: number;
}) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

// ---------------------------------------------------------------- the hello-world baseline

/** `--hello-port N`: this file as the baseline's child process, a yoga with one field. */
function serveHello(port: number): void {
  const yoga = createYoga({
    schema: createSchema({ typeDefs: 'type Query { hello: String! }', resolvers: { Query: { hello: () => 'world' } } }),
    logging: false,
    landingPage: false,
  });
  http.createServer(yoga).listen(port, '127.0.0.1', () => console.log(`hello-world yoga on ${port}`));
}

// ---------------------------------------------------------------- the mix

const ENTITY_REF = 'id type name nameEn kind tier';
const EDGE_REF = 'id type source target role kind topic date inferred reason';
const SOURCE = 'document quote title date url kind';
/** The explorer's own documents (web/src: Search, Neighborhood, EntityDetails), fragments inlined. */
const SEARCH = `query Search($text: String!, $types: [EntityType!], $limit: Int) { search(text: $text, types: $types, limit: $limit) { ${ENTITY_REF} aliases } }`;
const NEIGHBORHOOD = `query Neighborhood($ids: [ID!]!, $depth: Int, $limit: Int) { neighborhood(ids: $ids, depth: $depth, limit: $limit) { nodes { ${ENTITY_REF} } edges { ${EDGE_REF} } truncated } }`;
const ENTITY_DETAILS = `query EntityDetails($id: ID!) { entity(id: $id) { ${ENTITY_REF} aliases description date version updatedAt updatedBy creditCode registeredCapital founded address website contact headcount qualifications products sources { ${SOURCE} } relations { type direction count items { edge { ${EDGE_REF} version sources { ${SOURCE} } } other { ${ENTITY_REF} } } } } }`;

/** `--mix` names → what marks their bodies. */
const KIND_MARK: Record<string, string> = { search: 'query Search', neighborhood: 'query Neighborhood', entity: 'query EntityDetails' };

/** Request bodies in the order they are sent: search, neighbourhood, entity, search, … each over its own samples. */
function mixBodies(data: GraphData, n: number): string[] {
  const rng = new Rng(11);
  const ids = data.entities.map((e) => e.id);
  // Some samples cut from a short name come out blank: the server refuses those (BAD_USER_INPUT).
  const texts = searchSamples(data, n * 2)
    .map((s) => s.text.trim())
    .filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(JSON.stringify({ query: SEARCH, variables: { text: texts[i], limit: 20 } }));
    out.push(JSON.stringify({ query: NEIGHBORHOOD, variables: { ids: [rng.pick(ids)], depth: 1, limit: 300 } }));
    out.push(JSON.stringify({ query: ENTITY_DETAILS, variables: { id: rng.pick(ids) } }));
  }
  return out;
}

// ---------------------------------------------------------------- sizes and their stores

interface Size {
  label: string;
  entities: number;
  relations: number;
}

function parseSize(raw: string): Size {
  if (raw === 'seed') return { label: 'seed', entities: 0, relations: 0 };
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(raw);
  if (!m) throw new Error(`--sizes: "${raw}" is not seed, 20k, 100k, 1m …`);
  const entities = Math.round(Number(m[1]) * ({ k: 1e3, m: 1e6, '': 1 } as Record<string, number>)[m[2].toLowerCase()]);
  return { label: raw.toLowerCase(), entities, relations: entities * 10 };
}

interface Prepared {
  dataDir: string;
  bodies: string[];
  /** A query answered once the store is open, for the first-query time. */
  probe: string;
}

const SAMPLES = 600;

/** A generated graph in bench-data/http-<size>/ (built once), or a fresh seed data dir. */
async function prepare(size: Size, opts: { keepSeedDir?: boolean } = {}): Promise<Prepared> {
  const base = path.join(root, 'bench-data');
  if (size.label === 'seed') {
    const dataDir = path.join(base, 'http-seed');
    if (!opts.keepSeedDir) fs.rmSync(dataDir, { recursive: true, force: true });
    const data = toGraphData(readSeedFacts(loadConfig().seedDir));
    return { dataDir, bodies: mixBodies(data, SAMPLES), probe: probeBody(data) };
  }
  const dir = path.join(base, `http-${size.label}`);
  const dataDir = path.join(dir, 'data');
  const samplesFile = path.join(dir, 'samples.json');
  if (fs.existsSync(samplesFile)) {
    const saved = JSON.parse(fs.readFileSync(samplesFile, 'utf8')) as { bodies: string[]; probe: string };
    progress(`${size.label}: reusing ${dataDir}`);
    return { dataDir, ...saved };
  }
  fs.rmSync(dir, { recursive: true, force: true });
  progress(`${size.label}: generating ${size.entities} entities, ${size.relations} relations …`);
  const gen = generate({ entities: size.entities, relations: size.relations, seed: 42 });
  progress(`${size.label}: bulk loading into ${dataDir} …`);
  const store = new EmbeddedStore({ dataDir, bufferPoolBytes: loadConfig().bufferPoolBytes, queryTimeoutMs: 0 });
  try {
    await store.ensureSchema();
    await store.bulkLoad(gen.data);
    // What a completed seed load leaves (seed/load.ts), so the server serves this graph instead of seeding.
    const state = { state: 'complete', at: new Date().toISOString(), entities: size.entities, relations: size.relations };
    await store.write('MERGE (m:AppMeta {key: $key}) SET m.value = $value', { key: 'seed', value: JSON.stringify(state) });
  } finally {
    await store.close();
  }
  const saved = { bodies: mixBodies(gen.data, SAMPLES), probe: probeBody(gen.data) };
  fs.writeFileSync(samplesFile, JSON.stringify(saved));
  return { dataDir, ...saved };
}

/** An entity's details: a query that reads the graph (not only the schema). */
const probeBody = (data: GraphData) =>
  JSON.stringify({ query: ENTITY_DETAILS, variables: { id: data.entities[Math.floor(data.entities.length / 2)].id } });

// ---------------------------------------------------------------- child processes

let nextPort = 4700 + (process.pid % 200);

interface Child {
  proc: ChildProcess;
  port: number;
  output: string[];
}

function startChild(args: string[], env: NodeJS.ProcessEnv, port: number): Child {
  const proc = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const keep = (b: Buffer) => {
    output.push(b.toString());
    if (output.length > 200) output.shift();
  };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  return { proc, port, output };
}

async function stopChild(c: Child): Promise<void> {
  if (c.proc.exitCode !== null || c.proc.signalCode !== null) return;
  const exited = new Promise((resolve) => c.proc.once('exit', resolve));
  c.proc.kill('SIGTERM');
  const timer = setTimeout(() => c.proc.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}

function post(port: number, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Seconds from `started` until `body` is answered without errors (within `withinMs`, when given). */
async function firstAnswer(c: Child, body: string, started: number, timeoutMs = 600_000, withinMs = Infinity): Promise<number> {
  for (;;) {
    if (c.proc.exitCode !== null) throw new Error(`the server exited (${c.proc.exitCode}):\n${c.output.join('')}`);
    if (performance.now() - started > timeoutMs) throw new Error(`no answer after ${timeoutMs} ms:\n${c.output.join('')}`);
    const sent = performance.now();
    const r = await post(c.port, body).catch(() => null);
    const fast = performance.now() - sent <= withinMs;
    if (r?.status === 200 && !r.text.includes('"errors"') && fast) return (performance.now() - started) / 1000;
    if (r && r.status !== 200 && r.status !== 503) throw new Error(`probe answered ${r.status}: ${r.text.slice(0, 300)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The process tools/start.mjs started (the server itself), for its RSS. */
function serverPid(c: Child): number {
  const pid = c.proc.pid!;
  try {
    const kids = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    return kids.length ? Number(kids[kids.length - 1]) : pid;
  } catch {
    return pid;
  }
}

function rssMb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- load runs

interface RunResult {
  reqPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  total: number;
  rss: [number, number][];
}

/** One autocannon run against `port`, bodies sent in turn (round robin over all connections). */
async function drive(
  port: number,
  bodies: string[],
  opts: { connections: number; duration: number; rssPid?: number; rssStart?: number },
): Promise<RunResult> {
  let next = 0;
  let graphqlErrors = 0;
  let firstError: string | null = null;
  const rss: [number, number][] = [];
  const t0 = performance.now();
  const sampler =
    opts.rssPid !== undefined
      ? setInterval(() => {
          const v = rssMb(opts.rssPid!);
          if (v !== null) rss.push([Math.round((opts.rssStart ?? 0) + (performance.now() - t0) / 1000), Math.round(v)]);
        }, 1000)
      : null;
  try {
    const r = await autocannon({
      url: `http://127.0.0.1:${port}/graphql`,
      connections: opts.connections,
      duration: opts.duration,
      timeout: 30,
      requests: [
        {
          method: 'POST',
          path: '/graphql',
          headers: { 'content-type': 'application/json' },
          setupRequest: (req) => ({ ...req, body: bodies[next++ % bodies.length] }),
          onResponse: (status, body) => {
            if (status === 200 && body.includes('"errors"')) {
              graphqlErrors++;
              firstError ??= body.slice(0, 300);
            }
          },
        },
      ],
    });
    if (firstError) progress(`first GraphQL error: ${firstError}`);
    return {
      reqPerSec: r.requests.total / r.duration,
      p50: r.latency.p50,
      p99: r.latency.p99,
      errors: r.errors + r.timeouts + r.non2xx + graphqlErrors,
      total: r.requests.total,
      rss,
    };
  } finally {
    if (sampler) clearInterval(sampler);
    const v = opts.rssPid !== undefined ? rssMb(opts.rssPid) : null;
    if (v !== null) rss.push([Math.round((opts.rssStart ?? 0) + (performance.now() - t0) / 1000), Math.round(v)]);
  }
}

const drift = (rss: [number, number][]) => {
  const values = rss.map(([, v]) => v);
  return values.length ? (Math.max(...values) / Math.min(...values) - 1) * 100 : 0;
};

// ---------------------------------------------------------------- main

async function main() {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: 'seed,100k' },
      duration: { type: 'string', default: '20' },
      warmup: { type: 'string', default: '5' },
      connections: { type: 'string', default: '64' },
      'memory-run': { type: 'string', default: '0' },
      mix: { type: 'string', default: 'search,neighborhood,entity' },
      /** The server with its response cache on, off, or both in turn (RESPONSE_CACHE). */
      'response-cache': { type: 'string', default: 'on,off' },
      'hello-port': { type: 'string' },
      /** Drives a server already listening on this port (e.g. one under --cpu-prof) with the first size's mix. */
      drive: { type: 'string' },
    },
  });
  if (values['hello-port']) return serveHello(Number(values['hello-port']));
  const kinds = values.mix.split(',').map((k) => k.trim());
  const duration = Number(values.duration);
  const warmup = Number(values.warmup);
  const connections = Number(values.connections);
  const memoryRun = Number(values['memory-run']);
  const sizes = values.sizes.split(',').map((s) => parseSize(s.trim()));
  const caches = values['response-cache'].split(',').map((c) => c.trim());
  for (const c of caches) if (c !== 'on' && c !== 'off') throw new Error(`--response-cache: "${c}" is not on or off`);
  // Blank search texts (samples saved by an earlier version) are left out: the server refuses them.
  const blank = (b: string) => (JSON.parse(b) as { variables: { text?: string } }).variables.text?.trim() === '';
  const only = (p: Prepared): Prepared => ({
    ...p,
    bodies: p.bodies.filter((b) => kinds.some((k) => b.includes(KIND_MARK[k])) && !blank(b)),
  });
  if (values.drive) {
    const p = only(await prepare(sizes[0], { keepSeedDir: true }));
    const r = await drive(Number(values.drive), p.bodies, { connections, duration });
    console.log(`${Math.round(r.reqPerSec)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.errors} errors`);
    return;
  }
  for (const k of kinds) if (!(k in KIND_MARK)) throw new Error(`--mix: "${k}" is not one of ${Object.keys(KIND_MARK).join(', ')}`);
  const startedAt = new Date().toISOString();
  const figures: Figure[] = [];
  const series: Series[] = [];
  const rows: string[][] = [];
  const load = { connections, duration };

  // Dependencies, codegen and the web build, when stale, before anything is timed: the first-query
  // time is that of a start with all three current.
  const prepareRun = spawnSync(process.execPath, [path.join(root, 'tools', 'start.mjs'), '--prepare-only'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (prepareRun.status !== 0) throw new Error('tools/start.mjs --prepare-only failed');

  // The baseline, measured once at the start of the run.
  const helloPort = nextPort++;
  const hello = startChild(
    ['--import', 'tsx', path.join(root, 'bench', 'http.ts'), '--hello-port', String(helloPort)],
    process.env,
    helloPort,
  );
  let helloRps: number;
  try {
    await firstAnswer(hello, '{"query":"{ hello }"}', performance.now());
    const helloBodies = ['{"query":"{ hello }"}'];
    await drive(helloPort, helloBodies, { connections, duration: warmup });
    const r = await drive(helloPort, helloBodies, load);
    helloRps = r.reqPerSec;
    progress(`hello-world yoga: ${Math.round(r.reqPerSec)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms`);
    figures.push({
      name: 'hello-world req/s',
      group: 'throughput',
      engine: 'hello-world',
      unit: 'req/s',
      value: r.reqPerSec,
      better: 'higher',
    });
    rows.push(['hello-world yoga', '', fmt(r.reqPerSec), `${r.p50}`, `${r.p99}`, `${r.errors}`, '', '', '']);
  } finally {
    await stopChild(hello);
  }

  const engines: ('embedded' | 'neo4j')[] = process.env.NEO4J_URI ? ['embedded', 'neo4j'] : ['embedded'];
  const largest = sizes.reduce((a, b) => (b.entities > a.entities ? b : a));
  for (const size of sizes) {
    const prepared = only(await prepare(size));
    // The response cache (server/response-cache.ts) on and off, side by side; on Neo4j it is always off.
    for (const engine of engines)
      for (const cache of engine === 'embedded' ? caches : ['on']) {
        if (engine === 'neo4j' && size.label !== 'seed') continue;
        const tag = cache === 'off' ? `${size.label} · uncached` : size.label;
        const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: prepared.dataDir, HOST: '127.0.0.1', NODE_ENV: 'production' };
        if (engine === 'embedded') delete env.NEO4J_URI;
        env.RESPONSE_CACHE = cache === 'off' ? '0' : '1';
        const port = nextPort++;
        env.PORT = String(port);
        const label = engine === 'embedded' ? tag : `${tag} · neo4j`;
        progress(`${label}: npm start (tools/start.mjs) …`);
        const started = performance.now();
        const server = startChild([path.join(root, 'tools', 'start.mjs')], env, port);
        try {
          const first = await firstAnswer(server, prepared.probe, started);
          const pid = serverPid(server);
          const builtWeb = /building the web app/.test(server.output.join(''));
          progress(`${label}: first query answered ${first.toFixed(1)} s after start${builtWeb ? ' (the web app was rebuilt first)' : ''}`);
          // The server builds its indexes in the background after it listens (app.ts warmUp); the load
          // is measured once a search answers within a second, and how long that took is reported.
          const search = prepared.bodies.find((b) => b.includes(KIND_MARK.search)) ?? prepared.probe;
          const warm = await firstAnswer(server, search, started, 600_000, 1000);
          progress(`${label}: searches answered within 1 s ${warm.toFixed(1)} s after start`);
          figures.push({
            name: `warm after npm start · ${tag}`,
            group: 'start',
            engine,
            unit: 's',
            value: warm,
            better: 'lower',
            note: 'until a search answers within 1 s (the indexes built in the background)',
          });
          await drive(port, prepared.bodies, { connections, duration: warmup });
          const r = await drive(port, prepared.bodies, { ...load, rssPid: pid });
          const ratio = r.reqPerSec / helloRps;
          const rssMax = Math.max(...r.rss.map(([, v]) => v));
          const d = drift(r.rss);
          progress(
            `${label}: ${Math.round(r.reqPerSec)} req/s (${(ratio * 100).toFixed(1)}% of hello-world), p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.errors} errors, RSS ${Math.min(...r.rss.map(([, v]) => v))}–${rssMax} MB`,
          );
          rows.push([
            label,
            `${first.toFixed(1)} s`,
            fmt(r.reqPerSec),
            `${r.p50}`,
            `${r.p99}`,
            `${r.errors}`,
            `${(ratio * 100).toFixed(1)}%`,
            `${rssMax}`,
            `${d.toFixed(1)}%`,
          ]);
          const big = size.entities >= 100_000;
          figures.push(
            { name: `mix req/s · ${tag}`, group: 'throughput', engine, unit: 'req/s', value: r.reqPerSec, better: 'higher' },
            {
              name: `mix / hello-world · ${tag}`,
              group: 'throughput',
              engine,
              unit: 'ratio',
              value: ratio,
              better: 'higher',
              target: { op: '>=', value: 0.3 },
              note: `search / neighbourhood / entity details in turn, ${connections} connections, ${prepared.bodies.length} different requests`,
            },
            { name: `mix p50 · ${tag}`, group: 'latency', engine, unit: 'ms', value: r.p50, better: 'lower' },
            { name: `mix p99 · ${tag}`, group: 'latency', engine, unit: 'ms', value: r.p99, better: 'lower' },
            {
              name: `mix errors · ${tag}`,
              group: 'errors',
              engine,
              unit: 'count',
              value: r.errors,
              better: 'lower',
              target: { op: '<=', value: 0 },
              note: 'connection errors, timeouts, non-2xx answers and answers with GraphQL errors',
            },
            {
              name: `RSS max · ${tag}`,
              group: 'memory',
              engine,
              unit: 'MB',
              value: rssMax,
              better: 'lower',
              ...(big && engine === 'embedded' ? { target: { op: '<=' as const, value: 1024 } } : {}),
              note: 'the server process, buffer pool included, during the measured run',
            },
            {
              name: `RSS drift after warm-up · ${tag}`,
              group: 'memory',
              engine,
              unit: '%',
              value: d,
              better: 'lower',
              target: { op: '<=', value: 10 },
              note: `max / min − 1 of the RSS sampled every second over the ${duration} s after a ${warmup} s warm-up`,
            },
            {
              name: `first query after npm start · ${tag}`,
              group: 'start',
              engine,
              unit: 's',
              value: first,
              better: 'lower',
              ...(big ? { target: { op: '<=' as const, value: 5 } } : {}),
              note: builtWeb
                ? 'the web app was rebuilt first (its sources were newer than dist/)'
                : 'tools/start.mjs until an entity’s details answer',
            },
          );
          series.push({ name: `RSS · ${label}`, group: 'memory', engine, unit: 'MB', points: r.rss });
          if (memoryRun > 0 && size === largest && engine === 'embedded' && cache === caches[0]) {
            progress(`${label}: memory run, ${memoryRun} s …`);
            const m = await drive(port, prepared.bodies, { connections, duration: memoryRun, rssPid: pid });
            const md = drift(m.rss);
            const mMax = Math.max(...m.rss.map(([, v]) => v));
            progress(
              `${label}: memory run: ${Math.round(m.reqPerSec)} req/s, ${m.errors} errors, RSS ${Math.min(...m.rss.map(([, v]) => v))}–${mMax} MB (drift ${md.toFixed(1)}%)`,
            );
            figures.push(
              {
                name: `RSS drift over ${memoryRun} s · ${tag}`,
                group: 'memory',
                engine,
                unit: '%',
                value: md,
                better: 'lower',
                target: { op: '<=', value: 10 },
                note: 'max / min − 1 of the RSS sampled every second, after the throughput run',
              },
              {
                name: `RSS max over ${memoryRun} s · ${tag}`,
                group: 'memory',
                engine,
                unit: 'MB',
                value: mMax,
                better: 'lower',
                ...(size.entities >= 100_000 ? { target: { op: '<=' as const, value: 1024 } } : {}),
              },
              {
                name: `mix errors over ${memoryRun} s · ${tag}`,
                group: 'errors',
                engine,
                unit: 'count',
                value: m.errors,
                better: 'lower',
                target: { op: '<=', value: 0 },
              },
            );
            series.push({ name: `RSS over ${memoryRun} s · ${label}`, group: 'memory', engine, unit: 'MB', points: m.rss });
          }
        } finally {
          await stopChild(server);
        }
      }
  }

  const header = ['', 'first query', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'of hello', 'RSS max MB', 'RSS drift'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  for (const r of [header, ...rows]) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
  const file = writeSuiteResult({
    suite: 'http',
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: machine(),
    params: {
      sizes: sizes.map((s) => s.label),
      mix: kinds,
      responseCache: caches,
      duration,
      warmup,
      connections,
      memoryRun,
      samples: SAMPLES * 3,
    },
    figures,
    series,
  });
  progress(`figures written to ${path.relative(root, file)}`);
}

const fmt = (n: number) => String(Math.round(n));

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
