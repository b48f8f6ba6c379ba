/** Search by any part of a name or alias, simplified or traditional, full pinyin or initials. */
import type { GraphStore } from '../store/types.js';
import { type Entity, type EntityType } from './model.js';
import { decodeEntity, entityColumns } from './records.js';
import { pinyinKeys, searchForm } from './text.js';

/** How many candidates are ranked in memory; when more match, name-prefix matches are fetched too. */
const CANDIDATES = 500;

export interface SearchOptions {
  types?: EntityType[] | null;
  limit: number;
}

function rank(e: Entity, q: string): number {
  const names = [e.name, ...e.aliases].map(searchForm);
  const [name, ...aliases] = names;
  if (name === q) return 0;
  if (aliases.includes(q)) return 1;
  if (name.startsWith(q)) return 2;
  if (aliases.some((a) => a.startsWith(q))) return 3;
  if (/^[a-z0-9]+$/.test(q)) {
    const keys = names.map(pinyinKeys).filter((k) => k !== null);
    if (keys.some((k) => k.full === q || k.initials === q)) return 4;
    if (keys.some((k) => k.full.startsWith(q) || k.initials.startsWith(q))) return 5;
  }
  if (name.includes(q)) return 6;
  return 7;
}

export async function search(store: GraphStore, text: string, opts: SearchOptions): Promise<Entity[]> {
  const q = searchForm(text);
  const typeFilter = opts.types?.length ? ' AND n.type IN $types' : '';
  const params = { q, name: text.trim(), types: opts.types ?? [], cap: CANDIDATES };
  const contains = await store.read(
    `MATCH (n:Entity) WHERE n.search CONTAINS $q${typeFilter} RETURN ${entityColumns('n')} LIMIT $cap`,
    params,
    {
      operation: 'search',
    },
  );
  // Only when the candidates were cut off can an exact or prefix match be missing from them.
  const prefix =
    contains.length < CANDIDATES
      ? []
      : await store.read(`MATCH (n:Entity) WHERE n.name STARTS WITH $name${typeFilter} RETURN ${entityColumns('n')} LIMIT $cap`, params, {
          operation: 'search prefix',
        });
  const byId = new Map<string, Entity>();
  for (const row of [...prefix, ...contains]) {
    const e = decodeEntity(row);
    byId.set(e.id, e);
  }
  return [...byId.values()]
    .map((e) => ({ e, r: rank(e, q) }))
    .sort((a, b) => a.r - b.r || a.e.name.length - b.e.name.length || a.e.name.localeCompare(b.e.name, 'zh'))
    .slice(0, opts.limit)
    .map((x) => x.e);
}
