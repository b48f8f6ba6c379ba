/**
 * npm run bench:writes [-- --size seed|100k|1M --editors 16 --seconds 60 --single 200 --engines embedded,neo4j --no-import]
 *
 * Writes through a real server (`node --import tsx server/main.ts`, its own DATA_DIR and PORT; with
 * NEO4J_URI set, also on that Neo4j), as signed-in editors over HTTP:
 *   single:     one editor alone, `--single` sequential edits (read the entity, updateEntity with its
 *               version) on enterprises across the graph: p50 / p99 of the mutation;
 *   concurrent: `--editors` editors for `--seconds`, each in a read–modify–write loop with
 *               expectedVersion, mostly over a few shared ("hot") entities and relations so they
 *               collide: updateEntity, updateRelation, addRelation (some of the same relation at
 *               once), and edits anywhere in the graph. Every acknowledged write (id, the version it
 *               produced, the value written), CONFLICT and DUPLICATE is recorded;
 *   verify:     afterwards, from the store: each fact's version = its version before + its
 *               acknowledged writes; its history holds each acknowledged write exactly once, in
 *               version order (as `history` shows it, newest first); its value is the last
 *               acknowledged write's. An acknowledged write missing or overwritten is a lost update;
 *   import:     the 10,000-row import (bench/import-bench.ts) on the same store, the server stopped.
 * Figures go to bench-results/writes.json (writeSuiteResult). Nothing is asserted.
 *
 * The 100k / 1M embedded store is generated (bench/generate.ts) and bulk-loaded once into
 * bench-data/ (bench/support.ts cachedEmbeddedStore, shared with bench:http), then copied for each run. The Neo4j database is emptied before and after (start
 * a throw-away one: `node tools/neo4j-test-server.mjs`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Auth } from '../server/auth/service.js';
import { loadConfig, type Config } from '../server/config.js';
import { entityHistory } from '../server/domain/curation/history.js';
import type { GraphData, RelationType } from '../server/domain/model.js';
import { relTypeExpr } from '../server/store/dialect.js';
import { EmbeddedStore } from '../server/store/embedded.js';
import { Neo4jStore } from '../server/store/neo4j.js';
import type { GraphStore } from '../server/store/types.js';
import { ensureSeeded, writeSeedState } from '../seed/load.js';
import { isWarm, startServerProcess, waitUntil } from '../test/support/server-process.js';
import { generate, Rng } from './generate.js';
import { deleteInBatches } from './neo4j-clear.js';
import { IMPORT_CASE, latencyTargetFor } from './harness.js';
import { benchImport, type ImportFigures } from './import-bench.js';
import { cachedEmbeddedStore } from './support.js';
import { writeSuiteResult, type Figure, type Series } from './results.js';

const root = path.resolve(import.meta.dirname, '..');
const progress = (msg: string) => process.stderr.write(`[writes ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

const SIZES: Record<string, { entities: number; relations: number } | null> = {
  seed: null,
  '100k': { entities: 100_000, relations: 1_000_000 },
  '1M': { entities: 1_000_000, relations: 10_000_000 },
};

const PASSWORD = 'bench editor password';
const HOT_ENTITIES = 6;
const HOT_RELATIONS = 4;
const POOL = 5000;

interface Options {
  size: string;
  editors: number;
  seconds: number;
  single: number;
  engines: ('embedded' | 'neo4j')[];
  importRows: number;
}

// ---------------------------------------------------------------- preparing a store

function generated(size: string): GraphData {
  const dims = SIZES[size]!;
  progress(`generating ${dims.entities} entities / ${dims.relations} relations`);
  return generate({ ...dims, seed: 42 }).data;
}

/** A fresh embedded store for one run: the seed, or a copy of the cached generated graph (bench/support.ts). */
async function embeddedDataDir(size: string, config: Config): Promise<string> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bioeco-writes-'));
  const dataDir = path.join(work, 'db');
  const dims = SIZES[size];
  if (!dims) {
    const store = new EmbeddedStore({ dataDir, bufferPoolBytes: config.bufferPoolBytes, queryTimeoutMs: 0 });
    try {
      await store.ensureSchema();
      await ensureSeeded(store, config.seedDir);
    } finally {
      await store.close();
    }
    return dataDir;
  }
  const cache = await cachedEmbeddedStore({ ...dims, seed: 42 }, { bufferPoolBytes: config.bufferPoolBytes, progress });
  fs.cpSync(cache.dataDir, dataDir, { recursive: true });
  return dataDir;
}

/** Empties the Neo4j database: graph, accounts, sessions, history, everything. */
const emptyNeo4j = (config: Config) => deleteInBatches(config.neo4j!, 'all');

/** Empties the Neo4j database and loads the seed or the generated graph. */
async function prepareNeo4j(store: Neo4jStore, size: string, config: Config): Promise<void> {
  await store.ensureSchema();
  await emptyNeo4j(config);
  if (!SIZES[size]) {
    await ensureSeeded(store, config.seedDir);
    return;
  }
  const data = generated(size);
  const t = performance.now();
  await store.bulkLoad(data);
  await store.write('CALL db.awaitIndexes(300)', {}, { timeoutMs: 0 }).catch(() => undefined);
  // What a completed seed load leaves, so the server serves this graph instead of seeding.
  await writeSeedState(store, {
    state: 'complete',
    at: new Date().toISOString(),
    entities: data.entities.length,
    relations: data.relations.length,
  });
  progress(`neo4j: bulk-loaded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

async function createEditors(store: GraphStore, config: Config, n: number): Promise<string[]> {
  const auth = new Auth(store, config);
  const cli = auth.cliCaller('bench');
  await auth.createUser(cli, { username: 'bench-admin', password: PASSWORD, role: 'admin' });
  const names = ['solo', ...Array.from({ length: n }, (_, i) => `editor${String(i + 1).padStart(2, '0')}`)];
  for (const username of names) await auth.createUser(cli, { username, password: PASSWORD, role: 'editor' });
  return names;
}

// ---------------------------------------------------------------- what the editors work on

interface HotRelation {
  id: string;
  type: RelationType;
  from: string;
  to: string;
}

interface Workload {
  hot: string[];
  hotRelations: HotRelation[];
  pool: string[];
  /** Every entity's and relation's version before the run, by id. */
  initial: Map<string, number>;
}

async function workload(store: GraphStore): Promise<Workload> {
  const enterprises = (await store.read("MATCH (n:Entity) WHERE n.type = 'Enterprise' RETURN n.id AS id")).map((r) => String(r.id));
  const rng = new Rng(7);
  const shuffled = rng.shuffle([...enterprises].sort());
  const hot: string[] = [];
  const hotRelations: HotRelation[] = [];
  // Hot entities with a relation to edit (one per entity, LOCATED_IN / IN_SEGMENT / MEMBER_OF …).
  for (const id of shuffled) {
    if (hot.length >= HOT_ENTITIES) break;
    const rels = await store.read(
      `MATCH (a:Entity {id: $id})-[r]->(b:Entity) RETURN r.id AS id, ${relTypeExpr(store.engine, 'r')} AS type, b.id AS to LIMIT 5`,
      { id },
    );
    hot.push(id);
    const rel = rels.find((r) => typeof r.id === 'string');
    if (rel && hotRelations.length < HOT_RELATIONS) {
      hotRelations.push({ id: String(rel.id), type: rel.type as RelationType, from: id, to: String(rel.to) });
    }
  }
  const pool = shuffled.slice(HOT_ENTITIES, HOT_ENTITIES + POOL);
  const initial = new Map<string, number>();
  const versions = await store.read('UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN n.id AS id, n.version AS v', {
    ids: [...hot, ...pool],
  });
  for (const r of versions) initial.set(String(r.id), Number(r.v ?? 0));
  for (const r of hotRelations) {
    const [row] = await store.read(`MATCH ()-[r:${r.type} {id: $id}]->() RETURN r.version AS v`, { id: r.id });
    initial.set(r.id, Number(row?.v ?? 0));
  }
  return { hot, hotRelations, pool, initial };
}

// ---------------------------------------------------------------- the server and its clients

/** The real server (`node --import tsx server/main.ts`) on a free port; its GraphQL URL and a stop. */
async function startServer(env: Record<string, string>): Promise<{ url: string; warm(): Promise<void>; stop(): Promise<void> }> {
  const server = await startServerProcess({
    args: ['--import', 'tsx', path.join(root, 'server', 'main.ts')],
    env: { ...process.env, DEBUG: '', ...env },
    timeoutMs: 180_000,
  });
  const warm = () => waitUntil(server, async () => isWarm(server), { timeoutMs: 600_000, what: 'warm (its indexes built)' });
  return { url: `${server.url}/graphql`, warm, stop: server.stop };
}

interface Answer {
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: { code?: string; reason?: string } }[];
}

type Client = (query: string, variables?: Record<string, unknown>) => Promise<Answer>;

async function signIn(url: string, username: string): Promise<Client> {
  const post = async (query: string, variables: Record<string, unknown>, cookie?: string) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify({ query, variables }),
    });
  const res = await post('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { role } }', {
    u: username,
    p: PASSWORD,
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const body = (await res.json()) as Answer;
  if (!cookie || body.errors?.length) throw new Error(`${username} could not sign in: ${JSON.stringify(body.errors)}`);
  return async (query, variables = {}) => {
    const r = await post(query, variables, cookie);
    const text = await r.text();
    try {
      return JSON.parse(text) as Answer;
    } catch {
      return { errors: [{ message: `HTTP ${r.status}: ${text.slice(0, 200)}`, extensions: { code: `HTTP_${r.status}` } }] };
    }
  };
}

const SOURCE = '{kind: note, note: "bench: 电话核实"}';
const READ_ENTITY = 'query($id: ID!) { entity(id: $id) { id version } }';
const UPDATE_ENTITY = `mutation($id: ID!, $v: Int, $d: String) {
  updateEntity(id: $id, expectedVersion: $v, patch: {description: $d}, note: "bench", source: ${SOURCE}) { entity { version description } }
}`;
const READ_EDGE = 'query($id: ID!, $s: ID!, $t: ID!) { edge(id: $id, source: $s, target: $t) { id version } }';
const UPDATE_RELATION = `mutation($id: ID!, $from: ID, $to: ID, $v: Int, $topic: String) {
  updateRelation(id: $id, from: $from, to: $to, expectedVersion: $v, patch: {topic: $topic}, note: "bench", source: ${SOURCE}) {
    edge { id version topic }
  }
}`;
const ADD_RELATION = `mutation($from: ID!, $to: ID!, $topic: String) {
  addRelation(input: {type: SUPPLIES, from: $from, to: $to, topic: $topic}, note: "bench", source: ${SOURCE}) { edge { id version topic } }
}`;

// ---------------------------------------------------------------- editing and recording

type Kind = 'entity' | 'relation' | 'add';

interface Ack {
  kind: Kind;
  id: string;
  version: number;
  value: string;
  editor: string;
  /** Seconds since the run started. */
  at: number;
}

interface Log {
  acks: Ack[];
  conflicts: number;
  duplicates: number;
  errors: string[];
  /** Every mutation's time, and the acknowledged ones' apart. */
  mutationMs: number[];
  ackMs: number[];
}

const newLog = (): Log => ({ acks: [], conflicts: 0, duplicates: 0, errors: [], mutationMs: [], ackMs: [] });

/** Adds `from`'s outcomes to `into`; its times too, unless `timings: false` (the single editor's are reported apart). */
function mergeLog(into: Log, from: Log, opts: { timings?: boolean } = {}): void {
  into.acks.push(...from.acks);
  into.conflicts += from.conflicts;
  into.duplicates += from.duplicates;
  into.errors.push(...from.errors);
  if (opts.timings === false) return;
  into.mutationMs.push(...from.mutationMs);
  into.ackMs.push(...from.ackMs);
}

/** Sends one mutation and files its outcome; returns the answer's payload when acknowledged. */
async function mutate(log: Log, gql: Client, query: string, vars: Record<string, unknown>, field: string) {
  const t = performance.now();
  let res: Answer;
  try {
    res = await gql(query, vars);
  } catch (err) {
    log.errors.push(`network: ${(err as Error).message}`);
    return null;
  }
  const ms = performance.now() - t;
  log.mutationMs.push(ms);
  const err = res.errors?.[0];
  if (!err) {
    log.ackMs.push(ms);
    return res.data![field] as Record<string, any>;
  }
  if (err.extensions?.code === 'CONFLICT') log.conflicts++;
  else if (err.extensions?.code === 'BAD_USER_INPUT' && err.extensions.reason === 'DUPLICATE') log.duplicates++;
  else log.errors.push(`${err.extensions?.code ?? '?'}: ${err.message}`);
  return null;
}

async function editEntity(log: Log, gql: Client, editor: string, id: string, value: string, t0: number): Promise<void> {
  const read = await gql(READ_ENTITY, { id });
  const v = read.data?.entity?.version as number | undefined;
  if (v === undefined) {
    log.errors.push(`read ${id}: ${JSON.stringify(read.errors ?? 'no entity')}`);
    return;
  }
  const out = await mutate(log, gql, UPDATE_ENTITY, { id, v, d: value }, 'updateEntity');
  if (out) log.acks.push({ kind: 'entity', id, version: out.entity.version, value, editor, at: (performance.now() - t0) / 1000 });
}

async function editRelation(log: Log, gql: Client, editor: string, rel: HotRelation, value: string, t0: number): Promise<void> {
  const read = await gql(READ_EDGE, { id: rel.id, s: rel.from, t: rel.to });
  const v = read.data?.edge?.version as number | undefined;
  if (v === undefined) {
    log.errors.push(`read ${rel.id}: ${JSON.stringify(read.errors ?? 'no edge')}`);
    return;
  }
  const out = await mutate(log, gql, UPDATE_RELATION, { id: rel.id, from: rel.from, to: rel.to, v, topic: value }, 'updateRelation');
  if (out) log.acks.push({ kind: 'relation', id: rel.id, version: out.edge.version, value, editor, at: (performance.now() - t0) / 1000 });
}

async function addOne(log: Log, gql: Client, editor: string, from: string, to: string, topic: string, t0: number): Promise<void> {
  const out = await mutate(log, gql, ADD_RELATION, { from, to, topic }, 'addRelation');
  if (out)
    log.acks.push({ kind: 'add', id: out.edge.id, version: out.edge.version, value: topic, editor, at: (performance.now() - t0) / 1000 });
}

/** One editor's loop until `until`: mostly the shared entities and relations, sometimes anywhere. */
async function editorLoop(log: Log, gql: Client, editor: string, w: Workload, seed: number, t0: number, until: number): Promise<void> {
  const rng = new Rng(seed);
  let n = 0;
  while (performance.now() < until) {
    const value = `${editor}#${++n}`;
    const p = rng.next();
    if (p < 0.55) await editEntity(log, gql, editor, rng.pick(w.hot), value, t0);
    else if (p < 0.7 && w.hotRelations.length) await editRelation(log, gql, editor, rng.pick(w.hotRelations), value, t0);
    else if (p < 0.8) {
      // A third of the adds are the same relation as other editors' this second (one is added, the rest are DUPLICATE).
      const shared = rng.next() < 0.33;
      const [a, b] = shared ? [w.hot[0], w.hot[1]] : [rng.pick(w.hot), rng.pick(w.hot)];
      if (a === b) continue;
      const topic = shared ? `共同供货 ${Math.floor((performance.now() - t0) / 1000)}` : value;
      await addOne(log, gql, editor, a, b, topic, t0);
    } else await editEntity(log, gql, editor, rng.pick(w.pool), value, t0);
  }
}

// ---------------------------------------------------------------- checking what the store kept

interface Verdict {
  facts: number;
  /** Acknowledged writes the store does not have (missing from the value, the version or the history). */
  lost: number;
  /** Two acknowledgements claiming one version of one fact. */
  doubleAcks: number;
  /** Revisions written in the run that no editor was told about (e.g. a request that timed out after committing). */
  unacknowledged: number;
  /** Histories not in version order, or with a gap. */
  historyOrder: number;
  /** Relations stored more than once under one id. */
  duplicatedRelations: number;
  problems: string[];
}

async function verify(store: GraphStore, w: Workload, acks: Ack[], since: string): Promise<Verdict> {
  const v: Verdict = { facts: 0, lost: 0, doubleAcks: 0, unacknowledged: 0, historyOrder: 0, duplicatedRelations: 0, problems: [] };
  const problem = (msg: string) => v.problems.length < 20 && v.problems.push(msg);
  const byFact = new Map<string, Ack[]>();
  for (const a of acks) byFact.set(a.id, [...(byFact.get(a.id) ?? []), a]);
  const hotRel = new Map(w.hotRelations.map((r) => [r.id, r]));

  for (const [id, list] of byFact) {
    v.facts++;
    const kind = list[0].kind;
    const versions = new Map<number, Ack[]>();
    for (const a of list) versions.set(a.version, [...(versions.get(a.version) ?? []), a]);
    for (const [ver, same] of versions) {
      if (same.length > 1) {
        v.doubleAcks += same.length - 1;
        v.lost += same.length - 1;
        problem(`${id} v${ver} acknowledged ${same.length} times (${same.map((a) => a.value).join(', ')})`);
      }
    }
    // The fact as stored now.
    const type = kind === 'entity' ? null : (hotRel.get(id)?.type ?? 'SUPPLIES');
    const rows =
      kind === 'entity'
        ? await store.read('MATCH (n:Entity {id: $id}) RETURN n.version AS version, n.description AS value', { id })
        : await store.read(`MATCH ()-[r:${type} {id: $id}]->() RETURN r.version AS version, r.topic AS value`, { id });
    if (rows.length !== 1) {
      if (kind !== 'entity' && rows.length > 1) v.duplicatedRelations += rows.length - 1;
      problem(`${id}: ${rows.length} stored`);
      if (rows.length === 0) {
        v.lost += list.length;
        continue;
      }
    }
    const initial = kind === 'add' ? 0 : (w.initial.get(id) ?? NaN);
    const last = [...list].sort((a, b) => b.version - a.version)[0];
    if (Number(rows[0].version) !== initial + versions.size) {
      problem(`${id}: version ${String(rows[0].version)}, expected ${initial} + ${versions.size} acknowledged`);
    }
    if (rows[0].value !== last.value) {
      v.lost++;
      problem(`${id}: holds "${String(rows[0].value)}", the last acknowledged write was "${last.value}" (v${last.version})`);
    }
    // Its revisions written during the run, each matched to one acknowledgement.
    const target = kind === 'entity' ? 'ENTITY' : 'RELATION';
    const revs = await store.read(
      'MATCH (r:Revision) WHERE r.targetId = $id AND r.target = $target AND r.at >= $since RETURN r.id AS id, r.after AS after',
      { id, target, since },
    );
    const field = kind === 'entity' ? 'description' : 'topic';
    const stored = new Map<number, string[]>();
    for (const r of revs) {
      const after = r.after ? (JSON.parse(String(r.after)) as Record<string, unknown>) : null;
      if (!after) continue;
      const ver = Number(after.version);
      stored.set(ver, [...(stored.get(ver) ?? []), String(after[field] ?? '')]);
    }
    for (const [ver, same] of versions) {
      const found = stored.get(ver) ?? [];
      if (found.length !== 1 || found[0] !== same[0].value) {
        if (same.length === 1) v.lost++;
        problem(`${id} v${ver}: acknowledged "${same[0].value}", history has ${JSON.stringify(found)}`);
      }
    }
    for (const [ver, values] of stored) {
      if (!versions.has(ver)) {
        v.unacknowledged += values.length;
        problem(`${id} v${ver}: in the history ("${values[0]}") but never acknowledged`);
      }
    }
    // As `history` shows it (newest first): this fact's versions strictly falling, without gaps.
    if (kind === 'entity') {
      const seen: number[] = [];
      let after: string | null = null;
      do {
        const page = await entityHistory(store, id, { limit: 500, after });
        for (const r of page.items) if (r.target === 'ENTITY' && r.targetId === id && r.after) seen.push(Number(r.after.version));
        after = page.next;
      } while (after);
      const run = seen.filter((x) => x > initial);
      const ordered = run.every((x, i) => i === 0 || run[i - 1] === x + 1);
      if (!ordered || run.length !== stored.size) {
        v.historyOrder++;
        problem(`${id}: history shows versions ${run.slice(0, 12).join(', ')}${run.length > 12 ? ' …' : ''}`);
      }
    }
  }
  return v;
}

// ---------------------------------------------------------------- figures

function latency(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? NaN;
  return { n: s.length, p50: at(0.5), p99: at(0.99), max: s[s.length - 1] ?? NaN };
}

const r1 = (x: number) => Math.round(x * 10) / 10;

interface EngineRun {
  engine: 'embedded' | 'neo4j';
  single: ReturnType<typeof latency>;
  contended: ReturnType<typeof latency>;
  acked: ReturnType<typeof latency>;
  log: Log;
  seconds: number;
  verdict: Verdict;
  imported: ImportFigures | null;
  perSecond: [number, number][];
}

async function runEngine(engine: 'embedded' | 'neo4j', opts: Options): Promise<EngineRun> {
  const config = loadConfig();
  let store: GraphStore;
  let dataDir: string | null = null;
  const env: Record<string, string> = {};
  if (engine === 'embedded') {
    dataDir = await embeddedDataDir(opts.size, config);
    store = new EmbeddedStore({ dataDir, bufferPoolBytes: config.bufferPoolBytes, queryTimeoutMs: 0 });
    Object.assign(env, { DATA_DIR: dataDir, NEO4J_URI: '' });
  } else {
    const neo = await Neo4jStore.connect(config.neo4j!, 0);
    await prepareNeo4j(neo, opts.size, config);
    store = neo;
    env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'bioeco-writes-unused-'));
  }
  const names = await createEditors(store, config, opts.editors);
  const w = await workload(store);
  progress(`${engine}: ${w.hot.length} hot entities, ${w.hotRelations.length} hot relations, ${w.pool.length} others`);
  // The embedded store is one process's: the server opens it.
  if (engine === 'embedded') await store.close();

  const server = await startServer(env);
  const log = newLog();
  const since = new Date().toISOString();
  let seconds = 0;
  let single: ReturnType<typeof latency>;
  try {
    const solo = await signIn(server.url, names[0]);
    const clients = await Promise.all(names.slice(1).map((n) => signIn(server.url, n)));
    const t0 = performance.now();
    const rng = new Rng(11);
    // The server builds its indexes and projections (name index, search, gap projection, read model)
    // in the background after start (seconds at 100k): no timed edit runs beside those builds.
    const w0 = performance.now();
    await server.warm();
    progress(`${engine}: server warm (every index and projection built) after ${((performance.now() - w0) / 1000).toFixed(1)} s`);
    // Warm-up edits (not timed), then the single editor alone.
    const warm = newLog();
    for (let i = 0; i < 20; i++) await editEntity(warm, solo, 'solo', rng.pick(w.pool), `solo-warm#${i}`, t0);
    const alone = newLog();
    for (let i = 0; i < opts.single; i++) await editEntity(alone, solo, 'solo', rng.pick(w.pool), `solo#${i}`, t0);
    single = latency(alone.ackMs);
    for (const l of [warm, alone]) mergeLog(log, l, { timings: false });
    progress(`${engine}: single edit p50 ${single.p50.toFixed(1)} / p99 ${single.p99.toFixed(1)} ms (n=${single.n})`);

    progress(`${engine}: ${clients.length} editors for ${opts.seconds} s`);
    const c0 = performance.now();
    const until = c0 + opts.seconds * 1000;
    const logs = clients.map(() => newLog());
    await Promise.all(clients.map((gql, i) => editorLoop(logs[i], gql, names[i + 1], w, 100 + i, c0, until)));
    seconds = (performance.now() - c0) / 1000;
    for (const l of logs) mergeLog(log, l);
  } finally {
    await server.stop();
  }
  const concurrentAcks = log.acks.filter((a) => a.editor !== 'solo');
  const perSecond = new Map<number, number>();
  for (const a of concurrentAcks) perSecond.set(Math.floor(a.at), (perSecond.get(Math.floor(a.at)) ?? 0) + 1);

  if (engine === 'embedded') store = new EmbeddedStore({ dataDir: dataDir!, bufferPoolBytes: config.bufferPoolBytes, queryTimeoutMs: 0 });
  try {
    progress(`${engine}: verifying ${log.acks.length} acknowledged writes`);
    const verdict = await verify(store, w, log.acks, since);
    let imported: ImportFigures | null = null;
    if (opts.importRows > 0) {
      progress(`${engine}: import of ${opts.importRows} rows`);
      const places = await store.read(
        "MATCH (n:Entity) WHERE n.type = 'Region' OR n.type = 'ChainSegment' RETURN n.id AS id, n.type AS type, n.name AS name, n.kind AS kind",
      );
      imported = await benchImport(store, { entities: places as never, relations: [] }, opts.importRows);
    }
    return {
      engine,
      single,
      contended: latency(log.mutationMs),
      acked: latency(log.ackMs),
      log,
      seconds,
      verdict,
      imported,
      perSecond: [...perSecond].sort((a, b) => a[0] - b[0]),
    };
  } finally {
    await store.close();
    // The bench's accounts would turn accounts on for whatever uses this database next (the contract tests).
    if (engine === 'neo4j') await emptyNeo4j(config);
    if (dataDir) fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
    else fs.rmSync(env.DATA_DIR, { recursive: true, force: true });
  }
}

/**
 * The latency targets these figures share with npm run bench (bench/harness.ts latencyTargets): a
 * single edit's p99 is the in-process write's target, the import's total the import case's.
 */
const SINGLE_EDIT_TARGET = 'write · update entity p99';
const IMPORT_TARGET = `${IMPORT_CASE} total`;

/** The harness's target for `figure` on this engine, as a figure's target and note (none for an engine it is not meant for). */
function issueTarget(figure: string, engine: string, note: string): Pick<Figure, 'target' | 'note'> {
  const t = latencyTargetFor(figure, engine);
  return t ? { target: { op: '<=', value: t.maxMs }, note: [note, t.note].filter(Boolean).join('; ') } : { note };
}

function figuresOf(r: EngineRun, size: string): Figure[] {
  const engine = r.engine;
  const acked = r.log.acks.filter((a) => a.editor !== 'solo').length;
  const f: Figure[] = [
    { name: `single edit p50 · ${size}`, group: 'latency', engine, unit: 'ms', value: r1(r.single.p50), better: 'lower' },
    {
      name: `single edit p99 · ${size}`,
      group: 'latency',
      engine,
      unit: 'ms',
      value: r1(r.single.p99),
      better: 'lower',
      ...issueTarget(
        SINGLE_EDIT_TARGET,
        engine,
        'one editor alone over HTTP: updateEntity with expectedVersion (change set, revision, audit event)',
      ),
    },
    { name: `contended edit p50 · ${size}`, group: 'latency', engine, unit: 'ms', value: r1(r.contended.p50), better: 'lower' },
    {
      name: `contended edit p99 · ${size}`,
      group: 'latency',
      engine,
      unit: 'ms',
      value: r1(r.contended.p99),
      better: 'lower',
      note: 'every mutation of the concurrent editors, conflicts included',
    },
    {
      name: `edits/s, concurrent editors · ${size}`,
      group: 'throughput',
      engine,
      unit: 'req/s',
      value: r1(acked / r.seconds),
      better: 'higher',
      note: 'acknowledged writes per second',
    },
    {
      name: `conflicts · ${size}`,
      group: 'writes',
      engine,
      unit: '%',
      value: r1((100 * r.log.conflicts) / Math.max(1, r.contended.n)),
      better: 'lower',
      note: 'share of the concurrent mutations answered CONFLICT (stale expectedVersion): reported, never overwritten',
    },
    {
      name: `lost updates · ${size}`,
      group: 'writes',
      engine,
      unit: 'count',
      value: r.verdict.lost + r.verdict.duplicatedRelations,
      better: 'lower',
      target: { op: '<=', value: 0 },
      note: 'acknowledged writes not in the store as acknowledged (value, version or history), plus relations stored twice',
    },
    {
      name: `history out of order · ${size}`,
      group: 'writes',
      engine,
      unit: 'count',
      value: r.verdict.historyOrder,
      better: 'lower',
      target: { op: '<=', value: 0 },
    },
    {
      name: `errors · ${size}`,
      group: 'writes',
      engine,
      unit: 'count',
      value: r.log.errors.length,
      better: 'lower',
      target: { op: '<=', value: 0 },
      note: 'answers other than success, CONFLICT and DUPLICATE',
    },
  ];
  if (r.imported) {
    f.push(
      {
        name: `import ${r.imported.rows} rows · ${size}`,
        group: 'import',
        engine,
        unit: 'ms',
        value: Math.round(r.imported.totalMs),
        better: 'lower',
        ...issueTarget(IMPORT_TARGET, engine, 'parse + dry run + apply, end to end'),
      },
      { name: `import revert · ${size}`, group: 'import', engine, unit: 'ms', value: Math.round(r.imported.revertMs), better: 'lower' },
    );
  }
  return f;
}

function printRun(r: EngineRun): void {
  const acked = r.log.acks.filter((a) => a.editor !== 'solo');
  const v = r.verdict;
  const lines = [
    `== ${r.engine} ==`,
    `single edit alone: p50 ${r.single.p50.toFixed(1)} ms, p99 ${r.single.p99.toFixed(1)} ms, max ${r.single.max.toFixed(1)} ms (n=${r.single.n})`,
    `concurrent: ${acked.length} acknowledged in ${r.seconds.toFixed(1)} s = ${(acked.length / r.seconds).toFixed(1)} edits/s; ` +
      `${r.log.conflicts} CONFLICT, ${r.log.duplicates} DUPLICATE, ${r.log.errors.length} errors`,
    `  mutations p50 ${r.contended.p50.toFixed(1)} ms, p99 ${r.contended.p99.toFixed(1)} ms, max ${r.contended.max.toFixed(1)} ms (n=${r.contended.n}); ` +
      `acknowledged p50 ${r.acked.p50.toFixed(1)} / p99 ${r.acked.p99.toFixed(1)} ms`,
    `  by kind: ${(['entity', 'relation', 'add'] as Kind[]).map((k) => `${k} ${acked.filter((a) => a.kind === k).length}`).join(', ')}`,
    `verified ${v.facts} facts: lost ${v.lost}, acknowledged twice ${v.doubleAcks}, unacknowledged revisions ${v.unacknowledged}, ` +
      `history out of order ${v.historyOrder}, relations stored twice ${v.duplicatedRelations}`,
    ...v.problems.map((p) => `  ! ${p}`),
    ...[...new Set(r.log.errors)].slice(0, 10).map((e) => `  error: ${e}`),
  ];
  if (r.imported) {
    const i = r.imported;
    const target = latencyTargetFor(IMPORT_TARGET, r.engine);
    lines.push(
      `import ${i.rows} rows: parse ${(i.parseMs / 1000).toFixed(1)} s + dry run ${(i.planMs / 1000).toFixed(1)} s + apply ${(i.applyMs / 1000).toFixed(1)} s = ` +
        `${(i.totalMs / 1000).toFixed(1)} s${target ? ` (target ≤ ${target.maxMs / 1000} s)` : ''}; revert ${(i.revertMs / 1000).toFixed(1)} s; ${i.created} created, ${i.relations} relations`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main() {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: 'seed' },
      editors: { type: 'string', default: '16' },
      seconds: { type: 'string', default: '60' },
      single: { type: 'string', default: '200' },
      engines: { type: 'string' },
      'import-rows': { type: 'string', default: '10000' },
      'no-import': { type: 'boolean', default: false },
    },
  });
  if (!(values.size in SIZES)) throw new Error(`--size must be one of ${Object.keys(SIZES).join(', ')}`);
  const neo = Boolean(loadConfig().neo4j);
  const engines = (values.engines ?? (neo ? 'embedded,neo4j' : 'embedded')).split(',') as Options['engines'];
  if (engines.includes('neo4j') && !neo) throw new Error('--engines neo4j needs NEO4J_URI');
  const opts: Options = {
    size: values.size,
    editors: Number(values.editors),
    seconds: Number(values.seconds),
    single: Number(values.single),
    engines,
    importRows: values['no-import'] ? 0 : Number(values['import-rows']),
  };
  const startedAt = new Date().toISOString();
  const runs: EngineRun[] = [];
  for (const engine of engines) {
    const r = await runEngine(engine, opts);
    printRun(r);
    runs.push(r);
  }
  const series: Series[] = runs.map((r) => ({
    name: `acknowledged edits per second · ${opts.size}`,
    group: 'throughput',
    engine: r.engine,
    unit: 'count',
    points: r.perSecond,
  }));
  const file = writeSuiteResult({
    suite: 'writes',
    startedAt,
    params: { ...opts, hotEntities: HOT_ENTITIES, hotRelations: HOT_RELATIONS },
    figures: runs.flatMap((r) => figuresOf(r, opts.size)),
    series,
  });
  progress(`figures written to ${path.relative(root, file)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err: unknown) => {
    process.stderr.write(`bench:writes failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
