/**
 * Reverting a change set: its revisions applied backwards, newest first, as a new change set (kind
 * REVERT) — an import undone as a whole, a merge unmerged. A fact changed again since cannot be
 * reverted silently: the revert is refused with CONFLICT naming what changed.
 */
import { conflict, notFound } from '../errors.js';
import { checkId } from '../validate.js';
import type { GraphStore } from '../../store/types.js';
import { commitChange, type Committed } from './changes.js';
import { changeSet as readChangeSet, revisionsOf } from './history.js';
import { lockEntity, lockRelation, relationsOf, type EntityRecord, type RelationRecord } from './rows.js';
import { requireAllInScope } from './scope.js';
import type { ChangeAuthor } from './types.js';

const version = (row: Record<string, unknown> | null) => (row ? Number(row.version ?? 0) : null);

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
    const changedSince: string[] = [];
    const subjects = new Set<string>();
    for (const rev of [...revisions].reverse()) {
      if (rev.target === 'ENTITY') {
        const current = await lockEntity(change.tx, rev.targetId);
        if (version(current) !== version(rev.after)) {
          changedSince.push(rev.targetId);
          continue;
        }
        subjects.add(rev.targetId);
        if (rev.before === null) {
          // Undoing a creation: relations added to it since would be lost with it.
          const left = await relationsOf(change.tx, change.engine, rev.targetId);
          if (left.length) {
            changedSince.push(...left.map((r) => r.id));
            continue;
          }
        }
        await change.putEntity(
          current,
          rev.before === null ? null : { ...rev.before, version: Math.max(version(rev.after) ?? 0, version(rev.before) ?? 0) },
          {
            restoring: current === null,
          },
        );
      } else {
        const current = await lockRelation(change.tx, change.engine, rev.targetId);
        if (version(current) !== version(rev.after)) {
          changedSince.push(rev.targetId);
          continue;
        }
        const before = rev.before as RelationRecord | null;
        for (const end of [before?.from, before?.to]) if (end) subjects.add(end);
        await change.putRelation(
          current,
          before === null ? null : { ...before, version: Math.max(version(rev.after) ?? 0, version(before) ?? 0) },
          {
            restoring: current === null,
          },
        );
      }
    }
    if (changedSince.length) {
      throw conflict(
        `cannot revert ${id}: ${changedSince.length} of its facts changed since (${changedSince.slice(0, 5).join(', ')}${changedSince.length > 5 ? ', …' : ''}); revert the later changes first`,
        {
          id,
          changed: changedSince.slice(0, 100),
        },
      );
    }
    // Checked on the graph before the revert for facts it removes, after it for those it brings back.
    await requireAllInScopeLoose(change, author, [...subjects]);
    return { reverted: id, revisions: revisions.length };
  });
}

/** Scope for a revert: every entity it touches that is in the graph afterwards must be in the editor's region. */
async function requireAllInScopeLoose(change: { tx: Parameters<typeof requireAllInScope>[0] }, author: ChangeAuthor, ids: string[]) {
  if (!author.region || ids.length === 0) return;
  const live = await change.tx.run('MATCH (e:Entity) WHERE e.id IN $ids RETURN e.id AS id', { ids });
  await requireAllInScope(
    change.tx,
    author,
    live.map((r) => String(r.id)),
  );
}

export type { EntityRecord };
