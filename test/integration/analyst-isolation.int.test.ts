/**
 * Analysts' heavy queries run on connections of their own: a user's simple lookup meanwhile stays
 * quick. (Before, every query shared four connections, and eight heavy ones made a lookup wait 15 s.)
 */
import path from 'node:path';
import { expect } from 'vitest';
import type { GraphStore } from '../../server/store/types.js';
import { loadSeed } from '../../seed/load.js';
import { graphTest } from '../helpers/graph-test.js';

const SEED = path.resolve(import.meta.dirname, '../../seed');
/** Seconds of work on the seed graph, little memory. */
const HEAVY = "MATCH (a:Entity), (b:Entity), (c:Entity) WHERE (a.search + b.search + c.search) CONTAINS 'zzz' RETURN count(*) AS n";

const it = graphTest({ load: (store) => loadSeed(store, SEED) });

/** Milliseconds of each simple lookup, one every 20 ms, until `until` settles. */
async function lookups(store: GraphStore, until: Promise<unknown>): Promise<number[]> {
  let done = false;
  void until.finally(() => (done = true));
  const ms: number[] = [];
  while (!done) {
    const t = performance.now();
    await store.read('MATCH (n:Entity {id: $id}) RETURN n.name AS name', { id: 'siludi' }, { actor: 'viewer' });
    ms.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 20));
  }
  return ms.sort((a, b) => a - b);
}

const at = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];

it('keeps a simple lookup quick while four analysts run heavy queries', async ({ store }) => {
  const idle = await lookups(store, new Promise((r) => setTimeout(r, 1000)));
  const heavy = Promise.all(
    Array.from({ length: 4 }, (_, i) => store.readTable(HEAVY, {}, { maxRows: 1, actor: `analyst ${i}`, timeoutMs: 30_000 })),
  );
  const during = await lookups(store, heavy);
  await heavy;
  const figures = `lookups alone p50 ${at(idle, 0.5).toFixed(1)} ms; with heavy queries p50 ${at(during, 0.5).toFixed(1)}, p90 ${at(during, 0.9).toFixed(1)}, max ${at(during, 1).toFixed(0)} ms (n=${during.length})`;
  expect(during.length, figures).toBeGreaterThan(20);
  expect(at(during, 0.9), figures).toBeLessThan(100);
});
