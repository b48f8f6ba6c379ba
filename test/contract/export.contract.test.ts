/**
 * The subgraph export on every store: a Cypher export recreates the same subgraph when run
 * statement by statement, and GraphML / JSON exports hold what the store holds.
 */
import cytoscape from 'cytoscape';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect } from 'vitest';
import { neighborhood, type Subgraph } from '../../server/domain/graph.js';
import { searchForm } from '../../server/domain/text.js';
import type { GraphStore } from '../../server/store/types.js';
import { EXPORT_NODE_LIMIT, exportSubgraph, exportView } from '../../server/export/export.js';
import { cypherString } from '../../server/export/formats.js';
import { EVIL_ALIAS, EVIL_DESCRIPTION, EVIL_NAME, smallGraph } from '../fixtures/small-graph.js';
import { scriptStatements } from '../helpers/cypher-script.js';
import { graphTest, withPrefix } from '../helpers/graph-test.js';
import { storeFactories } from '../helpers/stores.js';

const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
const around = (store: GraphStore, ids: string[], depth: number): Promise<Subgraph> =>
  neighborhood(store, ids, { depth, limit: EXPORT_NODE_LIMIT });

const it = graphTest();

describe.each(storeFactories)('subgraph export on $name', (factory) => {
  it.scoped({ storeFactory: factory });

  it('reads back Cypher string literals with quotes, backslashes, control characters and emoji unchanged', async ({ store }) => {
    for (const s of [
      EVIL_NAME,
      EVIL_DESCRIPTION,
      EVIL_ALIAS,
      `\\'\\\\'`,
      'tab\there\r\nCR',
      'bell\u0007 esc\u001b del\u007f',
      '😀 中文 閔行區',
    ]) {
      const [row] = await store.read(`RETURN ${cypherString(s)} AS v`);
      expect(row.v).toBe(s);
    }
  });

  // Each case exports a copy of the small graph under the test's own ids, deletes the copy, then runs the script.
  describe.each([
    { ids: ['e-nsq'], depth: 2 },
    { ids: ['e-nsq', 'x-evil'], depth: 2 },
  ])('a CYPHER export of $ids at depth $depth', ({ ids, depth }) => {
    it('recreates the same subgraph with the search keys of a bulk load, and can run twice', async ({ store, scratch }) => {
      const data = smallGraph({ hubSize: 0 });
      await scratch.load(data);
      const mine = ids.map(scratch.id);
      const before = await around(store, mine, depth);
      const file = await exportSubgraph(store, { ids: mine, depth, format: 'cypher' });
      const statements = scriptStatements(file.content);
      expect(statements).toHaveLength(before.nodes.length + before.edges.length);

      const read = (cypher: string, params: Record<string, unknown> = {}) => store.read(cypher, { ...params, p: scratch.prefix });
      const counts = async () =>
        (
          await read('MATCH (n:Entity) WHERE n.id STARTS WITH $p OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS n, count(r) AS r')
        )[0];
      await scratch.remove();
      expect(await counts()).toEqual({ n: 0, r: 0 });
      for (const s of statements) await store.write(s, {}, { operation: 'import' });
      const after = await around(store, mine, depth);
      expect(byId(after.nodes)).toEqual(byId(before.nodes));
      expect(byId(after.edges)).toEqual(byId(before.edges));
      expect(after.truncated).toBe(false);

      // The script rebuilds each search key as a bulk load does, so search finds what it imported.
      const loaded = new Map(withPrefix(data, scratch.prefix).entities.map((e) => [e.id, e.search]));
      for (const { id, search } of await read('MATCH (n:Entity) WHERE n.id STARTS WITH $p RETURN n.id AS id, n.search AS search'))
        expect(search).toBe(loaded.get(String(id)));
      const found = await read('MATCH (n:Entity) WHERE n.search CONTAINS $q AND n.id STARTS WITH $p RETURN n.id AS id', {
        q: searchForm('諾斯清'),
      });
      expect(found.map((r) => r.id)).toEqual([scratch.id('e-nsq')]);

      // MERGE by id: running the script again changes nothing.
      for (const s of statements) await store.write(s, {}, { operation: 'import' });
      expect(await counts()).toEqual({ n: before.nodes.length, r: before.edges.length });
      expect(byId((await around(store, mine, depth)).edges)).toEqual(byId(before.edges));
    });
  });

  it('exports GraphML that an XML parser reads back with the same nodes, edges and names', async ({ store }) => {
    const sg = await around(store, ['e-nsq', 'x-evil'], 2);
    const file = await exportSubgraph(store, { ids: ['e-nsq', 'x-evil'], depth: 2, format: 'GraphML' });
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

  it('exports JSON that loads into headless cytoscape with the same counts', async ({ store }) => {
    const sg = await around(store, ['a-dpj'], 2);
    const file = await exportSubgraph(store, { ids: ['a-dpj'], depth: 2, format: 'json' });
    const doc = JSON.parse(file.content);
    const cy = cytoscape({ headless: true, elements: doc.elements });
    expect(cy.nodes()).toHaveLength(sg.nodes.length);
    expect(cy.edges()).toHaveLength(sg.edges.length);
    expect(cy.getElementById('a-dpj').data('name')).toBe('大浦江生物医药产业链党建联盟');
    expect(doc.provenance.params).toEqual({ ids: ['a-dpj'], depth: 2, limit: EXPORT_NODE_LIMIT, format: 'JSON' });
    cy.destroy();
  });

  it('exports a hub with its 1500 neighbours whole, under the node limit', async ({ store }) => {
    const file = await exportSubgraph(store, { ids: ['r-hub'], depth: 1, format: 'JSON' });
    const doc = JSON.parse(file.content);
    expect(doc.provenance.truncated).toBe(false);
    expect(doc.elements.nodes.length).toBe(smallGraph().relations.filter((r) => r.to === 'r-hub').length + 2);
  });

  it('exports a view: its entities, and of their relations only those of the links drawn', async ({ store }) => {
    // e-nsq has four relations; the view shows it with a hub member and both alliances, and draws one membership.
    const file = await exportView(store, {
      ids: ['e-nsq', 'a-dpj', 'a-mhbio', 'hub-0001'],
      links: [{ source: 'e-nsq', target: 'a-mhbio', type: 'MEMBER_OF' }],
      format: 'json',
    });
    const doc = JSON.parse(file.content);
    expect(doc.elements.nodes.map((n: { data: { id: string } }) => n.data.id)).toEqual(['e-nsq', 'a-dpj', 'a-mhbio', 'hub-0001']);
    expect(doc.elements.edges.map((e: { data: { source: string; target: string; role: string } }) => e.data)).toEqual([
      expect.objectContaining({ source: 'e-nsq', target: 'a-mhbio', type: 'MEMBER_OF', role: '首席执行长' }),
    ]);
  });
});
