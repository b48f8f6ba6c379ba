/**
 * Subgraph export formats: pure functions, one per format, each taking one options object and
 * returning the file to download. Every format carries the provenance of the export (the request,
 * its parameters, when it ran, whether the neighbourhood was truncated, the documents cited).
 */
import { stringify } from 'csv-stringify/sync';
import type { Subgraph } from '../domain/graph.js';
import {
  CHAIN_TIER_LABELS,
  ENTITY_KIND_LABELS,
  ENTITY_LABELS,
  RELATION_KIND_LABELS,
  ENTITY_PROPS,
  isRelationType,
  type Lang,
  RELATION_LABELS,
  RELATION_PROPS,
  type Edge,
  type Entity,
  type EntityProp,
  type PropKind,
  storedValue,
  type RelationProp,
} from '../domain/model.js';
import { buildSearchKey } from '../domain/text.js';

import { EXPORT_FORMATS, type ExportFormat } from '../domain/model.js';

export { EXPORT_FORMATS, type ExportFormat };

export interface ExportFile {
  filename: string;
  mimeType: string;
  content: string;
}

export interface DocumentMeta {
  title: string;
  date: string | null;
}

export interface Provenance {
  /** What was asked, readable: `neighborhood(ids: ["e-nsq"], depth: 2, limit: 5000)`. */
  query: string;
  params: Record<string, unknown>;
  /** ISO 8601 timestamp. */
  generatedAt: string;
  /** Titles and dates of source documents by file name, to name the documents the subgraph cites. */
  documents?: Map<string, DocumentMeta>;
}

export interface FormatOptions {
  subgraph: Subgraph;
  provenance: Provenance;
  /** File name without extension; defaults to `bioeco-subgraph`. */
  basename?: string;
  /** Language of the label columns (the codes are always written too); default zh. */
  lang?: Lang;
}

export type Formatter = (opts: FormatOptions) => ExportFile;

interface CitedDocument {
  document: string;
  title: string | null;
  date: string | null;
}

interface ProvenanceOut {
  query: string;
  params: Record<string, unknown>;
  generatedAt: string;
  truncated: boolean;
  nodes: number;
  edges: number;
  documents: CitedDocument[];
}

/**
 * Edges whose two ends are both in the subgraph. neighborhood() never returns anything else, but a
 * dangling edge would make Cytoscape throw and GraphML/Cypher refer to a missing node, so every
 * format applies the same rule.
 */
function closedEdges(sg: Subgraph): Edge[] {
  const ids = new Set(sg.nodes.map((n) => n.id));
  return sg.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
}

function provenanceOut(sg: Subgraph, edges: Edge[], p: Provenance): ProvenanceOut {
  const cited = new Set<string>();
  for (const x of [...sg.nodes, ...edges]) for (const s of x.sources) cited.add(s.document);
  return {
    query: p.query,
    params: p.params,
    generatedAt: p.generatedAt,
    truncated: sg.truncated,
    nodes: sg.nodes.length,
    edges: edges.length,
    documents: [...cited].sort().map((document) => {
      const meta = p.documents?.get(document);
      return { document, title: meta?.title ?? null, date: meta?.date ?? null };
    }),
  };
}

const base = (opts: FormatOptions) => opts.basename ?? 'bioeco-subgraph';

type Scalar = string | number | boolean | null;

/** The type's label in the export's language, beside the code. */
const typeLabel = (x: Entity | Edge, lang: Lang): string =>
  'source' in x ? (RELATION_LABELS[x.type]?.[lang] ?? x.type) : (ENTITY_LABELS[x.type]?.[lang] ?? x.type);
/** The kind's label (an alliance's kind, an agreement's kind), beside the `kind` code; null without one. */
const kindLabel = (x: Entity | Edge, lang: Lang): string | null => {
  if (!x.kind) return null;
  return 'source' in x ? RELATION_KIND_LABELS[x.kind][lang] : ENTITY_KIND_LABELS[x.kind][lang];
};
const tierLabel = (n: Entity, lang: Lang): string | null => (n.tier ? CHAIN_TIER_LABELS[n.tier][lang] : null);
/** Every label of a node or an edge in `lang`, as the JSON export writes them. */
const labels = (x: Entity | Edge, lang: Lang) => ({
  typeLabel: typeLabel(x, lang),
  kindLabel: kindLabel(x, lang),
  ...('source' in x ? {} : { tierLabel: tierLabel(x, lang) }),
});

const json = (v: unknown) => JSON.stringify(v);

/**
 * The fields every format writes follow the stored schema in the model (ENTITY_PROPS,
 * RELATION_PROPS), so a property added there is exported everywhere. `search` is derived and
 * rebuilt on import; `id` is written where each format keeps identities.
 */
type EntityField = Exclude<EntityProp, 'id' | 'search'>;
type RelationField = Exclude<RelationProp, 'id'>;
const ENTITY_FIELDS = (Object.keys(ENTITY_PROPS) as EntityProp[]).filter((k): k is EntityField => k !== 'id' && k !== 'search');
const RELATION_FIELDS = (Object.keys(RELATION_PROPS) as RelationProp[]).filter((k): k is RelationField => k !== 'id');
/** Values as the stores keep them (lists as JSON strings). */
const entityValue = (n: Entity, k: EntityField): Scalar => storedValue(k, n[k]);
const edgeValue = (e: Edge, k: RelationField): Scalar => storedValue(k, e[k]);

// ---------------------------------------------------------------------------------------------
// JSON: Cytoscape.js elements, loadable as `cytoscape({ elements: file.elements })`.

export function toCytoscapeJson(opts: FormatOptions): ExportFile {
  const edges = closedEdges(opts.subgraph);
  const doc = {
    format: 'cytoscape',
    provenance: provenanceOut(opts.subgraph, edges, opts.provenance),
    elements: {
      nodes: opts.subgraph.nodes.map((n) => ({ data: { ...n, label: n.name, ...labels(n, opts.lang ?? 'zh') } })),
      edges: edges.map((e) => ({ data: { ...e, label: typeLabel(e, opts.lang ?? 'zh'), ...labels(e, opts.lang ?? 'zh') } })),
    },
  };
  return { filename: `${base(opts)}.json`, mimeType: 'application/json', content: `${JSON.stringify(doc, null, 2)}\n` };
}

// ---------------------------------------------------------------------------------------------
// GraphML 1.0, for Gephi, yEd, Cytoscape desktop and networkx.

type GraphmlType = 'string' | 'int' | 'boolean';
const GRAPHML_TYPE: Record<PropKind, GraphmlType> = { string: 'string', int: 'int', bool: 'boolean' };

interface KeyDef<T> {
  id: string;
  name: string;
  type: GraphmlType;
  value: (x: T, lang: Lang) => Scalar;
}

const NODE_KEYS: KeyDef<Entity>[] = [
  // Gephi and yEd show the `label` attribute.
  { id: 'n_label', name: 'label', type: 'string', value: (n) => n.name },
  { id: 'n_typeLabel', name: 'typeLabel', type: 'string', value: typeLabel },
  { id: 'n_kindLabel', name: 'kindLabel', type: 'string', value: kindLabel },
  { id: 'n_tierLabel', name: 'tierLabel', type: 'string', value: tierLabel },
  ...ENTITY_FIELDS.map((k): KeyDef<Entity> => ({
    id: `n_${k}`,
    name: k,
    type: GRAPHML_TYPE[ENTITY_PROPS[k]],
    value: (n) => entityValue(n, k),
  })),
];

const EDGE_KEYS: KeyDef<Edge>[] = [
  { id: 'e_label', name: 'label', type: 'string', value: typeLabel },
  { id: 'e_kindLabel', name: 'kindLabel', type: 'string', value: kindLabel },
  { id: 'e_type', name: 'type', type: 'string', value: (e) => e.type },
  ...RELATION_FIELDS.map((k): KeyDef<Edge> => ({
    id: `e_${k}`,
    name: k,
    type: GRAPHML_TYPE[RELATION_PROPS[k]],
    value: (e) => edgeValue(e, k),
  })),
];

const GRAPH_KEYS: KeyDef<ProvenanceOut>[] = [
  { id: 'g_query', name: 'query', type: 'string', value: (p) => p.query },
  { id: 'g_params', name: 'params', type: 'string', value: (p) => json(p.params) },
  { id: 'g_generatedAt', name: 'generatedAt', type: 'string', value: (p) => p.generatedAt },
  { id: 'g_truncated', name: 'truncated', type: 'boolean', value: (p) => p.truncated },
  { id: 'g_documents', name: 'documents', type: 'string', value: (p) => json(p.documents) },
];

/**
 * Characters XML 1.0 cannot carry at all, not even as character references: C0 controls other than
 * tab, LF and CR, U+FFFE/U+FFFF and unpaired surrogates. They become U+FFFD.
 */
const XML_INVALID =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // Parsers normalise a literal CR to LF, and LF / tab in attributes to spaces: references survive.
  '\r': '&#13;',
  '\n': '&#10;',
  '\t': '&#9;',
};

/** Escapes text for element content (`attr` false) or an attribute value (`attr` true). */
export function xmlEscape(s: string, attr = false): string {
  const cleaned = s.replace(XML_INVALID, '\uFFFD');
  return cleaned.replace(attr ? /[&<>"'\r\n\t]/g : /[&<>"'\r]/g, (c) => XML_ENTITIES[c]);
}

function dataElements<T>(keys: KeyDef<T>[], x: T, indent: string, lang: Lang): string[] {
  const out: string[] = [];
  for (const k of keys) {
    const v = k.value(x, lang);
    // A missing <data> is GraphML's null.
    if (v === null || v === undefined) continue;
    out.push(`${indent}<data key="${k.id}">${xmlEscape(String(v))}</data>`);
  }
  return out;
}

const keyElement = (k: KeyDef<unknown>, domain: 'graph' | 'node' | 'edge') =>
  `  <key id="${k.id}" for="${domain}" attr.name="${k.name}" attr.type="${k.type}"/>`;

export function toGraphml(opts: FormatOptions): ExportFile {
  const lang = opts.lang ?? 'zh';
  const edges = closedEdges(opts.subgraph);
  const prov = provenanceOut(opts.subgraph, edges, opts.provenance);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
      'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...GRAPH_KEYS.map((k) => keyElement(k as KeyDef<unknown>, 'graph')),
    ...NODE_KEYS.map((k) => keyElement(k as KeyDef<unknown>, 'node')),
    ...EDGE_KEYS.map((k) => keyElement(k as KeyDef<unknown>, 'edge')),
    '  <graph id="G" edgedefault="directed">',
    ...dataElements(GRAPH_KEYS, prov, '    ', lang),
  ];
  for (const n of opts.subgraph.nodes) {
    lines.push(`    <node id="${xmlEscape(n.id, true)}">`, ...dataElements(NODE_KEYS, n, '      ', lang), '    </node>');
  }
  for (const e of edges) {
    lines.push(
      `    <edge id="${xmlEscape(e.id, true)}" source="${xmlEscape(e.source, true)}" target="${xmlEscape(e.target, true)}">`,
      ...dataElements(EDGE_KEYS, e, '      ', lang),
      '    </edge>',
    );
  }
  lines.push('  </graph>', '</graphml>', '');
  return { filename: `${base(opts)}.graphml`, mimeType: 'application/graphml+xml', content: lines.join('\n') };
}

// ---------------------------------------------------------------------------------------------
// CSV
//
// Design: ONE csv file, one row per element, so a download stays a single file that Excel and
// pandas open directly (`df[df.element == 'node']`). The first column `element` says what a row is
// — `node`, `edge`, `document` or `provenance` — and the other columns are the union of the node
// and edge fields under their API names (`kind` keeps its model meaning, the alliance kind or the
// kind of agreement, which is why the row kind is called `element`). Lists (`aliases`, `sources`)
// are JSON. Provenance cannot go in `#` comment lines (not CSV), so it closes the file as rows:
// `provenance` rows with the key in `id` and the value in `name` (query, params as JSON,
// generatedAt, truncated), then one `document` row per cited document (file name in `id`, title in
// `name`, `date`). The text starts with a UTF-8 BOM so Excel reads the Chinese as UTF-8; records
// end in CRLF (RFC 4180), and csv-stringify does all quoting. Text that a spreadsheet would run as
// a formula is escaped (csvText).

const CSV_LEAD = ['element', 'id', 'type', 'typeLabel', 'name', 'source', 'target'];
const CSV_COLUMNS = [
  ...new Set([...CSV_LEAD, ...ENTITY_FIELDS, ...RELATION_FIELDS].filter((k) => k !== 'sources')),
  'kindLabel',
  'tierLabel',
  // Long JSON last, so the readable columns come first in a spreadsheet.
  'sources',
];
type CsvRow = Record<string, Scalar>;

/**
 * CSV injection (OWASP): Excel and LibreOffice run a cell that starts with `=`, `+`, `-`, `@`, a tab
 * or a carriage return as a formula (`=HYPERLINK(…)`, `@SUM(…)`, `-2+3` …). Such a text cell gets a
 * leading single quote, which makes it text (Excel shows it without the quote), and is always
 * quoted. Only text is escaped; numbers and booleans stay what they are.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvText(value: string): string | { value: string; quoted: boolean } {
  return FORMULA_START.test(value) ? { value: `'${value}`, quoted: true } : value;
}

export function toCsv(opts: FormatOptions): ExportFile {
  const lang = opts.lang ?? 'zh';
  const edges = closedEdges(opts.subgraph);
  const prov = provenanceOut(opts.subgraph, edges, opts.provenance);
  const rows: CsvRow[] = [
    ...opts.subgraph.nodes.map((n): CsvRow => ({
      element: 'node',
      id: n.id,
      ...Object.fromEntries(ENTITY_FIELDS.map((k) => [k, entityValue(n, k)])),
      typeLabel: typeLabel(n, lang),
      kindLabel: kindLabel(n, lang),
      tierLabel: tierLabel(n, lang),
    })),
    ...edges.map((e): CsvRow => ({
      element: 'edge',
      id: e.id,
      type: e.type,
      typeLabel: typeLabel(e, lang),
      kindLabel: kindLabel(e, lang),
      source: e.source,
      target: e.target,
      ...Object.fromEntries(RELATION_FIELDS.map((k) => [k, edgeValue(e, k)])),
    })),
    { element: 'provenance', id: 'query', name: prov.query },
    { element: 'provenance', id: 'params', name: json(prov.params) },
    { element: 'provenance', id: 'generatedAt', name: prov.generatedAt },
    { element: 'provenance', id: 'truncated', name: prov.truncated },
    ...prov.documents.map((d): CsvRow => ({ element: 'document', id: d.document, name: d.title, date: d.date })),
  ];
  const content = stringify(rows, {
    bom: true,
    header: true,
    columns: CSV_COLUMNS,
    record_delimiter: 'windows',
    cast: { boolean: (b) => (b ? 'true' : 'false'), string: csvText },
  });
  return { filename: `${base(opts)}.csv`, mimeType: 'text/csv', content };
}

// ---------------------------------------------------------------------------------------------
// Cypher: a script that recreates the subgraph on LadybugDB and on Neo4j, one statement at a time.

/**
 * A single-quoted Cypher string literal that both engines read back unchanged: backslash, quote,
 * CR/LF/tab escaped by name, other control characters as \uXXXX (BMP escapes work on both; astral
 * characters, which LadybugDB cannot take as surrogate escapes, stay literal UTF-8).
 */
export function cypherString(s: string): string {
  const body = s
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    // eslint-disable-next-line no-control-regex -- escaping control characters is the point
    .replace(/[\\'\u0000-\u001F\u007F]/g, (c) => {
      switch (c) {
        case '\\':
          return '\\\\';
        case "'":
          return "\\'";
        case '\n':
          return '\\n';
        case '\r':
          return '\\r';
        case '\t':
          return '\\t';
        default:
          return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
      }
    });
  return `'${body}'`;
}

function cypherValue(v: Scalar | undefined): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isSafeInteger(v) ? String(v) : 'NULL';
  return cypherString(v);
}

const setClause = (v: string, props: [string, Scalar][]) => props.map(([k, x]) => `${v}.${k} = ${cypherValue(x)}`).join(', ');

/** One line of a `//` comment: line breaks would end the comment early. */
const commentLine = (s: string) => `// ${s.replace(/[\r\n\u2028\u2029]+/g, ' ')}`;

function nodeStatement(n: Entity): string {
  // Stored exactly as the loaders store it: every ENTITY_PROPS field, lists as JSON, search rebuilt.
  const props: [string, Scalar][] = ENTITY_FIELDS.map((k) => [k, entityValue(n, k)]);
  props.push(['search', buildSearchKey(n.name, n.aliases, n.nameEn)]);
  return `MERGE (n:Entity {id: ${cypherString(n.id)}}) SET ${setClause('n', props)}`;
}

function edgeStatement(e: Edge): string {
  // The type becomes an identifier, so only the model's relation types are accepted.
  if (!isRelationType(e.type)) throw new Error(`unknown relation type ${JSON.stringify(e.type)}`);
  const props: [string, Scalar][] = RELATION_FIELDS.map((k) => [k, edgeValue(e, k)]);
  return (
    `MATCH (a:Entity {id: ${cypherString(e.source)}}), (b:Entity {id: ${cypherString(e.target)}}) ` +
    `MERGE (a)-[r:${e.type} {id: ${cypherString(e.id)}}]->(b) SET ${setClause('r', props)}`
  );
}

export function toCypher(opts: FormatOptions): ExportFile {
  const edges = closedEdges(opts.subgraph);
  const prov = provenanceOut(opts.subgraph, edges, opts.provenance);
  const header = [
    'bioeco-graph subgraph export (Cypher) for LadybugDB and Neo4j.',
    `query: ${prov.query}`,
    `params: ${json(prov.params)}`,
    `generatedAt: ${prov.generatedAt}`,
    `nodes: ${prov.nodes}, edges: ${prov.edges}, truncated: ${prov.truncated}`,
    ...prov.documents.map((d) => `document: ${d.document}${d.title ? ` — ${d.title}` : ''}${d.date ? ` (${d.date})` : ''}`),
    'Run each statement on its own (statements end with ";") on a store whose schema exists.',
    'MERGE by id: running the script again updates the same nodes and relations.',
  ].map(commentLine);
  // MERGE keeps a re-import idempotent; nodes first, since relations MATCH their ends.
  const statements = [...opts.subgraph.nodes.map(nodeStatement), ...edges.map(edgeStatement)];
  const content = `${header.join('\n')}\n${statements.map((s) => `${s};\n`).join('')}`;
  return { filename: `${base(opts)}.cypher`, mimeType: 'application/x-cypher-query', content };
}

export const FORMATTERS: Record<ExportFormat, Formatter> = {
  JSON: toCytoscapeJson,
  GRAPHML: toGraphml,
  CSV: toCsv,
  CYPHER: toCypher,
};
