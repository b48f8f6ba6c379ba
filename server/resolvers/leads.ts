/**
 * Leads (招商线索): thin resolvers over server/domain/leads. Roles are permissions.ts's (viewers
 * read, editors write, admins set rules and reassign); the region scope and ownership checks are the
 * domain's. Deadlines are computed at the request's clock (nowOf: frozen in tests, CLOCK_FILE in
 * browser tests).
 */
import { authorName } from '../auth/caller.js';
import { nowOf } from '../clock.js';
import type { AppContext } from '../context.js';
import { getEntity } from '../domain/graph.js';
import { noProfile } from '../domain/model.js';
import { moveLeadStage, logInteraction, updateLead } from '../domain/leads/change.js';
import { createLead, storeReader } from '../domain/leads/create.js';
import { findLeads, getLead, leadEvents, pageOf, viewLeads, type LeadView } from '../domain/leads/read.js';
import { reassignLeads } from '../domain/leads/reassign.js';
import { readSlaRules } from '../domain/leads/rows.js';
import { setSlaRules } from '../domain/leads/rules.js';
import { proposalState, wasRetracted } from '../domain/leads/targets.js';
import type { LeadActor, LeadEvent, LeadRecord } from '../domain/leads/types.js';
import { myWork, weeklySummary } from '../domain/leads/work.js';
import type {
  LeadResolvers,
  LeadSlaResolvers,
  MutationResolvers,
  QueryResolvers,
  WeeklySummaryResolvers,
} from '../generated/resolvers-types.js';

export function leadActor(ctx: AppContext): LeadActor {
  const caller = ctx.caller;
  const username = caller ? authorName(caller) : null;
  // The schema lets only signed-in users (or local mode) reach these fields; this is a second lock.
  if (!username || !caller?.role) throw new Error('leads need a signed-in caller');
  return { username, role: caller.role, region: caller.user?.region ?? null, clientAddress: caller.clientAddress ?? null };
}

const db = (ctx: AppContext) => storeReader(ctx.store);
const view = async (ctx: AppContext, lead: LeadRecord): Promise<LeadView> => (await viewLeads(db(ctx), [lead], nowOf(ctx)))[0];

export const leadQueries: Pick<QueryResolvers, 'leads' | 'lead' | 'myWork' | 'weeklySummary' | 'slaRules'> = {
  leads: async (_, a, ctx) => pageOf(await findLeads(db(ctx), leadActor(ctx), a.filter ?? {}, nowOf(ctx)), a.limit, a.offset),
  lead: (_, a, ctx) => getLead(db(ctx), leadActor(ctx), a.id, nowOf(ctx)),
  myWork: (_, __, ctx) => myWork(db(ctx), leadActor(ctx), nowOf(ctx)),
  weeklySummary: (_, a, ctx) => {
    const actor = leadActor(ctx);
    const now = nowOf(ctx);
    const today = new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
    return weeklySummary(db(ctx), actor, a.owner ?? actor.username, a.weekOf ?? today, now);
  },
  slaRules: (_, __, ctx) => readSlaRules(db(ctx)),
};

export const leadMutations: Pick<
  MutationResolvers,
  'createLead' | 'updateLead' | 'moveLeadStage' | 'logInteraction' | 'setSlaRules' | 'reassignLeads'
> = {
  createLead: async (_, { input }, ctx) => view(ctx, await createLead(ctx.store, leadActor(ctx), input, nowOf(ctx))),
  updateLead: async (_, a, ctx) =>
    view(ctx, await updateLead(ctx.store, leadActor(ctx), { id: a.id, expectedVersion: a.expectedVersion, patch: a.patch }, nowOf(ctx))),
  moveLeadStage: async (_, a, ctx) =>
    view(
      ctx,
      await moveLeadStage(
        ctx.store,
        leadActor(ctx),
        { id: a.id, stage: a.stage, note: a.note, reason: a.reason, expectedVersion: a.expectedVersion },
        nowOf(ctx),
      ),
    ),
  logInteraction: (_, a, ctx) => logInteraction(ctx.store, leadActor(ctx), { id: a.id, ...a.input }, nowOf(ctx)),
  setSlaRules: (_, a, ctx) => setSlaRules(ctx.store, leadActor(ctx), a.rules, nowOf(ctx)),
  reassignLeads: (_, a, ctx) => reassignLeads(ctx.store, leadActor(ctx), a, nowOf(ctx)),
};

/** Per lead object (one request), its target as resolved and its log, read once however many fields ask. */
const targets = new WeakMap<
  LeadView,
  Promise<{ id: string | null; retracted: boolean; proposal: Awaited<ReturnType<typeof proposalState>> }>
>();
const logs = new WeakMap<LeadView, Promise<LeadEvent[]>>();

function targetOf(ctx: AppContext, lead: LeadView) {
  let found = targets.get(lead);
  if (!found) {
    found = (async () => {
      const proposal = lead.proposalJob ? await proposalState(ctx.store, db(ctx), lead.proposalJob) : null;
      const id = lead.targetId ?? proposal?.entity ?? null;
      const live = id ? await getEntity(ctx.store, id) : null;
      return { id, retracted: !!id && !live && (await wasRetracted(db(ctx), id)), proposal };
    })();
    targets.set(lead, found);
  }
  return found;
}

function logOf(ctx: AppContext, lead: LeadView) {
  let found = logs.get(lead);
  if (!found) {
    found = leadEvents(db(ctx), [lead.id]);
    logs.set(lead, found);
  }
  return found;
}

export const leadFields: LeadResolvers = {
  target: async (lead, _, ctx) => {
    const t = await targetOf(ctx, lead);
    return t.id ? getEntity(ctx.store, t.id) : null;
  },
  targetId: async (lead, _, ctx) => (await targetOf(ctx, lead)).id,
  targetRetracted: async (lead, _, ctx) => (await targetOf(ctx, lead)).retracted,
  proposal: async (lead, _, ctx) => {
    const p = (await targetOf(ctx, lead)).proposal;
    return p && { job: p.job, status: p.status, entity: p.entity ? await getEntity(ctx.store, p.entity) : null };
  },
  region: async (lead, _, ctx) => (await getEntity(ctx.store, lead.region)) ?? { ...placeholder(lead.region) },
  segment: (lead, _, ctx) => (lead.segment ? getEntity(ctx.store, lead.segment) : null),
  origin: (lead) => ({
    kind: lead.origin.kind,
    score: lead.origin.score,
    parts: lead.origin.parts,
    evidence: lead.origin.evidence,
    params: lead.origin.params,
    frozenAt: lead.origin.at,
  }),
  interactions: async (lead, _, ctx) => (await logOf(ctx, lead)).filter((e) => e.kind === 'INTERACTION'),
  stageHistory: async (lead, _, ctx) => (await logOf(ctx, lead)).filter((e) => e.kind !== 'INTERACTION' && e.kind !== 'UPDATED'),
  log: (lead, _, ctx) => logOf(ctx, lead),
};

/** A region retracted since the lead was made still names its id. */
function placeholder(id: string) {
  return {
    id,
    type: 'Region' as const,
    name: id,
    nameEn: null,
    aliases: [],
    kind: null,
    description: null,
    tier: null,
    ord: null,
    date: null,
    lastSeen: null,
    sources: [],
    ...noProfile(),
  };
}

export const leadSlaFields: LeadSlaResolvers = {
  deadline: (sla) => new Date(sla.deadline).toISOString(),
};

export const weeklySummaryFields: WeeklySummaryResolvers = {
  moved: (s) => new Set(s.moves.map((m) => m.lead)).size,
};
