/**
 * The one way a lead changes: one store transaction that writes the lead, its log entry and the
 * audit event (action WRITE, `params.kind` naming the lead operation) — all of it commits, or none.
 */
import { auditClause, newAuditEvent } from '../../auth/audit.js';
import type { GraphStore, Transaction } from '../../store/types.js';
import type { LeadActor } from './types.js';

export type LeadOperation = 'LEAD_CREATE' | 'LEAD_UPDATE' | 'LEAD_STAGE' | 'LEAD_INTERACTION' | 'LEAD_REASSIGN' | 'SLA_RULES';

export interface Done<T> {
  result: T;
  /** The audit event's target (a lead id, a username) and what else it says. */
  target: string | null;
  params: Record<string, unknown>;
}

export async function writeAudit(
  tx: Transaction,
  at: string,
  actor: Pick<LeadActor, 'username' | 'clientAddress'>,
  op: LeadOperation,
  target: string | null,
  params: Record<string, unknown>,
): Promise<void> {
  const audit = auditClause(
    newAuditEvent(
      Date.parse(at),
      { username: actor.username, clientAddress: actor.clientAddress },
      {
        action: 'WRITE',
        outcome: 'OK',
        target,
        params: { kind: op, ...params },
      },
    ),
  );
  await tx.run(audit.cypher, audit.params);
}

export async function commitLead<T>(
  store: GraphStore,
  actor: LeadActor,
  op: LeadOperation,
  now: number,
  work: (tx: Transaction, at: string) => Promise<Done<T>>,
): Promise<T> {
  return store.transaction(
    async (tx) => {
      const at = new Date(now).toISOString();
      const done = await work(tx, at);
      await writeAudit(tx, at, actor, op, done.target, done.params);
      return done.result;
    },
    { operation: op.toLowerCase() },
  );
}
