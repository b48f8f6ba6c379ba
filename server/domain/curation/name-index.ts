/**
 * The entity-resolution index over the store's entities, a live projection (live/projection.ts): the
 * entity revisions since it was built are applied to it (an edit: one record); a seed or bulk load
 * rebuilds it (every entity's names read once: 166 entities a few ms, 100k ~1.2 s; the same read
 * builds the search index).
 */
import { unlimited } from '../../store/index.js';
import type { GraphStore, Row } from '../../store/types.js';
import { graphVersion, LiveProjection } from '../live/projection.js';
import { NameIndex, type NameRecord } from './resolution.js';
import { isEntityType } from '../model.js';
import { decodeStrings } from '../records.js';
import { interned } from '../text.js';

/** An entity's names as a name-index record; null for a row whose type is not an entity type. */
export const nameRecordOf = (row: Record<string, unknown>): NameRecord | null => {
  const type = interned(String(row.type));
  if (!isEntityType(type)) return null;
  return {
    id: String(row.id),
    type,
    name: String(row.name ?? ''),
    aliases: decodeStrings(row.aliases),
    nameEn: typeof row.nameEn === 'string' ? row.nameEn : null,
    creditCode: typeof row.creditCode === 'string' ? row.creditCode : null,
  };
};

/** Every entity's names, credit code, stored search key, kind and tier. */
function readNames(store: GraphStore): Promise<Row[]> {
  return store.read(
    'MATCH (n:Entity) RETURN n.id AS id, n.type AS type, n.name AS name, n.aliases AS aliases, n.nameEn AS nameEn, n.creditCode AS creditCode, n.search AS search, n.kind AS kind, n.tier AS tier',
    {},
    // One read of every entity: ~1 s at 100k, but well past the per-request timeout on a busy machine.
    { operation: 'entity names', timeoutMs: 120_000 },
  );
}

/** The indexes built from every entity's names: the name index (here) and the search index (search.ts). */
export type NamesReader = 'name index' | 'search index';
const READERS: readonly NamesReader[] = ['name index', 'search index'];

/** How long one index's read is kept for the other's build (at start they are built a few seconds apart). */
const KEEP_MS = 120_000;

/** A read of every entity's names, kept at its graph version for the readers still waiting for it. */
interface SharedRead {
  version: string;
  rows: Promise<Row[]>;
  waiting: Set<NamesReader>;
  timer?: ReturnType<typeof setTimeout>;
}

const shared = new WeakMap<GraphStore, SharedRead>();

/**
 * Every entity's names and search key for an index's build: one read of the graph serves both
 * indexes, kept at its graph version until the other index has taken it (or for KEEP_MS); at 100k
 * entities each read is ~1 s and tens of MB.
 */
export async function entityNameRows(store: GraphStore, reader: NamesReader): Promise<Row[]> {
  const key = unlimited(store);
  const { key: version } = await graphVersion(store);
  const kept = shared.get(key);
  if (kept?.version === version && kept.waiting.delete(reader)) {
    // The last reader took them: the timer must not keep them (tens of MB at 100k) for KEEP_MS.
    if (kept.waiting.size === 0) {
      shared.delete(key);
      clearTimeout(kept.timer);
    }
    return kept.rows;
  }
  const rows = readNames(store);
  const entry: SharedRead = { version, rows, waiting: new Set(READERS.filter((r) => r !== reader)) };
  shared.set(key, entry);
  const forget = () => {
    if (shared.get(key) === entry) shared.delete(key);
  };
  entry.timer = setTimeout(forget, KEEP_MS);
  entry.timer.unref();
  rows.catch(forget);
  return rows;
}

/** Every entity's names, as entity resolution and the article extractor read them. */
export async function nameRecords(store: GraphStore): Promise<NameRecord[]> {
  return (await readNames(store)).flatMap((r) => nameRecordOf(r) ?? []);
}

/**
 * More entity revisions than this in one catch-up (an import): the name and search indexes are
 * rebuilt from one read of every entity's names (entityNameRows) instead of replaying them.
 */
export const MAX_REPLAYED_ENTITIES = 2000;

const live = new LiveProjection<NameIndex>({
  name: 'name index',
  build: async (store) => new NameIndex((await entityNameRows(store, 'name index')).flatMap((r) => nameRecordOf(r) ?? [])),
  apply(index, revisions) {
    // An import's thousands of entities, or edits enough to outgrow the lists built beside the sorted
    // ones: rebuilt from the store (~1 s read at 100k, shared with the search index when both rebuild).
    if (revisions.filter((r) => r.target === 'ENTITY').length > MAX_REPLAYED_ENTITIES || index.stale()) return false;
    for (const r of revisions) {
      if (r.target !== 'ENTITY') continue;
      const record = r.after ? nameRecordOf(r.after) : null;
      if (record) index.add(record);
      else index.remove(r.targetId);
    }
    return true;
  },
  entityCount: (index) => index.size,
});

/** The index for the graph as it is now. */
export async function nameIndex(store: GraphStore): Promise<NameIndex> {
  return (await live.get(store)).value;
}

/** The index and the graph version it is for (what caches built on it are keyed by), from one check. */
export async function nameIndexAt(store: GraphStore): Promise<{ index: NameIndex; version: string }> {
  const { value, version } = await live.get(store);
  return { index: value, version: version.key };
}
