/**
 * Reseeding a store people have been editing: only what is new in the seed is applied, as one change
 * set by `seed` (revertible like any other); a fact people changed or retracted is never
 * overwritten — each such difference is reported as a conflict for an editor to settle in the app.
 * A fact nobody has edited since it was loaded follows the seed (a correction in the YAML lands).
 */
import { commitChange } from '../server/domain/curation/changes.js';
import { lockRelation, type EntityRecord, type RelationRecord } from '../server/domain/curation/rows.js';
import { ENTITY_PROPS, RELATION_PROPS, storedValue, type GraphData, type EntityProp, type RelationProp } from '../server/domain/model.js';
import { relTypeExpr } from '../server/store/dialect.js';
import type { GraphStore } from '../server/store/types.js';

export interface SeedConflict {
  target: 'entity' | 'relation';
  id: string;
  /** changed: people edited it and the seed says otherwise; retracted: people retracted it; removed: gone from the seed. */
  reason: 'changed' | 'retracted' | 'removed';
  fields: string[];
}

export interface ReseedReport {
  changeSet: string | null;
  added: { entities: number; relations: number };
  updated: { entities: number; relations: number };
  unchanged: number;
  conflicts: SeedConflict[];
}

/** The properties the seed defines (profile and version fields are people's). */
const SEED_ENTITY_PROPS: EntityProp[] = [
  'type',
  'name',
  'nameEn',
  'aliases',
  'kind',
  'description',
  'tier',
  'ord',
  'search',
  'sources',
  'date',
  'lastSeen',
];
const SEED_RELATION_PROPS: RelationProp[] = ['role', 'kind', 'topic', 'date', 'inferred', 'reason', 'sources'];

const norm = (v: unknown) => (v === undefined ? null : v);
/** Derived from others, or grown by people's sources: not a difference worth an editor's look. */
const DERIVED = new Set(['search', 'sources', 'lastSeen']);
function differing(stored: Record<string, unknown>, seed: Record<string, unknown>, props: string[]): string[] {
  return props.filter((k) => JSON.stringify(norm(stored[k])) !== JSON.stringify(norm(seed[k])));
}

export async function reseed(store: GraphStore, data: GraphData): Promise<ReseedReport> {
  const entityCols = Object.keys(ENTITY_PROPS)
    .map((k) => `n.${k} AS ${k}`)
    .join(', ');
  const live = new Map(
    (await store.read(`MATCH (n:Entity) RETURN ${entityCols}`, {}, { operation: 'reseed entities' })).map((r) => [String(r.id), r]),
  );
  const relCols = Object.keys(RELATION_PROPS)
    .map((k) => `r.${k} AS ${k}`)
    .join(', ');
  const liveRels = new Map(
    (
      await store.read(
        `MATCH (a:Entity)-[r]->(b:Entity) RETURN ${relTypeExpr(store.engine, 'r')} AS type, a.id AS from, b.id AS to, ${relCols}`,
        {},
        {
          operation: 'reseed relations',
        },
      )
    ).map((r) => [String(r.id), r]),
  );
  // Facts people have touched: any revision not by the seed.
  const touched = new Map<string, string>();
  for (const r of await store.read(
    "MATCH (v:Revision) WHERE v.author <> 'seed' RETURN v.targetId AS id, v.op AS op ORDER BY v.id",
    {},
    { operation: 'reseed history' },
  )) {
    touched.set(String(r.id), String(r.op));
  }

  const report: ReseedReport = {
    changeSet: null,
    added: { entities: 0, relations: 0 },
    updated: { entities: 0, relations: 0 },
    unchanged: 0,
    conflicts: [],
  };
  const entityAdds: Record<string, unknown>[] = [];
  const entityUpdates: { before: EntityRecord; after: Record<string, unknown> }[] = [];
  for (const e of data.entities) {
    const seedRow = Object.fromEntries(Object.keys(ENTITY_PROPS).map((k) => [k, storedValue(k as EntityProp, e[k as EntityProp])]));
    const stored = live.get(e.id);
    const byPeople = touched.get(e.id);
    if (!stored) {
      if (byPeople) report.conflicts.push({ target: 'entity', id: e.id, reason: 'retracted', fields: [] });
      else entityAdds.push({ ...seedRow, version: null, updatedAt: null, updatedBy: null });
      continue;
    }
    const fields = differing(stored, seedRow, SEED_ENTITY_PROPS);
    const noticed = fields.filter((f) => !DERIVED.has(f));
    if (fields.length === 0 || (byPeople && noticed.length === 0)) report.unchanged++;
    else if (byPeople) report.conflicts.push({ target: 'entity', id: e.id, reason: 'changed', fields: noticed });
    else
      entityUpdates.push({
        before: { ...stored, version: Number(stored.version ?? 0) } as EntityRecord,
        after: { ...stored, ...Object.fromEntries(SEED_ENTITY_PROPS.map((k) => [k, seedRow[k]])) },
      });
  }
  const relAdds: (Record<string, unknown> & { id: string; type: never; from: string; to: string })[] = [];
  const relUpdates: { id: string; after: Record<string, unknown> }[] = [];
  for (const r of data.relations) {
    const seedRow = Object.fromEntries(Object.keys(RELATION_PROPS).map((k) => [k, storedValue(k as RelationProp, r[k as RelationProp])]));
    const stored = liveRels.get(r.id);
    const byPeople = touched.get(r.id);
    if (!stored) {
      if (byPeople) report.conflicts.push({ target: 'relation', id: r.id, reason: 'retracted', fields: [] });
      else if (live.has(r.from) || entityAdds.some((e) => e.id === r.from))
        relAdds.push({ ...seedRow, id: r.id, type: r.type as never, from: r.from, to: r.to });
      continue;
    }
    const fields = differing(stored, seedRow, SEED_RELATION_PROPS);
    const noticed = fields.filter((f) => !DERIVED.has(f));
    if (fields.length === 0 || (byPeople && noticed.length === 0)) report.unchanged++;
    else if (byPeople) report.conflicts.push({ target: 'relation', id: r.id, reason: 'changed', fields: noticed });
    else relUpdates.push({ id: r.id, after: Object.fromEntries(SEED_RELATION_PROPS.map((k) => [k, seedRow[k]])) });
  }
  const inSeed = new Set(data.entities.map((e) => e.id));
  for (const [id, row] of live) {
    // Entities people added are theirs; one the seed loaded and no longer lists is reported.
    if (!inSeed.has(id) && !touched.has(id) && row.updatedBy == null)
      report.conflicts.push({ target: 'entity', id, reason: 'removed', fields: [] });
  }
  const ends = new Set([...live.keys(), ...entityAdds.map((e) => String(e.id))]);
  const addable = relAdds.filter((r) => ends.has(r.from) && ends.has(r.to));
  if (entityAdds.length + entityUpdates.length + addable.length + relUpdates.length === 0) return report;

  const committed = await commitChange(
    store,
    {
      kind: 'SEED',
      note: 'npm run seed: facts new or corrected in seed/facts',
      source: null,
      author: { username: 'seed', region: null, clientAddress: null },
      sourceless: true,
    },
    async (change) => {
      await change.putEntities([...entityAdds.map((after) => ({ before: null, after })), ...entityUpdates]);
      await change.createRelations(addable);
      for (const u of relUpdates) {
        const before = (await lockRelation(change.tx, change.engine, u.id)) as RelationRecord;
        await change.putRelation(before, { ...before, ...u.after });
      }
    },
  );
  report.changeSet = committed.changeSet.id;
  report.added = { entities: entityAdds.length, relations: addable.length };
  report.updated = { entities: entityUpdates.length, relations: relUpdates.length };
  return report;
}
