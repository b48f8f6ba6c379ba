/**
 * Reads the graph back and checks it against the model, for a store whose engine does not checksum
 * its pages (LadybugDB serves a damaged page's random bytes as a name without noticing). The search
 * key is derived from name, aliases and English name at load time, so a name that changed on disk
 * no longer matches it; lists are JSON; types are the model's.
 */
import type { GraphStore } from '../store/types.js';
import { isEntityType } from './model.js';
import { buildSearchKey } from './text.js';

export interface Damage {
  /** The entity or relation id (or what was read in its place). */
  id: string;
  problem: string;
}

/**
 * Entities whose search key is recomputed (the costly part: pinyin and OpenCC, ~0.1 ms each); beyond
 * it every n-th one is, spread over the whole store, so a damaged page of names still shows in the
 * sample. 5,000 took ~0.65 s of every start at 100k (cpu profile), a seventh of the start's budget.
 */
const SEARCH_KEY_SAMPLE = 1000;
/** Relations read back; their properties are only checked for shape. */
const RELATION_SAMPLE = 50_000;
// eslint-disable-next-line no-control-regex -- control characters are exactly what damaged text shows.
const NOT_TEXT = /[\u0000-\u0008\u000e-\u001f\ufffd]/;

function jsonList(raw: unknown): boolean {
  if (raw === null || raw === undefined) return true;
  try {
    return Array.isArray(JSON.parse(String(raw)));
  } catch {
    return false;
  }
}

function entityProblem(row: Record<string, unknown>, checkKey: boolean): string | null {
  const { id, type, name, nameEn, aliases, search, sources } = row;
  if (typeof id !== 'string' || id === '' || NOT_TEXT.test(id)) return 'its id is not text';
  if (typeof type !== 'string' || !isEntityType(type)) return 'its type is not one of the model';
  if (typeof name !== 'string' || name === '' || NOT_TEXT.test(name)) return 'its name is not text';
  if (!jsonList(aliases) || !jsonList(sources)) return 'its aliases or sources are not JSON lists';
  if (checkKey) {
    const expected = buildSearchKey(name, JSON.parse(String(aliases ?? '[]')) as string[], typeof nameEn === 'string' ? nameEn : null);
    if (search !== expected) return 'its name, aliases or search key changed on disk';
  }
  return null;
}

/** At most `max` damaged entities or relations, first found first; an empty list when all is well. */
export async function findDamage(store: GraphStore, max = 5): Promise<Damage[]> {
  const found: Damage[] = [];
  const entities = await store.read(
    'MATCH (n:Entity) RETURN n.id AS id, n.type AS type, n.name AS name, n.nameEn AS nameEn, n.aliases AS aliases, n.search AS search, n.sources AS sources',
    {},
    { operation: 'integrity entities', timeoutMs: 0 },
  );
  const every = Math.max(1, Math.ceil(entities.length / SEARCH_KEY_SAMPLE));
  entities.forEach((row, i) => {
    const problem = found.length < max ? entityProblem(row, i % every === 0) : null;
    if (problem) found.push({ id: String(row.id), problem });
  });
  if (found.length >= max) return found;
  const relations = await store.read(
    `MATCH (:Entity)-[r]->(:Entity) RETURN r.id AS id, r.sources AS sources LIMIT ${RELATION_SAMPLE}`,
    {},
    { operation: 'integrity relations', timeoutMs: 0 },
  );
  for (const row of relations) {
    if (found.length >= max) break;
    if (typeof row.id !== 'string' || row.id === '' || NOT_TEXT.test(row.id))
      found.push({ id: String(row.id), problem: 'its id is not text' });
    else if (!jsonList(row.sources)) found.push({ id: row.id, problem: 'its sources are not a JSON list' });
  }
  return found;
}
