/**
 * The entity-resolution index over the store's entities, kept per store and kept up to date: when
 * the graph has changed since it was built, the entity revisions of the change sets since are applied
 * to it (an edit: one record); a seed or bulk load, or a gap it cannot explain, rebuilds it (every
 * entity's names read once: 166 entities a few ms, 100k ~1.2 s). Checking costs three small reads.
 */
import type { GraphStore } from '../../store/types.js';
import { NameIndex, type NameRecord } from './resolution.js';
import { isEntityType } from '../model.js';
import { decodeStrings } from '../records.js';

interface Cached {
  key: string;
  /** The newest change set applied, the count of change sets and entities, and the seed marker then. */
  version: Version;
  index: Promise<NameIndex>;
}

interface Version {
  last: string;
  changes: number;
  entities: number;
  seed: string;
}

const cache = new WeakMap<GraphStore, Cached>();

async function versionOf(store: GraphStore): Promise<Version> {
  const [c] = await store.read('MATCH (c:ChangeSet) RETURN max(c.id) AS last, count(c) AS n', {}, { operation: 'graph version' });
  const [e] = await store.read('MATCH (n:Entity) RETURN count(n) AS n', {}, { operation: 'graph version' });
  const [m] = await store.read("MATCH (m:AppMeta {key: 'seed'}) RETURN m.value AS v", {}, { operation: 'graph version' });
  return { last: String(c?.last ?? ''), changes: Number(c?.n ?? 0), entities: Number(e?.n ?? 0), seed: String(m?.v ?? '') };
}

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

/**
 * Brings an index from `from` to `to` with the entity revisions of the change sets in between, in
 * order; false when that cannot explain the change (a seed or bulk load, a change set missed).
 */
async function catchUp(store: GraphStore, index: NameIndex, from: Version, to: Version): Promise<boolean> {
  if (from.seed !== to.seed || to.changes < from.changes || to.changes - from.changes > 500) return false;
  const rows = await store.read(
    "MATCH (r:Revision) WHERE r.changeSet > $last AND r.target = 'ENTITY' RETURN r.changeSet AS cs, r.targetId AS id, r.after AS after ORDER BY r.changeSet, r.seq",
    { last: from.last },
    { operation: 'name index catch-up' },
  );
  for (const r of rows) {
    let after: Record<string, unknown> | null = null;
    try {
      after = r.after ? (JSON.parse(String(r.after)) as Record<string, unknown>) : null;
    } catch {
      return false;
    }
    const record = after ? recordOf(after) : null;
    if (record) index.add(record);
    else index.remove(String(r.id));
  }
  return index.size === to.entities;
}

/** Every entity's names, as entity resolution and the article extractor read them. */
export async function nameRecords(store: GraphStore): Promise<NameRecord[]> {
  const rows = await store.read(
    'MATCH (n:Entity) RETURN n.id AS id, n.type AS type, n.name AS name, n.aliases AS aliases, n.nameEn AS nameEn, n.creditCode AS creditCode',
    {},
    { operation: 'name index' },
  );
  return rows.flatMap((r) => recordOf(r) ?? []);
}

async function build(store: GraphStore): Promise<NameIndex> {
  return new NameIndex(await nameRecords(store));
}

/** The index for the graph as it is now. */
export async function nameIndex(store: GraphStore): Promise<NameIndex> {
  return (await nameIndexAt(store)).index;
}

/** The index and the graph version it is for (what caches built on it are keyed by), from one check. */
export async function nameIndexAt(store: GraphStore): Promise<{ index: NameIndex; version: string }> {
  const version = await versionOf(store);
  const key = `${version.last}|${version.changes}|${version.entities}|${version.seed}`;
  const cached = cache.get(store);
  if (cached?.key === key) return { index: await cached.index, version: key };
  const index = (async () => {
    if (cached) {
      const current = await cached.index.catch(() => null);
      if (current && (await catchUp(store, current, cached.version, version))) return current;
    }
    return build(store);
  })();
  cache.set(store, { key, version, index });
  index.catch(() => cache.delete(store));
  return { index: await index, version: key };
}
