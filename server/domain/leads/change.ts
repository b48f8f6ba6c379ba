/**
 * Changing a lead: its fields, its stage, its interaction log. Edits and stage moves carry the
 * version the person saw (expectedVersion): when someone else's change landed first, CONFLICT, and
 * nothing is written. Logging an interaction does not bump the version (two people can log calls
 * at once), but counts as activity for the progress deadline.
 */
import { badInput, conflict, notFound } from '../errors.js';
import { checkId } from '../validate.js';
import type { GraphStore, Transaction } from '../../store/types.js';
import { requireEditable, requireVisible } from './access.js';
import { commitLead } from './commit.js';
import { emptyEvent } from './create.js';
import { checkAttachments, checkDay, LEAD_LIMITS, optionalAmount, optionalText, optionalTime } from './input.js';
import { requireAssignable } from './people.js';
import { insertEvent, lockLead, newId, saveLead } from './rows.js';
import { checkTarget } from './targets.js';
import {
  INTERACTION_KINDS,
  LEAD_STAGES,
  REASON_REQUIRED,
  type InteractionKind,
  type LeadActor,
  type LeadEvent,
  type LeadRecord,
  type LeadStage,
} from './types.js';

async function lockEditable(tx: Transaction, actor: LeadActor, id: string, expectedVersion: number | null): Promise<LeadRecord> {
  const lead = await lockLead(tx, checkId(id));
  if (!lead) throw notFound(`no lead with id "${id}"`, { id });
  await requireVisible(tx, actor, lead);
  requireEditable(actor, lead);
  if (expectedVersion !== null && lead.version !== expectedVersion) {
    throw conflict('someone else changed this lead since you read it', { id, expectedVersion, version: lead.version, stage: lead.stage });
  }
  return lead;
}

export interface LeadPatch {
  /** Another organisation (a lead whose target was retracted or merged away is re-pointed so). */
  target?: string | null;
  nextAction?: string | null;
  dueAt?: string | null;
  estimatedInvestment?: number | null;
  area?: number | null;
  segment?: string | null;
  owner?: string | null;
  collaborators?: string[] | null;
}

function patched(lead: LeadRecord, patch: LeadPatch): Partial<LeadRecord> {
  const next: Partial<LeadRecord> = {};
  if (patch.nextAction !== undefined) next.nextAction = optionalText(patch.nextAction, 'nextAction');
  if (patch.dueAt !== undefined) next.dueAt = optionalTime(patch.dueAt, 'dueAt');
  if (patch.estimatedInvestment !== undefined) next.estimatedInvestment = optionalAmount(patch.estimatedInvestment, 'estimatedInvestment');
  if (patch.area !== undefined) next.area = optionalAmount(patch.area, 'area');
  if (patch.segment !== undefined) next.segment = patch.segment ? checkId(patch.segment, 'segment') : null;
  if (patch.target) next.targetId = checkId(patch.target, 'target');
  if (patch.owner) next.owner = patch.owner.trim();
  if (patch.collaborators) {
    const owner = next.owner ?? lead.owner;
    next.collaborators = [...new Set(patch.collaborators.map((c) => c.trim()).filter((c) => c && c !== owner))];
    if (next.collaborators.length > LEAD_LIMITS.collaborators) throw badInput('too many collaborators', { field: 'collaborators' });
  }
  return next;
}

/** Changes of fields, as { field: [before, after] }, only those that differ. */
function diff(before: LeadRecord, after: Partial<LeadRecord>): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const [k, v] of Object.entries(after)) {
    const was = before[k as keyof LeadRecord];
    if (JSON.stringify(was) !== JSON.stringify(v)) out[k] = [was, v];
  }
  return out;
}

export async function updateLead(
  store: GraphStore,
  actor: LeadActor,
  input: { id: string; expectedVersion: number; patch: LeadPatch },
  now: number,
): Promise<LeadRecord> {
  return commitLead(store, actor, 'LEAD_UPDATE', now, async (tx, at) => {
    const lead = await lockEditable(tx, actor, input.id, input.expectedVersion);
    const next = patched(lead, input.patch);
    const changes = diff(lead, next);
    if (Object.keys(changes).length === 0) throw badInput('the change changes nothing', { field: null });
    if (changes.owner && actor.role !== 'admin' && lead.owner !== actor.username) {
      throw badInput('only the owner or an admin hands a lead over', { field: 'owner', reason: 'NOT_ASSIGNABLE' });
    }
    if (changes.targetId) await checkTarget(tx, next.targetId!);
    if (changes.owner) await requireAssignable(tx, [next.owner!], 'owner');
    if (changes.collaborators) await requireAssignable(tx, next.collaborators!, 'collaborators');
    if (changes.segment && next.segment) {
      const [row] = await tx.run('MATCH (n:Entity {id: $id}) RETURN n.type AS type', { id: next.segment });
      if (row?.type !== 'ChainSegment') throw badInput('segment must be a chain segment', { field: 'segment' });
    }
    const saved: LeadRecord = { ...lead, ...next, version: lead.version + 1, updatedAt: at, updatedBy: actor.username };
    await saveLead(tx, saved);
    await insertEvent(tx, { ...emptyEvent(lead.id, at, actor.username), id: newId('lev', at), kind: 'UPDATED', changes });
    return { result: saved, target: lead.id, params: { fields: Object.keys(changes) } };
  });
}

export async function moveLeadStage(
  store: GraphStore,
  actor: LeadActor,
  input: { id: string; stage: LeadStage; note?: string | null; reason?: string | null; expectedVersion: number },
  now: number,
): Promise<LeadRecord> {
  if (!LEAD_STAGES.includes(input.stage)) throw badInput('unknown stage', { field: 'stage' });
  const note = optionalText(input.note, 'note', LEAD_LIMITS.note);
  const reason = optionalText(input.reason, 'reason', LEAD_LIMITS.note);
  if (REASON_REQUIRED.includes(input.stage) && !reason) {
    throw badInput('putting a lead on hold or abandoning it needs a reason', { field: 'reason', reason: 'REASON_REQUIRED' });
  }
  return commitLead(store, actor, 'LEAD_STAGE', now, async (tx, at) => {
    const lead = await lockEditable(tx, actor, input.id, input.expectedVersion);
    if (lead.stage === input.stage) throw badInput('the lead is in this stage already', { field: 'stage', reason: 'SAME_STAGE' });
    const saved: LeadRecord = {
      ...lead,
      stage: input.stage,
      stageReason: REASON_REQUIRED.includes(input.stage) ? reason : null,
      stageEnteredAt: at,
      lastActivityAt: at,
      version: lead.version + 1,
      updatedAt: at,
      updatedBy: actor.username,
    };
    await saveLead(tx, saved);
    await insertEvent(tx, {
      ...emptyEvent(lead.id, at, actor.username),
      id: newId('lev', at),
      kind: 'STAGE',
      fromStage: lead.stage,
      toStage: input.stage,
      note: reason ?? note,
    });
    return { result: saved, target: lead.id, params: { from: lead.stage, to: input.stage, reason } };
  });
}

export interface InteractionInput {
  id: string;
  kind: InteractionKind;
  date: string;
  who?: string | null;
  notes?: string | null;
  attachments?: { url: string; title?: string | null }[] | null;
}

export async function logInteraction(store: GraphStore, actor: LeadActor, input: InteractionInput, now: number): Promise<LeadEvent> {
  if (!INTERACTION_KINDS.includes(input.kind)) throw badInput('unknown interaction kind', { field: 'kind' });
  const event = {
    interactionKind: input.kind,
    date: checkDay(input.date, 'date'),
    who: optionalText(input.who, 'who', LEAD_LIMITS.who),
    note: optionalText(input.notes, 'notes', LEAD_LIMITS.note),
    attachments: checkAttachments(input.attachments),
  };
  return commitLead(store, actor, 'LEAD_INTERACTION', now, async (tx, at) => {
    const lead = await lockEditable(tx, actor, input.id, null);
    await tx.run('MATCH (l:Lead {id: $id}) SET l.lastActivityAt = $at, l.updatedAt = $at, l.updatedBy = $by', {
      id: lead.id,
      at,
      by: actor.username,
    });
    const logged: LeadEvent = { ...emptyEvent(lead.id, at, actor.username), ...event, id: newId('lev', at), kind: 'INTERACTION' };
    await insertEvent(tx, logged);
    return {
      result: logged,
      target: lead.id,
      params: { interaction: input.kind, date: event.date, attachments: event.attachments.length },
    };
  });
}
