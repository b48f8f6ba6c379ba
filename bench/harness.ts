/** The bench harness: `measureInterleaved`, the registry of cases and comparisons, and what a case sees. */
import type { AppContext } from '../server/context.js';
import type { GraphData } from '../server/domain/model.js';
import type { Engine, GraphStore } from '../server/store/types.js';
import type { GeneratedGraph } from './generate.js';
import type { Figure } from './results.js';

/** The 10,000-row import (bench/import-bench.ts): not a registered case, timed once per engine. */
export const IMPORT_CASE = 'import · 10k rows';

export interface Stat {
  name: string;
  n: number;
  p50: number;
  p90: number;
  p99: number;
  mean: number;
  max: number;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

export function summarise(name: string, ms: number[]): Stat {
  const s = [...ms].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / Math.max(1, s.length);
  return {
    name,
    n: s.length,
    p50: percentile(s, 0.5),
    p90: percentile(s, 0.9),
    p99: percentile(s, 0.99),
    mean,
    max: s[s.length - 1] ?? NaN,
  };
}

/**
 * Calls each function `warmup` times untimed, then times them interleaved, one call at a time (never
 * concurrently): call i of every function runs before call i + 1 of any (in a rotating order), so
 * drift and background load hit all of them alike and their ratios stay fair on a busy machine.
 * Returns the latency percentiles in milliseconds.
 */
export async function measureInterleaved(
  fns: { name: string; fn: (i: number) => Promise<unknown>; n: number }[],
  opts: { warmup?: number } = {},
): Promise<(Stat & { ms: number[] })[]> {
  for (const f of fns) for (let i = 0; i < (opts.warmup ?? 20); i++) await f.fn(i);
  const ms = fns.map(() => [] as number[]);
  const rounds = Math.max(0, ...fns.map((f) => f.n));
  for (let i = 0; i < rounds; i++) {
    for (let k = 0; k < fns.length; k++) {
      const j = (i + k) % fns.length;
      if (i >= fns[j].n) continue;
      const t = performance.now();
      await fns[j].fn(i);
      ms[j].push(performance.now() - t);
    }
  }
  return fns.map((f, j) => ({ ...summarise(f.name, ms[j]), ms: ms[j] }));
}

/** Runs GraphQL in-process; throws when the answer has errors, so a broken query never looks fast. */
export type Gql = <T = Record<string, any>>(query: string, variables?: Record<string, unknown>) => Promise<T>;

export interface BenchContext {
  engine: Engine;
  store: GraphStore;
  app: AppContext;
  gql: Gql;
  data: GraphData;
  meta: GeneratedGraph['meta'];
}

export interface BenchCase<T = unknown> {
  /** Unique, shown in the table, e.g. 'search · graphql'. */
  name: string;
  /** Short column header for the per-kind table; default: the name without the group prefix. */
  label?: string;
  /**
   * Cases of one group share the samples of its first case, are primed together (the first case runs
   * once over every sample, untimed) and are timed interleaved, so their ratios are fair.
   */
  group: string;
  /** The inputs, cycled through; only the group's first case's are used. */
  samples: (ctx: BenchContext) => T[];
  run: (ctx: BenchContext, sample: T) => Promise<unknown>;
  /** Timed calls; default one per sample. */
  n?: number;
  engines?: Engine[];
}

export interface Comparison {
  name: string;
  /** Case names: numerator / denominator. */
  num: string;
  den: string;
  /** Target for the ratio at p50 and p99 (both must hold), if any. */
  target?: number;
}

export interface LatencyTarget {
  case: string;
  /** A percentile of the case's timed calls; 'total' for a run timed once (e.g. the import). */
  stat: 'p50' | 'p99' | 'total';
  maxMs: number;
  /** The engines the target is for; default every engine (the other engines' figures are reported beside). */
  engines?: Engine[];
  /** Where the target comes from and at what size it is meant, shown beside the figure. */
  note?: string;
}

export const cases: BenchCase<any>[] = [];
export const comparisons: Comparison[] = [];

const ISSUE_14 = 'issue 14 target: embedded store at 100k entities / 1M relations';
/**
 * Every latency target, in one place: the figure `${case} ${stat}` of a matching engine gets it (the
 * table's MISSED / ok, the JSON's Figure.target, the report's met / missed). One line per target,
 * matched by case name; cases.ts may add its own with target().
 */
export const latencyTargets: LatencyTarget[] = [
  { case: 'search · graphql', stat: 'p50', maxMs: 5, engines: ['embedded'], note: ISSUE_14 },
  { case: 'search · graphql', stat: 'p99', maxMs: 20, engines: ['embedded'], note: ISSUE_14 },
  { case: 'gaps · graphql', stat: 'p99', maxMs: 200, engines: ['embedded'], note: ISSUE_14 },
  { case: 'partners · graphql', stat: 'p99', maxMs: 300, engines: ['embedded'], note: ISSUE_14 },
  { case: 'write · update entity', stat: 'p99', maxMs: 50, engines: ['embedded'], note: ISSUE_14 },
  { case: IMPORT_CASE, stat: 'total', maxMs: 10_000, engines: ['embedded'], note: `${ISSUE_14}; 10,000 rows, parse → apply` },
];

type Target = NonNullable<Figure['target']>;

/**
 * bench:http's targets (issue 14), beside the latency targets: the server under the explorer's mix
 * against a hello-world graphql-yoga, its memory and its start. The RSS and first-query targets are
 * meant at 100k entities and more (bench/http.ts sets them there only).
 */
export const serverTargets = {
  /** The mix's requests per second as a share of hello-world's. */
  mixOverHello: { op: '>=', value: 0.3 },
  errors: { op: '<=', value: 0 },
  /** The server's RSS, buffer pool included (MB). */
  rssMb: { op: '<=', value: 1024 },
  /** RSS max / min − 1 over a run, after warm-up (%). */
  rssDriftPct: { op: '<=', value: 10 },
  /** From `npm start` to the first answered query (s). */
  firstQueryS: { op: '<=', value: 5 },
} satisfies Record<string, Target>;

export function defineCase<T>(c: BenchCase<T>): void {
  if (cases.some((x) => x.name === c.name)) throw new Error(`bench case "${c.name}" is defined twice`);
  cases.push(c as BenchCase<any>);
}

export function compare(c: Comparison): void {
  comparisons.push(c);
}

/** Adds a target; one for a case and stat already listed is merged into it (the later fields win). */
export function target(t: LatencyTarget): void {
  const i = latencyTargets.findIndex((x) => x.case === t.case && x.stat === t.stat);
  if (i >= 0) latencyTargets[i] = { ...latencyTargets[i], ...t };
  else latencyTargets.push(t);
}

/** The target of the figure named `${case} ${stat}` on this engine, if any. */
export function latencyTargetFor(figure: string, engine: string): LatencyTarget | undefined {
  return latencyTargets.find((t) => `${t.case} ${t.stat}` === figure && (!t.engines || t.engines.includes(engine as Engine)));
}

/** Targets naming a case that no longer exists (renamed?): printed as a warning, so a target never silently lapses. */
export function unmatchedTargets(): LatencyTarget[] {
  return latencyTargets.filter((t) => t.case !== IMPORT_CASE && !cases.some((c) => c.name === t.case));
}
