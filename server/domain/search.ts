/**
 * Search by any part of a name or alias, simplified or traditional, full pinyin or initials, with
 * homophone and one-typo suggestions ranked last. Ranking and matching live in the search index
 * (search-index.ts), a live projection of the graph (live/projection.ts): built once from every
 * entity's names and stored search key (the read that builds the name index too), then brought
 * forward by each change set's revisions. The store is read for the few entities of the answer, by key.
 */
import type { GraphStore } from '../store/types.js';
import { entityNameRows, MAX_REPLAYED_ENTITIES, nameRecordOf } from './curation/name-index.js';
import { getEntities } from './graph.js';
import { LiveProjection } from './live/projection.js';
import type { Entity, EntityType } from './model.js';
import { decodeEntity } from './records.js';
import { SearchIndex, type SearchRecord } from './search-index.js';
import { buildSearchKey, interned, searchForm } from './text.js';

export interface SearchOptions {
  types?: EntityType[] | null;
  limit: number;
}

function recordOf(row: Record<string, unknown>): SearchRecord | null {
  const names = nameRecordOf(row);
  if (!names) return null;
  const { id, type, name, aliases } = names;
  const nameEn = names.nameEn ?? null;
  // Revisions leave the key out (it is derived): the same function the write used derives it again.
  const search = typeof row.search === 'string' && row.search ? row.search : buildSearchKey(name, aliases, nameEn);
  const text = (v: unknown) => (typeof v === 'string' ? interned(v) : null);
  return { id, type, name, aliases, nameEn, search, kind: text(row.kind), tier: text(row.tier) };
}

const live = new LiveProjection<SearchIndex>({
  name: 'search index',
  build: async (store) => new SearchIndex((await entityNameRows(store, 'search index')).flatMap((r) => recordOf(r) ?? [])),
  apply(index, revisions) {
    const entities = revisions.filter((r) => r.target === 'ENTITY');
    if (entities.length > MAX_REPLAYED_ENTITIES || index.stale()) return false;
    for (const r of entities) {
      const record = r.after ? recordOf(r.after) : null;
      if (record) index.add(record);
      else index.remove(r.targetId);
    }
    return true;
  },
  entityCount: (index) => index.size,
});

/** The index for the graph as it is now (built on first use). */
export async function searchIndex(store: GraphStore): Promise<SearchIndex> {
  return (await live.get(store)).value;
}

/** The fields a search answer can take from the index, without reading the store. */
export const INDEXED_FIELDS: ReadonlySet<string> = new Set(['id', 'type', 'name', 'nameEn', 'aliases', 'kind', 'tier', '__typename']);

/**
 * `fields`: what the caller will read of each entity. When the index holds them all (a result list:
 * names, type, kind, tier) the answer is made from it — the index is the graph as of this request,
 * caught up like every projection — and the store is not read (20 entities by key: ~1.5 ms of
 * statements at 100k, three times the index's search). Otherwise the entities are read by key.
 */
export async function search(
  store: GraphStore,
  text: string,
  opts: SearchOptions & { fields?: ReadonlySet<string> | null },
): Promise<Entity[]> {
  // '|' separates the forms of the stored search key: in a query it is dropped, as whitespace is.
  const q = searchForm(text).replace(/\|/g, '');
  const index = await searchIndex(store);
  const hits = index.search(q, opts);
  if (opts.fields && [...opts.fields].every((f) => INDEXED_FIELDS.has(f))) {
    return hits.flatMap((h) => {
      const ref = index.ref(h.id);
      if (!ref) return [];
      // Decoded as a row from the store is (an unknown kind or tier is null), with the names as kept.
      const entity = decodeEntity({ id: ref.id, type: ref.type, name: ref.name, nameEn: ref.nameEn, kind: ref.kind, tier: ref.tier });
      return [{ ...entity, aliases: [...ref.aliases] }];
    });
  }
  const byId = await getEntities(
    store,
    hits.map((h) => h.id),
  );
  return hits.flatMap((h) => byId.get(h.id) ?? []);
}
