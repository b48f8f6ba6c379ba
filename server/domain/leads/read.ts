/**
 * Reading leads as a user sees them: only those in their region scope, each with its deadline and
 * flags at the caller's `now`. Lists are filtered after the deadlines are computed (overdue is a
 * matter of time, not a stored field); a region's leads are hundreds, not millions.
 */
import { badInput, notFound } from '../errors.js';
import { checkId, checkLimit } from '../validate.js';
import { regionsWithin, requireVisible, visibleRegions } from './access.js';
import { eventColumns, leadColumns, readLead, readSlaRules, toEvent, toLead, type Reader } from './rows.js';
import { nextActionStatus, slaOf, worst, type Sla } from './sla.js';
import type { LeadActor, LeadEvent, LeadRecord, LeadStage, SlaStatus } from './types.js';

export interface LeadView extends LeadRecord {
  sla: Sla | null;
  nextActionStatus: SlaStatus | null;
  /** The more urgent of the SLA's and the next action's status. */
  urgency: SlaStatus | null;
}

export async function viewLeads(db: Reader, leads: LeadRecord[], now: number): Promise<LeadView[]> {
  const rules = await readSlaRules(db);
  return leads.map((l) => {
    const sla = slaOf(l, rules, now);
    const next = nextActionStatus(l.dueAt, l.stage, now);
    return { ...l, sla, nextActionStatus: next, urgency: worst(sla?.status ?? null, next) };
  });
}

export async function getLead(db: Reader, actor: LeadActor, id: string, now: number): Promise<LeadView> {
  const lead = await readLead(db, checkId(id));
  if (!lead) throw notFound(`no lead with id "${id}"`, { id });
  await requireVisible(db, actor, lead);
  return (await viewLeads(db, [lead], now))[0];
}

export interface LeadFilter {
  stage?: LeadStage | null;
  owner?: string | null;
  region?: string | null;
  segment?: string | null;
  /** Only leads past a deadline (SLA or next action). */
  overdue?: boolean | null;
}

/** The leads the actor may see that match the filter, most recently changed first. */
export async function findLeads(db: Reader, actor: LeadActor, filter: LeadFilter, now: number): Promise<LeadView[]> {
  const conds: string[] = [];
  const params: Record<string, unknown> = {};
  const visible = await visibleRegions(db, actor);
  let regions = visible;
  if (filter.region) {
    const within = await regionsWithin(db, checkId(filter.region, 'filter.region'));
    regions = new Set([...within].filter((r) => !visible || visible.has(r)));
  }
  if (regions) {
    conds.push('l.region IN $regions');
    params.regions = [...regions];
  }
  const add = (cond: string, name: string, value: unknown) => {
    conds.push(cond);
    params[name] = value;
  };
  if (filter.stage) add('l.stage = $stage', 'stage', filter.stage);
  if (filter.owner) add('l.owner = $owner', 'owner', filter.owner);
  if (filter.segment) add('l.segment = $segment', 'segment', checkId(filter.segment, 'filter.segment'));
  const where = conds.length ? `WHERE ${conds.join(' AND ')}` : '';
  const rows = await db.run(`MATCH (l:Lead) ${where} RETURN ${leadColumns()} ORDER BY l.updatedAt DESC, l.id`, params);
  const views = await viewLeads(db, rows.map(toLead), now);
  return filter.overdue ? views.filter((v) => v.urgency === 'OVERDUE') : views;
}

export function pageOf<T>(items: T[], limit: number | null | undefined, offset: number | null | undefined) {
  const n = checkLimit(limit ?? 50, 'limit', 500);
  const from = offset ?? 0;
  if (!Number.isInteger(from) || from < 0) throw badInput('offset must be a whole number from 0', { argument: 'offset' });
  return { items: items.slice(from, from + n), total: items.length, offset: from };
}

export async function leadEvents(db: Reader, ids: string[], opts: { from?: string; to?: string } = {}): Promise<LeadEvent[]> {
  if (ids.length === 0) return [];
  const range = `${opts.from ? ' AND e.at >= $from' : ''}${opts.to ? ' AND e.at < $to' : ''}`;
  const rows = await db.run(`MATCH (e:LeadEvent) WHERE e.lead IN $ids${range} RETURN ${eventColumns()} ORDER BY e.at, e.id`, {
    ids,
    from: opts.from ?? null,
    to: opts.to ?? null,
  });
  return rows.map(toEvent);
}
