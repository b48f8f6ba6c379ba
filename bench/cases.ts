/**
 * The bench cases. A case is a name, a group (cases of a group share samples and run interleaved),
 * the samples and one call; `compare` and `target` turn figures into ratios and checks. Samples with
 * a `kind` also get a per-kind breakdown. The raw Cypher below mirrors server/domain/graph.ts (and
 * search before its index) — keep them in step when those change. `diag ·` cases time alternative query
 * shapes through the same store, as evidence for suggested changes.
 *
 * A new case: `defineCase({ name, group, samples, run })`, then `compare(…)` or `target(…)`; see the
 * gaps and partners cases at the end.
 */
import fs from 'node:fs';
import path from 'node:path';
import { updateEntity } from '../server/domain/curation/entities.js';
import { propose } from '../server/review/propose.js';
import { neighborhood } from '../server/domain/graph.js';
import { edgeColumns, entityColumns } from '../server/domain/records.js';
import { search, searchIndex } from '../server/domain/search.js';
import { searchForm } from '../server/domain/text.js';
import { relTypeExpr } from '../server/store/dialect.js';
import { Rng, searchSamples } from './generate.js';
import { compare, defineCase, target, type BenchContext } from './harness.js';

const SEARCH_SAMPLES = { n: 200 };
const SEED_SOURCES = path.resolve(import.meta.dirname, '..', 'seed', 'sources');
const NEIGHBORHOOD_SAMPLES = { n: 300, hubs: 30 };

/** A sample: an id or a text, and the kind it is reported under. */
interface Sample {
  id: string;
  text: string;
  kind: string;
}

// ---------------------------------------------------------------- search

/**
 * The generated mix (substrings, short names, pinyin, initials, traditional forms, other types,
 * misses) and what people also type: a full name, an alias, the start of a name, and a mistyped
 * short name (one character changed: a homophone or typo suggestion, or a miss).
 */
const searchSample = (ctx: BenchContext): Sample[] => {
  const rng = new Rng(13);
  const out: Sample[] = searchSamples(ctx.data, SEARCH_SAMPLES.n).map((s) => ({ id: '', ...s }));
  const named = ctx.data.entities.filter((e) => e.aliases.length > 0);
  for (let i = 0; i < SEARCH_SAMPLES.n / 4; i++) {
    const e = rng.pick(ctx.data.entities);
    const alias = named.length ? rng.pick(rng.pick(named).aliases) : e.name;
    const typo = [...alias];
    typo[rng.int(typo.length)] = rng.pick([...'的一是不了在人有我他这中大来上国个到说们为子和你地出道也时年']);
    out.push(
      { id: '', text: e.name, kind: 'exact name' },
      { id: '', text: alias, kind: 'alias' },
      { id: '', text: e.name.slice(0, 2 + rng.int(4)), kind: 'zh prefix' },
      { id: '', text: typo.join(''), kind: 'typo' },
    );
  }
  return out;
};
const SEARCH_CONTAINS = `MATCH (n:Entity) WHERE n.search CONTAINS $q RETURN ${entityColumns('n')} LIMIT 500`;

defineCase<Sample>({
  name: 'search · graphql',
  group: 'search',
  samples: searchSample,
  run: (ctx, s) => ctx.gql(`query($t: String!) { search(text: $t, limit: 20) { id name type } }`, { t: s.text }),
});
defineCase<Sample>({
  // The index (server/domain/search-index.ts), then the answer's entities read by key.
  name: 'search · domain',
  group: 'search',
  samples: searchSample,
  run: (ctx, s) => search(ctx.store, s.text, { limit: 20 }),
});
defineCase<Sample>({
  name: 'search · index only',
  label: 'index only',
  group: 'search',
  samples: searchSample,
  run: async (ctx, s) => (await searchIndex(ctx.store)).search(searchForm(s.text), { limit: 20 }),
});
defineCase<Sample>({
  // What search sent to the store before the index: a substring scan of every entity's search key.
  name: 'search · raw CONTAINS',
  group: 'search',
  samples: searchSample,
  run: (ctx, s) => ctx.store.read(SEARCH_CONTAINS, { q: searchForm(s.text) }),
});
compare({ name: 'search graphql / raw CONTAINS', num: 'search · graphql', den: 'search · raw CONTAINS' });
compare({ name: 'search domain / index only', num: 'search · domain', den: 'search · index only' });

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
/**
 * What neighbours() sends for one seed at depth 1 with limit 200 (cap = (200 - 1) + 200, LIMIT cap + 1),
 * reading the columns NEIGHBORHOOD_GQL selects (name; id and type always) unless `all` is set.
 */
const neighbourCypher = (ctx: BenchContext, dir: 'out' | 'in', all = false) => {
  const cols = `a.id AS a_id, ${entityColumns('b', 'b_', all ? undefined : ['name'])}, ${edgeColumns('r', relTypeExpr(ctx.engine, 'r'), 'r_', all ? undefined : [])}`;
  const pattern = dir === 'out' ? '(a:Entity {id: $id})-[r]->(b:Entity)' : '(a:Entity {id: $id})<-[r]-(b:Entity)';
  return `MATCH ${pattern} RETURN ${cols} LIMIT 400`;
};
/** What getEntities() sends (the resolver's existence check; neighborhood() reuses its answer). */
const ENTITY_LOOKUP = `UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN ${entityColumns('n')}`;
const outIn = (ctx: BenchContext, id: string) =>
  Promise.all([ctx.store.read(neighbourCypher(ctx, 'out'), { id }), ctx.store.read(neighbourCypher(ctx, 'in'), { id })]);
/** The same reads as raw Cypher, in the order the resolver sends them: lookup, then out and in. */
const lookupOutIn = async (ctx: BenchContext, id: string) => [await ctx.store.read(ENTITY_LOOKUP, { ids: [id] }), await outIn(ctx, id)];

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
  name: 'neighborhood · raw lookup+out+in',
  label: 'raw lookup+out+in',
  group: 'neighborhood',
  samples: neighborhoodSample,
  run: (ctx, s) => lookupOutIn(ctx, s.id),
});
defineCase<Sample>({
  name: 'neighborhood · raw out+in',
  group: 'neighborhood',
  samples: neighborhoodSample,
  run: (ctx, s) => outIn(ctx, s.id),
});
defineCase<Sample>({
  name: 'neighborhood · raw entity lookup',
  label: 'raw lookup',
  group: 'neighborhood',
  samples: neighborhoodSample,
  run: (ctx, s) => ctx.store.read(ENTITY_LOOKUP, { ids: [s.id] }),
});
defineCase<Sample>({
  // What neighborhood() reads when the query asks for every field (or without a GraphQL selection).
  name: 'diag · raw out+in, every column',
  label: 'diag: all columns',
  group: 'neighborhood',
  samples: neighborhoodSample,
  run: (ctx, s) =>
    Promise.all([
      ctx.store.read(neighbourCypher(ctx, 'out', true), { id: s.id }),
      ctx.store.read(neighbourCypher(ctx, 'in', true), { id: s.id }),
    ]),
});
defineCase<Sample>({
  // The shape used before: a list filter instead of a key lookup (a full scan on LadybugDB).
  name: 'diag · raw out+in, WHERE a.id IN $ids',
  label: 'diag: IN $ids',
  group: 'neighborhood',
  samples: neighborhoodSample,
  run: (ctx, s) =>
    Promise.all(
      (['out', 'in'] as const).map((d) =>
        ctx.store.read(
          neighbourCypher(ctx, d).replace('(a:Entity {id: $id})', '(a:Entity)').replace(' RETURN', ' WHERE a.id IN $ids RETURN'),
          {
            ids: [s.id],
          },
        ),
      ),
    ),
});
compare({
  name: 'neighborhood graphql / raw lookup+out+in',
  num: 'neighborhood · graphql',
  den: 'neighborhood · raw lookup+out+in',
  target: 2,
});
compare({
  name: 'neighborhood domain (all columns) / raw out+in, every column',
  num: 'neighborhood · domain',
  den: 'diag · raw out+in, every column',
});
target({ case: 'neighborhood · graphql', stat: 'p99', maxMs: 30 });

// ---------------------------------------------------------------- gaps and partners (issue 4)

const GAPS_SAMPLES = { n: 24 };
const PARTNERS_SAMPLES = { n: 60, hubs: 10 };

/** Districts and towns, alternating, each against the whole graph. */
const gapsSample = (ctx: BenchContext): Sample[] => {
  const regions = ctx.data.entities.filter((e) => e.type === 'Region');
  const districts = regions.filter((e) => e.kind === 'district');
  const towns = regions.filter((e) => e.kind !== 'district' && e.kind !== 'city');
  const rng = new Rng(13);
  const out: Sample[] = [];
  for (let i = 0; out.length < GAPS_SAMPLES.n; i++) {
    const e = i % 2 === 0 ? districts[(i / 2) % districts.length] : rng.pick(towns.length ? towns : districts);
    out.push({ id: e.id, text: e.name, kind: String(e.kind) });
  }
  return out;
};
// The report and its candidates, as the Gaps view asks for them (two queries since candidates are their own field).
const GAPS_GQL = `query($r: ID!) {
  gaps(region: $r) { segments { segment { id name } count byType { type count } benchmarkCount share benchmarkShare status } }
  gapCandidates(region: $r) {
    candidates { segment entity { id name } score inferred degree locality location
      sharedAlliances { alliance { id name } members local } units { entity { id name } location inRegion inSegment } }
    places { id name }
  }
}`;
defineCase<Sample>({
  name: 'gaps · graphql',
  group: 'gaps',
  samples: gapsSample,
  run: (ctx, s) => ctx.gql(GAPS_GQL, { r: s.id }),
});

/** The most linked enterprises, then random enterprises and parks. */
const partnersSample = (ctx: BenchContext): Sample[] => {
  const rng = new Rng(17);
  const out: Sample[] = ctx.meta.hubs
    .filter((h) => h.type === 'Enterprise')
    .slice(0, PARTNERS_SAMPLES.hubs)
    .map((h) => ({ id: h.id, text: h.name, kind: 'enterprise hub' }));
  const pool = ctx.data.entities.filter((e) => e.type === 'Enterprise' || e.type === 'Park');
  while (out.length < PARTNERS_SAMPLES.n) {
    const e = rng.pick(pool);
    out.push({ id: e.id, text: e.name, kind: e.type });
  }
  return out;
};
const PARTNERS_GQL = `query($id: ID!) {
  partners(id: $id, limit: 10) { entity { id name type } score role evidence { kind weight via { id name } nodes { id } edges { id } } }
}`;
defineCase<Sample>({
  name: 'partners · graphql',
  group: 'partners',
  samples: partnersSample,
  run: (ctx, s) => ctx.gql(PARTNERS_GQL, { id: s.id }),
});

// ---------------------------------------------------------------- writes (issue 10)

const WRITE_SAMPLES = { n: 200 };
const benchAuthor = { username: 'bench', region: null, clientAddress: null };
let writeCount = 0;

const writeSample = (ctx: BenchContext): Sample[] => {
  const rng = new Rng(23);
  const pool = ctx.data.entities.filter((e) => e.type === 'Enterprise');
  return Array.from({ length: WRITE_SAMPLES.n }, () => {
    const e = rng.pick(pool);
    return { id: e.id, text: e.name, kind: 'Enterprise' };
  });
};

/** One editor's edit: the entity's description, sourced to a staff note — a change set with its revision and audit event. */
defineCase<Sample>({
  name: 'write · update entity',
  group: 'writes',
  samples: writeSample,
  run: (ctx, s) =>
    updateEntity(ctx.store, benchAuthor, {
      id: s.id,
      patch: { description: `bench edit ${++writeCount}` },
      note: 'bench',
      source: { kind: 'note', note: 'bench: 电话核实' },
    }),
});
target({ case: 'write · update entity', stat: 'p99', maxMs: 50 });

// ---------------------------------------------------------------- ingest (issue 11)

/** The five seed articles, each ingested against the whole graph (proposals only: nothing is written). */
const articleSample = (): Sample[] =>
  fs
    .readdirSync(SEED_SOURCES)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ id: f, text: fs.readFileSync(path.join(SEED_SOURCES, f), 'utf8'), kind: 'seed article' }));

defineCase<Sample>({
  name: 'ingest · one article',
  group: 'ingest',
  samples: () => {
    const articles = articleSample();
    // Twenty rounds over the five articles, so p99 means something.
    return Array.from({ length: 100 }, (_, i) => articles[i % articles.length]).map((a) => ({ ...a, kind: a.id }));
  },
  run: (ctx, s) => propose(ctx.store, { text: s.text, title: s.id }),
});
