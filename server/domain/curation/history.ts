/**
 * Reading the history: an entity's revisions (its own and its relations'), the recent-changes feed
 * (filterable by region, entity type, author, kind), one change set with its revisions, and the
 * last retraction of a fact (what a restore brings back).
 */
import { CHANGE_KINDS, type ChangeKind, type RevisionOp, type TargetKind } from '../../../shared/model/curation.js';
import { badInput } from '../errors.js';
import { isEntityType, type EntityType } from '../model.js';
import { checkId, checkLimit } from '../validate.js';
import type { GraphStore, Row, Transaction } from '../../store/types.js';
import type { ChangeSet, Revision } from './types.js';

const CHANGESET_COLUMNS = ['id', 'at', 'author', 'kind', 'note', 'document', 'reverts', 'revertedBy', 'regions', 'types', 'summary'];
const REVISION_COLUMNS = ['id', 'changeSet', 'seq', 'at', 'author', 'target', 'targetId', 'op', 'before', 'after', 'detail'];

const cols = (v: string, names: string[]) => names.map((k) => `${v}.${k} AS ${k}`).join(', ');
const unbar = (s: unknown) => (typeof s === 'string' ? s.split('|').filter(Boolean) : []);
const parse = (s: unknown): Record<string, unknown> | null => {
  if (typeof s !== 'string' || !s) return null;
  try {
    return JSON.parse(s) as Record<string, unknown>;
  } catch {
    return null;
  }
};

export function toChangeSet(r: Row): ChangeSet {
  const kind = String(r.kind);
  return {
    id: String(r.id),
    at: String(r.at),
    author: String(r.author ?? ''),
    kind: ((CHANGE_KINDS as readonly string[]).includes(kind) ? kind : 'EDIT') as ChangeKind,
    note: String(r.note ?? ''),
    document: (r.document as string | null) ?? null,
    reverts: (r.reverts as string | null) ?? null,
    revertedBy: (r.revertedBy as string | null) ?? null,
    regions: unbar(r.regions),
    types: unbar(r.types).filter(isEntityType) as EntityType[],
    summary: String(r.summary ?? '{}'),
  };
}

export interface StoredRevision extends Revision {
  at: string;
  author: string;
}

export function toRevision(r: Row): StoredRevision {
  return {
    id: String(r.id),
    changeSet: String(r.changeSet),
    seq: Number(r.seq),
    at: String(r.at),
    author: String(r.author ?? ''),
    target: String(r.target) as TargetKind,
    targetId: String(r.targetId),
    op: String(r.op) as RevisionOp,
    before: parse(r.before),
    after: parse(r.after),
    detail: parse(r.detail),
  };
}

/** The last revision of a fact that retracted it (after = null), if any. */
export async function latestRetraction(tx: Transaction, target: TargetKind, id: string): Promise<StoredRevision | null> {
  const [row] = await tx.run(
    `MATCH (r:Revision) WHERE r.target = $target AND r.targetId = $id RETURN ${cols('r', REVISION_COLUMNS)} ORDER BY r.id DESC LIMIT 1`,
    { target, id },
  );
  const rev = row ? toRevision(row) : null;
  return rev && rev.after === null ? rev : null;
}

export interface HistoryPage<T> {
  items: T[];
  /** Pass as `after` for the next page; null at the end. */
  next: string | null;
}

export type ChangeSetPage = HistoryPage<ChangeSet>;
export type RevisionPage = HistoryPage<StoredRevision>;

/** An entity's revisions and its relations', newest first. */
export async function entityHistory(
  store: GraphStore,
  id: string,
  opts: { limit?: number; after?: string | null } = {},
): Promise<HistoryPage<StoredRevision>> {
  checkId(id);
  const limit = checkLimit(opts.limit ?? 50, 'limit', 500);
  const rows = await store.read(
    `MATCH (r:Revision) WHERE r.subjects CONTAINS $subject${opts.after ? ' AND r.id < $after' : ''} ` +
      `RETURN ${cols('r', REVISION_COLUMNS)} ORDER BY r.id DESC LIMIT $limit`,
    { subject: `|${id}|`, after: opts.after ?? null, limit: limit + 1 },
    { operation: 'entity history' },
  );
  const items = rows.slice(0, limit).map(toRevision);
  return { items, next: rows.length > limit ? items[items.length - 1].id : null };
}

export interface ChangeFilter {
  region?: string | null;
  type?: EntityType | null;
  author?: string | null;
  kind?: ChangeKind | null;
  entity?: string | null;
}

/** Change sets newest first, filtered; ids sort by time, so the last id of a page is the next cursor. */
export async function changeSets(
  store: GraphStore,
  filter: ChangeFilter,
  opts: { limit?: number; after?: string | null } = {},
): Promise<HistoryPage<ChangeSet>> {
  const limit = checkLimit(opts.limit ?? 50, 'limit', 200);
  const where: string[] = [];
  const params: Record<string, unknown> = { limit: limit + 1 };
  if (filter.region) {
    where.push('c.regions CONTAINS $region');
    params.region = `|${checkId(filter.region, 'region')}|`;
  }
  if (filter.type) {
    where.push('c.types CONTAINS $type');
    params.type = `|${filter.type}|`;
  }
  if (filter.author) {
    where.push('c.author = $author');
    params.author = filter.author.slice(0, 100);
  }
  if (filter.kind) {
    where.push('c.kind = $kind');
    params.kind = filter.kind;
  }
  if (filter.entity) {
    // Change sets with a revision about the entity.
    const ids = await store.read('MATCH (r:Revision) WHERE r.subjects CONTAINS $subject RETURN DISTINCT r.changeSet AS id', {
      subject: `|${checkId(filter.entity, 'entity')}|`,
    });
    where.push('c.id IN $ids');
    params.ids = ids.map((r) => String(r.id));
  }
  if (opts.after) {
    where.push('c.id < $after');
    params.after = opts.after;
  }
  const rows = await store.read(
    `MATCH (c:ChangeSet)${where.length ? ` WHERE ${where.join(' AND ')}` : ''} RETURN ${cols('c', CHANGESET_COLUMNS)} ORDER BY c.id DESC LIMIT $limit`,
    params,
    { operation: 'change sets' },
  );
  const items = rows.slice(0, limit).map(toChangeSet);
  return { items, next: rows.length > limit ? items[items.length - 1].id : null };
}

export async function changeSet(store: GraphStore, id: string): Promise<ChangeSet | null> {
  const [row] = await store.read(`MATCH (c:ChangeSet {id: $id}) RETURN ${cols('c', CHANGESET_COLUMNS)}`, { id: checkId(id) });
  return row ? toChangeSet(row) : null;
}

/** A change set's revisions in the order they were made (the first `limit`, when given). */
export async function revisionsOf(store: GraphStore | Transaction, changeSetId: string, limit?: number): Promise<StoredRevision[]> {
  const run = (cypher: string, params: Record<string, unknown>) =>
    'run' in store ? store.run(cypher, params) : store.read(cypher, params, { operation: 'revisions' });
  // All of them for a revert (an import of 20,000 rows makes 60,000+); a page for display. A change
  // set's revisions are `<change set>-<seq>`, seq from 0, as many as its summary counts: each is
  // found by its key, not by reading every revision of the store's history.
  const [c] = await run('MATCH (c:ChangeSet {id: $id}) RETURN c.summary AS summary', { id: changeSetId });
  if (!c) return [];
  let total = 0;
  try {
    for (const n of Object.values(JSON.parse(String(c.summary ?? '{}')) as Record<string, unknown>)) total += Number(n) || 0;
  } catch {
    total = 0;
  }
  const count = limit ? Math.min(limit, total) : total;
  const rows: Row[] = [];
  for (let from = 0; from < count; from += 10_000) {
    const ids = Array.from({ length: Math.min(10_000, count - from) }, (_, i) => `${changeSetId}-${from + i}`);
    rows.push(...(await run(`UNWIND $ids AS id MATCH (r:Revision {id: id}) RETURN ${cols('r', REVISION_COLUMNS)}`, { ids })));
  }
  return rows.map(toRevision).sort((a, b) => a.seq - b.seq);
}

/** Loads the change sets of many revisions at once (for a history page's notes). */
export async function changeSetsById(store: GraphStore, ids: readonly string[]): Promise<Map<string, ChangeSet>> {
  if (ids.length === 0) return new Map();
  if (ids.length > 1000) throw badInput('too many change sets at once');
  const rows = await store.read(`MATCH (c:ChangeSet) WHERE c.id IN $ids RETURN ${cols('c', CHANGESET_COLUMNS)}`, { ids: [...ids] });
  return new Map(rows.map((r) => [String(r.id), toChangeSet(r)]));
}

/** Fields whose values differ between two stored rows (bookkeeping fields left out). */
export function diffRows(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): { field: string; before: unknown; after: unknown }[] {
  const skip = new Set(['version', 'updatedAt', 'updatedBy', 'search', 'id']);
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const out: { field: string; before: unknown; after: unknown }[] = [];
  for (const k of keys) {
    if (skip.has(k)) continue;
    const b = before?.[k] ?? null;
    const a = after?.[k] ?? null;
    if (JSON.stringify(b) !== JSON.stringify(a)) out.push({ field: k, before: decodeList(k, b), after: decodeList(k, a) });
  }
  return out;
}

function decodeList(field: string, v: unknown): unknown {
  if (typeof v === 'string' && ['aliases', 'sources', 'qualifications', 'products'].includes(field)) {
    try {
      return JSON.parse(v) as unknown;
    } catch {
      return v;
    }
  }
  return v;
}
