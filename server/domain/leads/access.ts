/**
 * Who may see and change a lead. A user with a region scope sees (and, as an editor, changes) only
 * leads being attracted to that region or a region inside it; everyone else sees all. Editors change
 * the leads they own or collaborate on; admins change any lead in their scope.
 */
import { forbidden } from '../errors.js';
import type { Reader } from './rows.js';
import type { LeadActor, LeadRecord } from './types.js';

/** The region and every region located in it (towns in a district). */
export async function regionsWithin(db: Reader, region: string): Promise<Set<string>> {
  const rows = await db.run(
    "MATCH (r:Entity)-[:LOCATED_IN*1..6]->(:Entity {id: $region}) WHERE r.type = 'Region' RETURN DISTINCT r.id AS id",
    {
      region,
    },
  );
  return new Set([region, ...rows.map((r) => String(r.id))]);
}

/** The regions the actor may see leads of; null: all. */
export async function visibleRegions(db: Reader, actor: LeadActor): Promise<Set<string> | null> {
  return actor.region ? regionsWithin(db, actor.region) : null;
}

export async function requireVisible(db: Reader, actor: LeadActor, lead: Pick<LeadRecord, 'id' | 'region'>): Promise<void> {
  const regions = await visibleRegions(db, actor);
  if (regions && !regions.has(lead.region)) {
    throw forbidden('this lead is outside your region', { reason: 'OUT_OF_SCOPE', region: actor.region, lead: lead.id });
  }
}

export const isAdmin = (actor: LeadActor): boolean => actor.role === 'admin';

/** Owners, collaborators and admins change a lead; other editors read it. */
export function requireEditable(actor: LeadActor, lead: LeadRecord): void {
  if (isAdmin(actor) || lead.owner === actor.username || lead.collaborators.includes(actor.username)) return;
  throw forbidden('only the lead’s owner, its collaborators and admins change it', {
    reason: 'NOT_OWNER',
    lead: lead.id,
    owner: lead.owner,
  });
}
