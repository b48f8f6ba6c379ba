/**
 * The one way the graph changes: a change set. `commitChange` opens one transaction; inside it the
 * caller's `build` reads what it needs and puts new versions of entities and relations through the
 * `Change`, which writes each and records a revision (before, after). Then the change set, its
 * revisions and the audit event are written in the same transaction — all of it commits, or none.
 */
import { randomBytes } from 'node:crypto';
import { auditClause, newAuditEvent } from '../../auth/audit.js';
import { buildSearchKey } from '../text.js';
import { decodeStrings } from '../records.js';
import { badInput } from '../errors.js';
import { unwindRows } from '../../store/dialect.js';
import type { EntityType, RelationType, Source } from '../model.js';
import type { ChangeKind, RevisionOp, TargetKind } from '../../../shared/model/curation.js';
import type { Engine, GraphStore, Transaction } from '../../store/types.js';
import {
  createRelations,
  deleteEntities,
  placesAbove,
  deleteRelations,
  updateRelations,
  writeEntities,
  writeEntity,
  writeRelation,
  type EntityRecord,
  type RelationRecord,
} from './rows.js';
import { checkSource, sourceOf } from './sources.js';
import type { ChangeAuthor, ChangeSet, Revision, SourceInput } from './types.js';

export const MAX_CHANGE_NOTE = 1000;

export interface ChangeRequest {
  kind: ChangeKind;
  /** Why: the editor's note. */
  note: string;
  /** Where the facts come from; null only for a merge or a revert (which add no new facts). */
  source: SourceInput | null;
  author: ChangeAuthor;
  reverts?: string | null;
  /** True for changes that state no new fact (restore, merge, revert): they need no source. */
  sourceless?: boolean;
}

let sequence = 0;

/** Change set ids sort by time (like audit events): time, a per-process sequence, randomness. */
export function newChangeSetId(at: string): string {
  return `cs-${at.replace(/[-:.TZ]/g, '')}-${String(sequence++ % 1_000_000).padStart(6, '0')}-${randomBytes(3).toString('hex')}`;
}

/** Relations grouped by type (a batch statement writes one relation table). */
function byType<T extends { type: RelationType }>(list: T[]): Map<RelationType, T[]> {
  const m = new Map<RelationType, T[]>();
  for (const x of list) {
    const l = m.get(x.type);
    if (l) l.push(x);
    else m.set(x.type, [x]);
  }
  return m;
}

/** The change being built: writes go through it, so every write has its revision. */
export class Change {
  readonly revisions: Revision[] = [];

  constructor(
    readonly tx: Transaction,
    readonly engine: Engine,
    readonly id: string,
    readonly at: string,
    readonly author: ChangeAuthor,
    /** The change's source (document + quote), null for merges and reverts. */
    readonly source: Source | null,
    /** The source document's date (a fact's lastSeen), if any. */
    readonly sourceDate: string | null,
  ) {}

  private record(
    target: TargetKind,
    targetId: string,
    op: RevisionOp,
    before: Record<string, unknown> | null,
    after: Record<string, unknown> | null,
    detail?: Record<string, unknown>,
  ) {
    const seq = this.revisions.length;
    // History keeps the facts only: not the search key (derived, rebuilt on every write, a restore
    // too), nor empty fields (absent reads as null everywhere) — a third of an import's history.
    const facts = (row: Record<string, unknown> | null) =>
      row && Object.fromEntries(Object.entries(row).filter(([k, v]) => k !== 'search' && v !== null && v !== undefined));
    this.revisions.push({
      id: `${this.id}-${seq}`,
      changeSet: this.id,
      seq,
      target,
      targetId,
      op,
      before: facts(before),
      after: facts(after),
      detail: detail ?? null,
    });
  }

  private stamp<T extends Record<string, unknown>>(
    after: T,
    before: { version: number } | null,
  ): T & { version: number; updatedAt: string; updatedBy: string } {
    const base = Math.max(before?.version ?? 0, Number(after.version ?? 0));
    const stamped: Record<string, unknown> = { ...after, version: base + 1, updatedAt: this.at, updatedBy: this.author.username };
    // An entity's search key always follows its names.
    if (typeof stamped.name === 'string' && 'aliases' in stamped) {
      stamped.search = buildSearchKey(stamped.name, decodeStrings(stamped.aliases), (stamped.nameEn as string | null) ?? null);
    }
    return stamped as T & { version: number; updatedAt: string; updatedBy: string };
  }

  /**
   * Puts an entity's new version (after null: retract it — its relations must be retracted first).
   * `restoring` marks re-creating a retracted entity from its snapshot.
   */
  async putEntity(
    before: EntityRecord | null,
    after: Record<string, unknown> | null,
    opts: { restoring?: boolean; detail?: Record<string, unknown> } = {},
  ): Promise<EntityRecord | null> {
    const id = String(before?.id ?? after?.id);
    const stamped = after ? (this.stamp({ ...after, id }, before) as unknown as EntityRecord) : null;
    await writeEntity(this.tx, id, before !== null, stamped);
    const op: RevisionOp = !stamped ? 'RETRACT' : !before ? (opts.restoring ? 'RESTORE' : 'CREATE') : 'UPDATE';
    this.record('ENTITY', id, op, before, stamped, opts.detail);
    return stamped;
  }

  /**
   * Puts many entities at once (an import): new ones (before null) created, others replaced, in a few
   * statements; each still gets its revision.
   */
  async putEntities(items: { before: EntityRecord | null; after: Record<string, unknown> }[]): Promise<void> {
    const stamped = items.map(({ before, after }) => ({
      before,
      after: this.stamp({ ...after, id: String(before?.id ?? after.id) }, before),
    }));
    await writeEntities(
      this.tx,
      stamped.filter((x) => !x.before).map((x) => x.after),
      false,
    );
    await writeEntities(
      this.tx,
      stamped.filter((x) => x.before).map((x) => x.after),
      true,
    );
    for (const x of stamped) this.record('ENTITY', String(x.after.id), x.before ? 'UPDATE' : 'CREATE', x.before, x.after);
  }

  /** Creates many relations at once (an import), grouped by type. */
  async createRelations(rows: (Record<string, unknown> & { id: string; type: RelationType; from: string; to: string })[]): Promise<void> {
    await this.putMany({ entities: [], relations: rows.map((after) => ({ before: null, after })) });
  }

  /**
   * Puts many facts at once, in batches (a revert of an import): relations removed first, then
   * entities removed, then entities written, then relations written. `after` null retracts; `before`
   * null with `restoring` brings back. Each fact gets its revision.
   */
  async putMany(items: {
    entities: { before: EntityRecord | null; after: Record<string, unknown> | null; restoring?: boolean }[];
    relations: {
      before: RelationRecord | null;
      after: (Record<string, unknown> & { type: RelationType; from: string; to: string }) | null;
      restoring?: boolean;
    }[];
  }): Promise<void> {
    const rels = items.relations.map((x) => ({
      ...x,
      id: String(x.before?.id ?? x.after?.id),
      type: (x.before?.type ?? x.after?.type) as RelationType,
    }));
    for (const [type, list] of byType(rels.filter((x) => x.before && !x.after)))
      await deleteRelations(
        this.tx,
        type,
        list.map((x) => ({ id: x.id, from: x.before!.from, to: x.before!.to })),
      );
    const ents = items.entities.map((x) => ({ ...x, id: String(x.before?.id ?? x.after?.id) }));
    await deleteEntities(
      this.tx,
      ents.filter((x) => x.before && !x.after).map((x) => x.id),
    );
    const stampedEntities = ents.map((x) => ({ ...x, stamped: x.after ? this.stamp({ ...x.after, id: x.id }, x.before) : null }));
    await writeEntities(
      this.tx,
      stampedEntities.filter((x) => x.stamped && !x.before).map((x) => x.stamped!),
      false,
    );
    await writeEntities(
      this.tx,
      stampedEntities.filter((x) => x.stamped && x.before).map((x) => x.stamped!),
      true,
    );
    const stampedRels = rels.map((x) => ({ ...x, stamped: x.after ? this.stamp({ ...x.after, id: x.id }, x.before) : null }));
    for (const [type, list] of byType(stampedRels.filter((x) => x.stamped && !x.before)))
      await createRelations(
        this.tx,
        type,
        list.map((x) => x.stamped!),
      );
    for (const [type, list] of byType(stampedRels.filter((x) => x.stamped && x.before)))
      await updateRelations(
        this.tx,
        type,
        list.map((x) => x.stamped!),
      );
    const op = (x: { before: unknown; stamped: unknown; restoring?: boolean }): RevisionOp =>
      !x.stamped ? 'RETRACT' : !x.before ? (x.restoring ? 'RESTORE' : 'CREATE') : 'UPDATE';
    for (const x of stampedRels.filter((r) => !r.stamped)) this.record('RELATION', x.id, op(x), x.before, null);
    for (const x of stampedEntities) this.record('ENTITY', x.id, op(x), x.before, x.stamped);
    for (const x of stampedRels.filter((r) => r.stamped)) this.record('RELATION', x.id, op(x), x.before, x.stamped);
  }

  /** Puts a relation's new version (after null: retract it). */
  async putRelation(
    before: RelationRecord | null,
    after: (Record<string, unknown> & { type: RelationType; from: string; to: string }) | null,
    opts: { restoring?: boolean; detail?: Record<string, unknown> } = {},
  ): Promise<RelationRecord | null> {
    const id = String(before?.id ?? after?.id);
    const type = (before?.type ?? after?.type) as RelationType;
    const stamped = after ? (this.stamp({ ...after, id }, before) as unknown as RelationRecord) : null;
    await writeRelation(this.tx, type, id, before, stamped);
    const op: RevisionOp = !stamped ? 'RETRACT' : !before ? (opts.restoring ? 'RESTORE' : 'CREATE') : 'UPDATE';
    this.record('RELATION', id, op, before, stamped, opts.detail);
    return stamped;
  }
}

/** Region ids and entity types a change touched: for the recent-changes feed's filters. */
async function touched(change: Change): Promise<{ regions: string[]; types: EntityType[] }> {
  const ids = new Set<string>();
  const regions = new Set<string>();
  const types = new Set<EntityType>();
  for (const r of change.revisions) {
    for (const row of [r.before, r.after]) {
      if (!row) continue;
      if (r.target === 'ENTITY') {
        ids.add(String(row.id));
        types.add(row.type as EntityType);
      } else {
        ids.add(String(row.from));
        ids.add(String(row.to));
      }
    }
  }
  if (ids.size === 0) return { regions: [], types: [] };
  // Walked up one hop at a time, each node found by its key, following parks and regions only
  // (entity → park → town → district → city): a variable-length pattern from each entity cost
  // ~200 ms on the 100k graph; an import of 10,000 companies in a dozen towns walks up from the dozen.
  for (const r of change.revisions) {
    const row = r.after ?? r.before;
    if (r.target === 'ENTITY' && row?.type === 'Region') regions.add(String(row.id));
  }
  // An entity placed by this very change (an import's rows) is walked up from its place, so 10,000
  // companies in a dozen towns walk up from the dozen.
  const placedHere = new Set<string>();
  const start = new Set<string>();
  for (const r of change.revisions) {
    if (r.target !== 'RELATION') continue;
    for (const row of [r.before, r.after]) {
      if (row?.type === 'LOCATED_IN') {
        placedHere.add(String(row.from));
        start.add(String(row.to));
      }
    }
  }
  for (const id of ids) if (!placedHere.has(id)) start.add(id);
  const places = new Set<string>(start);
  for (const set of (await placesAbove(change.tx, [...start])).values()) for (const p of set) places.add(p);
  if (places.size) {
    const types = await change.tx.run('UNWIND $ids AS id MATCH (p:Entity {id: id}) RETURN p.id AS id, p.type AS type', {
      ids: [...places],
    });
    for (const t of types) if (t.type === 'Region') regions.add(String(t.id));
  }
  return { regions: [...regions].sort(), types: [...types].sort() };
}

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
/** A set of ids as one string a CONTAINS '|id|' matches. */
export const bars = (ids: readonly string[]) => `|${ids.join('|')}|`;

function subjectsOf(r: Revision): string[] {
  const row = r.after ?? r.before;
  if (!row) return [];
  return r.target === 'ENTITY' ? [String(row.id)] : [String(row.from), String(row.to)];
}

async function writeHistory(change: Change, req: ChangeRequest, document: string | null): Promise<ChangeSet> {
  const { regions, types } = await touched(change);
  const counts: Record<string, number> = {};
  for (const r of change.revisions) counts[`${r.target}_${r.op}`] = (counts[`${r.target}_${r.op}`] ?? 0) + 1;
  const changeSet: ChangeSet = {
    id: change.id,
    at: change.at,
    author: change.author.username,
    kind: req.kind,
    note: req.note,
    document,
    reverts: req.reverts ?? null,
    revertedBy: null,
    regions,
    types,
    summary: JSON.stringify(counts),
  };
  await change.tx.run(
    'CREATE (:ChangeSet {id: $id, at: $at, author: $author, kind: $kind, note: $note, document: $document, reverts: $reverts, ' +
      'regions: $regions, types: $types, summary: $summary, clientAddress: $clientAddress})',
    { ...changeSet, regions: bars(regions), types: bars(types), clientAddress: change.author.clientAddress },
  );
  const rows = change.revisions.map((r) => ({
    id: r.id,
    changeSet: r.changeSet,
    seq: r.seq,
    at: change.at,
    author: change.author.username,
    target: r.target,
    targetId: r.targetId,
    op: r.op,
    before: json(r.before),
    after: json(r.after),
    detail: json(r.detail),
    subjects: bars(subjectsOf(r)),
  }));
  const keys = ['id', 'changeSet', 'seq', 'at', 'author', 'target', 'targetId', 'op', 'before', 'after', 'detail', 'subjects'];
  for (let i = 0; i < rows.length; i += 5000) {
    const { cypher, params, v } = unwindRows(change.tx.engine, rows.slice(i, i + 5000), keys);
    await change.tx.run(`${cypher} CREATE (:Revision {${keys.map((k) => `${k}: ${v(k)}`).join(', ')}})`, params);
  }
  if (req.reverts) {
    await change.tx.run('MATCH (c:ChangeSet {id: $id}) SET c.revertedBy = $by', { id: req.reverts, by: change.id });
  }
  const audit = auditClause(
    newAuditEvent(
      Date.parse(change.at),
      { username: change.author.username, clientAddress: change.author.clientAddress },
      {
        action: 'WRITE',
        outcome: 'OK',
        target: change.id,
        params: { kind: req.kind, note: req.note, revisions: counts },
      },
    ),
  );
  await change.tx.run(audit.cypher, audit.params);
  return changeSet;
}

export interface Committed<T> {
  changeSet: ChangeSet;
  result: T;
}

/**
 * Runs `build` in one transaction with a new Change, then writes the change set, its revisions and
 * the audit event. `build` throws to abandon everything (bad input, a conflict); a change that
 * changes nothing is refused.
 */
export async function commitChange<T>(
  store: GraphStore,
  req: ChangeRequest,
  build: (change: Change) => Promise<T>,
  opts: { now?: () => number; deadline?: number } = {},
): Promise<Committed<T>> {
  const note = req.note.trim();
  if (note.length > MAX_CHANGE_NOTE) throw badInput(`note must be at most ${MAX_CHANGE_NOTE} characters`, { field: 'note' });
  const source = req.sourceless ? null : checkSource(req.source);
  return store.transaction(
    async (tx) => {
      const at = new Date(opts.now?.() ?? Date.now()).toISOString();
      const id = newChangeSetId(at);
      const ctx = { changeSet: id, at, author: req.author.username };
      const resolved = source ? await sourceOf(tx, source, ctx) : null;
      const change = new Change(tx, store.engine, id, at, req.author, resolved?.source ?? null, resolved?.date ?? null);
      const result = await build(change);
      if (change.revisions.length === 0) throw badInput('the change changes nothing', { field: null });
      const changeSet = await writeHistory(change, { ...req, note }, resolved?.source.document ?? null);
      return { changeSet, result };
    },
    { operation: `change ${req.kind.toLowerCase()}`, deadline: opts.deadline },
  );
}
