/**
 * Reverting a change set: its revisions applied backwards, newest first, as a new change set (kind
 * REVERT) — an import undone as a whole, a merge unmerged. A fact changed again since cannot be
 * reverted silently: the revert is refused with CONFLICT naming what changed; once that later change
 * is reverted too, the fact states again what this change left, and the revert goes ahead.
 *
 * It works on the whole change set at once, so a 10,000-row import reverts in a few statements: the
 * facts it touched are read in batches, its revisions are replayed backwards in memory (each must
 * find the fact as it left it), and the end state is written with Change.putMany.
 */
import { conflict, notFound } from '../errors.js';
import type { RelationType } from '../model.js';
import { checkId } from '../validate.js';
import type { GraphStore } from '../../store/types.js';
import { commitChange, type Committed } from './changes.js';
import { changeSet as readChangeSet, revisionsOf } from './history.js';
import { readEntities, readRelations, relationIdsAt, type EntityRecord, type RelationRecord, type RelationRef } from './rows.js';
import { requireAllInScope } from './scope.js';
import type { ChangeAuthor } from './types.js';

type Row = Record<string, unknown>;
const version = (row: Row | null) => (row ? Number(row.version ?? 0) : null);

/** Bookkeeping, not facts: a fact reverted to what it was is the same fact, whatever its version. */
const BOOKKEEPING = new Set(['version', 'updatedAt', 'updatedBy', 'search']);

/** True when two stored rows state the same facts (both absent, or equal but for bookkeeping). */
export function sameFacts(a: Row | null, b: Row | null): boolean {
  if (!a || !b) return a === b || (!a && !b);
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    if (BOOKKEEPING.has(k)) continue;
    if (JSON.stringify(a[k] ?? null) !== JSON.stringify(b[k] ?? null)) return false;
  }
  return true;
}

export async function revertChangeSet(
  store: GraphStore,
  author: ChangeAuthor,
  input: { id: string; note: string },
): Promise<Committed<{ reverted: string; revisions: number }>> {
  const id = checkId(input.id);
  const target = await readChangeSet(store, id);
  if (!target) throw notFound(`no change set ${id}`, { id });
  if (target.revertedBy) throw conflict(`${id} was already reverted by ${target.revertedBy}`, { id, revertedBy: target.revertedBy });
  return commitChange(store, { kind: 'REVERT', note: input.note, source: null, author, reverts: id, sourceless: true }, async (change) => {
    const revisions = await revisionsOf(change.tx, id);
    // The facts as they are now.
    const entityIds = [...new Set(revisions.filter((r) => r.target === 'ENTITY').map((r) => r.targetId))];
    const live = new Map<string, Row | null>((await readEntities(change.tx, entityIds)).map((e) => [`E:${e.id}`, e]));
    // Each relation found from its ends: a relation's type and ends never change (a merge retracts it and adds another).
    const relTypes = new Map<RelationType, RelationRef[]>();
    for (const r of revisions.filter((x) => x.target === 'RELATION')) {
      const fact = (r.after ?? r.before)!;
      const type = String(fact.type) as RelationType;
      const ref = { id: r.targetId, from: String(fact.from), to: String(fact.to) };
      const refs = relTypes.get(type);
      if (refs) refs.push(ref);
      else relTypes.set(type, [ref]);
    }
    for (const [type, refs] of relTypes)
      for (const r of await readRelations(change.tx, change.engine, type, refs)) live.set(`R:${r.id}`, r);

    // Replayed backwards: each revision must find its fact as it left it.
    const state = new Map(live);
    const changedSince = new Set<string>();
    const highest = new Map<string, number>();
    for (const rev of [...revisions].reverse()) {
      const key = `${rev.target === 'ENTITY' ? 'E' : 'R'}:${rev.targetId}`;
      const now = state.has(key) ? state.get(key)! : null;
      // Changed since unless it states what this change left (a later change reverted since is fine).
      if (!sameFacts(now, rev.after)) changedSince.add(rev.targetId);
      highest.set(key, Math.max(highest.get(key) ?? 0, version(rev.after) ?? 0, version(rev.before) ?? 0, version(now) ?? 0));
      state.set(key, rev.before);
    }
    // Entities the revert removes must have no relation left that it does not remove too.
    const removed = [...state].filter(([k, v]) => k.startsWith('E:') && v === null && live.get(k)).map(([k]) => k.slice(2));
    const removedRels = new Set([...state].filter(([k, v]) => k.startsWith('R:') && v === null && live.get(k)).map(([k]) => k.slice(2)));
    for (const rel of await relationIdsAt(change.tx, removed)) if (!removedRels.has(rel)) changedSince.add(rel);
    if (changedSince.size) {
      const list = [...changedSince];
      throw conflict(
        `cannot revert ${id}: ${list.length} of its facts changed since (${list.slice(0, 5).join(', ')}${list.length > 5 ? ', …' : ''}); revert the later changes first`,
        { id, changed: list.slice(0, 100) },
      );
    }

    const entities: Parameters<typeof change.putMany>[0]['entities'] = [];
    const relations: Parameters<typeof change.putMany>[0]['relations'] = [];
    for (const [key, end] of state) {
      const before = live.get(key) ?? null;
      if (JSON.stringify(before) === JSON.stringify(end) || (!before && !end)) continue;
      const after = end ? { ...end, version: highest.get(key) ?? 0 } : null;
      if (key.startsWith('E:')) entities.push({ before: before as EntityRecord | null, after, restoring: !before });
      else relations.push({ before: before as RelationRecord | null, after: after as RelationRecord | null, restoring: !before });
    }
    await change.putMany({ entities, relations });
    // Scope: every entity the revert touches that is still in the graph must be in the editor's region.
    const touched = [
      ...new Set([
        ...entities.map((e) => String((e.after ?? e.before)!.id)),
        ...relations.flatMap((r) => [String((r.after ?? r.before)!.from), String((r.after ?? r.before)!.to)]),
      ]),
    ];
    if (author.region && touched.length) {
      const stillThere = (await readEntities(change.tx, touched)).map((e) => e.id);
      await requireAllInScope(change.tx, author, stillThere);
    }
    return { reverted: id, revisions: revisions.length };
  });
}
