/**
 * The entity-resolution index over the store's entities, kept per store and rebuilt when the graph
 * has changed since it was built (a new change set, a seed load, a bulk load). Checking costs two
 * small reads; a rebuild reads every entity's names once (166 entities: a few ms; 100k: ~1 s).
 */
import type { GraphStore } from '../../store/types.js';
import { NameIndex, type NameRecord } from './resolution.js';
import { isEntityType } from '../model.js';

interface Cached {
  key: string;
  index: Promise<NameIndex>;
}

const cache = new WeakMap<GraphStore, Cached>();

const list = (raw: unknown): string[] => {
  try {
    const v = JSON.parse(String(raw ?? '[]')) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
};

/** A key that changes whenever the graph does (a change set, a seed or bulk load): what caches of it are keyed by. */
export async function graphVersion(store: GraphStore): Promise<string> {
  const [c] = await store.read('MATCH (c:ChangeSet) RETURN max(c.id) AS last, count(c) AS n', {}, { operation: 'graph version' });
  const [e] = await store.read('MATCH (n:Entity) RETURN count(n) AS n', {}, { operation: 'graph version' });
  const [m] = await store.read("MATCH (m:AppMeta {key: 'seed'}) RETURN m.value AS v", {}, { operation: 'graph version' });
  return `${String(c?.last ?? '')}|${String(c?.n ?? 0)}|${String(e?.n ?? 0)}|${String(m?.v ?? '')}`;
}

async function build(store: GraphStore): Promise<NameIndex> {
  const rows = await store.read(
    'MATCH (n:Entity) RETURN n.id AS id, n.type AS type, n.name AS name, n.aliases AS aliases, n.nameEn AS nameEn, n.creditCode AS creditCode',
    {},
    { operation: 'name index' },
  );
  const records: NameRecord[] = rows.flatMap((r) => {
    const type = String(r.type);
    if (!isEntityType(type)) return [];
    return [
      {
        id: String(r.id),
        type,
        name: String(r.name ?? ''),
        aliases: list(r.aliases),
        nameEn: (r.nameEn as string | null) ?? null,
        creditCode: (r.creditCode as string | null) ?? null,
      },
    ];
  });
  return new NameIndex(records);
}

/** The index for the graph as it is now. */
export async function nameIndex(store: GraphStore): Promise<NameIndex> {
  const key = await graphVersion(store);
  const cached = cache.get(store);
  if (cached?.key === key) return cached.index;
  const index = build(store);
  cache.set(store, { key, index });
  index.catch(() => cache.delete(store));
  return index;
}
