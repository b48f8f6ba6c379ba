/**
 * Search by any part of a name or alias, simplified or traditional, full pinyin or initials, with
 * homophone and one-typo suggestions ranked last. Ranking and matching live in the search index
 * (search-index.ts), a live projection of the graph (live/projection.ts): built once from every
 * entity's names and stored search key, then brought forward by each change set's revisions. The
 * store is read for the few entities of the answer, by key.
 */
import type { GraphStore } from '../store/types.js';
import { getEntities } from './graph.js';
import { LiveProjection } from './live/projection.js';
import { isEntityType, type Entity, type EntityType } from './model.js';
import { decodeEntity, decodeStrings, entityColumns } from './records.js';
import { SearchIndex, type SearchHit, type SearchRecord } from './search-index.js';
import { buildSearchKey, searchForm } from './text.js';

export interface SearchOptions {
  types?: EntityType[] | null;
  limit: number;
}

/** More entity revisions than this in one catch-up (an import): rebuild, reading the stored keys. */
const MAX_REPLAYED_ENTITIES = 2000;

function recordOf(row: Record<string, unknown>, search?: unknown): SearchRecord | null {
  const type = String(row.type);
  if (!isEntityType(type)) return null;
  const name = String(row.name ?? '');
  const aliases = decodeStrings(row.aliases);
  const nameEn = typeof row.nameEn === 'string' ? row.nameEn : null;
  // Revisions leave the key out (it is derived): the same function the write used derives it again.
  const key = typeof search === 'string' && search ? search : buildSearchKey(name, aliases, nameEn);
  return { id: String(row.id), type, name, aliases, nameEn, search: key };
}

async function buildIndex(store: GraphStore): Promise<SearchIndex> {
  const rows = await store.read(
    'MATCH (n:Entity) RETURN n.id AS id, n.type AS type, n.name AS name, n.aliases AS aliases, n.nameEn AS nameEn, n.search AS search',
    {},
    // One read of every entity: ~1 s at 100k, but well past the per-request timeout on a busy machine.
    { operation: 'search index', timeoutMs: 120_000 },
  );
  return new SearchIndex(rows.flatMap((r) => recordOf(r, r.search) ?? []));
}

const live = new LiveProjection<SearchIndex>({
  name: 'search index',
  build: buildIndex,
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

/** Ranked ids with their rank (8 homophone, 9 one edit away: suggestions). */
export async function searchHits(store: GraphStore, text: string, opts: SearchOptions): Promise<SearchHit[]> {
  return (await searchIndex(store)).search(searchForm(text), opts);
}

export async function search(store: GraphStore, text: string, opts: SearchOptions): Promise<Entity[]> {
  const q = searchForm(text);
  // The stored key separates forms with '|': a query holding one matched across forms in the store.
  if (q.includes('|')) return scanStore(store, q, opts);
  const hits = (await searchIndex(store)).search(q, opts);
  const byId = await getEntities(
    store,
    hits.map((h) => h.id),
  );
  return hits.flatMap((h) => byId.get(h.id) ?? []);
}

const collator = new Intl.Collator('zh');
const byLength = (a: string, b: string) => a.length - b.length || collator.compare(a, b);

/** The store's own substring scan of the search key, ranked by the index's rules on the rows found. */
async function scanStore(store: GraphStore, q: string, opts: SearchOptions): Promise<Entity[]> {
  const typeFilter = opts.types?.length ? ' AND n.type IN $types' : '';
  const rows = await store.read(
    `MATCH (n:Entity) WHERE n.search CONTAINS $q${typeFilter} RETURN ${entityColumns('n')}, n.search AS search LIMIT 500`,
    { q, types: opts.types ?? [] },
    { operation: 'search' },
  );
  const found = new Map(rows.map((r) => [String(r.id), r]));
  const index = new SearchIndex(rows.flatMap((r) => recordOf(r, r.search) ?? []));
  const hits = index.search(q, opts);
  const direct = hits.filter((h) => h.rank < 8).length;
  // Rows the index cannot place (the match spans two forms) rank after its own matches.
  const rest = [...found.keys()]
    .filter((id) => !hits.some((h) => h.id === id))
    .sort((a, b) => byLength(String(found.get(a)!.name), String(found.get(b)!.name)));
  return [...hits.slice(0, direct).map((h) => h.id), ...rest].slice(0, opts.limit).map((id) => decodeEntity(found.get(id)!));
}
