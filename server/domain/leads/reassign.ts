/**
 * Handing leads over: an admin moves every lead of one user to another, and a user who leaves
 * (disabled, or no longer an editor) hands theirs to the admin who made the change — in the same
 * transaction as the account change, so no lead is ever left with an owner who cannot act on it.
 * Every lead of theirs moves, on hold and closed ones too (a lead on hold may be taken up again).
 */
import { badInput } from '../errors.js';
import type { GraphStore, Transaction } from '../../store/types.js';
import { commitLead, writeAudit } from './commit.js';
import { emptyEvent } from './create.js';
import { requireAssignable, successorOf } from './people.js';
import { insertEvent, newId } from './rows.js';
import type { LeadActor } from './types.js';

/** Moves `from`'s leads to `to` inside `tx`, logging each; the ids moved. */
export async function moveLeads(tx: Transaction, from: string, to: string, at: string, by: string): Promise<string[]> {
  const rows = await tx.run(
    'MATCH (l:Lead) WHERE l.owner = $from SET l.owner = $to, l.version = l.version + 1, l.updatedAt = $at, l.updatedBy = $by RETURN l.id AS id',
    { from, to, at, by },
  );
  const ids = rows.map((r) => String(r.id)).sort();
  for (const id of ids) {
    await insertEvent(tx, { ...emptyEvent(id, at, by), id: newId('lev', at), kind: 'REASSIGNED', changes: { owner: [from, to] } });
  }
  return ids;
}

export async function reassignLeads(
  store: GraphStore,
  actor: LeadActor,
  input: { fromUser: string; toUser: string },
  now: number,
): Promise<string[]> {
  const from = input.fromUser.trim();
  const to = input.toUser.trim();
  if (!from || from === to) throw badInput('give two different users', { field: 'toUser' });
  return commitLead(store, actor, 'LEAD_REASSIGN', now, async (tx, at) => {
    await requireAssignable(tx, [to], 'toUser');
    const ids = await moveLeads(tx, from, to, at, actor.username);
    return { result: ids, target: from, params: { to, leads: ids } };
  });
}

/**
 * For the accounts module: when `leaving` can no longer own leads, moves theirs to `successor`
 * inside the account change's transaction, with its own audit event.
 */
export async function handOverLeads(
  tx: Transaction,
  leaving: string,
  successor: string,
  actor: { username: string; clientAddress: string | null },
  now: number,
): Promise<string[]> {
  const at = new Date(now).toISOString();
  const ids = await moveLeads(tx, leaving, successor, at, actor.username);
  if (ids.length) await writeAudit(tx, at, actor, 'LEAD_REASSIGN', leaving, { to: successor, leads: ids, reason: 'OWNER_LEFT' });
  return ids;
}

/**
 * The step an account change adds to its transaction when `leaving` can no longer own leads: their
 * leads go to the admin making the change (else the first enabled admin). With leads and no admin
 * to take them, the change is refused rather than leave them orphaned.
 */
export function leadHandOver(
  leaving: string,
  admin: string | null,
  actor: { username: string; clientAddress: string | null },
  now: number,
): (tx: Transaction) => Promise<void> {
  return async (tx) => {
    const [owned] = await tx.run('MATCH (l:Lead) WHERE l.owner = $leaving RETURN count(l) AS n', { leaving });
    if (Number(owned?.n ?? 0) === 0) return;
    const successor = await successorOf(tx, leaving, admin);
    if (!successor) throw badInput('no enabled admin to take over this user’s leads', { reason: 'NO_SUCCESSOR' });
    await handOverLeads(tx, leaving, successor, actor, now);
  };
}
