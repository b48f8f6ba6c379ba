/** The export formatters on a hand-made subgraph: each file opens in the tool it is made for. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import cytoscape from 'cytoscape';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect } from 'vitest';
import type { Subgraph } from '../../server/domain/graph.js';
import { noProfile, noVersion, type Edge, type Entity } from '../../server/domain/model.js';
import { buildSearchKey } from '../../server/domain/text.js';
import {
  cypherString,
  toCsv,
  toCypher,
  toCytoscapeJson,
  toGraphml,
  xmlEscape,
  type FormatOptions,
  type Provenance,
} from '../../server/export/formats.js';
import { scriptStatements } from '../helpers/cypher-script.js';
import { test as it } from '../helpers/fixtures.js';

const XML_SPECIALS = `<tag a="1"> & 'single' "double" </tag>`;
const MULTILINE = '第一行\n第二行\r\n第三行\t制表';
const CONTROL = 'bell\u0007 nul\u0000 esc\u001b';
const CYPHER_EVIL = `Robert'); MATCH (n) DETACH DELETE n; // \\' \\`;

function entity(e: Partial<Entity> & Pick<Entity, 'id' | 'name'>): Entity {
  return {
    type: 'Enterprise',
    nameEn: null,
    aliases: [],
    kind: null,
    description: null,
    tier: null,
    ord: null,
    date: null,
    lastSeen: null,
    sources: [{ document: 'a.txt', quote: e.name }],
    ...noProfile(),
    ...e,
  };
}

function edge(e: Partial<Edge> & Pick<Edge, 'id' | 'type' | 'source' | 'target'>): Edge {
  return { role: null, kind: null, topic: null, date: null, inferred: false, reason: null, sources: [], ...noVersion(), ...e };
}

const nodes: Entity[] = [
  entity({ id: 'e-nsq', name: '上海诺斯清生物科技有限公司', aliases: ['诺斯清', '諾斯清'], nameEn: 'Northsea 😀', lastSeen: '2023-06-01' }),
  entity({
    id: 'x-evil',
    name: CYPHER_EVIL,
    aliases: [XML_SPECIALS],
    description: MULTILINE,
    sources: [
      { document: 'a.txt', quote: XML_SPECIALS },
      { document: 'b.txt', quote: CONTROL },
    ],
  }),
  entity({ id: 'a-dpj', type: 'Alliance', name: '大浦江生物医药产业链党建联盟', kind: 'party_alliance' }),
  entity({ id: 'c-api', type: 'ChainSegment', name: '原料药', description: CONTROL, tier: 'upstream', ord: 3, sources: [] }),
];

const edges: Edge[] = [
  edge({
    id: 'member_of-1',
    type: 'MEMBER_OF',
    source: 'e-nsq',
    target: 'a-dpj',
    role: '成员单位',
    date: '2021-04-22',
    sources: [{ document: 'a.txt', quote: '诺斯清 加入' }],
  }),
  edge({ id: 'signed-1', type: 'SIGNED', source: 'x-evil', target: 'e-nsq', kind: 'agreement', topic: XML_SPECIALS }),
  edge({ id: 'in_segment-1', type: 'IN_SEGMENT', source: 'e-nsq', target: 'c-api', inferred: true, reason: '名称含"原料"' }),
];

const subgraph: Subgraph = { nodes, edges, truncated: true };

const provenance: Provenance = {
  query: 'neighborhood(ids: ["e-nsq"], depth: 1, limit: 5000)',
  params: { ids: ['e-nsq'], depth: 1, limit: 5000, format: 'JSON' },
  generatedAt: '2024-05-01T08:00:00.000Z',
  documents: new Map([['a.txt', { title: '大浦江党建联盟成立', date: '2021-04-22' }]]),
};

const opts: FormatOptions = { subgraph, provenance };

describe('JSON (Cytoscape elements)', () => {
  const file = toCytoscapeJson(opts);
  const doc = JSON.parse(file.content);

  it('names the file and type', () => {
    expect(file.filename).toBe('bioeco-subgraph.json');
    expect(file.mimeType).toBe('application/json');
    expect(toCytoscapeJson({ ...opts, basename: 'x-d1' }).filename).toBe('x-d1.json');
  });

  it('loads into headless cytoscape with every node and edge', () => {
    const cy = cytoscape({ headless: true, elements: doc.elements });
    expect(cy.nodes()).toHaveLength(nodes.length);
    expect(cy.edges()).toHaveLength(edges.length);
    expect(cy.getElementById('e-nsq').data('label')).toBe('上海诺斯清生物科技有限公司');
    expect(cy.getElementById('x-evil').data('description')).toBe(MULTILINE);
    const signed = cy.getElementById('signed-1');
    expect(signed.source().id()).toBe('x-evil');
    expect(signed.target().id()).toBe('e-nsq');
    expect(signed.data('topic')).toBe(XML_SPECIALS);
    expect(cy.getElementById('member_of-1').data('sources')).toEqual(edges[0].sources);
    cy.destroy();
  });

  it('keeps every entity and edge field, and states its provenance', () => {
    expect(doc.format).toBe('cytoscape');
    expect(doc.elements.nodes[1].data).toEqual({ ...nodes[1], label: CYPHER_EVIL, typeLabel: '企业', kindLabel: null, tierLabel: null });
    expect(doc.elements.edges[2].data).toEqual({ ...edges[2], label: '所属环节', typeLabel: '所属环节', kindLabel: null });
    expect(doc.provenance).toEqual({
      query: provenance.query,
      params: provenance.params,
      generatedAt: provenance.generatedAt,
      truncated: true,
      nodes: 4,
      edges: 3,
      documents: [
        { document: 'a.txt', title: '大浦江党建联盟成立', date: '2021-04-22' },
        { document: 'b.txt', title: null, date: null },
      ],
    });
  });

  it('labels types and kinds in the language asked for, Chinese by default', () => {
    const en = JSON.parse(toCytoscapeJson({ ...opts, lang: 'en' }).content);
    expect(en.elements.nodes[2].data).toMatchObject({ type: 'Alliance', kind: 'party_alliance', kindLabel: 'party-building alliance' });
    expect(en.elements.edges[0].data).toMatchObject({ type: 'MEMBER_OF', label: 'member of', typeLabel: 'member of' });
    expect(doc.elements.nodes[2].data).toMatchObject({ typeLabel: '联盟/商协会', kindLabel: '党建联盟' });
  });

  it('leaves out an edge whose end is not in the subgraph (cytoscape would refuse it)', () => {
    const dangling = edge({ id: 'x', type: 'LOCATED_IN', source: 'e-nsq', target: 'nowhere' });
    const d = JSON.parse(toCytoscapeJson({ ...opts, subgraph: { ...subgraph, edges: [...edges, dangling] } }).content);
    expect(d.elements.edges).toHaveLength(edges.length);
    expect(() => cytoscape({ headless: true, elements: d.elements }).destroy()).not.toThrow();
  });
});

describe('GraphML', () => {
  const file = toGraphml(opts);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    htmlEntities: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    isArray: (name, _path, _leaf, isAttribute) => !isAttribute && ['key', 'node', 'edge', 'data'].includes(name),
  });
  type Data = { key: string; '#text'?: string };
  const doc = parser.parse(file.content);
  const g = doc.graphml.graph;
  const dataOf = (x: { data?: Data[] }) => Object.fromEntries((x.data ?? []).map((d) => [d.key, d['#text'] ?? '']));
  const node = (id: string) => dataOf(g.node.find((n: { id: string }) => n.id === id));
  const edgeData = (id: string) => dataOf(g.edge.find((e: { id: string }) => e.id === id));

  it('is well-formed GraphML 1.0', () => {
    expect(XMLValidator.validate(file.content)).toBe(true);
    expect(file.content.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(doc.graphml.xmlns).toBe('http://graphml.graphdrawing.org/xmlns');
    expect(g.edgedefault).toBe('directed');
    expect(file.filename).toBe('bioeco-subgraph.graphml');
    expect(file.mimeType).toBe('application/graphml+xml');
  });

  it('declares a key, typed, for every data element it writes', () => {
    const keys = new Map<string, { for: string; 'attr.type': string }>(
      doc.graphml.key.map((k: { id: string; for: string; 'attr.type': string }) => [k.id, k]),
    );
    for (const [domain, list] of [
      ['node', g.node],
      ['edge', g.edge],
      ['graph', [g]],
    ] as const) {
      for (const x of list) for (const d of x.data ?? []) expect(keys.get(d.key)?.for, d.key).toBe(domain);
    }
    expect(keys.get('n_ord')?.['attr.type']).toBe('int');
    expect(keys.get('e_inferred')?.['attr.type']).toBe('boolean');
    expect(keys.get('g_truncated')?.['attr.type']).toBe('boolean');
  });

  it('has every node and edge with their data', () => {
    expect(g.node).toHaveLength(nodes.length);
    expect(g.edge).toHaveLength(edges.length);
    expect(node('e-nsq')).toMatchObject({
      n_label: '上海诺斯清生物科技有限公司',
      n_type: 'Enterprise',
      n_typeLabel: '企业',
      n_nameEn: 'Northsea 😀',
      n_lastSeen: '2023-06-01',
    });
    expect(JSON.parse(node('e-nsq').n_aliases)).toEqual(['诺斯清', '諾斯清']);
    expect(node('c-api')).toMatchObject({ n_ord: '3', n_tier: 'upstream', n_sources: '[]' });
    // null fields have no <data>
    expect(node('c-api')).not.toHaveProperty('n_nameEn');
    const e = g.edge.find((x: { id: string }) => x.id === 'in_segment-1');
    expect([e.source, e.target]).toEqual(['e-nsq', 'c-api']);
    expect(edgeData('in_segment-1')).toMatchObject({
      e_label: '所属环节',
      e_type: 'IN_SEGMENT',
      e_inferred: 'true',
      e_reason: '名称含"原料"',
    });
    expect(edgeData('member_of-1')).toMatchObject({ e_role: '成员单位', e_inferred: 'false', e_date: '2021-04-22' });
  });

  it('round-trips Chinese text, <>&"\' and line breaks', () => {
    expect(node('x-evil').n_name).toBe(CYPHER_EVIL);
    expect(JSON.parse(node('x-evil').n_aliases)).toEqual([XML_SPECIALS]);
    expect(node('x-evil').n_description).toBe(MULTILINE);
    expect(edgeData('signed-1').e_topic).toBe(XML_SPECIALS);
    expect(JSON.parse(node('x-evil').n_sources)[0]).toEqual({ document: 'a.txt', quote: XML_SPECIALS });
  });

  it('replaces characters XML cannot carry with U+FFFD, except inside JSON attributes', () => {
    expect(node('c-api').n_description).toBe('bell\uFFFD nul\uFFFD esc\uFFFD');
    // JSON escapes control characters itself, so sources keep them exactly.
    expect(JSON.parse(node('x-evil').n_sources)[1].quote).toBe(CONTROL);
    expect(xmlEscape('a\uD800b\uFFFEc')).toBe('a\uFFFDb\uFFFDc');
    expect(xmlEscape('😀')).toBe('😀');
    expect(xmlEscape('a\nb\tc', true)).toBe('a&#10;b&#9;c');
  });

  it('carries the provenance as graph data', () => {
    const p = dataOf(g);
    expect(p.g_query).toBe(provenance.query);
    expect(JSON.parse(p.g_params)).toEqual(provenance.params);
    expect(p.g_generatedAt).toBe(provenance.generatedAt);
    expect(p.g_truncated).toBe('true');
    expect(JSON.parse(p.g_documents)[0]).toEqual({ document: 'a.txt', title: '大浦江党建联盟成立', date: '2021-04-22' });
  });

  const networkx = spawnSync('python3', ['-c', 'import networkx'], { stdio: 'ignore' }).status === 0;
  it.skipIf(!networkx)('opens in networkx with typed attributes', ({ tempDir }) => {
    const f = path.join(tempDir, 'g.graphml');
    fs.writeFileSync(f, file.content);
    const script = [
      'import json, sys, networkx as nx',
      'g = nx.read_graphml(sys.argv[1])',
      'print(json.dumps({"nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "directed": g.is_directed(),',
      ' "evil": g.nodes["x-evil"]["name"], "desc": g.nodes["x-evil"]["description"], "ord": g.nodes["c-api"]["ord"],',
      ' "inferred": g.edges["e-nsq", "c-api"]["inferred"], "query": g.graph["query"]}))',
    ].join('\n');
    const out = spawnSync('python3', ['-c', script, f], { encoding: 'utf8' });
    expect(out.stderr).toBe('');
    expect(JSON.parse(out.stdout)).toEqual({
      nodes: 4,
      edges: 3,
      directed: true,
      evil: CYPHER_EVIL,
      desc: MULTILINE,
      ord: 3,
      inferred: true,
      query: provenance.query,
    });
  });
});

describe('CSV', () => {
  const file = toCsv(opts);
  const rows: Record<string, string>[] = parseCsv(file.content, { bom: true, columns: true });

  it('is one UTF-8 file with a BOM, for Excel', () => {
    expect(file.content.startsWith('\uFEFFelement,id,type,typeLabel,name,source,target,')).toBe(true);
    expect(file.filename).toBe('bioeco-subgraph.csv');
    expect(file.mimeType).toBe('text/csv');
  });

  it('has a row per node and edge, told apart by the element column', () => {
    const byElement = (el: string) => rows.filter((r) => r.element === el);
    expect(byElement('node').map((r) => r.id)).toEqual(nodes.map((n) => n.id));
    expect(byElement('edge').map((r) => r.id)).toEqual(edges.map((e) => e.id));
    const nsq = rows.find((r) => r.id === 'e-nsq')!;
    expect(nsq).toMatchObject({
      type: 'Enterprise',
      typeLabel: '企业',
      name: '上海诺斯清生物科技有限公司',
      nameEn: 'Northsea 😀',
      lastSeen: '2023-06-01',
      source: '',
      target: '',
    });
    expect(JSON.parse(nsq.aliases)).toEqual(['诺斯清', '諾斯清']);
    const seg = rows.find((r) => r.id === 'in_segment-1')!;
    expect(seg).toMatchObject({ source: 'e-nsq', target: 'c-api', inferred: 'true', reason: '名称含"原料"', name: '' });
    expect(rows.find((r) => r.id === 'member_of-1')).toMatchObject({ role: '成员单位', inferred: 'false' });
    expect(rows.find((r) => r.id === 'c-api')).toMatchObject({ ord: '3', tier: 'upstream' });
  });

  it('round-trips quotes, commas, line breaks and Chinese through a CSV parser', () => {
    const evil = rows.find((r) => r.id === 'x-evil')!;
    expect(evil.name).toBe(CYPHER_EVIL);
    expect(evil.description).toBe(MULTILINE);
    expect(JSON.parse(evil.sources)).toEqual(nodes[1].sources);
    expect(rows.find((r) => r.id === 'signed-1')!.topic).toBe(XML_SPECIALS);
  });

  it('ends with the provenance and the cited documents as rows', () => {
    const prov = Object.fromEntries(rows.filter((r) => r.element === 'provenance').map((r) => [r.id, r.name]));
    expect(prov).toEqual({
      query: provenance.query,
      params: JSON.stringify(provenance.params),
      generatedAt: provenance.generatedAt,
      truncated: 'true',
    });
    expect(rows.filter((r) => r.element === 'document').map((r) => [r.id, r.name, r.date])).toEqual([
      ['a.txt', '大浦江党建联盟成立', '2021-04-22'],
      ['b.txt', '', ''],
    ]);
  });
});

describe('CSV against formula injection (OWASP)', () => {
  const FORMULAS = ['=HYPERLINK("http://evil.example","点我")', "+1+cmd|' /C calc'!A0", '-2+3', '@SUM(1,2)', '\t=1+1', '\r=1+1'];
  const injected: Subgraph = {
    nodes: [
      entity({ id: 'f-name', name: FORMULAS[0], aliases: ['=A1'], description: FORMULAS[1], ord: -1 }),
      entity({
        id: '=cmd',
        name: FORMULAS[2],
        nameEn: FORMULAS[3],
        description: FORMULAS[4],
        sources: [{ document: '@doc.txt', quote: FORMULAS[5] }],
      }),
      entity({ id: 'plain', name: 'a=b+c-d@e', description: "'quoted already" }),
    ],
    edges: [edge({ id: 'e-1', type: 'SIGNED', source: 'f-name', target: '=cmd', kind: 'agreement', topic: '=1+1', role: '-成员' })],
    truncated: false,
  };
  const file = toCsv({ subgraph: injected, provenance: { ...provenance, documents: new Map() } });
  const rows: Record<string, string>[] = parseCsv(file.content, { bom: true, columns: true });
  const row = (id: string) => rows.find((r) => r.id === id || r.id === `'${id}`)!;

  it('prefixes a single quote to every text cell that starts with =, +, -, @, tab or CR', () => {
    expect(row('f-name')).toMatchObject({ name: `'${FORMULAS[0]}`, description: `'${FORMULAS[1]}` });
    expect(row('=cmd')).toMatchObject({ id: `'=cmd`, name: `'${FORMULAS[2]}`, nameEn: `'${FORMULAS[3]}`, description: `'${FORMULAS[4]}` });
    expect(row('e-1')).toMatchObject({ target: `'=cmd`, topic: "'=1+1", role: "'-成员" });
  });

  it('leaves other text, JSON lists and numbers as they are', () => {
    expect(row('plain')).toMatchObject({ name: 'a=b+c-d@e', description: "'quoted already" });
    expect(JSON.parse(row('=cmd').sources)).toEqual([{ document: '@doc.txt', quote: FORMULAS[5] }]);
    expect(JSON.parse(row('f-name').aliases)).toEqual(['=A1']);
    expect(row('f-name').ord).toBe('-1');
  });

  it('quotes every escaped cell, so no spreadsheet reads past the quote', () => {
    const raw = file.content;
    expect(raw).toContain(`,"'=cmd",`);
    expect(raw).toContain(`"'-2+3"`);
    expect(raw).toContain(`"'@SUM(1,2)"`);
    expect(raw).toContain(`"'\t=1+1"`);
    // Every line a spreadsheet sees starts with a row kind, never with a formula.
    for (const line of raw
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean))
      expect(line).toMatch(/^(element|node|edge|provenance|document),|^[^=+\-@]/);
  });
});

describe('Cypher script', () => {
  const file = toCypher(opts);
  const statements = scriptStatements(file.content);

  it('starts with the provenance in comments', () => {
    const header = file.content.split('\n').filter((l) => l.startsWith('//'));
    expect(header.join('\n')).toContain(`// query: ${provenance.query}`);
    expect(header.join('\n')).toContain('// generatedAt: 2024-05-01T08:00:00.000Z');
    expect(header.join('\n')).toContain('// document: a.txt — 大浦江党建联盟成立 (2021-04-22)');
    expect(file.filename).toBe('bioeco-subgraph.cypher');
  });

  it('has one statement per node, then one per edge, each on its own line', () => {
    const lines = file.content.split('\n').filter((l) => l !== '' && !l.startsWith('//'));
    expect(lines).toHaveLength(nodes.length + edges.length);
    expect(lines.every((l) => l.endsWith(';'))).toBe(true);
    expect(statements.slice(0, 4).every((s) => s.startsWith('MERGE (n:Entity {id: '))).toBe(true);
    expect(statements.slice(4).every((s) => s.startsWith('MATCH (a:Entity {id: '))).toBe(true);
    expect(file.content.endsWith(';\n')).toBe(true);
  });

  it('stores lists as JSON strings and rebuilds the search key', () => {
    const nsq = statements[0];
    expect(nsq).toContain(`n.aliases = '["诺斯清","諾斯清"]'`);
    expect(nsq).toContain(`n.search = ${cypherString(buildSearchKey(nodes[0].name, nodes[0].aliases, nodes[0].nameEn))}`);
    expect(nsq).toContain('n.kind = NULL');
    expect(nsq).toContain("n.lastSeen = '2023-06-01'");
    expect(statements[3]).toContain('n.ord = 3');
    expect(statements[6]).toContain('MERGE (a)-[r:IN_SEGMENT {id: ');
    expect(statements[6]).toContain('r.inferred = true');
  });

  it('refuses a relation type outside the model (it becomes an identifier)', () => {
    const bad = edge({ id: 'x', type: 'KNOWS]->(b) DETACH DELETE b //' as never, source: 'e-nsq', target: 'a-dpj' });
    expect(() => toCypher({ ...opts, subgraph: { ...subgraph, edges: [bad] } })).toThrow(/unknown relation type/);
  });

  it('escapes string literals for both engines', () => {
    expect(cypherString(`it's`)).toBe(`'it\\'s'`);
    expect(cypherString('a\\b')).toBe(`'a\\\\b'`);
    expect(cypherString('a\nb\r\tc')).toBe(`'a\\nb\\r\\tc'`);
    expect(cypherString('\u0000\u0007\u007f')).toBe(`'\\u0000\\u0007\\u007f'`);
    expect(cypherString('"双引号" 😀')).toBe(`'"双引号" 😀'`);
    expect(cypherString('a\uD800')).toBe(`'a\uFFFD'`);
  });
});
