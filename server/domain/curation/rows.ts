/**
 * Stored rows of entities and relations as the write model reads and writes them inside a
 * transaction: every stored property, the same on both engines. A relation row carries its type
 * and ends, so a revision's snapshot is enough to recreate it.
 */
import { ENTITY_PROPS, RELATION_PROPS, RELATION_TYPES, isRelationType, type RelationType } from '../model.js';
import { relTypeExpr, unwindRows } from '../../store/dialect.js';
import type { Engine, Row, Transaction } from '../../store/types.js';

export type EntityRecord = Record<string, unknown> & { id: string; type: string; name: string; version: number };
export type RelationRecord = Record<string, unknown> & { id: string; type: RelationType; from: string; to: string; version: number };

const ENTITY_KEYS = Object.keys(ENTITY_PROPS);
const RELATION_KEYS = Object.keys(RELATION_PROPS);

const entityReturn = (v: string) => ENTITY_KEYS.map((k) => `${v}.${k} AS ${k}`).join(', ');
const relationReturn = (engine: Engine) =>
  [`${relTypeExpr(engine, 'r')} AS type`, 'a.id AS from', 'b.id AS to', ...RELATION_KEYS.map((k) => `r.${k} AS ${k}`)].join(', ');

function toEntity(row: Row): EntityRecord {
  return { ...row, version: Number(row.version ?? 0) } as EntityRecord;
}

function toRelation(row: Row): RelationRecord {
  return { ...row, version: Number(row.version ?? 0), inferred: row.inferred === true } as unknown as RelationRecord;
}

/**
 * Reads an entity and takes its write lock first (a no-op SET), so on Neo4j two editors' transactions
 * on one entity run one after the other and the second sees the first's version.
 */
export async function lockEntity(tx: Transaction, id: string): Promise<EntityRecord | null> {
  const [row] = await tx.run(`MATCH (n:Entity {id: $id}) SET n.updatedAt = n.updatedAt RETURN ${entityReturn('n')}`, { id });
  return row ? toEntity(row) : null;
}

/**
 * Reads entities and takes their write locks, as lockEntity, in id order: two transactions locking
 * some of the same entities (a relation added in one direction and restored in the other) wait for
 * each other instead of deadlocking. Entities not in the graph are left out.
 */
export async function lockEntities(tx: Transaction, ids: string[]): Promise<EntityRecord[]> {
  if (ids.length === 0) return [];
  const rows = await tx.run(`UNWIND $ids AS id MATCH (n:Entity {id: id}) SET n.updatedAt = n.updatedAt RETURN ${entityReturn('n')}`, {
    ids: [...new Set(ids)].sort(),
  });
  return rows.map(toEntity);
}

export async function readEntities(tx: Transaction, ids: string[]): Promise<EntityRecord[]> {
  if (ids.length === 0) return [];
  // UNWIND + a keyed MATCH uses LadybugDB's primary-key index; `WHERE n.id IN $ids` scans every node.
  const rows = await tx.run(`UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN ${entityReturn('n')}`, { ids });
  return rows.map(toEntity);
}

/** A relation id's type, when the id was made by relationId (`member_of-…`), else null. */
export function typeOfRelationId(id: string): RelationType | null {
  const m = /([a-z_]+)-[0-9a-z]+$/.exec(id);
  const t = m ? m[1].toUpperCase() : '';
  return isRelationType(t) ? t : null;
}

/** A relation's type and ends, where known: it is then found from its ends' keys. */
export interface RelationEnds {
  type?: RelationType | null;
  from: string;
  to: string;
}

/**
 * Reads a relation by id and locks it. With its ends it is found from their keys (a walk from one
 * end); by id alone, in the table its id names, else in all. LadybugDB has no index on a relation
 * property: by id alone it reads every relation of the type (0.1–1 s at 1M relations, 2–3 s over
 * all types), from the ends ~1 ms.
 */
export async function lockRelation(
  tx: Transaction,
  engine: Engine,
  id: string,
  ends?: RelationEnds | null,
): Promise<RelationRecord | null> {
  const t = ends?.type ?? typeOfRelationId(id);
  if (t && !RELATION_TYPES.includes(t)) return null;
  if (ends) {
    const [row] = await tx.run(
      `MATCH (a:Entity {id: $from})-[r${t ? `:${t}` : ''}]->(b:Entity {id: $to}) WHERE r.id = $id ` +
        `SET r.updatedAt = r.updatedAt RETURN ${relationReturn(engine)}`,
      { id, from: ends.from, to: ends.to },
    );
    return row ? toRelation(row) : null;
  }
  for (const pattern of t ? [`[r:${t} {id: $id}]`, '[r {id: $id}]'] : ['[r {id: $id}]']) {
    const [row] = await tx.run(`MATCH (a:Entity)-${pattern}->(b:Entity) SET r.updatedAt = r.updatedAt RETURN ${relationReturn(engine)}`, {
      id,
    });
    if (row) return toRelation(row);
  }
  return null;
}

/** Every relation at an entity, either direction (each end found by its key, not by scanning every relation). */
export async function relationsOf(tx: Transaction, engine: Engine, id: string): Promise<RelationRecord[]> {
  const out = await tx.run(`MATCH (a:Entity {id: $id})-[r]->(b:Entity) RETURN ${relationReturn(engine)}`, { id });
  const into = await tx.run(`MATCH (a:Entity)-[r]->(b:Entity {id: $id}) RETURN ${relationReturn(engine)}`, { id });
  const seen = new Set<string>();
  return [...out, ...into].map(toRelation).filter((r) => !seen.has(r.id) && Boolean(seen.add(r.id)));
}

/** A relation by its id and ends: what finds it from its ends' keys (see lockRelation) in a batch. */
export interface RelationRef {
  id: string;
  from: string;
  to: string;
}

/**
 * A batch's rows found from their ends' keys, in one pattern: `MATCH (a {id: row.from})-[r:T]->(b {id:
 * row.to}) WHERE r.id = row.id`. Not a MATCH of one end then a second MATCH from it: LadybugDB plans
 * that as a join that answers wrongly.
 */
const fromEnds = (type: RelationType, v: (k: string) => string) =>
  `MATCH (a:Entity {id: ${v('from')}})-[r:${type}]->(b:Entity {id: ${v('to')}}) WHERE r.id = ${v('id')}`;

const refRows = (refs: readonly RelationRef[]) => [...new Map(refs.map((r) => [r.id, { id: r.id, from: r.from, to: r.to }])).values()];

/** Relations of one type, each by its id and ends (a revert of many). */
export async function readRelations(tx: Transaction, engine: Engine, type: RelationType, refs: RelationRef[]): Promise<RelationRecord[]> {
  if (refs.length === 0) return [];
  if (!RELATION_TYPES.includes(type)) throw new Error(`not a relation type: ${type}`);
  const rows = await tx.run(`UNWIND $rows AS row ${fromEnds(type, (k) => `row.${k}`)} RETURN ${relationReturn(engine)}`, {
    rows: refRows(refs),
  });
  return rows.map(toRelation);
}

/** Ids of the relations at any of these entities. */
export async function relationIdsAt(tx: Transaction, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const out = await tx.run('UNWIND $ids AS id MATCH (a:Entity {id: id})-[r]->() RETURN r.id AS id', { ids });
  const into = await tx.run('UNWIND $ids AS id MATCH ()-[r]->(b:Entity {id: id}) RETURN r.id AS id', { ids });
  return new Set([...out, ...into].map((r) => String(r.id)));
}

/** Removes many relations of one type, each found by its id and ends. */
export async function deleteRelations(tx: Transaction, type: RelationType, refs: RelationRef[]): Promise<void> {
  if (!RELATION_TYPES.includes(type)) throw new Error(`not a relation type: ${type}`);
  const rows = refRows(refs);
  for (let i = 0; i < rows.length; i += BATCH)
    await tx.run(`UNWIND $rows AS row ${fromEnds(type, (k) => `row.${k}`)} DELETE r`, { rows: rows.slice(i, i + BATCH) });
}

/** Removes many entities whose relations are gone already. */
export async function deleteEntities(tx: Transaction, ids: string[]): Promise<void> {
  // DELETE, not DETACH DELETE: a relation left at one of them is a mistake, and fails the change.
  for (let i = 0; i < ids.length; i += 5000)
    await tx.run('UNWIND $ids AS id MATCH (n:Entity {id: id}) DELETE n', { ids: ids.slice(i, i + 5000) });
}

/** Replaces the properties of many relations of one type, each found by its id and ends. */
export async function updateRelations(tx: Transaction, type: RelationType, rows: (Record<string, unknown> & RelationRef)[]): Promise<void> {
  if (!RELATION_TYPES.includes(type)) throw new Error(`not a relation type: ${type}`);
  for (let i = 0; i < rows.length; i += BATCH) {
    const { cypher, params, v } = unwindRows(tx.engine, rows.slice(i, i + BATCH), RELATION_KEYS, ['id', 'from', 'to']);
    await tx.run(`${cypher} ${fromEnds(type, v)} SET ${setEach('r', RELATION_KEYS, v)}`, params);
  }
}

/** Rows per statement of a batch write. */
const BATCH = 5000;
/** `x.k = <the batch's value of k>` for every key but the id. */
const setEach = (x: string, keys: string[], v: (k: string) => string) =>
  keys
    .filter((k) => k !== 'id')
    .map((k) => `${x}.${k} = ${v(k)}`)
    .join(', ');

const entityParams = (row: Record<string, unknown>) => Object.fromEntries(ENTITY_KEYS.map((k) => [`p_${k}`, row[k] ?? null]));
const relationParams = (row: Record<string, unknown>) => Object.fromEntries(RELATION_KEYS.map((k) => [`p_${k}`, row[k] ?? null]));
const setAll = (v: string, keys: string[]) =>
  keys
    .filter((k) => k !== 'id')
    .map((k) => `${v}.${k} = $p_${k}`)
    .join(', ');

/** Writes an entity's stored row: creates it, replaces it, or (row null) removes it from the live graph. */
export async function writeEntity(tx: Transaction, id: string, exists: boolean, row: Record<string, unknown> | null): Promise<void> {
  if (row === null) {
    if (exists) await tx.run('MATCH (n:Entity {id: $id}) DETACH DELETE n', { id });
    return;
  }
  const head = exists ? 'MATCH (n:Entity {id: $p_id})' : 'CREATE (n:Entity {id: $p_id})';
  await tx.run(`${head} SET ${setAll('n', ENTITY_KEYS)}`, entityParams({ ...row, id }));
}

/** Writes a relation's stored row: creates it between its ends, replaces its properties, or (row null) removes it. */
export async function writeRelation(
  tx: Transaction,
  type: RelationType,
  id: string,
  before: { from: string; to: string } | null,
  row: (Record<string, unknown> & { from: string; to: string }) | null,
): Promise<void> {
  if (!RELATION_TYPES.includes(type)) throw new Error(`not a relation type: ${type}`);
  // An existing relation is found from its ends' keys (see lockRelation), not by scanning its type for the id.
  const existing = `MATCH (a:Entity {id: $from})-[r:${type}]->(b:Entity {id: $to}) WHERE r.id = $p_id`;
  if (row === null) {
    if (before) await tx.run(`${existing} DELETE r`, { p_id: id, from: before.from, to: before.to });
    return;
  }
  const params = { ...relationParams({ ...row, id }), from: row.from, to: row.to };
  if (before) {
    await tx.run(`${existing} SET ${setAll('r', RELATION_KEYS)}`, params);
  } else {
    const props = RELATION_KEYS.map((k) => `${k}: $p_${k}`).join(', ');
    const rows = await tx.run(
      `MATCH (a:Entity {id: $from}) MATCH (b:Entity {id: $to}) CREATE (a)-[r:${type} {${props}}]->(b) RETURN r.id AS id`,
      params,
    );
    if (rows.length !== 1) throw new Error(`relation ${id}: an end is missing`);
  }
}

/** Creates or replaces many entities in one statement each (an import): `exists` says which are replaced. */
export async function writeEntities(tx: Transaction, rows: Record<string, unknown>[], exists: boolean): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    // An update finds each entity by its key; a create needs no lookup.
    const { cypher, params, v } = unwindRows(tx.engine, rows.slice(i, i + BATCH), ENTITY_KEYS, exists ? ['id'] : []);
    const head = exists ? `MATCH (n:Entity {id: ${v('id')}})` : `CREATE (n:Entity {id: ${v('id')}})`;
    await tx.run(`${cypher} ${head} SET ${setEach('n', ENTITY_KEYS, v)}`, params);
  }
}

/** Creates many relations of one type between entities in the graph (an import). */
export async function createRelations(
  tx: Transaction,
  type: RelationType,
  rows: (Record<string, unknown> & { from: string; to: string })[],
): Promise<void> {
  if (rows.length === 0) return;
  if (!RELATION_TYPES.includes(type)) throw new Error(`not a relation type: ${type}`);
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    const { cypher, params, v } = unwindRows(tx.engine, batch, RELATION_KEYS, ['from', 'to']);
    const props = RELATION_KEYS.map((k) => `${k}: ${v(k)}`).join(', ');
    // Two MATCH clauses, not one with a comma: LadybugDB then finds each end by its key (20× faster at 10k rows).
    const [row] = await tx.run(
      `${cypher} MATCH (a:Entity {id: ${v('from')}}) MATCH (b:Entity {id: ${v('to')}}) CREATE (a)-[r:${type} {${props}}]->(b) RETURN count(r) AS n`,
      params,
    );
    if (Number(row?.n ?? 0) !== batch.length) throw new Error(`${type}: ${batch.length - Number(row?.n ?? 0)} relations lost an end`);
  }
}

/** Which of these relation ids of one type are in the graph. */
export async function existingRelationIds(tx: Transaction, type: RelationType, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx.run(`UNWIND $ids AS id MATCH ()-[r:${type} {id: id}]->() RETURN r.id AS id`, { ids });
  return new Set(rows.map((r) => String(r.id)));
}

/**
 * The parks and regions each entity lies in, walked up LOCATED_IN one level at a time (entity →
 * park → town → district → city), each node found by its key. A few nodes are followed one statement
 * each (~1 ms on LadybugDB at 100k entities, where an UNWIND of even one id took ~50 ms and a
 * variable-length pattern ~200 ms); many (an import) in one UNWIND per level.
 */
export async function placesAbove(tx: Transaction, ids: string[]): Promise<Map<string, Set<string>>> {
  const above = new Map(ids.map((id) => [id, new Set<string>()]));
  const hop = async (from: string[]): Promise<Row[]> => {
    if (from.length > 20) {
      return tx.run(
        'UNWIND $ids AS id MATCH (a:Entity {id: id})-[:LOCATED_IN]->(b:Entity) RETURN a.id AS id, b.id AS up, b.type AS upType',
        { ids: from },
      );
    }
    const rows: Row[] = [];
    for (const id of from) {
      for (const r of await tx.run('MATCH (a:Entity {id: $id})-[:LOCATED_IN]->(b:Entity) RETURN b.id AS up, b.type AS upType', { id }))
        rows.push({ ...r, id });
    }
    return rows;
  };
  // Which origins each node of the frontier stands for.
  let frontier = new Map(ids.map((id) => [id, new Set([id])]));
  for (let depth = 0; depth < 6 && frontier.size; depth++) {
    const next = new Map<string, Set<string>>();
    for (const row of await hop([...frontier.keys()])) {
      if (row.upType !== 'Region' && row.upType !== 'Park') continue;
      const up = String(row.up);
      for (const origin of frontier.get(String(row.id)) ?? []) {
        if (above.get(origin)!.has(up)) continue;
        above.get(origin)!.add(up);
        const list = next.get(up);
        if (list) list.add(origin);
        else next.set(up, new Set([origin]));
      }
    }
    frontier = next;
  }
  return above;
}
