/**
 * The entity-resolution index over the store's entities, a live projection (live/projection.ts): the
 * entity revisions since it was built are applied to it (an edit: one record); a seed or bulk load
 * rebuilds it (every entity's names read once: 166 entities a few ms, 100k ~1.2 s).
 */
import type { GraphStore } from '../../store/types.js';
import { LiveProjection } from '../live/projection.js';
import { NameIndex, type NameRecord } from './resolution.js';
import { isEntityType } from '../model.js';
import { decodeStrings } from '../records.js';

const recordOf = (row: Record<string, unknown>): NameRecord | null => {
  const type = String(row.type);
  if (!isEntityType(type)) return null;
  return {
    id: String(row.id),
    type,
    name: String(row.name ?? ''),
    aliases: decodeStrings(row.aliases),
    nameEn: (row.nameEn as string | null) ?? null,
    creditCode: (row.creditCode as string | null) ?? null,
  };
};

/** Every entity's names, as entity resolution and the article extractor read them. */
export async function nameRecords(store: GraphStore): Promise<NameRecord[]> {
  const rows = await store.read(
    'MATCH (n:Entity) RETURN n.id AS id, n.type AS type, n.name AS name, n.aliases AS aliases, n.nameEn AS nameEn, n.creditCode AS creditCode',
    {},
    { operation: 'name index' },
  );
  return rows.flatMap((r) => recordOf(r) ?? []);
}

const live = new LiveProjection<NameIndex>({
  name: 'name index',
  build: async (store) => new NameIndex(await nameRecords(store)),
  apply(index, revisions) {
    for (const r of revisions) {
      if (r.target !== 'ENTITY') continue;
      const record = r.after ? recordOf(r.after) : null;
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
