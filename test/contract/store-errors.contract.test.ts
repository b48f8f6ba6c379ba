/** What a GraphQL client sees when the engine fails, on every store: the code, a safe message, no data. */
import { describe, expect, it as base } from 'vitest';
import { smallGraph } from '../fixtures/small-graph.js';
import { graphTest } from '../helpers/graph-test.js';
import { graphqlClient } from '../helpers/graphql.js';
import { openEmbedded, storeFactories } from '../helpers/stores.js';

const RUN = 'query($c: String!) { runCypher(cypher: $c) { rows } }';
const SLOW = 'MATCH (a:Entity), (b:Entity), (c:Entity) WHERE a.name < b.name AND b.name < c.name RETURN count(*) AS n';

// A short timeout, so the slow query stops quickly.
const it = graphTest({ context: (ctx) => ({ ...ctx, config: { ...ctx.config, queryTimeoutMs: 300 } }) });

describe.each(storeFactories)('store errors through GraphQL on $name', (factory) => {
  it.scoped({ storeFactory: factory });

  it.for([
    ['a parse error', 'MATCH (n:Entity RETURN n'],
    ['an unknown variable', 'MATCH (n:Entity) RETURN m'],
  ])("answers %s with BAD_USER_INPUT and the engine's explanation", async ([, cypher], { gql }) => {
    const res = await gql(RUN, { c: cypher });
    expect(res.data).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]).toMatchObject({ path: ['runCypher'], extensions: { code: 'BAD_USER_INPUT' } });
    expect(res.errors![0].message).toMatch(/^Cypher error: \S/);
  });

  it('answers a query past the timeout with TIMEOUT and a message that names no engine', async ({ gql }) => {
    const res = await gql(RUN, { c: SLOW });
    expect(res.data).toBeNull();
    expect(res.errors).toEqual([
      {
        message: 'The query took too long and was stopped.',
        path: ['runCypher'],
        locations: expect.any(Array),
        extensions: { code: 'TIMEOUT' },
      },
    ]);
  });

  it("answers the caller's own query failing as it runs with BAD_USER_INPUT, not a masked server error", async ({ gql }) => {
    const res = await gql(RUN, { c: 'UNWIND [1, 0] AS d RETURN 1 / d AS x' });
    expect(res.data).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]).toMatchObject({ path: ['runCypher'], extensions: { code: 'BAD_USER_INPUT', argument: 'cypher' } });
    expect(res.errors![0].message).toMatch(/^Cypher error: \S/);
  });

  it('answers a query the engine cannot compile (a function it lacks) with BAD_USER_INPUT or rows, never a masked server error', async ({
    gql,
    store,
  }) => {
    // type(r) is Neo4j's; LadybugDB calls it label(r) and refuses type(r) when it compiles the query.
    const res = await gql(RUN, { c: 'MATCH (:Entity)-[r]->(:Entity) RETURN type(r) AS t LIMIT 1' });
    if (store.engine === 'neo4j') {
      expect(res.errors).toBeUndefined();
      expect(res.data!.runCypher.rows).toHaveLength(1);
    } else {
      expect(res.errors![0]).toMatchObject({ path: ['runCypher'], extensions: { code: 'BAD_USER_INPUT', argument: 'cypher' } });
      expect(res.errors![0].message).toMatch(/^Cypher error: .*TYPE/);
    }
  });

  it('keeps answering after failures: every session or connection went back', async ({ gql }) => {
    // More failures than the embedded pool (4) or a handful of Neo4j sessions: a leak would hang here.
    for (let i = 0; i < 12; i++) {
      const res = await gql(RUN, { c: i % 2 ? 'MATCH (n RETURN n' : 'UNWIND [0] AS d RETURN 1 / d AS x' });
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const ok = await gql(RUN, { c: 'MATCH (n:Entity) RETURN count(n) AS n' });
    expect(ok.data!.runCypher.rows[0].n).toBe(smallGraph().entities.length);
  });
});

// Neo4j's outage (a live server gone mid-run) is neo4j-outage.contract.test.ts.
describe('a closed embedded store through GraphQL', () => {
  base('answers SERVICE_UNAVAILABLE', async () => {
    const h = await openEmbedded();
    const gql = graphqlClient({ store: h.store, config: h.config, documents: new Map(), savedQueries: [] });
    await h.dispose();
    const res = await gql('{ search(text: "思路迪") { id } }');
    expect(res.data).toBeNull();
    expect(res.errors).toMatchObject([
      { message: 'The graph store is unavailable; try again shortly.', extensions: { code: 'SERVICE_UNAVAILABLE' } },
    ]);
  });
});
