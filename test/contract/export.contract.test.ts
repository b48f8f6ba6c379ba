/**
 * The subgraph export on every store: a Cypher export recreates the same subgraph when run
 * statement by statement, and GraphML / JSON exports hold what the store holds.
 */
import cytoscape from 'cytoscape';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { neighborhood, type Subgraph } from '../../server/domain/graph.js';
import { searchForm } from '../../server/domain/text.js';
import { EXPORT_NODE_LIMIT, exportSubgraph } from '../../server/export/export.js';
import { cypherString, splitCypherScript } from '../../server/export/formats.js';
import { EVIL_ALIAS, EVIL_DESCRIPTION, EVIL_NAME, smallGraph } from '../fixtures/small-graph.js';
import { storeFactories, type StoreHandle } from '../helpers/stores.js';

const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));

describe.each(storeFactories)('subgraph export on $name', (factory) => {
  let h: StoreHandle;

  async function load() {
    await h.store.clear();
    await h.store.bulkLoad(smallGraph());
  }

  const around = (ids: string[], depth: number): Promise<Subgraph> => neighborhood(h.store, ids, { depth, limit: EXPORT_NODE_LIMIT });

  beforeAll(async () => {
    h = await factory.open();
    await load();
  }, 120_000);

  afterAll(async () => {
    await h?.dispose();
  });

  it('reads back Cypher string literals with quotes, backslashes, control characters and emoji unchanged', async () => {
    for (const s of [
      EVIL_NAME,
      EVIL_DESCRIPTION,
      EVIL_ALIAS,
      `\\'\\\\'`,
      'tab\there\r\nCR',
      'bell\u0007 esc\u001b del\u007f',
      '😀 中文 閔行區',
    ]) {
      const [row] = await h.store.read(`RETURN ${cypherString(s)} AS v`);
      expect(row.v).toBe(s);
    }
  });

  describe.each([
    { ids: ['e-nsq'], depth: 2 },
    { ids: ['e-nsq', 'x-evil'], depth: 2 },
  ])('a CYPHER export of $ids at depth $depth', ({ ids, depth }) => {
    it('recreates the same subgraph after the store is cleared, and can run twice', async () => {
      await load();
      const before = await around(ids, depth);
      const file = await exportSubgraph(h.store, { ids, depth, format: 'cypher' });
      const statements = splitCypherScript(file.content);
      expect(statements).toHaveLength(before.nodes.length + before.edges.length);

      await h.store.clear();
      for (const s of statements) await h.store.write(s, {}, { operation: 'import' });
      const after = await around(ids, depth);
      expect(byId(after.nodes)).toEqual(byId(before.nodes));
      expect(byId(after.edges)).toEqual(byId(before.edges));
      expect(after.nodes.map((n) => n.id).sort()).toEqual(before.nodes.map((n) => n.id).sort());
      expect(after.truncated).toBe(false);

      // MERGE by id: running the script again changes nothing.
      for (const s of statements) await h.store.write(s, {}, { operation: 'import' });
      const [counts] = await h.store.read('MATCH (n:Entity) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS n, count(r) AS r');
      expect(counts).toEqual({ n: before.nodes.length, r: before.edges.length });
      expect(byId((await around(ids, depth)).edges)).toEqual(byId(before.edges));
    });

    it('stores the same search keys as a bulk load, so search finds imported nodes', async () => {
      const keys = async () =>
        new Map((await h.store.read('MATCH (n:Entity) RETURN n.id AS id, n.search AS search')).map((r) => [String(r.id), r.search]));
      const imported = await keys();
      const loaded = new Map(smallGraph().entities.map((e) => [e.id, e.search]));
      for (const [id, key] of imported) expect(key).toBe(loaded.get(id));
      // What search() asks for a traditional-character query.
      const found = await h.store.read('MATCH (n:Entity) WHERE n.search CONTAINS $q RETURN n.id AS id', { q: searchForm('諾斯清') });
      expect(found.map((r) => r.id)).toEqual(['e-nsq']);
    });
  });

  it('restores the fixture’s evil strings exactly (after the import above)', async () => {
    const evil = (await around(['x-evil'], 1)).nodes.find((n) => n.id === 'x-evil')!;
    expect(evil.name).toBe(EVIL_NAME);
    expect(evil.description).toBe(EVIL_DESCRIPTION);
    expect(evil.aliases).toEqual([EVIL_ALIAS]);
    expect(evil.sources[0].quote).toBe(`"${EVIL_NAME}" said: '}) RETURN 1 //`);
    const found = await h.store.read('MATCH (n:Entity) WHERE n.search CONTAINS $q RETURN n.id AS id', { q: searchForm('測試') });
    expect(found.map((r) => r.id)).toEqual(['x-evil']);
  });

  it('exports GraphML that an XML parser reads back with the same nodes, edges and names', async () => {
    await load();
    const sg = await around(['e-nsq', 'x-evil'], 2);
    const file = await exportSubgraph(h.store, { ids: ['e-nsq', 'x-evil'], depth: 2, format: 'GraphML' });
    expect(file.filename).toBe('bioeco-subgraph-e-nsq+1-d2.graphml');
    expect(XMLValidator.validate(file.content)).toBe(true);
    const doc = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      htmlEntities: true,
      parseTagValue: false,
      trimValues: false,
      isArray: (name, _path, _leaf, isAttribute) => !isAttribute && ['key', 'node', 'edge', 'data'].includes(name),
    }).parse(file.content);
    const g = doc.graphml.graph;
    type Data = { key: string; '#text'?: string };
    const names = new Map<string, string>(
      g.node.map((n: { id: string; data: Data[] }) => [n.id, n.data.find((d) => d.key === 'n_name')?.['#text']]),
    );
    expect([...names.keys()].sort()).toEqual(sg.nodes.map((n) => n.id).sort());
    expect(g.edge.map((e: { id: string }) => e.id).sort()).toEqual(sg.edges.map((e) => e.id).sort());
    expect(names.get('e-nsq')).toBe('上海诺斯清生物科技有限公司');
    expect(names.get('x-evil')).toBe(EVIL_NAME);
  });

  it('exports JSON that loads into headless cytoscape with the same counts', async () => {
    const sg = await around(['a-dpj'], 2);
    const file = await exportSubgraph(h.store, { ids: ['a-dpj'], depth: 2, format: 'json' });
    const doc = JSON.parse(file.content);
    const cy = cytoscape({ headless: true, elements: doc.elements });
    expect(cy.nodes()).toHaveLength(sg.nodes.length);
    expect(cy.edges()).toHaveLength(sg.edges.length);
    expect(cy.getElementById('a-dpj').data('name')).toBe('大浦江生物医药产业链党建联盟');
    expect(doc.provenance.params).toEqual({ ids: ['a-dpj'], depth: 2, limit: EXPORT_NODE_LIMIT, format: 'JSON' });
    cy.destroy();
  });

  it('exports a hub with its 1500 neighbours whole, under the node limit', async () => {
    const file = await exportSubgraph(h.store, { ids: ['r-hub'], depth: 1, format: 'JSON' });
    const doc = JSON.parse(file.content);
    expect(doc.provenance.truncated).toBe(false);
    expect(doc.elements.nodes.length).toBe(smallGraph().relations.filter((r) => r.to === 'r-hub').length + 2);
  });
});
