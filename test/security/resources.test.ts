/**
 * Bounded resources, on every store: a query that would build a billion-element list, an unbounded
 * path or a cartesian product is refused before it runs or stopped quickly (row cap, timeout), and
 * this process (which holds the embedded engine) does not grow. `UNWIND range(1,1000000000)` once
 * took the embedded server to 6 GB in 27 s.
 */
import { describe, expect } from 'vitest';
import { graphTest } from '../helpers/graph-test.js';
import { storeFactories } from '../helpers/stores.js';

const RUN = 'query($c: String!, $p: JSON) { runCypher(cypher: $c, params: $p) { rows truncated } }';
const TIMEOUT_MS = 1500;
const MAX_ROWS = 100;
/** Growth of this process's resident memory a query may cause. */
const RSS_BUDGET = 300 * 1024 * 1024;

const REFUSED: [string, Record<string, unknown>?][] = [
  ['UNWIND range(1,1000000000) AS x RETURN count(x)'],
  ['RETURN size(range(1, 1000000000)) AS n'],
  ['UNWIND range(1, $n) AS x RETURN count(x)', { n: 1_000_000_000 }],
  ['WITH 1000000000 AS n UNWIND range(1, n) AS x RETURN count(x)'],
  ['UNWIND range(1, 10000) AS a UNWIND range(1, 10000) AS b RETURN count(*)'],
  ['RETURN [x IN range(1, 100000) | x] AS xs'],
  ['RETURN [x IN range(1, 1000) | range(1, 1000)] AS xs'],
  ['UNWIND range(0, 10, 0) AS x RETURN count(x)'],
  ['UNWIND range(1, 1e9) AS x RETURN count(x)'],
  ['RETURN reduce(s = [1], x IN range(1, 64) | s + s) AS s'],
  ['MATCH (a:Entity)-[*]-(b:Entity) RETURN count(*)'],
  ['MATCH (a:Entity)-[:LOCATED_IN*1..100]-(b:Entity) RETURN count(*)'],
  ['MATCH (a:Entity), (b:Entity), (c:Entity), (d:Entity) RETURN count(*)'],
];

const it = graphTest({ context: (ctx) => ({ ...ctx, config: { ...ctx.config, queryTimeoutMs: TIMEOUT_MS, maxRows: MAX_ROWS } }) });

/** Runs `work`, sampling resident memory; returns its result, the time it took and the peak growth. */
async function measured<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; grewBy: number }> {
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, ms: performance.now() - started, grewBy: peak - base };
  } finally {
    clearInterval(timer);
  }
}

describe.each(storeFactories)('bounded resources on $name', (factory) => {
  it.scoped({ storeFactory: factory });

  it.for(REFUSED)('refuses %s before it runs', async ([cypher, params], { gql }) => {
    const { result, ms, grewBy } = await measured(() => gql(RUN, { c: cypher, p: params ?? {} }));
    expect(result.errors?.[0]?.extensions?.code, cypher).toBe('FORBIDDEN');
    expect(ms).toBeLessThan(1000);
    expect(grewBy).toBeLessThan(RSS_BUDGET);
  });

  it('stops reading a 2-million-row cartesian product at the row cap', async ({ gql }) => {
    const { result, ms, grewBy } = await measured(() => gql(RUN, { c: 'MATCH (a:Entity), (b:Entity) RETURN a.id AS a, b.id AS b' }));
    expect(result.errors).toBeUndefined();
    expect(result.data!.runCypher.rows).toHaveLength(MAX_ROWS);
    expect(result.data!.runCypher.truncated).toBe(true);
    expect(ms).toBeLessThan(TIMEOUT_MS + 1000);
    expect(grewBy).toBeLessThan(RSS_BUDGET);
  });

  it('stops a three-way product that only counts at the timeout', async ({ gql }) => {
    const cypher = 'MATCH (a:Entity), (b:Entity), (c:Entity) WHERE a.name < b.name AND b.name < c.name RETURN count(*) AS n';
    const { result, ms, grewBy } = await measured(() => gql(RUN, { c: cypher }));
    expect(result.errors?.[0]?.extensions?.code).toBe('TIMEOUT');
    expect(ms).toBeLessThan(TIMEOUT_MS + 3000);
    expect(grewBy).toBeLessThan(RSS_BUDGET);
  });

  it('runs a literal range within the budget', async ({ gql }) => {
    const res = await gql(RUN, { c: 'UNWIND range(1, 10000) AS x RETURN count(x) AS n' });
    expect(res.data!.runCypher.rows).toEqual([{ n: 10000 }]);
  });
});
