/**
 * "My work" and the weekly summary per owner: what is late, what is due soon, what is next, and
 * what happened in a week (Monday 00:00 to Monday 00:00, Asia/Shanghai).
 */
import { badInput } from '../errors.js';
import { findLeads, leadEvents, type LeadView } from './read.js';
import type { Reader } from './rows.js';
import { shanghaiWeekStart } from './sla.js';
import { INTERACTION_KINDS, isOpenStage, LEAD_STAGES, type LeadActor, type LeadEvent, type LeadStage } from './types.js';

export interface MyWork {
  overdue: LeadView[];
  dueSoon: LeadView[];
  /** Open leads with a next action, soonest due first (undated last). */
  nextActions: LeadView[];
}

const mine = (v: LeadView, user: string) => v.owner === user || v.collaborators.includes(user);
const byDue = (a: LeadView, b: LeadView) => (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999') || a.id.localeCompare(b.id);
const byDeadline = (a: LeadView, b: LeadView) => (a.sla?.deadline ?? Infinity) - (b.sla?.deadline ?? Infinity) || byDue(a, b);

export async function myWork(db: Reader, actor: LeadActor, now: number): Promise<MyWork> {
  const leads = (await findLeads(db, actor, {}, now)).filter((v) => mine(v, actor.username) && isOpenStage(v.stage));
  return {
    overdue: leads.filter((v) => v.urgency === 'OVERDUE').sort(byDeadline),
    dueSoon: leads.filter((v) => v.urgency === 'DUE_SOON').sort(byDeadline),
    nextActions: leads.filter((v) => v.nextAction).sort(byDue),
  };
}

export interface WeeklySummary {
  owner: string;
  weekStart: string;
  weekEnd: string;
  /** The owner's leads by their stage now. */
  byStage: { stage: LeadStage; count: number }[];
  /** Leads created in the week. */
  created: number;
  /** Stage changes in the week. */
  moves: LeadEvent[];
  /** The owner's leads overdue now. */
  overdue: LeadView[];
  interactions: number;
  interactionsByKind: { kind: (typeof INTERACTION_KINDS)[number]; count: number }[];
  leads: LeadView[];
}

const DAY = 24 * 3_600_000;

export async function weeklySummary(db: Reader, actor: LeadActor, owner: string, weekOf: string, now: number): Promise<WeeklySummary> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(weekOf) || Number.isNaN(Date.parse(weekOf))) {
    throw badInput('weekOf must be a date YYYY-MM-DD', { argument: 'weekOf' });
  }
  const start = shanghaiWeekStart(Date.parse(`${weekOf}T12:00:00+08:00`));
  const [from, to] = [new Date(start).toISOString(), new Date(start + 7 * DAY).toISOString()];
  const leads = await findLeads(db, actor, { owner }, now);
  const events = await leadEvents(
    db,
    leads.map((l) => l.id),
    { from, to },
  );
  const interactions = events.filter((e) => e.kind === 'INTERACTION');
  return {
    owner,
    weekStart: from,
    weekEnd: to,
    byStage: LEAD_STAGES.map((stage) => ({ stage, count: leads.filter((l) => l.stage === stage).length })),
    created: leads.filter((l) => l.createdAt >= from && l.createdAt < to).length,
    moves: events.filter((e) => e.kind === 'STAGE'),
    overdue: leads.filter((l) => l.urgency === 'OVERDUE'),
    interactions: interactions.length,
    interactionsByKind: INTERACTION_KINDS.map((kind) => ({ kind, count: interactions.filter((e) => e.interactionKind === kind).length })),
    leads,
  };
}
