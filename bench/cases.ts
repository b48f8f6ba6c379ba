/**
 * The bench cases. A case is a name, a group (cases of a group share samples and run interleaved),
 * the samples and one call; `compare` and `target` turn figures into ratios and checks. Samples with
 * a `kind` also get a per-kind breakdown. The raw Cypher below mirrors server/domain/search.ts and
 * server/domain/graph.ts — keep them in step when those change. `diag ·` cases time alternative query
 * shapes through the same store, as evidence for suggested changes.
 *
 * A new case, e.g. for gaps at 100k:
 *
 *   defineCase<Sample>({
 *     name: 'gaps · graphql',
 *     group: 'gaps',
 *     samples: (ctx) => districts(ctx).map((id) => ({ id, kind: 'district' })),
 *     run: (ctx, s) => ctx.gql('query($r: ID!) { gaps(region: $r) { segments { status } } }', { r: s.id }),
 *   });
 *   target({ case: 'gaps · graphql', stat: 'p99', maxMs: 500 });
 */
import { neighborhood } from '../server/domain/graph.js';
import type { Entity } from '../server/domain/model.js';
import { decodeEdge, decodeEntity, edgeColumns, entityColumns } from '../server/domain/records.js';
import { search } from '../server/domain/search.js';
import { searchForm } from '../server/domain/text.js';
import { relTypeExpr } from '../server/store/dialect.js';
import { Rng, searchSamples } from './generate.js';
import { compare, defineCase, target, type BenchContext } from './harness.js';

export const SEARCH_SAMPLES = { n: 200 };
export const NEIGHBORHOOD_SAMPLES = { n: 300, hubs: 30 };

/** A sample: an id or a text, and the kind it is reported under. */
export interface Sample {
  id: string;
  text: string;
  kind: string;
}

// ---------------------------------------------------------------- search

const searchSample = (ctx: BenchContext): Sample[] => searchSamples(ctx.data, SEARCH_SAMPLES.n).map((s) => ({ id: '', ...s }));
const CAP = 500;
const searchParams = (text: string) => ({ q: searchForm(text), name: text.trim(), types: [], cap: CAP });
const SEARCH_PREFIX = `MATCH (n:Entity) WHERE n.name STARTS WITH $name RETURN ${entityColumns('n')} LIMIT $cap`;
const SEARCH_CONTAINS = `MATCH (n:Entity) WHERE n.search CONTAINS $q RETURN ${entityColumns('n')} LIMIT $cap`;

defineCase<Sample>({
  name: 'search · graphql',
  group: 'search',
  samples: searchSample,
  run: (ctx, s) => ctx.gql(`query($t: String!) { search(text: $t, limit: 20) { id name type } }`, { t: s.text }),
});
defineCase<Sample>({
  name: 'search · domain',
  group: 'search',
  samples: searchSample,
  run: (ctx, s) => search(ctx.store, s.text, { limit: 20 }),
});
defineCase<Sample>({
  name: 'search · raw both reads',
  label: 'raw both',
  group: 'search',
  samples: searchSample,
  run: (ctx, s) =>
    Promise.all([ctx.store.read(SEARCH_PREFIX, searchParams(s.text)), ctx.store.read(SEARCH_CONTAINS, searchParams(s.text))]),
});
defineCase<Sample>({
  name: 'search · raw CONTAINS',
  group: 'search',
  samples: searchSample,
  run: (ctx, s) => ctx.store.read(SEARCH_CONTAINS, searchParams(s.text)),
});
defineCase<Sample>({
  name: 'search · raw STARTS WITH',
  label: 'raw STARTS',
  group: 'search',
  samples: searchSample,
  run: (ctx, s) => ctx.store.read(SEARCH_PREFIX, searchParams(s.text)),
});
defineCase<Sample>({
  // When CONTAINS returns fewer than `cap` rows it returned every match, and the prefix matches are among them.
  name: 'diag · search CONTAINS, prefix only when capped',
  label: 'diag: prefix if capped',
  group: 'search',
  samples: searchSample,
  run: async (ctx, s) => {
    const rows = await ctx.store.read(SEARCH_CONTAINS, searchParams(s.text));
    return rows.length >= CAP ? [rows, await ctx.store.read(SEARCH_PREFIX, searchParams(s.text))] : [rows];
  },
});
defineCase<Sample>({
  name: 'diag · search CONTAINS, id+name+aliases only',
  label: 'diag: 3 columns',
  group: 'search',
  samples: searchSample,
  run: (ctx, s) =>
    ctx.store.read(
      'MATCH (n:Entity) WHERE n.search CONTAINS $q RETURN n.id AS id, n.name AS name, n.aliases AS aliases LIMIT $cap',
      searchParams(s.text),
    ),
});
compare({ name: 'search graphql / raw CONTAINS', num: 'search · graphql', den: 'search · raw CONTAINS', target: 2 });
compare({ name: 'search domain / raw CONTAINS', num: 'search · domain', den: 'search · raw CONTAINS' });
compare({ name: 'search graphql / raw both reads', num: 'search · graphql', den: 'search · raw both reads' });

// ---------------------------------------------------------------- neighbourhood (depth 1, limit 200)

/** The top hubs, then random entities (reported by type). */
const neighborhoodSample = (ctx: BenchContext): Sample[] => {
  const rng = new Rng(11);
  const out: Sample[] = ctx.meta.hubs
    .slice(0, NEIGHBORHOOD_SAMPLES.hubs)
    .map((h) => ({ id: h.id, text: h.name, kind: `hub (top ${NEIGHBORHOOD_SAMPLES.hubs})` }));
  while (out.length < NEIGHBORHOOD_SAMPLES.n) {
    const e = rng.pick(ctx.data.entities);
    out.push({ id: e.id, text: e.name, kind: e.type });
  }
  return out;
};
const NEIGHBORHOOD_GQL = `query($ids: [ID!]!) {
  neighborhood(ids: $ids, depth: 1, limit: 200) { nodes { id name type } edges { id type source target } truncated }
}`;
/** What neighbours() sends for one seed at depth 1 with limit 200: cap = (200 - 1) + 200, LIMIT cap + 1. */
const neighbourCypher = (ctx: BenchContext, dir: 'out' | 'in') => {
  const cols = `a.id AS a_id, ${entityColumns('b', 'b_')}, ${edgeColumns('r', relTypeExpr(ctx.engine, 'r'))}`;
  const pattern = dir === 'out' ? '(a:Entity)-[r]->(b:Entity)' : '(a:Entity)<-[r]-(b:Entity)';
  return `MATCH ${pattern} WHERE a.id IN $ids RETURN ${cols} LIMIT 400`;
};
const ENTITY_LOOKUP = `MATCH (n:Entity) WHERE n.id IN $ids RETURN ${entityColumns('n')}`;
const outIn = (ctx: BenchContext, id: string) =>
  Promise.all([ctx.store.read(neighbourCypher(ctx, 'out'), { ids: [id] }), ctx.store.read(neighbourCypher(ctx, 'in'), { ids: [id] })]);

defineCase<Sample>({
  name: 'neighborhood · graphql',
  group: 'neighborhood',
  samples: neighborhoodSample,
  run: (ctx, s) => ctx.gql(NEIGHBORHOOD_GQL, { ids: [s.id] }),
});
defineCase<Sample>({
  name: 'neighborhood · domain',
  group: 'neighborhood',
  samples: neighborhoodSample,
  run: (ctx, s) => neighborhood(ctx.store, [s.id], { depth: 1, limit: 200 }),
});
defineCase<Sample>({
  name: 'neighborhood · raw out+in',
  group: 'neighborhood',
  samples: neighborhoodSample,
  run: (ctx, s) => outIn(ctx, s.id),
});
defineCase<Sample>({
  name: 'neighborhood · raw out',
  group: 'neighborhood',
  samples: neighborhoodSample,
  run: (ctx, s) => ctx.store.read(neighbourCypher(ctx, 'out'), { ids: [s.id] }),
});
defineCase<Sample>({
  name: 'neighborhood · raw in',
  group: 'neighborhood',
  samples: neighborhoodSample,
  run: (ctx, s) => ctx.store.read(neighbourCypher(ctx, 'in'), { ids: [s.id] }),
});
defineCase<Sample>({
  name: 'neighborhood · raw entity lookup',
  label: 'raw lookup',
  group: 'neighborhood',
  samples: neighborhoodSample,
  run: (ctx, s) => ctx.store.read(ENTITY_LOOKUP, { ids: [s.id] }),
});

/** The same reads with a primary-key equality instead of `a.id IN $ids`. */
const neighbourByKey = (ctx: BenchContext, dir: 'out' | 'in') =>
  neighbourCypher(ctx, dir).replace(/MATCH \(a:Entity\)(.*) WHERE a\.id IN \$ids/, 'MATCH (a:Entity {id: $id})$1');
defineCase<Sample>({
  name: 'diag · entity lookup {id: $id}',
  label: 'diag: lookup {id}',
  group: 'neighborhood',
  samples: neighborhoodSample,
  run: (ctx, s) => ctx.store.read(`MATCH (n:Entity {id: $id}) RETURN ${entityColumns('n')}`, { id: s.id }),
});
defineCase<Sample>({
  name: 'diag · raw out+in {id: $id}',
  label: 'diag: out+in {id}',
  group: 'neighborhood',
  samples: neighborhoodSample,
  run: (ctx, s) =>
    Promise.all([ctx.store.read(neighbourByKey(ctx, 'out'), { id: s.id }), ctx.store.read(neighbourByKey(ctx, 'in'), { id: s.id })]),
});
defineCase<Sample>({
  // neighborhood() as it could be: one key lookup of the seed (the resolver's, reused), keyed out/in reads, same decoding.
  name: 'diag · neighborhood, keyed reads, one lookup',
  label: 'diag: keyed',
  group: 'neighborhood',
  samples: neighborhoodSample,
  run: async (ctx, s) => {
    const [seed] = await ctx.store.read(`MATCH (n:Entity {id: $id}) RETURN ${entityColumns('n')}`, { id: s.id });
    const nodes = new Map<string, Entity>([[s.id, decodeEntity(seed)]]);
    const [out, inc] = await Promise.all([
      ctx.store.read(neighbourByKey(ctx, 'out'), { id: s.id }),
      ctx.store.read(neighbourByKey(ctx, 'in'), { id: s.id }),
    ]);
    const edges = [...out, ...inc].map((row, i) => {
      const other = decodeEntity(row, 'b_');
      if (nodes.size < 200) nodes.set(other.id, other);
      return i < out.length ? decodeEdge(row, s.id, other.id) : decodeEdge(row, other.id, s.id);
    });
    return { nodes: [...nodes.values()], edges };
  },
});
compare({ name: 'neighborhood graphql / raw out+in', num: 'neighborhood · graphql', den: 'neighborhood · raw out+in' });
compare({ name: 'neighborhood domain / raw out+in', num: 'neighborhood · domain', den: 'neighborhood · raw out+in' });
compare({
  name: 'neighborhood domain / keyed reads, one lookup',
  num: 'neighborhood · domain',
  den: 'diag · neighborhood, keyed reads, one lookup',
});
target({ case: 'neighborhood · graphql', stat: 'p99', maxMs: 30 });
