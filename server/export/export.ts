/**
 * Exports as a file in one of the export formats: the neighbourhood of some entities
 * (`exportSubgraph`), or exactly the entities and relations a canvas shows (`exportView`).
 */
import { badInput, notFound } from '../domain/errors.js';
import { getEntities, neighborhood, type Subgraph } from '../domain/graph.js';
import { documentsById } from '../domain/curation/documents.js';
import { decodeEdge, edgeColumns } from '../domain/records.js';
import { checkId, checkIds, checkRange } from '../domain/validate.js';
import { isRelationType, type Edge, type Lang, type RelationType } from '../domain/model.js';
import { relTypeExpr } from '../store/dialect.js';
import type { GraphStore } from '../store/types.js';
import { EXPORT_FORMATS, FORMATTERS, type DocumentMeta, type ExportFile, type ExportFormat } from './formats.js';

/** At most this many nodes in an export; the file says `truncated` when the neighbourhood had more. */
export const EXPORT_NODE_LIMIT = 5000;
/** At most this many entities whose neighbourhood one export asks for. */
export const EXPORT_MAX_IDS = 100;
/**
 * At most this many entities and links in the export of a view: as many nodes as a canvas draws
 * (web MAX_NODES) and as many relations as a neighbourhood export may hold nodes.
 */
export const EXPORT_MAX_VIEW_IDS = 2000;
export const EXPORT_MAX_VIEW_LINKS = 5000;

export interface ExportRequest {
  ids: readonly string[];
  depth?: number;
  /** Case-insensitive: json, GraphML, CSV, cypher … */
  format: string;
  documents?: Map<string, DocumentMeta>;
  /** Language of the label columns; default zh. */
  lang?: Lang;
  /** The clock, for reproducible files in tests. */
  now?: () => Date;
}

export function parseExportFormat(raw: string): ExportFormat {
  const f = raw.trim().toUpperCase();
  if (!(EXPORT_FORMATS as readonly string[]).includes(f)) {
    throw badInput(`format must be one of ${EXPORT_FORMATS.join(', ')}, got "${raw}"`, { argument: 'format' });
  }
  return f as ExportFormat;
}

/**
 * A file name safe on every OS: letters and digits of any script, `.`, `_`, `-` and `+` (no path
 * separator, control or bidi character, quote or dot-only name can come through), at most 60 code
 * points of the first id — counted by code point, so a letter outside the BMP is never cut in half.
 */
export function fileStem(ids: string[], depth: number): string {
  const first = Array.from(ids[0].replace(/[^\p{L}\p{N}._-]+/gu, '_'))
    .slice(0, 60)
    .join('');
  const more = ids.length > 1 ? `+${ids.length - 1}` : '';
  return `bioeco-subgraph-${first}${more}-d${depth}`;
}

export async function exportSubgraph(store: GraphStore, req: ExportRequest): Promise<ExportFile> {
  const ids = checkIds([...new Set(req.ids)], 'ids', EXPORT_MAX_IDS);
  const depth = checkRange(req.depth ?? 1, 'depth', 1, 3);
  const format = parseExportFormat(req.format);
  const subgraph = await neighborhood(store, ids, { depth, limit: EXPORT_NODE_LIMIT });
  // The seeds are always in the answer (fewer than the limit), so an absent one does not exist.
  const found = new Set(subgraph.nodes.map((n) => n.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) throw notFound(`no entity with id ${missing.map((m) => `"${m}"`).join(', ')}`, { ids: missing });
  return render(store, {
    subgraph,
    format,
    query: `neighborhood(ids: ${JSON.stringify(ids)}, depth: ${depth}, limit: ${EXPORT_NODE_LIMIT})`,
    params: { ids, depth, limit: EXPORT_NODE_LIMIT, format },
    basename: fileStem(ids, depth),
    req,
  });
}

/** One link drawn on a canvas: the relations of `type` from `source` to `target`. */
export interface ViewLink {
  source: string;
  target: string;
  type: RelationType;
}

export interface ViewExportRequest {
  ids: readonly unknown[];
  links: readonly unknown[];
  format: string;
  documents?: Map<string, DocumentMeta>;
  lang?: Lang;
  now?: () => Date;
}

function checkLinks(raw: readonly unknown[], ids: Set<string>): ViewLink[] {
  if (!Array.isArray(raw)) throw badInput('links must be a list', { argument: 'links' });
  if (raw.length > EXPORT_MAX_VIEW_LINKS) {
    throw badInput(`links may name at most ${EXPORT_MAX_VIEW_LINKS} relations`, { argument: 'links' });
  }
  const seen = new Map<string, ViewLink>();
  for (const l of raw) {
    const { source, target, type } = (l ?? {}) as Record<string, unknown>;
    if (typeof type !== 'string' || !isRelationType(type))
      throw badInput(`links: unknown relation type ${JSON.stringify(type)}`, { argument: 'links' });
    const link = { source: checkId(source, 'links'), target: checkId(target, 'links'), type };
    // A link whose ends are not both in the view would add an edge to a node the file does not have.
    if (!ids.has(link.source) || !ids.has(link.target)) throw badInput('links must join two of the ids', { argument: 'links' });
    seen.set(`${link.source}\u0000${link.target}\u0000${type}`, link);
  }
  return [...seen.values()];
}

/** The relations of each link, looked up from its source (an entity has few outgoing relations; a hub many incoming). */
async function linkedRelations(store: GraphStore, links: ViewLink[]): Promise<Edge[]> {
  if (links.length === 0) return [];
  const wanted = new Set(links.map((l) => `${l.source}\u0000${l.target}\u0000${l.type}`));
  const sources = [...new Set(links.map((l) => l.source))];
  const targets = [...new Set(links.map((l) => l.target))];
  const rows = await store.read(
    `UNWIND $sources AS s MATCH (a:Entity {id: s})-[r]->(b:Entity) WHERE b.id IN $targets ` +
      `RETURN a.id AS a_id, b.id AS b_id, ${edgeColumns('r', relTypeExpr(store.engine, 'r'))}`,
    { sources, targets },
    { operation: 'export view relations' },
  );
  const edges = new Map<string, Edge>();
  for (const row of rows) {
    const edge = decodeEdge(row, String(row.a_id), String(row.b_id));
    if (wanted.has(`${edge.source}\u0000${edge.target}\u0000${edge.type}`)) edges.set(edge.id, edge);
  }
  return [...edges.values()];
}

/**
 * Exactly the entities and the relations a canvas shows, as a file: `ids` are its visible entities,
 * `links` the relations drawn between them (by ends and type). Nothing else from the neighbourhood
 * comes in; a link no relation stands for (a suggestion drawn as a dotted line) adds nothing.
 */
export async function exportView(store: GraphStore, req: ViewExportRequest): Promise<ExportFile> {
  if (!Array.isArray(req.ids)) throw badInput('ids must be a list', { argument: 'ids' });
  const ids = checkIds([...new Set(req.ids)], 'ids', EXPORT_MAX_VIEW_IDS);
  const format = parseExportFormat(req.format);
  const links = checkLinks(req.links ?? [], new Set(ids));
  const entities = await getEntities(store, ids);
  const missing = ids.filter((id) => !entities.has(id));
  if (missing.length) {
    throw notFound(
      `no entity with id ${missing
        .slice(0, 10)
        .map((m) => `"${m}"`)
        .join(', ')}`,
      { ids: missing.slice(0, 10) },
    );
  }
  const subgraph: Subgraph = { nodes: ids.map((id) => entities.get(id)!), edges: await linkedRelations(store, links), truncated: false };
  return render(store, {
    subgraph,
    format,
    query: `view(entities: ${ids.length}, links: ${links.length})`,
    params: { ids, links, format },
    basename: `bioeco-view-${ids.length}n-${subgraph.edges.length}e`,
    req,
  });
}

/** The file: provenance, the cited documents' titles and dates, the format's formatter. */
async function render(
  store: GraphStore,
  opts: {
    subgraph: Subgraph;
    format: ExportFormat;
    query: string;
    params: Record<string, unknown>;
    basename: string;
    req: { documents?: Map<string, DocumentMeta>; lang?: Lang; now?: () => Date };
  },
): Promise<ExportFile> {
  const { subgraph, req } = opts;
  // The cited documents' titles and dates: from the store (where edits and imports add them), else the catalogue given.
  const cited = new Set<string>();
  for (const x of [...subgraph.nodes, ...subgraph.edges]) for (const s of x.sources) cited.add(s.document);
  const documents = new Map(req.documents ?? []);
  for (const [id, d] of await documentsById(store, [...cited])) documents.set(id, { title: d.title, date: d.date });
  return FORMATTERS[opts.format]({
    subgraph,
    provenance: {
      query: opts.query,
      params: opts.params,
      generatedAt: (req.now ?? (() => new Date()))().toISOString(),
      documents,
    },
    basename: opts.basename,
    lang: req.lang ?? 'zh',
  });
}
