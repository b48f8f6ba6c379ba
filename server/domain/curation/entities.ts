/**
 * Entity changes: create (with where it is and its chain segments), edit, retract (its relations
 * with it), restore, and merge two into one. Each runs as one change set (changes.ts).
 */
import { randomBytes } from 'node:crypto';
import { badInput, conflict, notFound } from '../errors.js';
import { ENTITY_TYPES, relationId, type EntityType, type Source } from '../model.js';
import { buildSearchKey } from '../text.js';
import { decodeSources, decodeStrings } from '../records.js';
import { checkId } from '../validate.js';
import type { GraphStore } from '../../store/types.js';
import { commitChange, type Change, type Committed } from './changes.js';
import { checkEntityPatch, checkNewEntity } from './drafts.js';
import { lockEntities, lockEntity, lockRelation, readEntities, relationsOf, type EntityRecord, type RelationRecord } from './rows.js';
import { requireAllInScope } from './scope.js';
import type { ChangeAuthor, EntityDraft, SourceInput } from './types.js';
import { latestRetraction } from './history.js';

/** Types people add; chain segments are the reference chain, curated in the seed. */
export const CREATABLE_TYPES: readonly EntityType[] = ENTITY_TYPES.filter((t) => t !== 'ChainSegment');

/** Adds a source to a stored list (JSON), once. */
export function withSource(raw: unknown, source: Source | null): string {
  const list = decodeSources(raw);
  if (source && !list.some((s) => s.document === source.document && s.quote === source.quote)) list.push(source);
  return JSON.stringify(list);
}

const later = (a: unknown, b: string | null) => {
  const x = typeof a === 'string' && a ? a : null;
  return !x ? b : !b ? x : x > b ? x : b;
};

/** The stored row of an entity from its fields: lists as JSON, the search key rebuilt. */
function toRow(fields: Record<string, unknown>): Record<string, unknown> {
  const aliases = (fields.aliases as string[] | undefined) ?? [];
  return {
    ...fields,
    aliases: JSON.stringify(aliases),
    qualifications: JSON.stringify(fields.qualifications ?? []),
    products: JSON.stringify(fields.products ?? []),
    search: buildSearchKey(String(fields.name), aliases, (fields.nameEn as string | null) ?? null),
  };
}

/** A stored row's fields with its lists decoded (for editing). */
function fromRow(row: EntityRecord): Record<string, unknown> {
  return {
    ...row,
    aliases: decodeStrings(row.aliases),
    qualifications: decodeStrings(row.qualifications),
    products: decodeStrings(row.products),
  };
}

async function creditCodeFree(change: Change, code: string | null | undefined, self: string | null): Promise<void> {
  if (!code) return;
  const rows = await change.tx.run('MATCH (n:Entity) WHERE n.creditCode = $code RETURN n.id AS id, n.name AS name', { code });
  const other = rows.find((r) => r.id !== self);
  if (other) {
    throw badInput(`creditCode: already the code of ${String(other.name)}`, { field: 'creditCode', entity: String(other.id) });
  }
}

export interface Placement {
  /** Where it is: a park, or else a region (LOCATED_IN). */
  locatedIn?: string | null;
  /** Its chain segments (IN_SEGMENT). */
  segments?: string[];
}

async function place(change: Change, id: string, type: EntityType, placement: Placement): Promise<void> {
  const targets = [placement.locatedIn, ...(placement.segments ?? [])].filter((x): x is string => Boolean(x));
  const found = new Map((await readEntities(change.tx, targets)).map((e) => [e.id, e]));
  const add = async (relType: 'LOCATED_IN' | 'IN_SEGMENT', to: string, field: string, allowed: readonly string[]) => {
    const target = found.get(to);
    if (!target || !allowed.includes(target.type))
      throw badInput(`${field}: "${to.slice(0, 60)}" is not a ${allowed.join(' or ')}`, { field });
    const draft = { type: relType, from: id, to, role: null, kind: null, topic: null, date: null };
    await change.putRelation(null, {
      ...draft,
      id: relationId(draft),
      inferred: false,
      reason: null,
      sources: withSource('[]', change.source),
    });
  };
  if (placement.locatedIn) await add('LOCATED_IN', placement.locatedIn, 'locatedIn', ['Region', 'Park']);
  if (placement.segments?.length && !['Enterprise', 'Hospital'].includes(type)) {
    throw badInput('segments: only enterprises and hospitals have chain segments', { field: 'segments' });
  }
  for (const s of new Set(placement.segments ?? [])) await add('IN_SEGMENT', s, 'segments', ['ChainSegment']);
}

export async function createEntity(
  store: GraphStore,
  author: ChangeAuthor,
  input: { draft: EntityDraft; placement?: Placement; note: string; source: SourceInput },
): Promise<Committed<EntityRecord>> {
  const fields = checkNewEntity(input.draft, CREATABLE_TYPES);
  return commitChange(store, { kind: 'EDIT', note: input.note, source: input.source, author }, async (change) => {
    await creditCodeFree(change, fields.creditCode, null);
    const id = `${fields.type.toLowerCase()}-${randomBytes(5).toString('hex')}`;
    const created = await change.putEntity(
      null,
      toRow({ ...fields, id, sources: withSource('[]', change.source), lastSeen: change.sourceDate }),
    );
    await place(change, id, fields.type, input.placement ?? {});
    // Scope is checked on the graph as it now stands: the new entity must lie in the editor's region.
    await requireAllInScope(change.tx, author, [id]);
    return created!;
  });
}

/**
 * The error for an entity or relation that is not in the graph: CONFLICT when the caller loaded it
 * (an expected version) and someone has retracted it since, else NOT_FOUND.
 */
export async function missing(change: Change, target: 'ENTITY' | 'RELATION', id: string, expected: number | null | undefined) {
  const what = target === 'ENTITY' ? 'entity' : 'relation';
  if (expected != null && (await latestRetraction(change.tx, target, id))) {
    return conflict(`${what} ${id} was retracted by someone else since you loaded it; reload and try again`, {
      id,
      version: null,
      expected,
    });
  }
  return notFound(`no ${what} ${id}`, { id });
}

function checkVersion(current: { version: number }, expected: number | null | undefined, id: string): void {
  if (expected != null && current.version !== expected) {
    throw conflict(
      `${id} was changed by someone else since you loaded it (version ${current.version}, you had ${expected}); reload and try again`,
      {
        id,
        version: current.version,
        expected,
      },
    );
  }
}

export async function updateEntity(
  store: GraphStore,
  author: ChangeAuthor,
  input: { id: string; expectedVersion?: number | null; patch: Partial<EntityDraft>; note: string; source: SourceInput },
): Promise<Committed<EntityRecord>> {
  const id = checkId(input.id);
  return commitChange(store, { kind: 'EDIT', note: input.note, source: input.source, author }, async (change) => {
    const before = await lockEntity(change.tx, id);
    if (!before) throw await missing(change, 'ENTITY', id, input.expectedVersion);
    checkVersion(before, input.expectedVersion, id);
    await requireAllInScope(change.tx, author, [id]);
    const patch = checkEntityPatch(before.type as EntityType, input.patch);
    await creditCodeFree(change, patch.creditCode, id);
    const merged = { ...fromRow(before), ...patch };
    const after = toRow({
      ...merged,
      sources: withSource(before.sources, change.source),
      lastSeen: later(before.lastSeen, change.sourceDate),
    });
    const changed = Object.keys(patch).some((k) => JSON.stringify(after[k]) !== JSON.stringify(before[k]));
    if (!changed) throw badInput('the edit changes nothing', { field: null });
    return (await change.putEntity(before, after))!;
  });
}

/** Retracts an entity's relations, then the entity (so a restore brings them back together). */
async function retractWithRelations(change: Change, entity: EntityRecord, detail?: Record<string, unknown>): Promise<number> {
  const rels = await relationsOf(change.tx, change.engine, entity.id);
  // Read in this transaction (and each is locked as it is deleted); no second read per relation.
  for (const r of rels) await change.putRelation(r, null);
  await change.putEntity(entity, null, { detail });
  return rels.length;
}

export async function retractEntity(
  store: GraphStore,
  author: ChangeAuthor,
  input: { id: string; expectedVersion?: number | null; note: string; source: SourceInput },
): Promise<Committed<{ relations: number }>> {
  const id = checkId(input.id);
  return commitChange(store, { kind: 'EDIT', note: input.note, source: input.source, author }, async (change) => {
    const before = await lockEntity(change.tx, id);
    if (!before) throw await missing(change, 'ENTITY', id, input.expectedVersion);
    checkVersion(before, input.expectedVersion, id);
    await requireAllInScope(change.tx, author, [id]);
    return { relations: await retractWithRelations(change, before) };
  });
}

/**
 * Brings a retracted entity back as it was, with the relations retracted with it whose other end is
 * still in the graph.
 */
export async function restoreEntity(
  store: GraphStore,
  author: ChangeAuthor,
  input: { id: string; note: string },
): Promise<Committed<{ relations: number }>> {
  const id = checkId(input.id);
  return commitChange(store, { kind: 'EDIT', note: input.note, source: null, author, sourceless: true }, async (change) => {
    if (await lockEntity(change.tx, id)) throw badInput(`${id} is in the graph; nothing to restore`, { field: 'id' });
    const retraction = await latestRetraction(change.tx, 'ENTITY', id);
    if (!retraction?.before) throw notFound(`no retracted entity ${id}`, { id });
    await change.putEntity(null, retraction.before, { restoring: true });
    await requireAllInScope(change.tx, author, [id]);
    let relations = 0;
    const rows = (await retractedWith(change, retraction.changeSet, id)).map((rev) => rev.before as RelationRecord);
    const otherEnd = (row: RelationRecord) => (row.from === id ? row.to : row.from);
    // The other ends locked: one retracted meanwhile is found gone, not linked to again.
    const present = new Set((await lockEntities(change.tx, rows.map(otherEnd))).map((e) => e.id));
    for (const row of rows) {
      if (!present.has(otherEnd(row))) continue;
      if (await lockRelation(change.tx, change.engine, row.id, row)) continue;
      await change.putRelation(null, row, { restoring: true });
      relations++;
    }
    return { relations };
  });
}

async function retractedWith(change: Change, changeSet: string, id: string) {
  const rows = await change.tx.run(
    "MATCH (r:Revision) WHERE r.changeSet = $cs AND r.target = 'RELATION' AND r.op = 'RETRACT' AND r.subjects CONTAINS $subject RETURN r.before AS before ORDER BY r.seq",
    { cs: changeSet, subject: `|${id}|` },
  );
  return rows.map((r) => ({ before: JSON.parse(String(r.before)) as Record<string, unknown> }));
}

/**
 * Merges `mergeId` into `keepId`: its name and aliases become aliases of the one kept, its profile
 * fills the kept one's blanks, its sources are added, its relations move across (joining an
 * identical one where it exists; one between the two is dropped), and it is retracted — all as one
 * change set, which a revert undoes.
 */
export async function mergeEntities(
  store: GraphStore,
  author: ChangeAuthor,
  input: { keepId: string; mergeId: string; expectedVersions?: { keep?: number | null; merge?: number | null }; note: string },
): Promise<Committed<{ moved: number }>> {
  const keepId = checkId(input.keepId, 'keepId');
  const mergeId = checkId(input.mergeId, 'mergeId');
  if (keepId === mergeId) throw badInput('mergeId: an entity cannot be merged into itself', { field: 'mergeId' });
  return commitChange(store, { kind: 'MERGE', note: input.note, source: null, author, sourceless: true }, async (change) => {
    const keep = await lockEntity(change.tx, keepId);
    const gone = await lockEntity(change.tx, mergeId);
    if (!keep) throw notFound(`no entity ${keepId}`, { id: keepId });
    if (!gone) throw notFound(`no entity ${mergeId}`, { id: mergeId });
    checkVersion(keep, input.expectedVersions?.keep, keepId);
    checkVersion(gone, input.expectedVersions?.merge, mergeId);
    if (keep.type !== gone.type) throw badInput(`mergeId: a ${gone.type} cannot be merged into a ${keep.type}`, { field: 'mergeId' });
    await requireAllInScope(change.tx, author, [keepId, mergeId]);
    let moved = 0;
    for (const r of await relationsOf(change.tx, change.engine, mergeId)) {
      const rel = (await lockRelation(change.tx, change.engine, r.id, r))!;
      await change.putRelation(rel, null, { detail: { mergedInto: keepId } });
      const from = rel.from === mergeId ? keepId : rel.from;
      const to = rel.to === mergeId ? keepId : rel.to;
      if (from === to) continue;
      const id = relationId({ ...rel, from, to } as never);
      const existing = await lockRelation(change.tx, change.engine, id, { type: rel.type, from, to });
      if (existing) {
        const sources = decodeSources(rel.sources).reduce<unknown>((list, s) => withSource(list, s), existing.sources);
        if (sources !== existing.sources) await change.putRelation(existing, { ...existing, sources });
      } else {
        await change.putRelation(null, { ...rel, id, from, to });
      }
      moved++;
    }
    const k = fromRow(keep);
    const g = fromRow(gone);
    const fill: Record<string, unknown> = {};
    for (const f of ['nameEn', 'description', 'creditCode', 'registeredCapital', 'founded', 'address', 'website', 'contact', 'headcount']) {
      if ((k[f] === null || k[f] === undefined || k[f] === '') && g[f] != null) fill[f] = g[f];
    }
    const aliases = [...new Set([...(k.aliases as string[]), String(gone.name), ...(g.aliases as string[])])].filter(
      (a) => a !== keep.name,
    );
    const sources = decodeSources(gone.sources).reduce<unknown>((list, s) => withSource(list, s), keep.sources);
    // The merged one goes first: a credit code it held moves to the one kept.
    await retractWithRelations(change, gone, { mergedInto: keepId });
    await change.putEntity(
      keep,
      toRow({
        ...k,
        ...fill,
        aliases,
        qualifications: [...new Set([...(k.qualifications as string[]), ...(g.qualifications as string[])])],
        products: [...new Set([...(k.products as string[]), ...(g.products as string[])])],
        sources,
        lastSeen: later(keep.lastSeen, (gone.lastSeen as string | null) ?? null),
      }),
      { detail: { merged: mergeId } },
    );
    return { moved };
  });
}
