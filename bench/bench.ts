/**
 * npm run bench [-- --entities N --relations M --seed S --warmup W --cases REGEX --buffer-pool-mb MB --engines embedded,neo4j]
 *
 * Generates a synthetic ecosystem, loads it into the embedded store (a fresh temp data dir, deleted
 * afterwards) and — when NEO4J_URI is set — into Neo4j (cleared first and after), then times the
 * registered cases. Progress goes to stderr; the table and one `BENCH_RESULT {json}` line to stdout;
 * the figures also go to bench-results/bench.json (bench/results.ts), which refreshes the report page.
 * An engine that fails is reported with its error; the others' figures are still printed.
 */
import { buildProjections } from '../server/app.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, type Neo4jConfig } from '../server/config.js';
import type { AppContext } from '../server/context.js';
import { EmbeddedStore } from '../server/store/embedded.js';
import { writeLoadFiles } from '../server/store/load-files.js';
import { Neo4jStore } from '../server/store/neo4j.js';
import type { GraphStore } from '../server/store/types.js';
import { graphqlClient } from '../test/helpers/graphql.js';
import './cases.js';
import { deleteInBatches } from './neo4j-clear.js';
import { benchImport, type ImportFigures } from './import-bench.js';
import { generate, sizeArgs, type GeneratedGraph } from './generate.js';
import {
  cases,
  comparisons,
  IMPORT_CASE,
  latencyTargetFor,
  measureInterleaved,
  summarise,
  unmatchedTargets,
  type BenchContext,
  type Gql,
  type Stat,
} from './harness.js';
import { writeSuiteResult, type Figure, type Series } from './results.js';

const progress = (msg: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const rssMb = () => mb(process.memoryUsage().rss);
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function timed<T>(label: string, fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  progress(`${label} …`);
  const t = performance.now();
  const value = await fn();
  const ms = performance.now() - t;
  progress(`${label}: ${fmtMs(ms)}`);
  return { ms, value };
}

function dirBytes(dir: string): number {
  let total = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    total += e.isDirectory() ? dirBytes(p) : fs.statSync(p).size;
  }
  return total;
}

interface KindRow {
  group: string;
  kind: string;
  n: number;
  /** Case name → p50 / p99 over the samples of this kind. */
  cases: Record<string, { p50: number; p99: number }>;
}

interface LoadResult {
  bulkLoadMs: number;
  /** The engine's own bulk path on the same files; null where there is none (Neo4j). */
  rawCopyMs: number | null;
  ratio: number | null;
  csvWriteMs?: number;
  csvMb?: number;
  dbMb?: number;
  bufferPoolMb?: number;
  clearBeforeMs?: number;
  clearAfterMs?: number;
  /** Why store.clear() failed, when it did (the bench then cleans up itself). */
  clearError?: string | null;
}

interface EngineResult {
  engine: string;
  load: LoadResult;
  memory: Record<string, number>;
  stats: Stat[];
  byKind: KindRow[];
  comparisons: { name: string; p50: number; p99: number; target: number | null; ok: boolean | null }[];
  /** The figures with a latency target (bench/harness.ts latencyTargets), judged. */
  targets: { case: string; stat: string; valueMs: number; maxMs: number; ok: boolean }[];
  /** The 10,000-row import (bench/import-bench.ts), when it ran. */
  importFigures?: ImportFigures | null;
}

/** The tests' in-process client, throwing on errors so a broken query never looks fast. */
function makeGql(app: AppContext): Gql {
  const gql = graphqlClient(app);
  return async (query, variables = {}) => {
    const body = await gql(query, variables);
    if (body.errors?.length) throw new Error(`GraphQL error: ${body.errors.map((e) => e.message).join('; ')}`);
    return body.data as never;
  };
}

/** Runs the registered cases on one store, group by group: the group is primed, then its cases run interleaved. */
async function runCases(ctx: BenchContext, filter: RegExp | null, warmup: number): Promise<{ stats: Stat[]; byKind: KindRow[] }> {
  const selected = cases.filter((c) => (!c.engines || c.engines.includes(ctx.engine)) && (!filter || filter.test(c.name)));
  const groups = [...new Set(selected.map((c) => c.group))];
  const stats: Stat[] = [];
  const byKind: KindRow[] = [];
  for (const group of groups) {
    const members = selected.filter((c) => c.group === group);
    const samples = members[0].samples(ctx);
    if (samples.length === 0) throw new Error(`bench group "${group}" has no samples`);
    await timed(`[${ctx.engine}] prime ${group} (${samples.length} samples via "${members[0].name}")`, async () => {
      for (const x of samples) await members[0].run(ctx, x);
    });
    // Each group timed from a collected heap: this process also holds the generated graph (~1 GB at
    // 100k / 1M, which a server does not), and a full collection of it owed by the previous group
    // landed in a later group's samples (partners p99 955 ms after the others, 237 ms alone).
    (globalThis as { gc?: () => void }).gc?.();
    const t = performance.now();
    progress(`[${ctx.engine}] ${group}: ${members.length} cases interleaved …`);
    const groupStats = await measureInterleaved(
      members.map((c) => ({ name: c.name, n: c.n ?? samples.length, fn: (i: number) => c.run(ctx, samples[i % samples.length]) })),
      { warmup: Math.min(warmup, samples.length) },
    );
    for (const s of groupStats) progress(`[${ctx.engine}]   ${s.name}: n=${s.n} p50 ${fmtMs(s.p50)} p99 ${fmtMs(s.p99)}`);
    progress(`[${ctx.engine}] ${group}: ${fmtMs(performance.now() - t)}`);
    stats.push(...groupStats.map(({ ms: _ms, ...stat }) => stat));
    // Samples with a `kind` (call i used sample i % length): percentiles per kind.
    const kindOf = (i: number) => (samples[i % samples.length] as { kind?: unknown }).kind;
    const kinds = [...new Set(samples.map((_, i) => kindOf(i)))].filter((k): k is string => typeof k === 'string');
    for (const kind of kinds) {
      const row: KindRow = { group, kind, n: samples.filter((_, i) => kindOf(i) === kind).length, cases: {} };
      for (const g of groupStats) {
        const st = summarise(
          g.name,
          g.ms.filter((_, i) => kindOf(i) === kind),
        );
        row.cases[g.name] = { p50: st.p50, p99: st.p99 };
      }
      byKind.push(row);
    }
  }
  return { stats, byKind };
}

/** The comparisons' ratios and the latency targets (harness.ts latencyTargets) judged on one engine's times. */
function judge(stats: Stat[], engine: string, imported: ImportFigures | null): Pick<EngineResult, 'comparisons' | 'targets'> {
  const by = new Map(stats.map((s) => [s.name, s]));
  const comps = comparisons
    .filter((c) => by.has(c.num) && by.has(c.den))
    .map((c) => {
      const p50 = by.get(c.num)!.p50 / by.get(c.den)!.p50;
      const p99 = by.get(c.num)!.p99 / by.get(c.den)!.p99;
      return { name: c.name, p50, p99, target: c.target ?? null, ok: c.target === undefined ? null : p50 <= c.target && p99 <= c.target };
    });
  const times = [
    ...stats.flatMap((s) => (['p50', 'p99'] as const).map((stat) => ({ case: s.name, stat, valueMs: s[stat] }))),
    ...(imported ? [{ case: IMPORT_CASE, stat: 'total', valueMs: imported.totalMs }] : []),
  ];
  const targets = times.flatMap((x) => {
    const t = latencyTargetFor(`${x.case} ${x.stat}`, engine);
    return t && Number.isFinite(x.valueMs) ? [{ ...x, maxMs: t.maxMs, ok: x.valueMs <= t.maxMs }] : [];
  });
  return { comparisons: comps, targets };
}

async function benchEmbedded(gen: GeneratedGraph, opts: Options): Promise<EngineResult> {
  const config = loadConfig();
  const bufferPoolBytes = opts.bufferPoolMb !== null ? opts.bufferPoolMb * 1024 * 1024 : config.bufferPoolBytes;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bioeco-bench-'));
  progress(`embedded: temp dir ${root}, buffer pool ${mb(bufferPoolBytes)} MB`);
  const open = async (name: string) => {
    const store = new EmbeddedStore({ dataDir: path.join(root, name), bufferPoolBytes, queryTimeoutMs: config.queryTimeoutMs });
    await store.ensureSchema();
    return store;
  };
  try {
    // The engine's own COPY of the same files into another fresh database.
    const csvDir = path.join(root, 'csv');
    const csv = await timed('embedded: writeLoadFiles (CSV only)', () => writeLoadFiles(gen.data, csvDir));
    const csvBytes = dirBytes(csvDir);
    const raw = await open('raw');
    const copy = await timed('embedded: raw COPY (copyLoadFiles)', () => raw.copyLoadFiles(csv.value));
    await raw.close();
    fs.rmSync(path.join(root, 'raw'), { recursive: true, force: true });
    fs.rmSync(csvDir, { recursive: true, force: true });

    const store = await open('db');
    const bulk = await timed('embedded: bulkLoad (CSV + COPY)', () => store.bulkLoad(gen.data));
    const rssAfterLoad = rssMb();
    const dbBytes = dirBytes(path.join(root, 'db'));
    const result = await benchStore(store, { ...config, dataDir: path.join(root, 'db'), bufferPoolBytes }, gen, opts);
    await store.close();
    return {
      ...result,
      load: {
        bulkLoadMs: bulk.ms,
        csvWriteMs: csv.ms,
        rawCopyMs: copy.ms,
        ratio: bulk.ms / copy.ms,
        csvMb: mb(csvBytes),
        dbMb: mb(dbBytes),
        bufferPoolMb: mb(bufferPoolBytes),
      },
      memory: { ...result.memory, rssAfterLoadMb: rssAfterLoad },
    };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** store.clear(), or — when it fails — the fallback; the failure is kept as a finding. */
async function neo4jClear(store: Neo4jStore, cfg: Neo4jConfig, label: string): Promise<{ ms: number; error: string | null }> {
  try {
    return { ...(await timed(`neo4j: clear ${label}`, () => store.clear())), error: null };
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    progress(`neo4j: clear ${label} FAILED (${error}); deleting relations first instead`);
    await timed(`neo4j: fallback clear ${label}`, () => deleteInBatches(cfg, 'entities'));
    return { ms: NaN, error };
  }
}

async function benchNeo4j(gen: GeneratedGraph, opts: Options): Promise<EngineResult> {
  const config = loadConfig();
  const cfg = config.neo4j!;
  const store = await Neo4jStore.connect(cfg, config.queryTimeoutMs);
  try {
    await store.ensureSchema();
    const clear = await neo4jClear(store, cfg, 'before');
    const bulk = await timed('neo4j: bulkLoad (UNWIND batches)', () => store.bulkLoad(gen.data));
    await store.write('CALL db.awaitIndexes(300)', {}, { timeoutMs: 0 }).catch(() => undefined);
    const rssAfterLoad = rssMb();
    const result = await benchStore(store, config, gen, opts);
    const clearAfter = await neo4jClear(store, cfg, 'after');
    return {
      ...result,
      load: {
        bulkLoadMs: bulk.ms,
        clearBeforeMs: clear.ms,
        clearAfterMs: clearAfter.ms,
        clearError: clearAfter.error ?? clear.error,
        rawCopyMs: null,
        ratio: null,
      },
      memory: { ...result.memory, rssAfterLoadMb: rssAfterLoad },
    };
  } finally {
    await store.close();
  }
}

async function benchStore(
  store: GraphStore,
  config: ReturnType<typeof loadConfig>,
  gen: GeneratedGraph,
  opts: Options,
): Promise<Omit<EngineResult, 'load'>> {
  const [{ n: entities }] = await store.read('MATCH (n:Entity) RETURN count(n) AS n');
  const [{ n: relations }] = await store.read('MATCH ()-[r]->() RETURN count(r) AS n');
  if (entities !== gen.data.entities.length || relations !== gen.data.relations.length) {
    throw new Error(
      `${store.engine}: loaded ${String(entities)} entities / ${String(relations)} relations, expected ${gen.data.entities.length} / ${gen.data.relations.length}`,
    );
  }
  // Each group is primed with its samples before it is timed, so with the response cache on every
  // timed GraphQL call would be a cache hit: the cases time the work (bench:http times the cache).
  const app: AppContext = { store, config: { ...config, responseCache: false }, documents: new Map(), savedQueries: [] };
  const ctx: BenchContext = { engine: store.engine, store, app, gql: makeGql(app), data: gen.data, meta: gen.meta };
  // A server builds its indexes and projections once it listens (app.ts warmUp): built here before
  // any case is timed, so no case's samples run beside a build, or against the store while the
  // read model is still being built.
  await timed(`${store.engine}: indexes and projections`, () => buildProjections(store));
  const { stats, byKind } = await runCases(ctx, opts.cases, opts.warmup);
  let importFigures: ImportFigures | null = null;
  if (!opts.cases || opts.cases.test(IMPORT_CASE)) {
    importFigures = (await timed(`${store.engine}: import of 10,000 rows`, () => benchImport(store, gen.data))).value;
  }
  return {
    engine: store.engine,
    stats,
    byKind,
    importFigures,
    ...judge(stats, store.engine, importFigures),
    memory: { rssAfterQueriesMb: rssMb(), peakRssMb: peakRssMb() },
  };
}

// ---------------------------------------------------------------- figures (bench-results/bench.json)

const BULK_LOAD_RATIO_TARGET = 1.5;

/** One engine's figures in the shared format; latency targets come from harness.ts (latencyTargetFor). */
function engineFigures(r: EngineResult): Figure[] {
  const engine = r.engine;
  const out: Figure[] = [];
  const add = (f: Omit<Figure, 'engine' | 'better'> & { better?: Figure['better'] }) => {
    if (Number.isFinite(f.value)) out.push({ engine, better: 'lower', ...f });
  };
  /** A time in ms; gets its latency target, if one names it. */
  const ms = (group: string, name: string, value: number, note?: string) => {
    const t = latencyTargetFor(name, engine);
    add({
      group,
      name,
      unit: 'ms',
      value,
      note: [t?.note, note].filter(Boolean).join('; ') || undefined,
      ...(t ? { target: { op: '<=', value: t.maxMs } } : {}),
    });
  };
  for (const s of r.stats) for (const stat of ['p50', 'p99'] as const) ms('latency', `${s.name} ${stat}`, s[stat], `${s.n} timed calls`);
  for (const c of r.comparisons) {
    for (const stat of ['p50', 'p99'] as const) {
      add({
        group: 'ratio',
        name: `${c.name} ${stat}`,
        unit: 'ratio',
        value: c[stat],
        note: 'the first case’s time over the second’s, timed interleaved',
        ...(c.target === null ? {} : { target: { op: '<=', value: c.target } }),
      });
    }
  }
  const l = r.load;
  add({ group: 'load', name: 'bulk load', unit: 's', value: l.bulkLoadMs / 1000 });
  if (l.rawCopyMs !== null) add({ group: 'load', name: 'raw COPY of the same files', unit: 's', value: l.rawCopyMs / 1000 });
  if (l.ratio !== null) {
    add({
      group: 'load',
      name: 'bulk load / raw COPY',
      unit: 'ratio',
      value: l.ratio,
      target: { op: '<=', value: BULK_LOAD_RATIO_TARGET },
    });
  }
  if (l.csvMb !== undefined) add({ group: 'load', name: 'CSV size', unit: 'MB', value: l.csvMb });
  if (l.dbMb !== undefined) add({ group: 'load', name: 'database size', unit: 'MB', value: l.dbMb });
  for (const [key, name] of [
    ['rssAfterLoadMb', 'RSS after load'],
    ['rssAfterQueriesMb', 'RSS after queries'],
    ['peakRssMb', 'peak RSS so far'],
  ] as const) {
    if (r.memory[key] !== undefined)
      add({ group: 'memory', name, unit: 'MB', value: r.memory[key], note: 'the bench process (generator, store, cases)' });
  }
  const imp = r.importFigures;
  if (imp) {
    ms('import', `${IMPORT_CASE} total`, imp.totalMs, `${imp.rows} rows, parse → apply`);
    ms('import', `${IMPORT_CASE} · parse`, imp.parseMs);
    ms('import', `${IMPORT_CASE} · dry run`, imp.planMs);
    ms('import', `${IMPORT_CASE} · apply`, imp.applyMs);
    ms('import', `${IMPORT_CASE} · revert`, imp.revertMs);
    ms('import', 'name index (at server start)', imp.indexMs);
    if (imp.checkpointMs !== null) ms('import', 'checkpoint after the import (background)', imp.checkpointMs);
  }
  return out;
}

// ---------------------------------------------------------------- output

function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 100) return `${Math.round(ms)} ms`;
  return `${ms.toFixed(ms >= 10 ? 1 : 2)} ms`;
}

function table(rows: string[][], align: ('l' | 'r')[]): string {
  const widths = rows[0].map((_, i) =>
    Math.max(...rows.map((r) => [...(r[i] ?? '')].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0))),
  );
  const cell = (s: string, i: number) => {
    const w = [...s].reduce((a, ch) => a + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
    const padding = ' '.repeat(Math.max(0, widths[i] - w));
    return align[i] === 'r' ? padding + s : s + padding;
  };
  const line = widths.map((w) => '-'.repeat(w)).join('-+-');
  return [rows[0].map(cell).join(' | '), line, ...rows.slice(1).map((r) => r.map(cell).join(' | '))].join('\n');
}

const okMark = (ok: boolean | null) => (ok === null ? '' : ok ? 'ok' : 'MISSED');

function report(gen: GeneratedGraph, results: EngineResult[], opts: Options, totalMs: number): string {
  const out: string[] = [];
  const m = gen.meta;
  out.push(
    `bioeco bench — ${gen.data.entities.length.toLocaleString('en')} entities / ${gen.data.relations.length.toLocaleString('en')} relations (seed ${m.seed}), ` +
      `node ${process.version}, ${os.cpus().length} cpu, ${mb(os.totalmem())} MB RAM, warm-up ${opts.warmup}, ` +
      `load average ${opts.loadStart.toFixed(1)} at start / ${os.loadavg()[0].toFixed(1)} at end`,
  );
  out.push(
    `generation: ${fmtMs(m.ms)} (buildSearchKey ${fmtMs(m.searchKeys.ms)} for ${m.searchKeys.computed.toLocaleString('en')} entities); ` +
      `top hubs: ${m.hubs
        .slice(0, 5)
        .map((h) => `${h.id} (${h.type}, ${h.degree})`)
        .join(', ')}`,
  );
  for (const r of results) {
    out.push('', `== ${r.engine} ==`);
    const l = r.load;
    const loadRows: string[][] = [['load', 'value', 'target', '']];
    loadRows.push(['bulkLoad total', fmtMs(l.bulkLoadMs), '', '']);
    if (l.csvWriteMs !== undefined) loadRows.push(['  writeLoadFiles alone (the CSV part)', fmtMs(l.csvWriteMs), '', '']);
    if (l.rawCopyMs !== null && l.ratio !== null) {
      loadRows.push(['raw COPY of the same files (copyLoadFiles)', fmtMs(l.rawCopyMs), '', '']);
      loadRows.push([
        'bulkLoad / raw COPY',
        `${l.ratio.toFixed(2)}×`,
        `≤ ${BULK_LOAD_RATIO_TARGET.toFixed(2)}×`,
        okMark(l.ratio <= BULK_LOAD_RATIO_TARGET),
      ]);
    } else {
      loadRows.push(['raw COPY', 'n/a (no COPY on this engine)', '', '']);
    }
    if (l.csvMb !== undefined)
      loadRows.push(['CSV size / database size', `${l.csvMb} MB / ${l.dbMb} MB (buffer pool ${l.bufferPoolMb} MB)`, '', '']);
    if (l.clearBeforeMs !== undefined) {
      const failed = (ms: number | undefined) => (ms === undefined || Number.isNaN(ms) ? 'FAILED' : fmtMs(ms));
      loadRows.push(['clear() (before / after)', `${failed(l.clearBeforeMs)} / ${failed(l.clearAfterMs)}`, '', '']);
      if (l.clearError) loadRows.push(['  clear() error', l.clearError.slice(0, 110), '', '']);
    }
    loadRows.push([
      'RSS after generation / after load / after queries / peak',
      `${opts.rssAfterGenerationMb} MB / ${r.memory.rssAfterLoadMb} MB / ${r.memory.rssAfterQueriesMb} MB / ${r.memory.peakRssMb} MB`,
      '',
      '',
    ]);
    out.push(table(loadRows, ['l', 'r', 'r', 'l']));
    const imp = r.importFigures;
    if (imp) {
      const t = latencyTargetFor(`${IMPORT_CASE} total`, r.engine);
      out.push('');
      out.push(
        table(
          [
            ['import (xlsx)', 'value', 'target', ''],
            [`rows / created / placement relations`, `${imp.rows} / ${imp.created} / ${imp.relations}`, '', ''],
            ['name index (built at server start)', fmtMs(imp.indexMs), '', ''],
            ['parse + keep the upload', fmtMs(imp.parseMs), '', ''],
            ['dry run (plan against the graph)', fmtMs(imp.planMs), '', ''],
            ['apply (one change set)', fmtMs(imp.applyMs), '', ''],
            ['whole import (parse → apply)', fmtMs(imp.totalMs), t ? `≤ ${fmtMs(t.maxMs)}` : '', t ? okMark(imp.totalMs <= t.maxMs) : ''],
            ['checkpoint once writes pause (background)', imp.checkpointMs === null ? '–' : fmtMs(imp.checkpointMs), '', ''],
            ['revert of the import', fmtMs(imp.revertMs), '', ''],
          ],
          ['l', 'r', 'r', 'l'],
        ),
      );
    }
    out.push('');
    out.push(
      table(
        [
          ['latency (ms)', 'n', 'p50', 'p90', 'p99', 'max', 'mean'],
          ...r.stats.map((s) => [s.name, String(s.n), ...[s.p50, s.p90, s.p99, s.max, s.mean].map((v) => v.toFixed(2))]),
        ],
        ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
      ),
    );
    for (const group of [...new Set(r.byKind.map((k) => k.group))]) {
      const rows = r.byKind.filter((k) => k.group === group);
      const names = Object.keys(rows[0].cases);
      const short = (n: string) => cases.find((c) => c.name === n)?.label ?? n.replace(`${group} · `, '');
      out.push('');
      out.push(
        table(
          [
            [`${group} by kind: p50 / p99 (ms)`, 'n', ...names.map(short)],
            ...rows.map((k) => [k.kind, String(k.n), ...names.map((n) => `${k.cases[n].p50.toFixed(1)} / ${k.cases[n].p99.toFixed(1)}`)]),
          ],
          ['l', 'r', ...names.map(() => 'r' as const)],
        ),
      );
    }
    out.push('');
    out.push(
      table(
        [
          ['ratio', 'p50', 'p99', 'target', ''],
          ...r.comparisons.map((c) => [
            c.name,
            `${c.p50.toFixed(2)}×`,
            `${c.p99.toFixed(2)}×`,
            c.target === null ? '' : `≤ ${c.target}×`,
            okMark(c.ok),
          ]),
          ...r.targets.map((t) => [
            `${t.case} ${t.stat}`,
            t.stat === 'p50' ? fmtMs(t.valueMs) : '',
            t.stat === 'p50' ? '' : fmtMs(t.valueMs),
            `≤ ${fmtMs(t.maxMs)}`,
            okMark(t.ok),
          ]),
        ],
        ['l', 'r', 'r', 'r', 'l'],
      ),
    );
  }
  out.push('', `total bench time ${fmtMs(totalMs)}, peak RSS ${peakRssMb()} MB`);
  return out.join('\n');
}

// ---------------------------------------------------------------- main

interface Options {
  warmup: number;
  cases: RegExp | null;
  bufferPoolMb: number | null;
  engines: ('embedded' | 'neo4j')[];
  /** 1-minute load average when the bench started: other processes skew the figures. */
  loadStart: number;
  rssAfterGenerationMb: number;
}

function options(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      warmup: { type: 'string' },
      cases: { type: 'string' },
      'buffer-pool-mb': { type: 'string' },
      engines: { type: 'string' },
    },
    strict: false,
  });
  const int = (v: unknown, name: string): number | null => {
    if (v === undefined) return null;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer`);
    return n;
  };
  return {
    warmup: int(values.warmup, 'warmup') ?? 20,
    cases: typeof values.cases === 'string' ? new RegExp(values.cases) : null,
    bufferPoolMb: int(values['buffer-pool-mb'], 'buffer-pool-mb'),
    engines: (typeof values.engines === 'string' ? values.engines : 'embedded,neo4j').split(',').map((e) => {
      if (e !== 'embedded' && e !== 'neo4j') throw new Error(`--engines takes embedded and/or neo4j, got "${e}"`);
      return e;
    }),
    loadStart: os.loadavg()[0],
    rssAfterGenerationMb: 0,
  };
}

async function main() {
  const t0 = performance.now();
  const startedAt = new Date().toISOString();
  // RSS of the whole run, once a second: the report draws it as a line.
  const rss: [number, number][] = [];
  const sampler = setInterval(() => rss.push([Math.round(performance.now() - t0) / 1000, rssMb()]), 1000);
  sampler.unref();
  for (const t of unmatchedTargets()) progress(`warning: the target on "${t.case}" ${t.stat} names no bench case (renamed?)`);
  const argv = process.argv.slice(2);
  const size = sizeArgs(argv);
  const opts = options(argv);
  progress(`generating ${size.entities} entities / ${size.relations} relations (seed ${size.seed}) …`);
  const gen = generate(size);
  opts.rssAfterGenerationMb = rssMb();
  progress(`generated in ${fmtMs(gen.meta.ms)}; RSS ${opts.rssAfterGenerationMb} MB`);
  const results: EngineResult[] = [];
  const failures: { engine: string; error: string }[] = [];
  const engines = opts.engines.filter((e) => e === 'embedded' || loadConfig().neo4j);
  if (!engines.includes('neo4j')) progress(`not on Neo4j: ${loadConfig().neo4j ? '--engines leaves it out' : 'NEO4J_URI is not set'}`);
  for (const engine of engines) {
    try {
      results.push(engine === 'embedded' ? await benchEmbedded(gen, opts) : await benchNeo4j(gen, opts));
    } catch (err) {
      progress(`${engine} FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      failures.push({ engine, error: err instanceof Error ? err.message : String(err) });
      process.exitCode = 1;
    }
  }
  clearInterval(sampler);
  const totalMs = performance.now() - t0;
  const figures = results.map((r) => engineFigures(r));
  process.stdout.write(`${report(gen, results, opts, totalMs)}\n`);
  for (const f of failures) process.stdout.write(`\n== ${f.engine} FAILED ==\n${f.error}\n`);
  const json = {
    entities: gen.data.entities.length,
    relations: gen.data.relations.length,
    seed: gen.meta.seed,
    generationMs: gen.meta.ms,
    searchKeyMs: gen.meta.searchKeys.ms,
    hubs: gen.meta.hubs.slice(0, 10),
    totalMs,
    loadAverage: { start: opts.loadStart, end: os.loadavg()[0] },
    peakRssMb: peakRssMb(),
    engines: Object.fromEntries(results.map((r) => [r.engine, r])),
    failures,
  };
  process.stdout.write(
    `BENCH_RESULT ${JSON.stringify(json, (_, v) => (typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 100) / 100 : v))}\n`,
  );
  const series: Series[] = [{ name: 'RSS of the bench process', group: 'memory', unit: 'MB', points: rss }];
  const file = writeSuiteResult({
    suite: 'bench',
    startedAt,
    params: {
      entities: gen.data.entities.length,
      relations: gen.data.relations.length,
      seed: gen.meta.seed,
      warmup: opts.warmup,
      cases: opts.cases?.source ?? null,
      engines: results.map((r) => r.engine),
      bufferPoolMb: opts.bufferPoolMb,
      loadAverageAtStart: Math.round(opts.loadStart * 100) / 100,
      ...(failures.length ? { failures } : {}),
    },
    scale: { entities: gen.data.entities.length, relations: gen.data.relations.length, seed: gen.meta.seed },
    figures: [
      { name: 'RSS after generation', group: 'memory', unit: 'MB', value: opts.rssAfterGenerationMb, better: 'lower' },
      ...figures.flat(),
      { name: 'whole bench run', group: 'run', unit: 's', value: totalMs / 1000, better: 'lower' },
    ],
    series,
  });
  progress(`figures written to ${path.relative(process.cwd(), file)}`);
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
