/**
 * One request cannot take the server: its estimated cost is refused up front, its deadline stops it,
 * repeated Entity.relations are fetched level by level, and an analyst's queries wait for each other
 * rather than for the app's connections.
 */
import path from 'node:path';
import { parse } from 'graphql';
import { describe, expect } from 'vitest';
import { nestedRelationsQuery } from '../../bench/isolation.js';
import { operationCost } from '../../server/query-cost.js';
import type { Config } from '../../server/config.js';
import { buildSchema } from '../../server/schema.js';
import { withRequestLimits } from '../../server/store/index.js';
import { StoreError, type GraphStore, type QueryOptions, type Row } from '../../server/store/types.js';
import * as webDocuments from '../../web/src/gql/graphql.js';
import { loadSeed } from '../../seed/load.js';
import { graphTest } from '../helpers/graph-test.js';
import { storeFactories } from '../helpers/stores.js';

const SEED = path.resolve(import.meta.dirname, '../../seed');
const HUB = 'dapujiang-party-alliance';
/** Seconds of work on the seed graph (4.5 million rows, little memory), allowed by the read-only guard. */
const SLOW = "MATCH (a:Entity), (b:Entity), (c:Entity) WHERE (a.search + b.search + c.search) CONTAINS 'zzz' RETURN count(*) AS n";

/** The store with its reads counted, to see how many statements a request sent. */
function counted(store: GraphStore): GraphStore & { reads: number } {
  const c = Object.assign(withRequestLimits(store, { actor: 'test' }), { reads: 0 });
  const read = c.read;
  c.read = (cypher: string, params?: Record<string, unknown>, opts?: QueryOptions): Promise<Row[]> => {
    c.reads++;
    return read(cypher, params, opts);
  };
  return c;
}

// One store fixture per file (Vitest shares file-scoped fixtures by name): tests that need other
// limits set them on the context's own config and put them back.
const it = graphTest({
  load: (store) => loadSeed(store, SEED),
  context: (ctx) => ({ ...ctx, store: counted(ctx.store), config: { ...ctx.config } }),
});

async function withConfig<T>(config: Config, change: Partial<Config>, run: () => Promise<T>): Promise<T> {
  const saved = { ...config };
  Object.assign(config, change);
  try {
    return await run();
  } finally {
    Object.assign(config, saved);
  }
}

describe('what a request may cost', () => {
  const schema = buildSchema();

  it('costs every query the web app sends at most a tenth of the default limit', () => {
    const documents = Object.entries(webDocuments).filter(([name]) => name.endsWith('Document'));
    expect(documents.length).toBeGreaterThan(10);
    for (const [name, doc] of documents) expect([name, operationCost(schema, parse(String(doc)), {})]).toEqual([name, expect.any(Number)]);
    const costs = documents.map(([, doc]) => operationCost(schema, parse(String(doc)), {}));
    expect(Math.max(...costs)).toBeLessThanOrEqual(1000 + 100);
  });

  it('multiplies what sits under a list by its limit, variables included', () => {
    const q = parse('query($n: Int) { search(text: "x", limit: $n) { id relations { type } } }');
    expect(operationCost(schema, q, { n: 100 })).toBeGreaterThan(9 * operationCost(schema, q, { n: 10 }));
    const nested = (levels: number) => operationCost(schema, parse(nestedRelationsQuery(HUB, levels, 1)), {});
    expect(nested(2)).toBeGreaterThan(50 * nested(1));
  });
});

describe.each(storeFactories)('request limits on $name', (factory) => {
  it.scoped({ storeFactory: factory });

  it('refuses a request over MAX_QUERY_COST before anything runs, with its cost', async ({ gql, graph }) => {
    const started = performance.now();
    const res = await gql(nestedRelationsQuery(HUB));
    expect(res.data).toBeUndefined();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', maxCost: graph.ctx.config.maxQueryCost });
    expect(res.errors![0].extensions!.cost).toBeGreaterThan(graph.ctx.config.maxQueryCost);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('fetches Entity.relations a level at a time, with the same answer as one entity at a time', async ({ gql, graph }) => {
    const store = graph.ctx.store as ReturnType<typeof counted>;
    const fields = 'type direction count items { edge { id } other { id } }';
    const before = store.reads;
    const query = `{ entity(id: "${HUB}") { relations { items { other { id relations { ${fields} } } } } } }`;
    const res = await withConfig(graph.ctx.config, { maxQueryCost: Number.MAX_SAFE_INTEGER }, () => gql(query));
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const others = res.data!.entity.relations.flatMap((g: { items: { other: { id: string; relations: unknown } }[] }) =>
      g.items.map((i) => i.other),
    );
    expect(others.length).toBeGreaterThan(30);
    // The entity, its relations, then one batch for every entity at the next level (and the auth
    // layer's own reads): about ten statements, where one entity at a time took four each.
    expect(store.reads - before).toBeLessThan(15);
    for (const other of others.slice(0, 8)) {
      const alone = await gql(`{ entity(id: "${other.id}") { relations { ${fields} } } }`);
      expect(other.relations).toEqual(alone.data!.entity.relations);
    }
  });

  it('answers TIMEOUT once the request is past its deadline, and stops then', async ({ gql, graph }) => {
    const started = performance.now();
    const run = () => gql('query($c: String!) { runCypher(cypher: $c) { rows } }', { c: SLOW });
    const res = await withConfig(graph.ctx.config, { requestTimeoutMs: 300 }, run);
    expect(res.errors?.[0]?.extensions?.code).toBe('TIMEOUT');
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('starts no statement after the deadline', async ({ store }) => {
    const late = withRequestLimits(store, { deadline: Date.now() - 1, actor: 'late' });
    await expect(late.read('RETURN 1 AS n')).rejects.toMatchObject({ code: 'QUERY_TIMEOUT' });
    await expect(late.readTable('RETURN 1 AS n', {}, { maxRows: 1 })).rejects.toBeInstanceOf(StoreError);
    await expect(late.isReadOnly('RETURN 1 AS n')).rejects.toMatchObject({ code: 'QUERY_TIMEOUT' });
  });

  it("lets an actor run two analyst queries at once; the third waits for one of them, another user's simple reads do not", async ({
    store,
  }) => {
    const slow = (deadline?: number) =>
      store.readTable(SLOW, {}, { maxRows: 1, timeoutMs: 1500, actor: 'ana', deadline }).catch((e: unknown) => e);
    const first = [slow(), slow()];
    await new Promise((r) => setTimeout(r, 100));
    const third = await slow(Date.now() + 300);
    expect(third).toBeInstanceOf(StoreError);
    expect((third as StoreError).code).toBe('QUERY_TIMEOUT');
    expect((third as StoreError).message).toMatch(/ana's other analyst queries/);
    const t = performance.now();
    await store.read('MATCH (n:Entity {id: $id}) RETURN n.name AS name', { id: HUB }, { actor: 'bob' });
    expect(performance.now() - t).toBeLessThan(1000);
    await Promise.all(first);
  });
});
