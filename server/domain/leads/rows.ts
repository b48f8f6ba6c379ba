/**
 * Leads in the store: reading and writing Lead, LeadEvent and SlaRule nodes (server/store/dialect.ts
 * declares them). Statements here run inside the caller's transaction, or on the store for reads.
 */
import { randomBytes } from 'node:crypto';
import type { Row, Transaction } from '../../store/types.js';
import {
  DEFAULT_SLA_RULES,
  LEAD_STAGES,
  SLA_CLOCKS,
  SLA_KINDS,
  type Attachment,
  type LeadEvent,
  type LeadOrigin,
  type LeadRecord,
  type LeadStage,
  type SlaRule,
} from './types.js';

/** Anything with `run` (a transaction) or `read` (the store) answers a read. */
export type Reader = { run(cypher: string, params?: Record<string, unknown>): Promise<Row[]> };

export const LEAD_KEYS = [
  'id',
  'targetId',
  'proposedName',
  'proposalJob',
  'region',
  'segment',
  'originKind',
  'origin',
  'owner',
  'collaborators',
  'stage',
  'stageReason',
  'stageEnteredAt',
  'lastActivityAt',
  'nextAction',
  'dueAt',
  'estimatedInvestment',
  'area',
  'version',
  'createdAt',
  'createdBy',
  'updatedAt',
  'updatedBy',
] as const;

export const leadColumns = (v = 'l') => LEAD_KEYS.map((k) => `${v}.${k} AS ${k}`).join(', ');

let sequence = 0;

/** Ids sort by time: a prefix, the time, a per-process sequence, randomness. */
export function newId(prefix: string, at: string): string {
  return `${prefix}-${at.replace(/[-:.TZ]/g, '')}-${String(sequence++ % 1_000_000).padStart(6, '0')}-${randomBytes(3).toString('hex')}`;
}

function parseJson<T>(raw: unknown, fallback: T): T {
  if (typeof raw !== 'string' || raw === '') return fallback;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
}

const str = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export function toLead(r: Row): LeadRecord {
  const origin = parseJson<LeadOrigin>(r.origin, { kind: 'MANUAL', score: null, parts: null, evidence: null, params: {}, at: '' });
  return {
    id: String(r.id),
    targetId: str(r.targetId),
    proposedName: str(r.proposedName),
    proposalJob: str(r.proposalJob),
    region: String(r.region),
    segment: str(r.segment),
    origin,
    owner: String(r.owner),
    collaborators: parseJson<string[]>(r.collaborators, []),
    stage: (LEAD_STAGES as readonly string[]).includes(String(r.stage)) ? (r.stage as LeadStage) : 'LEAD',
    stageReason: str(r.stageReason),
    stageEnteredAt: String(r.stageEnteredAt),
    lastActivityAt: String(r.lastActivityAt),
    nextAction: str(r.nextAction),
    dueAt: str(r.dueAt),
    estimatedInvestment: num(r.estimatedInvestment),
    area: num(r.area),
    version: Number(r.version ?? 1),
    createdAt: String(r.createdAt),
    createdBy: String(r.createdBy),
    updatedAt: String(r.updatedAt),
    updatedBy: String(r.updatedBy),
  };
}

/** The stored row of a lead (JSON fields as strings). */
function leadRow(l: LeadRecord): Record<string, unknown> {
  return {
    ...l,
    originKind: l.origin.kind,
    origin: JSON.stringify(l.origin),
    collaborators: JSON.stringify(l.collaborators),
  };
}

export async function insertLead(tx: Transaction, lead: LeadRecord): Promise<void> {
  const row = leadRow(lead);
  await tx.run(`CREATE (:Lead {${LEAD_KEYS.map((k) => `${k}: $${k}`).join(', ')}})`, row);
}

/** Writes every field of the lead but its id (the caller checked its version). */
export async function saveLead(tx: Transaction, lead: LeadRecord): Promise<void> {
  const row = leadRow(lead);
  const sets = LEAD_KEYS.filter((k) => k !== 'id').map((k) => `l.${k} = $${k}`);
  await tx.run(`MATCH (l:Lead {id: $id}) SET ${sets.join(', ')}`, row);
}

/**
 * Reads a lead and takes its write lock first (a no-op SET), so on Neo4j two people's changes of
 * one lead run one after the other and the second sees the first's version. The SET is of
 * `updatedBy`, which every change writes anew: a SET of `version` to itself would write the value
 * read before the lock and hide the other change's version (a lost update, caught by the contract test).
 */
export async function lockLead(tx: Transaction, id: string): Promise<LeadRecord | null> {
  const [row] = await tx.run(`MATCH (l:Lead {id: $id}) SET l.updatedBy = l.updatedBy RETURN ${leadColumns()}`, { id });
  return row ? toLead(row) : null;
}

export async function readLead(db: Reader, id: string): Promise<LeadRecord | null> {
  const [row] = await db.run(`MATCH (l:Lead {id: $id}) RETURN ${leadColumns()}`, { id });
  return row ? toLead(row) : null;
}

const EVENT_KEYS = [
  'id',
  'lead',
  'kind',
  'at',
  'actor',
  'fromStage',
  'toStage',
  'note',
  'interactionKind',
  'date',
  'who',
  'attachments',
  'changes',
];

export async function insertEvent(tx: Transaction, e: LeadEvent): Promise<void> {
  const row = { ...e, attachments: JSON.stringify(e.attachments), changes: e.changes ? JSON.stringify(e.changes) : null };
  await tx.run(`CREATE (:LeadEvent {${EVENT_KEYS.map((k) => `${k}: $${k}`).join(', ')}})`, row);
}

export function toEvent(r: Row): LeadEvent {
  return {
    id: String(r.id),
    lead: String(r.lead),
    kind: r.kind as LeadEvent['kind'],
    at: String(r.at),
    actor: String(r.actor),
    fromStage: (str(r.fromStage) as LeadStage | null) ?? null,
    toStage: (str(r.toStage) as LeadStage | null) ?? null,
    note: str(r.note),
    interactionKind: (str(r.interactionKind) as LeadEvent['interactionKind']) ?? null,
    date: str(r.date),
    who: str(r.who),
    attachments: parseJson<Attachment[]>(r.attachments, []),
    changes: parseJson<Record<string, unknown> | null>(r.changes, null),
  };
}

export const eventColumns = (v = 'e') => EVENT_KEYS.map((k) => `${v}.${k} AS ${k}`).join(', ');

/** The rules an admin set, else the defaults. A stored `CONFIGURED` marker tells "set to none" from "never set". */
export async function readSlaRules(db: Reader): Promise<SlaRule[]> {
  const rows = await db.run(
    'MATCH (r:SlaRule) RETURN r.id AS id, r.kind AS kind, r.workingDays AS workingDays, r.clock AS clock, r.dueSoonHours AS dueSoonHours',
  );
  if (rows.length === 0) return [...DEFAULT_SLA_RULES];
  return rows
    .filter((r) => (LEAD_STAGES as readonly string[]).includes(String(r.id)))
    .filter((r) => (SLA_KINDS as readonly string[]).includes(String(r.kind)) && (SLA_CLOCKS as readonly string[]).includes(String(r.clock)))
    .map((r) => ({
      stage: r.id as LeadStage,
      kind: r.kind as SlaRule['kind'],
      workingDays: Number(r.workingDays),
      clock: r.clock as SlaRule['clock'],
      dueSoonHours: Number(r.dueSoonHours),
    }))
    .sort((a, b) => LEAD_STAGES.indexOf(a.stage) - LEAD_STAGES.indexOf(b.stage));
}

export const SLA_CONFIGURED = 'CONFIGURED';

export async function replaceSlaRules(tx: Transaction, rules: readonly SlaRule[], at: string, by: string): Promise<void> {
  await tx.run('MATCH (r:SlaRule) DELETE r');
  await tx.run(
    "CREATE (:SlaRule {id: $id, kind: 'NONE', workingDays: 0, clock: 'NONE', dueSoonHours: 0, updatedAt: $at, updatedBy: $by})",
    {
      id: SLA_CONFIGURED,
      at,
      by,
    },
  );
  for (const r of rules) {
    await tx.run(
      'CREATE (:SlaRule {id: $id, kind: $kind, workingDays: $workingDays, clock: $clock, dueSoonHours: $dueSoonHours, updatedAt: $at, updatedBy: $by})',
      { id: r.stage, kind: r.kind, workingDays: r.workingDays, clock: r.clock, dueSoonHours: r.dueSoonHours, at, by },
    );
  }
}
