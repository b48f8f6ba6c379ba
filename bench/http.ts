/**
 * npm run bench:http [-- --sizes seed,100k --duration 20 --warmup 5 --connections 64 --memory-run 300 --response-cache on,off]
 *
 * The server under HTTP load, next to a hello-world graphql-yoga measured in the same run: each is its
 * own child process, driven by autocannon with `--connections` concurrent clients. The real server is
 * started the way `npm start` starts it (tools/start.mjs) on a data dir of its own per size:
 * - `seed`: a fresh data dir, which seeds itself on first start;
 * - `20k`, `100k`, `1m` …: a generated graph (bench/generate.ts, ten relations per entity) bulk-loaded
 *   once into bench-data/ and reused by later runs and by bench:writes (bench/support.ts
 *   cachedEmbeddedStore; delete the directory to rebuild it).
 * The load is the explorer's own mix — search, a neighbourhood, an entity's details — over many
 * different samples spread across the graph (search texts of every kind bench/generate.ts makes,
 * entity ids drawn across the whole graph), never one hot key.
 * Reported per size: req/s, p50, p99, errors (non-2xx and GraphQL errors), the ratio to hello-world,
 * the time from start to the first answered query, and the server's RSS every second (flat after
 * warm-up: max / min of the measured run). `--memory-run N`: a further N-second run on the largest
 * size, for the 5-minute memory target. The targets are bench/harness.ts serverTargets. Figures go to
 * bench-results/http.json (bench/results.ts).
 * With NEO4J_URI set, the seed size is also run against Neo4j (the server seeds an empty database).
 * `--response-cache on,off` (the default): each embedded size twice, with the server's response cache
 * (server/response-cache.ts) and without it (RESPONSE_CACHE=0, figures named `… · uncached`).
 * Nothing is asserted.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createSchema, createYoga } from 'graphql-yoga';
import { loadConfig } from '../server/config.js';
import type { GraphData } from '../server/domain/model.js';
import { readSeedFacts, toGraphData } from '../seed/load.js';
import { isWarm, startServerProcess, waitUntil, type ServerProcess } from '../test/support/server-process.js';
import { generate, Rng, searchSamples } from './generate.js';
import { serverTargets } from './harness.js';
import { writeSuiteResult, type Figure, type Series } from './results.js';
import { cachedEmbeddedStore } from './support.js';

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

/** `--hello`: this file as the baseline's child process, a yoga with one field on PORT. */
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

/** A generated graph (bench/support.ts, built once) with the samples drawn from it, or a fresh seed data dir. */
async function prepare(size: Size, opts: { keepSeedDir?: boolean } = {}): Promise<Prepared> {
  if (size.label === 'seed') {
    const dataDir = path.join(root, 'bench-data', 'http-seed');
    if (!opts.keepSeedDir) fs.rmSync(dataDir, { recursive: true, force: true });
    const data = toGraphData(readSeedFacts(loadConfig().seedDir));
    return { dataDir, bodies: mixBodies(data, SAMPLES), probe: probeBody(data) };
  }
  const dims = { entities: size.entities, relations: size.relations, seed: 42 };
  const cache = await cachedEmbeddedStore(dims, {
    bufferPoolBytes: loadConfig().bufferPoolBytes,
    progress: (msg) => progress(`${size.label}: ${msg}`),
  });
  const samplesFile = path.join(cache.dir, 'http-samples.json');
  if (!cache.generated && fs.existsSync(samplesFile)) {
    return { dataDir: cache.dataDir, ...(JSON.parse(fs.readFileSync(samplesFile, 'utf8')) as { bodies: string[]; probe: string }) };
  }
  // A store another bench built: the same seed generates the same graph to draw the samples from.
  const data = cache.generated ?? generate(dims).data;
  const saved = { bodies: mixBodies(data, SAMPLES), probe: probeBody(data) };
  fs.writeFileSync(samplesFile, JSON.stringify(saved));
  return { dataDir: cache.dataDir, ...saved };
}

/** An entity's details: a query that reads the graph (not only the schema). */
const probeBody = (data: GraphData) =>
  JSON.stringify({ query: ENTITY_DETAILS, variables: { id: data.entities[Math.floor(data.entities.length / 2)].id } });

// ---------------------------------------------------------------- child processes

function post(url: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Whether `body` is answered without errors (within `withinMs`); an answer other than 200 or 503 (starting) gives up. */
async function answers(url: string, body: string, withinMs = Infinity): Promise<boolean> {
  const sent = performance.now();
  const r = await post(url, body).catch(() => null);
  if (r && r.status !== 200 && r.status !== 503) throw new Error(`probe answered ${r.status}: ${r.text.slice(0, 300)}`);
  return r?.status === 200 && !r.text.includes('"errors"') && performance.now() - sent <= withinMs;
}

/** The process tools/start.mjs started (the server itself), for its RSS. */
function serverPid(server: ServerProcess): number {
  const pid = server.child.pid!;
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

/** One autocannon run against the server at `url`, bodies sent in turn (round robin over all connections). */
async function drive(
  url: string,
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
      url: `${url}/graphql`,
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

const rssRange = (r: RunResult) => `${Math.min(...r.rss.map(([, v]) => v))}–${Math.max(...r.rss.map(([, v]) => v))}`;

/**
 * A load run's errors and the server's memory over it, with their targets (harness.ts serverTargets);
 * `over` names a run other than the measured throughput run (" over 300 s").
 */
function runFigures(
  r: RunResult,
  o: { tag: string; engine: string; over: string; driftName: string; driftNote: string; rssTarget: boolean },
): Figure[] {
  return [
    {
      name: `mix errors${o.over} · ${o.tag}`,
      group: 'errors',
      engine: o.engine,
      unit: 'count',
      value: r.errors,
      better: 'lower',
      target: serverTargets.errors,
      note: 'connection errors, timeouts, non-2xx answers and answers with GraphQL errors',
    },
    {
      name: `RSS max${o.over} · ${o.tag}`,
      group: 'memory',
      engine: o.engine,
      unit: 'MB',
      value: Math.max(...r.rss.map(([, v]) => v)),
      better: 'lower',
      ...(o.rssTarget ? { target: serverTargets.rssMb } : {}),
      note: 'the server process, buffer pool included, during the run',
    },
    {
      name: `${o.driftName} · ${o.tag}`,
      group: 'memory',
      engine: o.engine,
      unit: '%',
      value: drift(r.rss),
      better: 'lower',
      target: serverTargets.rssDriftPct,
      note: o.driftNote,
    },
  ];
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
      hello: { type: 'boolean', default: false },
      /** Drives a server already listening on this port (e.g. one under --cpu-prof) with the first size's mix. */
      drive: { type: 'string' },
    },
  });
  if (values.hello) return serveHello(Number(process.env.PORT));
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
    const r = await drive(`http://127.0.0.1:${values.drive}`, p.bodies, { connections, duration });
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
  const helloBodies = ['{"query":"{ hello }"}'];
  const hello = await startServerProcess({
    args: ['--import', 'tsx', path.join(root, 'bench', 'http.ts'), '--hello'],
    ready: (url) => answers(url, helloBodies[0]),
  });
  let helloRps: number;
  try {
    await drive(hello.url, helloBodies, { connections, duration: warmup });
    const r = await drive(hello.url, helloBodies, load);
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
    await hello.stop();
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
        const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: prepared.dataDir, NODE_ENV: 'production' };
        if (engine === 'embedded') delete env.NEO4J_URI;
        env.RESPONSE_CACHE = cache === 'off' ? '0' : '1';
        const label = engine === 'embedded' ? tag : `${tag} · neo4j`;
        progress(`${label}: npm start (tools/start.mjs) …`);
        const started = performance.now();
        const server = await startServerProcess({
          args: [path.join(root, 'tools', 'start.mjs')],
          env,
          ready: (url) => answers(url, prepared.probe),
          timeoutMs: 600_000,
          stopGraceMs: 30_000,
        });
        try {
          const first = (performance.now() - started) / 1000;
          const pid = serverPid(server);
          const builtWeb = /building the web app/.test(server.output());
          progress(`${label}: first query answered ${first.toFixed(1)} s after start${builtWeb ? ' (the web app was rebuilt first)' : ''}`);
          // The server builds its indexes and projections in the background after it listens (app.ts
          // warmUp) and says when they are built; the load is measured after that, and how long it
          // took (and when searches answered within a second) is reported.
          const search = prepared.bodies.find((b) => b.includes(KIND_MARK.search)) ?? prepared.probe;
          await waitUntil(server, () => answers(server.url, search, 1000), { timeoutMs: 600_000, what: 'answering a search within 1 s' });
          const searchWarm = (performance.now() - started) / 1000;
          await waitUntil(server, async () => isWarm(server), { timeoutMs: 600_000, what: 'warm (its indexes built)' });
          const warm = (performance.now() - started) / 1000;
          progress(`${label}: searches answered within 1 s ${searchWarm.toFixed(1)} s after start, warm ${warm.toFixed(1)} s after start`);
          figures.push(
            {
              name: `searches fast after npm start · ${tag}`,
              group: 'start',
              engine,
              unit: 's',
              value: searchWarm,
              better: 'lower',
              note: 'until a search answers within 1 s (the search index built in the background)',
            },
            {
              name: `warm after npm start · ${tag}`,
              group: 'start',
              engine,
              unit: 's',
              value: warm,
              better: 'lower',
              note: 'until the server says every index and projection is built (app.ts warmUp); the load below is measured after it',
            },
          );
          await drive(server.url, prepared.bodies, { connections, duration: warmup });
          const r = await drive(server.url, prepared.bodies, { ...load, rssPid: pid });
          const ratio = r.reqPerSec / helloRps;
          const rssMax = Math.max(...r.rss.map(([, v]) => v));
          const d = drift(r.rss);
          progress(
            `${label}: ${Math.round(r.reqPerSec)} req/s (${(ratio * 100).toFixed(1)}% of hello-world), p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.errors} errors, RSS ${rssRange(r)} MB`,
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
              target: serverTargets.mixOverHello,
              note: `search / neighbourhood / entity details in turn, ${connections} connections, ${prepared.bodies.length} different requests`,
            },
            { name: `mix p50 · ${tag}`, group: 'latency', engine, unit: 'ms', value: r.p50, better: 'lower' },
            { name: `mix p99 · ${tag}`, group: 'latency', engine, unit: 'ms', value: r.p99, better: 'lower' },
            ...runFigures(r, {
              tag,
              engine,
              over: '',
              driftName: 'RSS drift after warm-up',
              driftNote: `max / min − 1 of the RSS sampled every second over the ${duration} s after a ${warmup} s warm-up`,
              rssTarget: big && engine === 'embedded',
            }),
            {
              name: `first query after npm start · ${tag}`,
              group: 'start',
              engine,
              unit: 's',
              value: first,
              better: 'lower',
              ...(big ? { target: serverTargets.firstQueryS } : {}),
              note: builtWeb
                ? 'the web app was rebuilt first (its sources were newer than dist/)'
                : 'tools/start.mjs until an entity’s details answer',
            },
          );
          series.push({ name: `RSS · ${label}`, group: 'memory', engine, unit: 'MB', points: r.rss });
          if (memoryRun > 0 && size === largest && engine === 'embedded' && cache === caches[0]) {
            progress(`${label}: memory run, ${memoryRun} s …`);
            const m = await drive(server.url, prepared.bodies, { connections, duration: memoryRun, rssPid: pid });
            progress(
              `${label}: memory run: ${Math.round(m.reqPerSec)} req/s, ${m.errors} errors, RSS ${rssRange(m)} MB (drift ${drift(m.rss).toFixed(1)}%)`,
            );
            figures.push(
              ...runFigures(m, {
                tag,
                engine,
                over: ` over ${memoryRun} s`,
                driftName: `RSS drift over ${memoryRun} s`,
                driftNote: 'max / min − 1 of the RSS sampled every second, after the throughput run',
                rssTarget: big,
              }),
            );
            series.push({ name: `RSS over ${memoryRun} s · ${label}`, group: 'memory', engine, unit: 'MB', points: m.rss });
          }
        } finally {
          await server.stop();
        }
      }
  }

  const header = ['', 'first query', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'of hello', 'RSS max MB', 'RSS drift'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  for (const r of [header, ...rows]) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
  const file = writeSuiteResult({
    suite: 'http',
    startedAt,
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
