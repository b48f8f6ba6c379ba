/** Exports the neighbourhood of some entities as a file in one of the export formats. */
import { badInput, notFound } from '../domain/errors.js';
import { neighborhood } from '../domain/graph.js';
import { documentsById } from '../domain/curation/documents.js';
import { checkIds, checkRange } from '../domain/validate.js';
import type { Lang } from '../domain/model.js';
import type { GraphStore } from '../store/types.js';
import { EXPORT_FORMATS, FORMATTERS, type DocumentMeta, type ExportFile, type ExportFormat } from './formats.js';

/** At most this many nodes in an export; the file says `truncated` when the neighbourhood had more. */
export const EXPORT_NODE_LIMIT = 5000;

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
  const ids = checkIds([...new Set(req.ids)]);
  const depth = checkRange(req.depth ?? 1, 'depth', 1, 3);
  const format = parseExportFormat(req.format);
  const subgraph = await neighborhood(store, ids, { depth, limit: EXPORT_NODE_LIMIT });
  // The seeds are always in the answer (fewer than the limit), so an absent one does not exist.
  const found = new Set(subgraph.nodes.map((n) => n.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) throw notFound(`no entity with id ${missing.map((m) => `"${m}"`).join(', ')}`, { ids: missing });
  const params = { ids, depth, limit: EXPORT_NODE_LIMIT, format };
  // The cited documents' titles and dates: from the store (where edits and imports add them), else the catalogue given.
  const cited = new Set<string>();
  for (const x of [...subgraph.nodes, ...subgraph.edges]) for (const s of x.sources) cited.add(s.document);
  const documents = new Map(req.documents ?? []);
  for (const [id, d] of await documentsById(store, [...cited])) documents.set(id, { title: d.title, date: d.date });
  return FORMATTERS[format]({
    subgraph,
    provenance: {
      query: `neighborhood(ids: ${JSON.stringify(ids)}, depth: ${depth}, limit: ${EXPORT_NODE_LIMIT})`,
      params,
      generatedAt: (req.now ?? (() => new Date()))().toISOString(),
      documents,
    },
    basename: fileStem(ids, depth),
    lang: req.lang ?? 'zh',
  });
}
