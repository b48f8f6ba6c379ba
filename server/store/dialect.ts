/**
 * The few places where LadybugDB's and Neo4j's Cypher differ, in one module.
 * Everything else in the project is plain Cypher that runs on both.
 */
import { ENTITY_PROPS, RELATION_PROPS, RELATION_TYPES, type PropKind } from '../domain/model.js';
import type { Engine } from './types.js';

const LBUG_TYPE: Record<PropKind, string> = { string: 'STRING', int: 'INT64', bool: 'BOOLEAN' };

function columns(props: Record<string, PropKind>, skip: string[] = []): string {
  return Object.entries(props)
    .filter(([k]) => !skip.includes(k))
    .map(([k, t]) => `${k} ${LBUG_TYPE[t]}`)
    .join(', ');
}

/**
 * The app's own records (server/auth): accounts, sessions (keyed by the token's hash) and the
 * append-only audit log. Times are epoch milliseconds, except the audit event's ISO `at`. Never
 * linked to Entity, so no graph query or export reaches them.
 */
const APP_TABLES: { name: string; props: Record<string, PropKind> }[] = [
  {
    name: 'AppUser',
    props: {
      id: 'string',
      username: 'string',
      displayName: 'string',
      role: 'string',
      region: 'string',
      passwordHash: 'string',
      disabled: 'bool',
      createdAt: 'int',
      updatedAt: 'int',
      lastLoginAt: 'int',
    },
  },
  { name: 'AppSession', props: { id: 'string', userId: 'string', createdAt: 'int', lastSeenAt: 'int', clientAddress: 'string' } },
  {
    name: 'AuditEvent',
    props: {
      id: 'string',
      at: 'string',
      actor: 'string',
      action: 'string',
      target: 'string',
      params: 'string',
      outcome: 'string',
      clientAddress: 'string',
    },
  },
  /**
   * Source documents: the seed's articles, web pages cited by URL, staff notes, imported files.
   * Every fact's sources name one by id (`document`) with a quote.
   */
  {
    name: 'Document',
    props: {
      id: 'string',
      kind: 'string',
      title: 'string',
      date: 'string',
      url: 'string',
      publisher: 'string',
      note: 'string',
      createdAt: 'string',
      createdBy: 'string',
    },
  },
  /** The write model's history (server/domain/curation): a change set and its revisions, never changed but for `revertedBy`. */
  {
    name: 'ChangeSet',
    props: {
      id: 'string',
      at: 'string',
      author: 'string',
      kind: 'string',
      note: 'string',
      document: 'string',
      reverts: 'string',
      revertedBy: 'string',
      /** Region ids and entity types the change touched, as |a|b| (matched with CONTAINS '|a|'). */
      regions: 'string',
      types: 'string',
      summary: 'string',
      clientAddress: 'string',
    },
  },
  {
    name: 'Revision',
    props: {
      id: 'string',
      changeSet: 'string',
      seq: 'int',
      at: 'string',
      author: 'string',
      target: 'string',
      targetId: 'string',
      op: 'string',
      before: 'string',
      after: 'string',
      detail: 'string',
      /** The entities the revision concerns, as |id|id| (the entity itself, or a relation's two ends). */
      subjects: 'string',
    },
  },
  /**
   * An article in the review queue (server/review): its cleaned text, the extractor's proposals and
   * the reviewer's decisions as JSON, and, once applied, the change set it became.
   */
  {
    name: 'IngestJob',
    props: {
      id: 'string',
      createdBy: 'string',
      createdAt: 'string',
      title: 'string',
      date: 'string',
      url: 'string',
      publisher: 'string',
      text: 'string',
      textHash: 'string',
      proposals: 'string',
      status: 'string',
      changeSet: 'string',
      document: 'string',
    },
  },
  /** A user's follow of an entity, region or chain segment (server/domain/watch); id = user, kind and target. */
  { name: 'Watch', props: { id: 'string', userId: 'string', kind: 'string', targetId: 'string', createdAt: 'string' } },
  /** A user's last visit of the changes feed (id: the user's key), ISO 8601. */
  { name: 'WatchVisit', props: { id: 'string', lastVisitAt: 'string' } },
  /** An uploaded file awaiting its import (server/import): parsed rows as JSON, kept a day at most. */
  {
    name: 'ImportFile',
    props: {
      id: 'string',
      fileName: 'string',
      createdBy: 'string',
      createdAt: 'string',
      format: 'string',
      encoding: 'string',
      sheetName: 'string',
      columns: 'string',
      rows: 'string',
      warnings: 'string',
    },
  },
  /**
   * Leads (server/domain/leads): a company being attracted to a region, its stage and deadlines;
   * `origin` and `collaborators` are JSON, times ISO 8601, the target an Entity id (not a link, so a
   * retracted target leaves the lead in place). LeadEvent: its log (stage changes, interactions,
   * edits, reassignments). SlaRule: an admin's deadline rule per stage (id = the stage).
   */
  {
    name: 'Lead',
    props: {
      id: 'string',
      targetId: 'string',
      proposedName: 'string',
      proposalJob: 'string',
      region: 'string',
      segment: 'string',
      originKind: 'string',
      origin: 'string',
      owner: 'string',
      collaborators: 'string',
      stage: 'string',
      stageReason: 'string',
      stageEnteredAt: 'string',
      lastActivityAt: 'string',
      nextAction: 'string',
      dueAt: 'string',
      estimatedInvestment: 'int',
      area: 'int',
      version: 'int',
      createdAt: 'string',
      createdBy: 'string',
      updatedAt: 'string',
      updatedBy: 'string',
    },
  },
  {
    name: 'LeadEvent',
    props: {
      id: 'string',
      lead: 'string',
      kind: 'string',
      at: 'string',
      actor: 'string',
      fromStage: 'string',
      toStage: 'string',
      note: 'string',
      interactionKind: 'string',
      date: 'string',
      who: 'string',
      attachments: 'string',
      changes: 'string',
    },
  },
  {
    name: 'SlaRule',
    props: {
      id: 'string',
      kind: 'string',
      workingDays: 'int',
      clock: 'string',
      dueSoonHours: 'int',
      updatedAt: 'string',
      updatedBy: 'string',
    },
  },
];

/**
 * The LadybugDB tables whose columns grow with the model, and the statements that add the columns a
 * store made by an earlier version lacks (`existing`: the table's columns now). New columns go last,
 * so a COPY's column order (the model's) stays the table's.
 */
export function lbugMissingColumns(existing: (table: string) => Set<string>): string[] {
  const tables: [string, Record<string, PropKind>][] = [
    ['Entity', ENTITY_PROPS],
    ...RELATION_TYPES.map((t): [string, Record<string, PropKind>] => [t, RELATION_PROPS]),
    ...APP_TABLES.map((t): [string, Record<string, PropKind>] => [t.name, t.props]),
  ];
  return tables.flatMap(([table, props]) => {
    const have = existing(table);
    return Object.entries(props)
      .filter(([k]) => !have.has(k))
      .map(([k, t]) => `ALTER TABLE ${table} ADD IF NOT EXISTS ${k} ${LBUG_TYPE[t]}`);
  });
}

/** Tables lbugMissingColumns checks. */
export const LBUG_GROWING_TABLES = ['Entity', ...RELATION_TYPES, ...APP_TABLES.map((t) => t.name)];

/** Statements that create the schema; each is idempotent. */
export function schemaStatements(engine: Engine): string[] {
  if (engine === 'embedded') {
    return [
      `CREATE NODE TABLE IF NOT EXISTS Entity(id STRING PRIMARY KEY, ${columns(ENTITY_PROPS, ['id'])})`,
      // The app's key-value records (the seed's completion marker, seed/load.ts); never linked to Entity.
      'CREATE NODE TABLE IF NOT EXISTS AppMeta(key STRING PRIMARY KEY, value STRING)',
      ...RELATION_TYPES.map((t) => `CREATE REL TABLE IF NOT EXISTS ${t}(FROM Entity TO Entity, ${columns(RELATION_PROPS)})`),
      ...APP_TABLES.map((t) => `CREATE NODE TABLE IF NOT EXISTS ${t.name}(id STRING PRIMARY KEY, ${columns(t.props, ['id'])})`),
    ];
  }
  return [
    'CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE',
    'CREATE CONSTRAINT app_meta_key IF NOT EXISTS FOR (m:AppMeta) REQUIRE m.key IS UNIQUE',
    'CREATE INDEX entity_type IF NOT EXISTS FOR (n:Entity) ON (n.type)',
    'CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name)',
    // `search` is matched with CONTAINS; a text index serves that (at 100k entities 75 → 5 ms p50).
    'CREATE TEXT INDEX entity_search IF NOT EXISTS FOR (n:Entity) ON (n.search)',
    ...RELATION_TYPES.map((t) => `CREATE INDEX rel_${t.toLowerCase()}_id IF NOT EXISTS FOR ()-[r:${t}]-() ON (r.id)`),
    ...APP_TABLES.map((t) => `CREATE CONSTRAINT ${t.name.toLowerCase()}_id IF NOT EXISTS FOR (n:${t.name}) REQUIRE n.id IS UNIQUE`),
    'CREATE INDEX appsession_user IF NOT EXISTS FOR (n:AppSession) ON (n.userId)',
    'CREATE INDEX watch_user IF NOT EXISTS FOR (n:Watch) ON (n.userId)',
    'CREATE INDEX revision_target IF NOT EXISTS FOR (n:Revision) ON (n.targetId)',
    'CREATE INDEX revision_changeset IF NOT EXISTS FOR (n:Revision) ON (n.changeSet)',
    'CREATE INDEX changeset_at IF NOT EXISTS FOR (n:ChangeSet) ON (n.at)',
    'CREATE INDEX entity_credit_code IF NOT EXISTS FOR (n:Entity) ON (n.creditCode)',
    'CREATE INDEX lead_owner IF NOT EXISTS FOR (n:Lead) ON (n.owner)',
    'CREATE INDEX leadevent_lead IF NOT EXISTS FOR (n:LeadEvent) ON (n.lead)',
  ];
}

/** The expression that names a relationship's type. */
export function relTypeExpr(engine: Engine, v: string): string {
  return engine === 'embedded' ? `label(${v})` : `type(${v})`;
}

/** A pattern binding `p` to all shortest paths between `$from` and `$to` (max length inlined). */
export function allShortestPaths(engine: Engine, maxLength: number): string {
  const n = Math.trunc(maxLength);
  return engine === 'embedded'
    ? `MATCH p = (a:Entity {id: $from})-[* ALL SHORTEST 1..${n}]-(b:Entity {id: $to})`
    : `MATCH p = allShortestPaths((a:Entity {id: $from})-[*..${n}]-(b:Entity {id: $to}))`;
}

/** Returns the nodes and relationships of path `p` as `ns` and `rs`. */
export function pathReturn(engine: Engine): string {
  return engine === 'embedded' ? 'RETURN nodes(p) AS ns, rels(p) AS rs' : 'RETURN nodes(p) AS ns, relationships(p) AS rs';
}

/** Looks up entity ids by engine element ids (`$eids`), returning `eid` and `id`. */
export function entityIdsByElementIds(engine: Engine): { cypher: string; param: (eids: string[]) => unknown[] } {
  return engine === 'embedded'
    ? {
        // Element ids are "table:offset"; Entity is the only node table.
        cypher: 'MATCH (n:Entity) WHERE offset(id(n)) IN $eids RETURN offset(id(n)) AS eid, n.id AS id',
        param: (eids) => eids.map((e) => Number(e.split(':')[1])),
      }
    : { cypher: 'MATCH (n:Entity) WHERE elementId(n) IN $eids RETURN elementId(n) AS eid, n.id AS id', param: (eids) => eids };
}

/**
 * A batch of rows for one statement, as each engine takes it fastest: `cypher` is the UNWIND that
 * starts the statement, `params` carries the rows, and `v(key)` is the expression for a key's value
 * in the statement's body.
 *
 * Neo4j takes a list of maps. LadybugDB is handed one list per column instead, indexed by the row's
 * number (its lists are 1-based): for a list of maps it infers and unifies a struct type per
 * element, which cost as much as the write itself (30,000 revisions: ~1.8 s of passing rows against
 * ~0.2 s as columns). Keys a MATCH finds nodes by (`lookup`) stay fields of the unwound row, since
 * only `{id: row.k}` is planned as a primary-key lookup (a value taken from a column list, or bound by
 * a WITH, is planned as a join over the whole table). A key null in every row is NULL, since
 * LadybugDB types a list of nulls as STRING whatever the property's type.
 */
export function unwindRows(
  engine: Engine,
  rows: Record<string, unknown>[],
  keys: readonly string[],
  lookup: readonly string[] = [],
): { cypher: string; params: Record<string, unknown>; v: (key: string) => string } {
  for (const k of [...keys, ...lookup]) if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(k)) throw new Error(`not a column name: ${k}`);
  const filled = new Set(keys.filter((k) => rows.some((r) => r[k] !== null && r[k] !== undefined)));
  const known = (k: string) => {
    if (!keys.includes(k) && !lookup.includes(k)) throw new Error(`not a key of this batch: ${k}`);
  };
  if (engine === 'neo4j') {
    const fields = [...new Set([...lookup, ...filled])];
    return {
      cypher: 'UNWIND $rows AS row',
      params: { rows: rows.map((r) => Object.fromEntries(fields.map((k) => [k, r[k] ?? null]))) },
      v: (k) => (known(k), lookup.includes(k) || filled.has(k) ? `row.${k}` : 'NULL'),
    };
  }
  const params: Record<string, unknown> = {};
  const column = new Map<string, string>();
  for (const k of keys) {
    if (lookup.includes(k) || !filled.has(k)) continue;
    column.set(k, `c${column.size}`);
    params[column.get(k)!] = rows.map((r) => r[k] ?? null);
  }
  const index = lookup.length ? 'row.i' : 'i';
  if (lookup.length) params.rows = rows.map((r, i) => Object.fromEntries([['i', i + 1], ...lookup.map((k) => [k, r[k] ?? null])]));
  else params.n = rows.length;
  return {
    cypher: lookup.length ? 'UNWIND $rows AS row' : 'UNWIND range(1, $n) AS i',
    params,
    v: (k) => (known(k), lookup.includes(k) ? `row.${k}` : column.has(k) ? `$${column.get(k)}[${index}]` : 'NULL'),
  };
}
