/**
 * The source documents in the store: looked up by id (a source's title, date and link), listed and
 * searched, and the facts that cite one. A source cites a document by id inside the fact's `sources`
 * JSON, so "facts citing d" is a CONTAINS on that JSON's exact `"document":"d"` text.
 */
import { DOCUMENT_KINDS, type DocumentKind } from '../../../shared/model/curation.js';
import { checkId, checkLimit } from '../validate.js';
import type { GraphStore, Row } from '../../store/types.js';
import { unlimited } from '../../store/index.js';
import { graphVersion } from '../live/projection.js';
import { DOCUMENT_COLUMNS, type DocumentRecord } from './sources.js';

const cols = DOCUMENT_COLUMNS.map((k) => `d.${k} AS ${k}`).join(', ');
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

export function toDocument(r: Row): DocumentRecord {
  const kind = String(r.kind);
  return {
    id: String(r.id),
    kind: ((DOCUMENT_KINDS as readonly string[]).includes(kind) ? kind : 'article') as DocumentKind,
    title: String(r.title ?? r.id),
    date: str(r.date),
    url: str(r.url),
    publisher: str(r.publisher),
    note: str(r.note),
    createdAt: str(r.createdAt),
    createdBy: str(r.createdBy),
  };
}

async function readDocumentsById(store: GraphStore, ids: readonly string[]): Promise<Map<string, DocumentRecord>> {
  const rows = await store.read(`MATCH (d:Document) WHERE d.id IN $ids RETURN ${cols}`, { ids: [...ids] }, { operation: 'documents' });
  return new Map(rows.map((r) => [String(r.id), Object.freeze(toDocument(r))]));
}

/**
 * Documents already read, per store, for the graph's version — and ids found missing. A document is
 * never changed once written (every write is a CREATE or a MERGE … ON CREATE) and is created only in
 * a change set's transaction (a source's document) or before the server serves (the seed's), so a
 * new one moves the version on; all are dropped when it moves (a restore or reseed may also bring
 * other documents under the same ids). An entity's details read documents twice — its own sources',
 * then its relations' — each a statement (1.4 ms at 100k, a fifth of the details' statement time).
 * Embedded store only: reading the version is free there, and costs reads on Neo4j.
 */
const known = new WeakMap<GraphStore, { version: string; docs: Map<string, DocumentRecord | null> }>();
const MAX_KNOWN = 10_000;

export async function documentsById(store: GraphStore, ids: readonly string[]): Promise<Map<string, DocumentRecord>> {
  if (ids.length === 0) return new Map();
  if (store.localWrites === undefined) return readDocumentsById(store, ids);
  const key = unlimited(store);
  const { key: version } = await graphVersion(store);
  let entry = known.get(key);
  if (entry?.version !== version) known.set(key, (entry = { version, docs: new Map() }));
  const { docs } = entry;
  const missing = ids.filter((id) => !docs.has(id));
  const read = missing.length ? await readDocumentsById(store, missing) : new Map<string, DocumentRecord>();
  if (docs.size + missing.length > MAX_KNOWN) docs.clear();
  for (const id of missing) docs.set(id, read.get(id) ?? null);
  const out = new Map<string, DocumentRecord>();
  for (const id of ids) {
    const d = read.get(id) ?? docs.get(id);
    if (d) out.set(id, d);
  }
  return out;
}

/** Documents newest first (by date, then when added), optionally of one kind or matching text in the title. */
export async function listDocuments(
  store: GraphStore,
  opts: { kind?: DocumentKind | null; text?: string | null; limit?: number },
): Promise<DocumentRecord[]> {
  const limit = checkLimit(opts.limit ?? 100, 'limit', 500);
  const where: string[] = [];
  const params: Record<string, unknown> = { limit };
  if (opts.kind) {
    where.push('d.kind = $kind');
    params.kind = opts.kind;
  }
  const text = opts.text?.trim().slice(0, 100);
  if (text) {
    where.push('(lower(d.title) CONTAINS $text OR d.id = $exact)');
    params.text = text.toLowerCase();
    params.exact = text;
  }
  const rows = await store.read(
    `MATCH (d:Document)${where.length ? ` WHERE ${where.join(' AND ')}` : ''} RETURN ${cols} ` +
      'ORDER BY coalesce(d.date, d.createdAt, "") DESC, d.id LIMIT $limit',
    params,
    { operation: 'list documents' },
  );
  return rows.map(toDocument);
}

const citing = (id: string) => JSON.stringify({ document: id }).slice(1, -1);

/** Entities and relations in the graph that cite the document. */
export async function factCount(store: GraphStore, id: string): Promise<number> {
  const needle = citing(checkId(id));
  const [e, r] = await Promise.all([
    store.read('MATCH (n:Entity) WHERE n.sources CONTAINS $needle RETURN count(n) AS n', { needle }, { operation: 'document facts' }),
    store.read('MATCH ()-[r]->() WHERE r.sources CONTAINS $needle RETURN count(r) AS n', { needle }, { operation: 'document facts' }),
  ]);
  return Number(e[0]?.n ?? 0) + Number(r[0]?.n ?? 0);
}

/** Ids of the entities citing the document (at most `limit`). */
export async function citingEntities(store: GraphStore, id: string, limit: number): Promise<string[]> {
  const rows = await store.read(
    'MATCH (n:Entity) WHERE n.sources CONTAINS $needle RETURN n.id AS id ORDER BY n.name LIMIT $limit',
    { needle: citing(checkId(id)), limit: checkLimit(limit, 'limit', 500) },
    { operation: 'document entities' },
  );
  return rows.map((r) => String(r.id));
}

/** The seed's documents, written to the store when missing (every start: cheap, and older stores gain them). */
export async function ensureDocuments(
  store: GraphStore,
  docs: { file: string; title: string; date?: string | null; url?: string | null; publisher?: string | null; note?: string | null }[],
): Promise<void> {
  if (docs.length === 0) return;
  await store.write(
    'UNWIND $docs AS doc MERGE (d:Document {id: doc.id}) ON CREATE SET d.kind = doc.kind, d.title = doc.title, d.date = doc.date, ' +
      'd.url = doc.url, d.publisher = doc.publisher, d.note = doc.note, d.createdBy = doc.createdBy',
    {
      docs: docs.map((d) => ({
        id: d.file,
        kind: 'article',
        title: d.title,
        date: d.date ?? null,
        url: d.url ?? null,
        publisher: d.publisher ?? null,
        note: d.note ?? null,
        createdBy: 'seed',
      })),
    },
    { operation: 'seed documents' },
  );
}

export type { DocumentRecord };
