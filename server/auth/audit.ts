/**
 * The append-only audit log: one AuditEvent node per login, logout, user change, password change,
 * export and query, in the same store as the graph. Nothing here updates or deletes an event. An
 * event's id starts with its ISO time, so ordering by id is ordering by time (newest first = id
 * descending) and the id of a page's last event is the cursor of the next page.
 */
import { randomBytes } from 'node:crypto';
import { badInput } from '../domain/errors.js';
import { checkLimit } from '../domain/validate.js';
import type { GraphStore } from '../store/types.js';

import type { AuditAction, AuditOutcome } from '../../shared/model/index.js';

export type { AuditAction, AuditOutcome };

/** What happened, as the code that did it says. */
export interface AuditEntry {
  action: AuditAction;
  outcome: AuditOutcome;
  target?: string | null;
  params?: Record<string, unknown>;
}

/** Who did it, from where. */
export interface Actor {
  username: string | null;
  clientAddress: string | null;
}

export interface AuditEvent {
  id: string;
  at: string;
  actor: string | null;
  action: AuditAction;
  target: string | null;
  params: unknown;
  outcome: AuditOutcome;
  clientAddress: string | null;
}

export interface AuditFilter {
  actor?: string | null;
  action?: AuditAction | null;
  outcome?: AuditOutcome | null;
  from?: string | null;
  to?: string | null;
}

const MAX_STRING = 4000;
const MAX_ITEMS = 1000;

/** Long values are cut, so one event stays small whatever a caller sends (a 5000-id export, a long query). */
function clip(v: unknown): unknown {
  if (typeof v === 'string') return v.length > MAX_STRING ? `${v.slice(0, MAX_STRING)}…` : v;
  if (Array.isArray(v)) return v.slice(0, MAX_ITEMS).map(clip);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clip(x)]));
  return v;
}

let sequence = 0;

export function newAuditEvent(now: number, actor: Actor, entry: AuditEntry): AuditEvent {
  const at = new Date(now).toISOString();
  // Time, then a per-process sequence (order within a millisecond), then randomness (other processes).
  const id = `${at}~${String(sequence++ % 1_000_000).padStart(6, '0')}~${randomBytes(4).toString('hex')}`;
  return {
    id,
    at,
    actor: actor.username,
    action: entry.action,
    target: entry.target == null ? null : String(clip(entry.target)),
    params: clip(entry.params ?? {}),
    outcome: entry.outcome,
    clientAddress: actor.clientAddress,
  };
}

/**
 * The CREATE clause of an event, to append to a statement that makes the change it records: the
 * change and its event commit together or not at all. Parameters are prefixed `audit_`.
 */
export function auditClause(event: AuditEvent): { cypher: string; params: Record<string, unknown> } {
  return {
    cypher:
      'CREATE (:AuditEvent {id: $audit_id, at: $audit_at, actor: $audit_actor, action: $audit_action, target: $audit_target, ' +
      'params: $audit_params, outcome: $audit_outcome, clientAddress: $audit_clientAddress})',
    params: {
      audit_id: event.id,
      audit_at: event.at,
      audit_actor: event.actor,
      audit_action: event.action,
      audit_target: event.target,
      audit_params: JSON.stringify(event.params),
      audit_outcome: event.outcome,
      audit_clientAddress: event.clientAddress,
    },
  };
}

/** Appends an event on its own (an action that changes nothing in the store: a query, an export, a failed login). */
export async function appendAudit(store: GraphStore, event: AuditEvent): Promise<void> {
  const { cypher, params } = auditClause(event);
  await store.write(cypher, params, { operation: 'audit' });
}

function isoBound(value: string, name: 'from' | 'to'): string {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const t = Date.parse(dateOnly && name === 'to' ? `${value}T23:59:59.999Z` : value);
  if (Number.isNaN(t)) throw badInput(`${name} must be an ISO date or timestamp, got "${value}"`, { argument: `filter.${name}` });
  return new Date(t).toISOString();
}

/** WHERE conditions and parameters for a filter and cursor; values are always parameters. */
function where(filter: AuditFilter, before: string | null): { clause: string; params: Record<string, unknown> } {
  const conds: string[] = [];
  const params: Record<string, unknown> = {};
  const add = (cond: string, name: string, value: unknown) => {
    conds.push(cond);
    params[name] = value;
  };
  if (filter.actor) add('e.actor = $actor', 'actor', filter.actor);
  if (filter.action) add('e.action = $action', 'action', filter.action);
  if (filter.outcome) add('e.outcome = $outcome', 'outcome', filter.outcome);
  if (filter.from) add('e.at >= $from', 'from', isoBound(filter.from, 'from'));
  if (filter.to) add('e.at <= $to', 'to', isoBound(filter.to, 'to'));
  if (before) add('e.id < $before', 'before', before);
  return { clause: conds.length ? `WHERE ${conds.join(' AND ')}` : '', params };
}

export const MAX_AUDIT_PAGE = 500;

function parseParams(raw: unknown): unknown {
  if (typeof raw !== 'string') return null;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** One page of events, newest first, older than `before` when given. */
export async function auditPage(
  store: GraphStore,
  filter: AuditFilter,
  before: string | null,
  limit: number,
): Promise<{ events: AuditEvent[]; nextBefore: string | null }> {
  checkLimit(limit, 'limit', MAX_AUDIT_PAGE);
  const { clause, params } = where(filter, before);
  // LIMIT is inlined: it is a checked integer, and LadybugDB wants a literal there.
  const rows = await store.read(
    `MATCH (e:AuditEvent) ${clause} RETURN e.id AS id, e.at AS at, e.actor AS actor, e.action AS action, e.target AS target, ` +
      `e.params AS params, e.outcome AS outcome, e.clientAddress AS clientAddress ORDER BY e.id DESC LIMIT ${limit + 1}`,
    params,
    { operation: 'audit log' },
  );
  const events = rows.slice(0, limit).map((r) => ({ ...(r as unknown as AuditEvent), params: parseParams(r.params) }));
  return { events, nextBefore: rows.length > limit ? events[events.length - 1].id : null };
}

/** Every event matching `filter`, newest first, a page at a time (for the JSONL download). */
export async function* auditEvents(store: GraphStore, filter: AuditFilter): AsyncGenerator<AuditEvent> {
  let before: string | null = null;
  do {
    const page = await auditPage(store, filter, before, MAX_AUDIT_PAGE);
    yield* page.events;
    before = page.nextBefore;
  } while (before);
}
