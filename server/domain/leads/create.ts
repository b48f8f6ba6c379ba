/**
 * Creating a lead: from a gap candidate or a partner suggestion (the analysis is run again and what
 * it says of the target frozen), from a search result, or by hand. A company not in the graph yet
 * is proposed through the article review queue (an IngestJob with one proposed entity, the editor's
 * note as its text): it enters the graph only when a reviewer applies it, and the lead shows the
 * entity from then on.
 */
import { nameIndex } from '../curation/name-index.js';
import { canonicalName } from '../curation/drafts.js';
import { CONFIDENT_MATCH } from '../curation/types.js';
import { createJob } from '../../review/queue.js';
import { badInput } from '../errors.js';
import { getRegion } from '../graph.js';
import { checkId } from '../validate.js';
import type { GraphStore } from '../../store/types.js';
import { requireVisible } from './access.js';
import { commitLead } from './commit.js';
import { LEAD_LIMITS, optionalAmount, optionalText, optionalTime } from './input.js';
import { freezeOrigin, type OriginInput } from './origin.js';
import { requireAssignable } from './people.js';
import { insertEvent, insertLead, newId, type Reader } from './rows.js';
import { checkTarget } from './targets.js';
import type { LeadActor, LeadRecord } from './types.js';

export interface NewLeadInput {
  target?: string | null;
  /** A company not in the graph: its name and why it is a lead (the proposal's text). */
  proposedCompany?: { name: string; note?: string | null } | null;
  region: string;
  segment?: string | null;
  origin: OriginInput;
  owner?: string | null;
  collaborators?: string[] | null;
  nextAction?: string | null;
  dueAt?: string | null;
  estimatedInvestment?: number | null;
  area?: number | null;
}

export const storeReader = (store: GraphStore): Reader => ({ run: (c, p) => store.read(c, p ?? {}, { operation: 'leads' }) });

/** The review-queue job that proposes a company not in the graph; refused when the graph already has it. */
async function proposeCompany(store: GraphStore, actor: LeadActor, company: { name: string; note?: string | null }) {
  const name = canonicalName(company.name);
  if (!name || name.length > 100) throw badInput('a company name of 1 to 100 characters', { field: 'proposedCompany.name' });
  const [best] = (await nameIndex(store)).resolve({ name, type: 'Enterprise' }, 1);
  if (best && best.score >= CONFIDENT_MATCH) {
    throw badInput('this company is in the graph already; make the lead about it', {
      field: 'proposedCompany.name',
      reason: 'ALREADY_IN_GRAPH',
      match: { id: best.id, name: best.name, score: best.score },
    });
  }
  const text = optionalText(company.note, 'proposedCompany.note', LEAD_LIMITS.note) ?? name;
  const match = best && best.score >= 0.6 ? { id: best.id, name: best.name, score: best.score, reason: best.reason } : null;
  const job = await createJob(
    store,
    actor.username,
    { text, title: name },
    {
      entities: [{ key: 'e1', name, type: 'Enterprise', aliases: [], match, quote: text.slice(0, 500) }],
      relations: [],
    },
  );
  return { name, job: job.id };
}

async function checkNew(store: GraphStore, actor: LeadActor, input: NewLeadInput) {
  if (!!input.target === !!input.proposedCompany) {
    throw badInput('a lead is about one entity: give target or proposedCompany', { field: 'target', reason: 'TARGET_REQUIRED' });
  }
  const db = storeReader(store);
  const region = (await getRegion(store, checkId(input.region, 'region'))).id;
  await requireVisible(db, actor, { id: '', region });
  const target = input.target ? checkId(input.target, 'target') : null;
  if (target) await checkTarget(db, target);
  const segment = input.segment ? checkId(input.segment, 'segment') : null;
  if (segment) {
    const [row] = await db.run('MATCH (n:Entity {id: $id}) RETURN n.type AS type', { id: segment });
    if (row?.type !== 'ChainSegment') throw badInput('segment must be a chain segment', { field: 'segment' });
  }
  const owner = input.owner?.trim() || actor.username;
  if (owner !== actor.username && actor.role !== 'admin') {
    throw badInput('only an admin creates a lead for someone else', { field: 'owner', reason: 'NOT_ASSIGNABLE' });
  }
  const collaborators = [...new Set((input.collaborators ?? []).map((c) => c.trim()).filter((c) => c && c !== owner))];
  if (collaborators.length > LEAD_LIMITS.collaborators) throw badInput('too many collaborators', { field: 'collaborators' });
  await requireAssignable(db, [owner], 'owner');
  await requireAssignable(db, collaborators, 'collaborators');
  return { region, target, segment, owner, collaborators };
}

export async function createLead(store: GraphStore, actor: LeadActor, input: NewLeadInput, now: number): Promise<LeadRecord> {
  const checked = await checkNew(store, actor, input);
  const at = new Date(now).toISOString();
  const fields = {
    nextAction: optionalText(input.nextAction, 'nextAction'),
    dueAt: optionalTime(input.dueAt, 'dueAt'),
    estimatedInvestment: optionalAmount(input.estimatedInvestment, 'estimatedInvestment'),
    area: optionalAmount(input.area, 'area'),
  };
  const { origin, segment } = await freezeOrigin(store, input.origin, checked, at);
  // The proposal goes to the review queue last, once everything else is known to be right.
  const proposal = input.proposedCompany ? await proposeCompany(store, actor, input.proposedCompany) : null;
  return commitLead(store, actor, 'LEAD_CREATE', now, async (tx, stamp) => {
    const lead: LeadRecord = {
      id: newId('lead', stamp),
      targetId: checked.target,
      proposedName: proposal?.name ?? null,
      proposalJob: proposal?.job ?? null,
      region: checked.region,
      segment,
      origin,
      owner: checked.owner,
      collaborators: checked.collaborators,
      stage: 'LEAD',
      stageReason: null,
      stageEnteredAt: stamp,
      lastActivityAt: stamp,
      ...fields,
      version: 1,
      createdAt: stamp,
      createdBy: actor.username,
      updatedAt: stamp,
      updatedBy: actor.username,
    };
    await insertLead(tx, lead);
    await insertEvent(tx, {
      ...emptyEvent(lead.id, stamp, actor.username),
      id: newId('lev', stamp),
      kind: 'CREATED',
      toStage: 'LEAD',
    });
    const params = { origin: origin.kind, target: lead.targetId, proposalJob: lead.proposalJob, region: lead.region, owner: lead.owner };
    return { result: lead, target: lead.id, params };
  });
}

export function emptyEvent(lead: string, at: string, actor: string) {
  return {
    lead,
    at,
    actor,
    fromStage: null,
    toStage: null,
    note: null,
    interactionKind: null,
    date: null,
    who: null,
    attachments: [],
    changes: null,
  };
}
