/**
 * A lead's target: an organisation in the graph, or a company proposed through the review queue.
 * Retracting takes an entity out of the live graph but keeps its revisions, so "retracted" is "no
 * entity, but a history". A proposal becomes the entity its applied change set created or linked.
 */
import { getJob } from '../../review/queue.js';
import { badInput, notFound } from '../errors.js';
import type { EntityType } from '../model.js';
import type { Reader } from './rows.js';

/** What a lead may be about: organisations that can settle in a region. */
export const TARGET_TYPES: readonly EntityType[] = ['Enterprise', 'Hospital', 'University', 'Park'];

export async function wasRetracted(db: Reader, id: string): Promise<boolean> {
  const rows = await db.run("MATCH (r:Revision) WHERE r.targetId = $id AND r.target = 'ENTITY' RETURN r.id AS id LIMIT 1", { id });
  return rows.length > 0;
}

/** Refuses a target that is not a live organisation; a retracted one says so (TARGET_RETRACTED). */
export async function checkTarget(db: Reader, id: string): Promise<void> {
  const [row] = await db.run('MATCH (n:Entity {id: $id}) RETURN n.type AS type', { id });
  if (!row) {
    if (await wasRetracted(db, id)) {
      throw badInput('this entity was retracted; a lead cannot point at it', { field: 'target', reason: 'TARGET_RETRACTED', id });
    }
    throw notFound(`no entity with id "${id}"`, { id });
  }
  if (!TARGET_TYPES.includes(row.type as EntityType)) {
    throw badInput(`a lead is about an organisation (${TARGET_TYPES.join(', ')}), not a ${String(row.type)}`, {
      field: 'target',
      reason: 'NOT_AN_ORGANISATION',
    });
  }
}

export interface ProposalState {
  job: string;
  status: 'open' | 'applied' | 'discarded';
  /** Once applied: the entity the proposal became (created, or linked to by the reviewer). */
  entity: string | null;
}

export async function proposalState(store: Parameters<typeof getJob>[0], db: Reader, job: string): Promise<ProposalState | null> {
  const found = await getJob(store, job).catch(() => null);
  if (!found) return null;
  if (found.status !== 'applied' || !found.changeSet) return { job, status: found.status, entity: null };
  const [rev] = await db.run(
    "MATCH (r:Revision) WHERE r.changeSet = $cs AND r.target = 'ENTITY' RETURN r.targetId AS id ORDER BY r.seq LIMIT 1",
    { cs: found.changeSet },
  );
  return { job, status: 'applied', entity: rev ? String(rev.id) : null };
}
