/**
 * An editor's region scope: an editor of 闵行区 changes facts about what lies in 闵行区 — the region
 * itself and everything located in it (through towns and parks) — and relations with at least one
 * end there (joining a city-wide alliance). Entities located nowhere, and other regions', are for
 * editors without a scope (and admins).
 */
import { forbidden } from '../errors.js';
import type { Transaction } from '../../store/types.js';
import { placesAbove } from './rows.js';
import type { ChangeAuthor } from './types.js';

/** The ids among `ids` that lie in `region` (or are it). */
export async function inRegion(tx: Transaction, region: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const above = await placesAbove(tx, ids);
  return new Set(ids.filter((id) => id === region || above.get(id)?.has(region)));
}

/** Refuses unless every id lies in the author's region (no scope: anything). */
export async function requireAllInScope(tx: Transaction, author: ChangeAuthor, ids: string[]): Promise<void> {
  if (!author.region) return;
  const inside = await inRegion(tx, author.region, ids);
  const outside = ids.filter((id) => !inside.has(id));
  if (outside.length) {
    throw forbidden('this is outside the region you edit', { reason: 'OUT_OF_SCOPE', region: author.region, ids: outside });
  }
}

/** Refuses unless at least one id lies in the author's region (a relation: one end is enough). */
export async function requireAnyInScope(tx: Transaction, author: ChangeAuthor, ids: string[]): Promise<void> {
  if (!author.region) return;
  const inside = await inRegion(tx, author.region, ids);
  if (inside.size === 0) throw forbidden('neither end is in the region you edit', { reason: 'OUT_OF_SCOPE', region: author.region, ids });
}
