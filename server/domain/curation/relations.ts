/**
 * Relation changes: add (between two entities in the graph, checked against the model), edit its
 * role / kind / topic / date, retract, restore, and confirm or reject an inferred one. Each is one
 * change set.
 */
import { badInput, conflict, notFound } from '../errors.js';
import { relationId, type EntityType, type RelationType } from '../model.js';
import { checkId } from '../validate.js';
import type { GraphStore } from '../../store/types.js';
import { commitChange, type Change, type Committed } from './changes.js';
import { checkRelationDraft } from './drafts.js';
import { missing, withSource } from './entities.js';
import { latestRetraction } from './history.js';
import { lockEntities, lockRelation, readEntities, type RelationRecord } from './rows.js';
import { requireAnyInScope } from './scope.js';
import type { ChangeAuthor, RelationDraft, SourceInput } from './types.js';

/**
 * A relation's two ends' types; NOT_FOUND when one is not in the graph. `lock`: both ends are locked
 * too (lockEntities): two editors adding or restoring the same relation at once then run one after
 * the other, and the second finds the first's relation instead of adding it again (on Neo4j a read
 * alone sees neither), and an end retracted meanwhile is found gone.
 */
async function ends(change: Change, from: string, to: string, opts: { lock: boolean }): Promise<{ from: EntityType; to: EntityType }> {
  const rows = await (opts.lock ? lockEntities : readEntities)(change.tx, [from, to]);
  const found = new Map(rows.map((e) => [e.id, e.type as EntityType]));
  if (!found.has(from)) throw notFound(`from: no entity ${from}`, { field: 'from', id: from });
  if (!found.has(to)) throw notFound(`to: no entity ${to}`, { field: 'to', id: to });
  return { from: found.get(from)!, to: found.get(to)! };
}

/** Its two ends as the caller gives them (as a canvas shows the edge): found from their keys, else by id. */
export interface EndsHint {
  from?: string | null;
  to?: string | null;
}

async function locked(change: Change, id: string, expectedVersion?: number | null, hint?: EndsHint): Promise<RelationRecord> {
  const ends = hint?.from && hint.to ? { from: checkId(hint.from, 'source'), to: checkId(hint.to, 'target') } : null;
  const rel = (ends && (await lockRelation(change.tx, change.engine, id, ends))) || (await lockRelation(change.tx, change.engine, id));
  if (!rel) throw await missing(change, 'RELATION', id, expectedVersion);
  if (expectedVersion != null && rel.version !== expectedVersion) {
    throw conflict(`relation ${id} was changed by someone else since you loaded it; reload and try again`, {
      id,
      version: rel.version,
      expected: expectedVersion,
    });
  }
  await requireAnyInScope(change.tx, change.author, [rel.from, rel.to]);
  return rel;
}

export async function addRelation(
  store: GraphStore,
  author: ChangeAuthor,
  input: { draft: RelationDraft; note: string; source: SourceInput },
): Promise<Committed<RelationRecord>> {
  const from = checkId(input.draft.from, 'from');
  const to = checkId(input.draft.to, 'to');
  return commitChange(store, { kind: 'EDIT', note: input.note, source: input.source, author }, async (change) => {
    const draft = checkRelationDraft({ ...input.draft, from, to }, await ends(change, from, to, { lock: true }));
    await requireAnyInScope(change.tx, author, [from, to]);
    const id = relationId(draft);
    if (await lockRelation(change.tx, change.engine, id, { type: draft.type, from, to })) {
      throw badInput('this relation is already in the graph', { field: null, reason: 'DUPLICATE', id });
    }
    const restoring = (await latestRetraction(change.tx, 'RELATION', id)) !== null;
    const after = { ...draft, id, inferred: false, reason: null, sources: withSource('[]', change.source) };
    return (await change.putRelation(null, after, { restoring }))!;
  });
}

/** Role, kind, topic and date may change; the ends and type may not (retract and add instead). */
export async function updateRelation(
  store: GraphStore,
  author: ChangeAuthor,
  input: {
    id: string;
    expectedVersion?: number | null;
    patch: Partial<Pick<RelationDraft, 'role' | 'kind' | 'topic' | 'date'>>;
    note: string;
    source: SourceInput;
    ends?: EndsHint;
  },
): Promise<Committed<RelationRecord>> {
  const id = checkId(input.id);
  return commitChange(store, { kind: 'EDIT', note: input.note, source: input.source, author }, async (change) => {
    const before = await locked(change, id, input.expectedVersion, input.ends);
    const types = await ends(change, before.from, before.to, { lock: false });
    const merged = {
      type: before.type,
      from: before.from,
      to: before.to,
      role: before.role,
      kind: before.kind,
      topic: before.topic,
      date: before.date,
      ...input.patch,
    } as RelationDraft;
    const checked = checkRelationDraft(merged, types);
    const after = {
      ...before,
      role: checked.role ?? null,
      kind: checked.kind ?? null,
      topic: checked.topic ?? null,
      date: checked.date ?? null,
      sources: withSource(before.sources, change.source),
    };
    if (
      ['role', 'kind', 'topic', 'date'].every(
        (k) => (after as Record<string, unknown>)[k] === ((before as Record<string, unknown>)[k] ?? null),
      )
    ) {
      throw badInput('the edit changes nothing', { field: null });
    }
    return (await change.putRelation(before, after))!;
  });
}

export async function retractRelation(
  store: GraphStore,
  author: ChangeAuthor,
  input: { id: string; expectedVersion?: number | null; note: string; source: SourceInput; ends?: EndsHint },
): Promise<Committed<RelationRecord>> {
  const id = checkId(input.id);
  return commitChange(store, { kind: 'EDIT', note: input.note, source: input.source, author }, async (change) => {
    const before = await locked(change, id, input.expectedVersion, input.ends);
    await change.putRelation(before, null);
    return before;
  });
}

/** Brings a retracted relation back as it was, when both its ends are in the graph. */
export async function restoreRelation(
  store: GraphStore,
  author: ChangeAuthor,
  input: { id: string; note: string },
): Promise<Committed<RelationRecord>> {
  const id = checkId(input.id);
  return commitChange(store, { kind: 'EDIT', note: input.note, source: null, author, sourceless: true }, async (change) => {
    const retraction = await latestRetraction(change.tx, 'RELATION', id);
    const row = (retraction?.before ?? null) as RelationRecord | null;
    // Its ends locked before looking for it: a restore or add of it committed meanwhile is then found.
    if (row) await ends(change, row.from, row.to, { lock: true });
    if (await lockRelation(change.tx, change.engine, id, row)) throw badInput(`${id} is in the graph; nothing to restore`, { field: 'id' });
    if (!row) throw notFound(`no retracted relation ${id}`, { id });
    await requireAnyInScope(change.tx, author, [row.from, row.to]);
    return (await change.putRelation(null, row, { restoring: true }))!;
  });
}

/** An inferred relation a person has checked: stated from now on, with the source that states it. */
export async function confirmRelation(
  store: GraphStore,
  author: ChangeAuthor,
  input: { id: string; expectedVersion?: number | null; note: string; source: SourceInput; ends?: EndsHint },
): Promise<Committed<RelationRecord>> {
  const id = checkId(input.id);
  return commitChange(store, { kind: 'EDIT', note: input.note, source: input.source, author }, async (change) => {
    const before = await locked(change, id, input.expectedVersion, input.ends);
    if (!before.inferred) throw badInput('this relation is stated, not inferred; nothing to confirm', { field: 'id' });
    return (await change.putRelation(before, { ...before, inferred: false, sources: withSource(before.sources, change.source) }))!;
  });
}

export type { RelationType };
