/**
 * The contract every GraphStore keeps, through the store interface and the GraphQL API.
 * Runs on the embedded store always and on Neo4j when NEO4J_URI is set.
 */
import { describe, expect } from 'vitest';
import { stats } from '../../server/domain/graph.js';
import { EVIL_ALIAS, EVIL_DESCRIPTION, EVIL_NAME, HUB_SIZE, smallGraph } from '../fixtures/small-graph.js';
import { graphTest } from '../helpers/graph-test.js';
import type { Gql } from '../helpers/graphql.js';
import { storeFactories } from '../helpers/stores.js';

const ENTITY = 'id name type nameEn aliases kind description sources { document quote }';
const it = graphTest();

describe.each(storeFactories)('GraphStore contract on $name', (factory) => {
  it.scoped({ storeFactory: factory });

  it('sets up its schema idempotently', async ({ store }) => {
    await store.ensureSchema();
    await store.ensureSchema();
    const [row] = await store.read('MATCH (n:Entity) RETURN count(n) AS n');
    expect(row.n).toBe(smallGraph().entities.length);
  });

  it('gives the same counts when the same data is loaded twice', async ({ graph }) => {
    const before = await stats(graph.store);
    await graph.reload();
    const after = await stats(graph.store);
    expect(after).toEqual(before);
    expect(after.entities).toBe(smallGraph().entities.length);
    expect(after.relations).toBe(smallGraph().relations.length);
  });

  describe('search', () => {
    const names = async (gql: Gql, text: string, extra = '') => {
      const res = await gql(`query($t: String!) { search(text: $t${extra}) { id name } }`, { t: text });
      expect(res.errors).toBeUndefined();
      return (res.data!.search as { id: string }[]).map((e) => e.id);
    };

    it('finds by short name, part of the name, full pinyin and initials', async ({ gql }) => {
      expect((await names(gql, '思路迪'))[0]).toBe('e-sld');
      expect(await names(gql, '路迪生物')).toContain('e-sld');
      expect((await names(gql, 'siludi'))[0]).toBe('e-sld');
      expect((await names(gql, 'sld'))[0]).toBe('e-sld');
      expect((await names(gql, 'SiLuDi'))[0]).toBe('e-sld');
    });

    it('finds simplified names from traditional input and traditional aliases', async ({ gql }) => {
      expect((await names(gql, '諾斯清'))[0]).toBe('e-nsq');
      expect((await names(gql, '閔行區'))[0]).toBe('r-mh');
      expect(await names(gql, '測試')).toContain('x-evil');
    });

    it('ranks exact and prefix matches before matches inside a name', async ({ gql }) => {
      const ids = await names(gql, '上海交通大学');
      expect(ids[0]).toBe('u-sjtu');
      expect(ids).toContain('h-renji');
      expect(ids.indexOf('u-sjtu')).toBeLessThan(ids.indexOf('h-renji'));
    });

    it('filters by entity type and respects the limit', async ({ gql }) => {
      expect(await names(gql, '上海交通大学', ', types: [Hospital]')).toEqual(['h-renji']);
      expect(await names(gql, '枢纽企业', ', limit: 7')).toHaveLength(7);
    });

    it('finds English names', async ({ gql }) => {
      expect((await names(gql, 'Renji'))[0]).toBe('h-renji');
    });
  });

  it('returns an entity with its relations grouped by type and direction', async ({ gql }) => {
    const res = await gql(
      `{ entity(id: "e-nsq") { ${ENTITY} relations { type direction count items { edge { role source target } other { id name } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const e = res.data!.entity;
    expect(e.name).toBe('上海诺斯清生物科技有限公司');
    const member = e.relations.find((g: { type: string; direction: string }) => g.type === 'MEMBER_OF' && g.direction === 'OUT');
    expect(member.count).toBe(2);
    const roles = member.items.map((i: { edge: { role: string } }) => i.edge.role).sort();
    expect(roles).toEqual(['成员单位', '首席执行长']);
    expect(e.relations.find((g: { type: string }) => g.type === 'LOCATED_IN').items[0].other.name).toBe('浦江镇');
  });

  it("reads what a query asks of a relation's other end and edge, through fragments too", async ({ gql }) => {
    // The store reads only the selected columns: a field asked for through a fragment must still come.
    const res = await gql(
      `fragment O on Entity { kind description sources { quote } } fragment E on Edge { date sources { quote } }
       { entity(id: "e-nsq") { relations { type items { edge { id ...E } other { id ...O } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    type Item = {
      edge: { id: string; date: string | null; sources: { quote: string }[] };
      other: { id: string; kind: string | null; description: string | null; sources: { quote: string }[] };
    };
    const groups = res.data!.entity.relations as { type: string; items: Item[] }[];
    const items = groups.flatMap((g) => g.items);
    const place = groups.find((g) => g.type === 'LOCATED_IN')!.items[0];
    const whole = await gql(
      `{ entity(id: "${place.other.id}") { kind description sources { quote } } edge(id: "${place.edge.id}", source: "e-nsq", target: "${place.other.id}") { date sources { quote } } }`,
    );
    expect(whole.errors).toBeUndefined();
    expect(place.other).toEqual({ id: place.other.id, ...whole.data!.entity });
    expect(place.edge).toEqual({ id: place.edge.id, ...whole.data!.edge });
    expect(items.some((i) => i.other.sources.length > 0 && i.edge.sources.length > 0)).toBe(true);
  });

  describe('neighborhood', () => {
    const q = `query($ids: [ID!]!, $depth: Int, $limit: Int, $types: [EntityType!], $rels: [RelationType!]) {
      neighborhood(ids: $ids, depth: $depth, limit: $limit, types: $types, relations: $rels) {
        nodes { id name type } edges { id source target type role sources { quote } } truncated } }`;

    it('returns direct neighbours with the edges and their sources', async ({ gql }) => {
      const res = await gql(q, { ids: ['a-dpj'] });
      const sg = res.data!.neighborhood;
      expect(sg.nodes.map((n: { id: string }) => n.id).sort()).toEqual(['a-dpj', 'e-nsq', 'e-sld', 'h-renji']);
      expect(sg.edges).toHaveLength(3);
      expect(sg.edges.every((e: { target: string }) => e.target === 'a-dpj')).toBe(true);
      expect(sg.edges[0].sources[0].quote).toMatch(/MEMBER_OF a-dpj$/);
      expect(sg.truncated).toBe(false);
    });

    it('answers every field asked for, also through fragments, when it reads only those', async ({ gql }) => {
      const res = await gql(`query {
        neighborhood(ids: ["a-dpj"]) { nodes { ...N } edges { ... on Edge { id inferred sources { quote } } } }
      }
      fragment N on Entity { id name aliases description sources { document quote } }`);
      const sg = res.data!.neighborhood;
      const nsq = sg.nodes.find((n: { id: string }) => n.id === 'e-nsq');
      expect(nsq.name).not.toBe('');
      expect(nsq.aliases).toEqual(['诺斯清']);
      expect(nsq.sources.length).toBeGreaterThan(0);
      expect(sg.edges.every((e: { sources: unknown[] }) => e.sources.length > 0)).toBe(true);
      // A lean query gets the same nodes and edges.
      const lean = (await gql('{ neighborhood(ids: ["a-dpj"]) { nodes { id } edges { id } } }')).data!.neighborhood;
      expect(lean.nodes.map((n: { id: string }) => n.id).sort()).toEqual(sg.nodes.map((n: { id: string }) => n.id).sort());
      expect(lean.edges).toHaveLength(sg.edges.length);
    });

    it('reaches further with depth and filters by relation and entity type', async ({ gql }) => {
      const d2 = (await gql(q, { ids: ['h-renji'], depth: 2 })).data!.neighborhood;
      expect(d2.nodes.map((n: { id: string }) => n.id)).toEqual(expect.arrayContaining(['u-sjtu', 'a-dpj', 'e-sld', 'e-nsq']));
      const onlyMembers = (await gql(q, { ids: ['e-nsq'], rels: ['MEMBER_OF'] })).data!.neighborhood;
      expect(onlyMembers.nodes.map((n: { id: string }) => n.id).sort()).toEqual(['a-dpj', 'a-mhbio', 'e-nsq']);
      const onlyRegions = (await gql(q, { ids: ['e-nsq'], types: ['Region'] })).data!.neighborhood;
      expect(onlyRegions.nodes.map((n: { id: string }) => n.id).sort()).toEqual(['e-nsq', 'r-pj']);
    });

    it("lists at most 1,000 of a hub's relations in its details but counts them all", async ({ gql }) => {
      const res = await gql('{ entity(id: "r-hub") { relations(types: [LOCATED_IN]) { direction count items { other { id } } } } }');
      const inbound = res.data!.entity.relations.find((g: { direction: string }) => g.direction === 'IN');
      expect(inbound.count).toBe(HUB_SIZE);
      expect(inbound.items).toHaveLength(1000);
    });

    it('caps a hub with thousands of neighbours and says it truncated', async ({ gql }) => {
      const sg = (await gql(q, { ids: ['r-hub'], limit: 200 })).data!.neighborhood;
      expect(sg.nodes.length).toBe(200);
      expect(sg.truncated).toBe(true);
      const ids = new Set(sg.nodes.map((n: { id: string }) => n.id));
      expect(sg.edges.every((e: { source: string; target: string }) => ids.has(e.source) && ids.has(e.target))).toBe(true);
    });
  });

  it('finds shortest paths first', async ({ gql }) => {
    const res = await gql(`{ paths(from: "e-sld", to: "u-sjtu", maxLength: 4) { length nodes { id } edges { type source target } } }`);
    expect(res.errors).toBeUndefined();
    const [p] = res.data!.paths;
    expect(p.length).toBe(3);
    expect(p.nodes.map((n: { id: string }) => n.id)).toEqual(['e-sld', 'a-dpj', 'h-renji', 'u-sjtu']);
    expect(p.edges[2]).toEqual({ type: 'AFFILIATED_WITH', source: 'h-renji', target: 'u-sjtu' });
    const none = await gql(`{ paths(from: "e-sld", to: "u-sjtu", maxLength: 2) { length } }`);
    expect(none.data!.paths).toEqual([]);
  });

  it('counts entities and relations by type, for the graph and for a region', async ({ gql }) => {
    const all = (await gql('{ stats { entities relations byEntityType { type count } byRelationType { type count } } }')).data!.stats;
    expect(all.byEntityType).toContainEqual({ type: 'Enterprise', count: 3 + HUB_SIZE });
    expect(all.byRelationType).toContainEqual({ type: 'MEMBER_OF', count: 4 });
    const mh = (await gql('{ stats(region: "r-mh") { region { name } entities byEntityType { type count } } }')).data!.stats;
    expect(mh.region.name).toBe('闵行区');
    // 闵行区, 浦江镇, 浦江智谷, 思路迪, 诺斯清
    expect(mh.entities).toBe(5);
    expect(mh.byEntityType).toContainEqual({ type: 'Enterprise', count: 2 });
  });

  it('round-trips Chinese text, quotes, backslashes and Cypher-looking strings unchanged', async ({ gql }) => {
    const res = await gql(`{ entity(id: "x-evil") { ${ENTITY} } }`);
    const e = res.data!.entity;
    expect(e.name).toBe(EVIL_NAME);
    expect(e.description).toBe(EVIL_DESCRIPTION);
    expect(e.aliases).toEqual([EVIL_ALIAS]);
    expect(e.sources[0].quote).toBe(`"${EVIL_NAME}" said: '}) RETURN 1 //`);
    const signed = (await gql(`{ neighborhood(ids: ["x-evil"]) { edges { topic } } }`)).data!.neighborhood;
    expect(signed.edges[0].topic).toBe(EVIL_NAME);
  });

  it('treats Cypher-looking arguments as data, never as code', async ({ gql, store }) => {
    const before = await stats(store);
    for (const text of [EVIL_NAME, `" OR 1=1 //`, `') DETACH DELETE n //`, '$q', '\\']) {
      const res = await gql('query($t: String!) { search(text: $t) { id } }', { t: text });
      expect(res.errors).toBeUndefined();
    }
    expect((await gql('query($t: String!) { search(text: $t) { id } }', { t: EVIL_NAME })).data!.search[0].id).toBe('x-evil');
    const nf = await gql('query($id: ID!) { entity(id: $id) { id } }', { id: `x' OR 1=1 MATCH (n) DETACH DELETE n //` });
    expect(nf.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await stats(store)).toEqual(before);
  });

  describe('bad input', () => {
    const code = async (gql: Gql, query: string) => (await gql(query)).errors?.[0]?.extensions?.code;
    it('answers NOT_FOUND for unknown ids', async ({ gql }) => {
      expect(await code(gql, '{ entity(id: "nope") { id } }')).toBe('NOT_FOUND');
      expect(await code(gql, '{ neighborhood(ids: ["nope"]) { truncated } }')).toBe('NOT_FOUND');
      expect(await code(gql, '{ paths(from: "e-sld", to: "nope") { length } }')).toBe('NOT_FOUND');
      expect(await code(gql, '{ stats(region: "nope") { entities } }')).toBe('NOT_FOUND');
    });
    it('answers BAD_USER_INPUT for depth, empty text and limits out of range', async ({ gql }) => {
      expect(await code(gql, '{ neighborhood(ids: ["e-sld"], depth: 0) { truncated } }')).toBe('BAD_USER_INPUT');
      expect(await code(gql, '{ neighborhood(ids: ["e-sld"], depth: 4) { truncated } }')).toBe('BAD_USER_INPUT');
      expect(await code(gql, '{ search(text: "   ") { id } }')).toBe('BAD_USER_INPUT');
      expect(await code(gql, '{ search(text: "a", limit: 0) { id } }')).toBe('BAD_USER_INPUT');
      expect(await code(gql, '{ search(text: "a", limit: 1001) { id } }')).toBe('BAD_USER_INPUT');
      expect(await code(gql, '{ neighborhood(ids: ["e-sld"], limit: -1) { truncated } }')).toBe('BAD_USER_INPUT');
    });
  });
});
