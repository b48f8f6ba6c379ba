/**
 * 找关联 on the seed graph, on every store: the shortest paths up to ten steps, checked against a
 * breadth-first search over the seed's facts (so both stores give that same answer), with each
 * relation's stored direction kept; and one relation read with its sources (the canvas's edge panel).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { relationId } from '../../server/domain/model.js';
import { loadSeed, readSeedFacts, toGraphData } from '../../seed/load.js';
import { graphTest } from '../helpers/graph-test.js';
import type { Gql } from '../helpers/graphql.js';
import { EmbeddedStore } from '../../server/store/embedded.js';
import { tempDataDir } from '../helpers/fixtures.js';
import { storeFactories, type StoreFactory } from '../helpers/stores.js';

const SEED = path.resolve(import.meta.dirname, '../../seed');
const data = toGraphData(readSeedFacts(SEED));
const it = graphTest({ load: (store) => loadSeed(store, SEED) });

/**
 * The embedded store with 256 MB of buffer pool (the app's default is 512): LadybugDB cannot hold a
 * path of five steps or more in the helpers' 64 MB (RESOURCE_LIMIT, even on the seed); 128 MB is enough.
 */
const embeddedForPaths: StoreFactory = {
  name: 'embedded',
  async open() {
    const dataDir = tempDataDir();
    const config = { ...loadConfig({}), dataDir, bufferPoolBytes: 256 * 1024 * 1024 };
    const store = new EmbeddedStore({ dataDir, bufferPoolBytes: config.bufferPoolBytes, queryTimeoutMs: config.queryTimeoutMs });
    await store.ensureSchema();
    return {
      store,
      config,
      async dispose() {
        await store.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  },
};
const factories = storeFactories.map((f) => (f.name === 'embedded' ? embeddedForPaths : f));

/** Every link of the seed, both ways, as (neighbour, relation id). */
const links = new Map<string, { other: string; edge: string }[]>();
for (const r of data.relations) {
  const id = relationId(r);
  links.set(r.from, [...(links.get(r.from) ?? []), { other: r.to, edge: id }]);
  links.set(r.to, [...(links.get(r.to) ?? []), { other: r.from, edge: id }]);
}

/** Every shortest path from `from` to `to` (ignoring direction) within `max` steps, by breadth-first search. */
function referencePaths(from: string, to: string, max: number): { nodes: string[]; edges: string[] }[] {
  const dist = new Map([[from, 0]]);
  const queue = [from];
  while (queue.length) {
    const x = queue.shift()!;
    for (const { other } of links.get(x) ?? []) {
      if (!dist.has(other)) {
        dist.set(other, dist.get(x)! + 1);
        queue.push(other);
      }
    }
  }
  const d = dist.get(to);
  if (d === undefined || d > max) return [];
  // Walk back from `to` along links that go one step closer to `from`.
  const walk = (at: string): { nodes: string[]; edges: string[] }[] =>
    at === from
      ? [{ nodes: [from], edges: [] }]
      : (links.get(at) ?? [])
          .filter((l) => dist.get(l.other) === dist.get(at)! - 1)
          .flatMap((l) => walk(l.other).map((p) => ({ nodes: [...p.nodes, at], edges: [...p.edges, l.edge] })));
  return walk(to);
}

const key = (p: { nodes: string[]; edges: string[] }) => [...p.nodes, ...p.edges].join('\u0001');
const sorted = (ps: { nodes: string[]; edges: string[] }[]) => ps.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

const PATHS = `query ($from: ID!, $to: ID!, $max: Int, $limit: Int) {
  paths(from: $from, to: $to, maxLength: $max, limit: $limit) { length nodes { id } edges { id type source target } }
}`;

interface Found {
  length: number;
  nodes: { id: string }[];
  edges: { id: string; type: string; source: string; target: string }[];
}

async function pathsOf(gql: Gql, from: string, to: string, max?: number, limit?: number): Promise<Found[]> {
  const res = await gql<{ paths: Found[] }>(PATHS, { from, to, max, limit });
  expect(res.errors).toBeUndefined();
  return res.data!.paths;
}

// Pairs of the seed 1 to 9 steps apart (found by a breadth-first search over all pairs; the seed is one
// component whose farthest entities are 9 apart): 思路迪 and 周浦镇 are 5 apart by one path.
const PAIRS: [string, string, number][] = [
  ['siludi', 'zhoupu-town', 5],
  ['pengchen-zhigu', 'tonghanchuntang', 7],
  ['covidien', 'opm-bio', 5],
  ['nuosiqing', 'oriental-life-port', 5],
  ['dhu-biomed-college', 'pengchen-zhigu', 7],
];

describe.each(factories)('paths on the seed, $name', (factory) => {
  it.scoped({ storeFactory: factory });

  it('finds a path of 5 steps only once the bound reaches 5, with the relation as stored', async ({ gql }) => {
    expect(await pathsOf(gql, 'siludi', 'zhoupu-town', 4)).toEqual([]);
    const [p] = await pathsOf(gql, 'siludi', 'zhoupu-town');
    expect(p.length).toBe(5);
    expect(p.nodes[0].id).toBe('siludi');
    expect(p.nodes[5].id).toBe('zhoupu-town');
    // Each step links the nodes on either side of it, in the direction the fact was stated.
    p.edges.forEach((e, i) => {
      const [a, b] = [p.nodes[i].id, p.nodes[i + 1].id];
      expect([e.source, e.target].sort()).toEqual([a, b].sort());
      const stated = data.relations.find((r) => relationId(r) === e.id)!;
      expect([e.source, e.target, e.type]).toEqual([stated.from, stated.to, stated.type]);
    });
  });

  it('gives every pair the shortest paths a breadth-first search over the facts gives, in the same order', async ({ gql }) => {
    for (const [from, to, steps] of PAIRS) {
      for (const [a, b] of [
        [from, to],
        [to, from],
      ]) {
        const expected = sorted(referencePaths(a, b, 10)).slice(0, 5);
        expect(expected[0].edges.length).toBe(steps);
        const found = await pathsOf(gql, a, b, 10);
        expect(
          found.map((p) => ({ nodes: p.nodes.map((n) => n.id), edges: p.edges.map((e) => e.id) })),
          `${a} → ${b}`,
        ).toEqual(expected);
        expect(await pathsOf(gql, a, b, steps - 1)).toEqual([]);
      }
    }
  });

  it('keeps the limit, and the same first paths under a smaller limit', async ({ gql }) => {
    const all = await pathsOf(gql, 'nuosiqing', 'oriental-life-port', 6, 5);
    expect(all.length).toBe(referencePaths('nuosiqing', 'oriental-life-port', 6).length);
    expect(all.length).toBeGreaterThan(1);
    expect(await pathsOf(gql, 'nuosiqing', 'oriental-life-port', 6, 1)).toEqual(all.slice(0, 1));
  });

  it('takes bounds from 1 to 10 steps and refuses others with BAD_USER_INPUT', async ({ gql }) => {
    for (const max of [0, 11, 100]) {
      const res = await gql(PATHS, { from: 'siludi', to: 'zhoupu-town', max });
      expect(res.errors?.[0]?.extensions?.code, `maxLength ${max}`).toBe('BAD_USER_INPUT');
    }
    expect((await pathsOf(gql, 'siludi', 'zhoupu-town', 10)).length).toBeGreaterThan(0);
  });

  it('reads one relation with its facts and quotes by its id and ends; null for other ends', async ({ gql }) => {
    const r = data.relations.find((x) => x.sources.length > 0 && x.role)!;
    const q = `query ($id: ID!, $s: ID!, $t: ID!) { edge(id: $id, source: $s, target: $t) { id type source target role inferred sources { document quote } } }`;
    const res = await gql(q, { id: relationId(r), s: r.from, t: r.to });
    expect(res.errors).toBeUndefined();
    expect(res.data!.edge).toMatchObject({ id: relationId(r), type: r.type, source: r.from, target: r.to, role: r.role });
    expect(res.data!.edge.sources.map((s: { quote: string }) => s.quote)).toEqual(r.sources.map((s) => s.quote));
    expect((await gql(q, { id: relationId(r), s: r.to, t: r.from })).data!.edge).toBeNull();
  });
});
