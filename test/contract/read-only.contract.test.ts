/** Read-only enforcement and query limits through every entry point, on every store. */
import path from 'node:path';
import { describe, expect } from 'vitest';
import { stats } from '../../server/domain/graph.js';
import { loadSavedQueries } from '../../server/domain/saved-queries.js';
import { smallGraph } from '../fixtures/small-graph.js';
import { graphTest } from '../helpers/graph-test.js';
import { storeFactories } from '../helpers/stores.js';

const WRITES = [
  "CREATE (n:Entity {id: 'intruder', name: 'x'})",
  "MATCH (n:Entity {id: 'e-sld'}) SET n.name = 'hacked'",
  'MATCH (n:Entity) DETACH DELETE n',
  "MATCH (n:Entity {id: 'e-sld'}) REMOVE n.name",
  "MERGE (n:Entity {id: 'intruder'})",
  'DROP TABLE MEMBER_OF',
  "COPY Entity FROM '/tmp/intruders.csv'",
  "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
  'MATCH (n:Entity) FOREACH (x IN [1] | SET n.name = "x")',
  "CALL apoc.create.node(['Entity'], {id: 'intruder'}) YIELD node RETURN node",
  'MATCH (n:Entity) RETURN n; MATCH (n:Entity) DETACH DELETE n',
  'match (n:Entity) /* lower case */ detach delete n',
];

// Two saved queries of its own (test/fixtures/queries): one that tries to write, one that reads.
const it = graphTest({
  context: (ctx) => ({
    ...ctx,
    config: { ...ctx.config, maxRows: 25, queryTimeoutMs: 500 },
    savedQueries: loadSavedQueries(path.join(import.meta.dirname, '../fixtures/queries')),
  }),
});

describe.each(storeFactories)('read-only queries on $name', (factory) => {
  it.scoped({ storeFactory: factory });

  it('refuses every writing statement with FORBIDDEN and leaves the graph unchanged', async ({ gql, store }) => {
    const before = await stats(store);
    for (const cypher of WRITES) {
      const res = await gql('query($c: String!) { runCypher(cypher: $c) { rows } }', { c: cypher });
      expect(res.errors?.[0]?.extensions?.code, cypher).toBe('FORBIDDEN');
    }
    const saved = await gql('{ runSavedQuery(name: "sneaky", params: {name: "hacked"}) { rows } }');
    expect(saved.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await stats(store)).toEqual(before);
    const [row] = await store.read("MATCH (n:Entity {id: 'e-sld'}) RETURN n.name AS name");
    expect(row.name).toBe('上海思路迪生物医学科技有限公司');
  });

  it("asks the engine too: its own verdict on a statement's query type", async ({ store }) => {
    expect(await store.isReadOnly("MATCH (n:Entity) SET n.name = 'x'")).toBe(false);
    expect(await store.isReadOnly("CREATE (n:Entity {id: 'y'})")).toBe(false);
    expect(await store.isReadOnly('MATCH (n:Entity) RETURN n.name')).toBe(true);
  });

  it('runs a saved query with parameters and returns columns, rows and graph elements', async ({ gql }) => {
    const res = await gql(
      '{ runSavedQuery(name: "members", params: {limit: 2}) { columns rows truncated graph { nodes { id } edges { source target type role } } } }',
    );
    expect(res.errors).toBeUndefined();
    const r = res.data!.runSavedQuery;
    expect(r.columns).toEqual(['member', 'role', 'm', 'r']);
    expect(r.rows).toHaveLength(2);
    expect(r.rows.map((x: { member: string }) => x.member)).toEqual(['上海交通大学医学院附属仁济医院', '上海思路迪生物医学科技有限公司']);
    expect(r.graph.nodes.map((n: { id: string }) => n.id).sort()).toEqual(['e-sld', 'h-renji']);
    expect(r.graph.edges).toContainEqual({ source: 'h-renji', target: 'a-dpj', type: 'MEMBER_OF', role: '成员单位' });
    expect(r.graph.edges).toContainEqual({ source: 'e-sld', target: 'a-dpj', type: 'MEMBER_OF', role: '召集单位' });
  });

  it('names the parameter when a saved query gets a bad value', async ({ gql }) => {
    const res = await gql('{ runSavedQuery(name: "members", params: {limit: "many"}) { rows } }');
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', param: 'limit' });
    const unknown = await gql('{ runSavedQuery(name: "members", params: {colour: "red"}) { rows } }');
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', param: 'colour' });
    const missing = await gql('{ runSavedQuery(name: "nope") { rows } }');
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('answers malformed Cypher with a clear syntax error, not a crash', async ({ gql }) => {
    const res = await gql('{ runCypher(cypher: "MATCH (n RETURN n") { rows } }');
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/^Cypher error/);
    const ok = await gql('{ runCypher(cypher: "MATCH (n:Entity) RETURN count(n) AS n") { rows } }');
    expect(ok.data!.runCypher.rows[0].n).toBe(smallGraph().entities.length);
  });

  it('caps the rows of an ad-hoc query and says so', async ({ gql }) => {
    const res = await gql('{ runCypher(cypher: "MATCH (n:Entity) RETURN n.id AS id") { rows truncated graph { truncated } } }');
    expect(res.data!.runCypher.rows).toHaveLength(25);
    expect(res.data!.runCypher.truncated).toBe(true);
  });

  it('stops a query that runs past the timeout', async ({ gql }) => {
    const res = await gql(
      '{ runCypher(cypher: "MATCH (a:Entity), (b:Entity), (c:Entity) WHERE a.name < b.name AND b.name < c.name RETURN count(*) AS n") { rows } }',
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('TIMEOUT');
  });

  it('extracts relations whose end nodes were not returned', async ({ gql }) => {
    const res = await gql(
      '{ runCypher(cypher: "MATCH (:Entity)-[r:AFFILIATED_WITH]->(:Entity) RETURN r") { graph { edges { source target inferred reason } } } }',
    );
    expect(res.data!.runCypher.graph.edges).toEqual([
      { source: 'h-renji', target: 'u-sjtu', inferred: true, reason: '名称表明为上海交通大学医学院附属医院' },
    ]);
  });
});
