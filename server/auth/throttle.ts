/**
 * Login rate limit and lockout, in the store (so a lock holds on every API server behind a load
 * balancer, and N servers do not give a guesser N times the tries): after `maxFailures` failed logins
 * for a username (four times as many from one client address, which an office behind one NAT shares)
 * further attempts are refused for `lockMs`, right password or not. Failures older than `lockMs` are
 * forgotten.
 *
 * Kept as `AppMeta` key-value records (both engines have the table): one record per failure
 * (`login-failure:<key>:<random>` → time; created, never updated, so two servers failing at once lose
 * no count) and one per lock (`login-lock:<key>` → until). Expired records go at the next failure.
 */
import { randomBytes } from 'node:crypto';
import type { GraphStore, Transaction } from '../store/types.js';

export interface ThrottleOptions {
  maxFailures: number;
  lockMs: number;
  now: () => number;
}

const ADDRESS_FACTOR = 4;
const FAILURE = 'login-failure:';
const LOCK = 'login-lock:';

export class LoginThrottle {
  constructor(
    private readonly store: GraphStore,
    private readonly opts: ThrottleOptions,
  ) {}

  private keys(username: string, address: string | null): [string, number][] {
    const keys: [string, number][] = [[`user:${username}`, this.opts.maxFailures]];
    if (address) keys.push([`addr:${address}`, this.opts.maxFailures * ADDRESS_FACTOR]);
    return keys;
  }

  /** Milliseconds until `username` (or `address`) may try again; 0 when not locked. */
  async lockedFor(username: string, address: string | null): Promise<number> {
    const now = this.opts.now();
    const rows = await this.store.read(
      'MATCH (m:AppMeta) WHERE m.key IN $keys RETURN m.value AS until',
      { keys: this.keys(username, address).map(([k]) => LOCK + k) },
      { operation: 'login lock' },
    );
    return Math.max(0, ...rows.map((r) => Number(r.until) - now).filter((ms) => Number.isFinite(ms)));
  }

  async fail(username: string, address: string | null): Promise<void> {
    const now = this.opts.now();
    await this.store.transaction(
      async (tx) => {
        await removeExpired(tx, now, this.opts.lockMs);
        for (const [key, max] of this.keys(username, address)) {
          await tx.run('CREATE (:AppMeta {key: $key, value: $at})', {
            key: `${FAILURE}${key}:${randomBytes(9).toString('base64url')}`,
            at: String(now),
          });
          const rows = await tx.run('MATCH (m:AppMeta) WHERE m.key STARTS WITH $prefix RETURN m.value AS at', {
            prefix: `${FAILURE}${key}:`,
          });
          if (rows.filter((r) => now - Number(r.at) < this.opts.lockMs).length < max) continue;
          await tx.run('MERGE (m:AppMeta {key: $key}) SET m.value = $until', { key: LOCK + key, until: String(now + this.opts.lockMs) });
          await tx.run('MATCH (m:AppMeta) WHERE m.key STARTS WITH $prefix DELETE m', { prefix: `${FAILURE}${key}:` });
        }
      },
      { operation: 'login failure' },
    );
  }

  /** A successful login clears its username's failures (not the address's: one's own account must not reset an attacker's count). */
  async succeed(username: string): Promise<void> {
    await this.store.write(
      'MATCH (m:AppMeta) WHERE m.key STARTS WITH $prefix DELETE m',
      { prefix: `${FAILURE}user:${username}:` },
      {
        operation: 'login success',
      },
    );
  }
}

/** Failures older than the lock time and locks that have ended: a spray of made-up usernames leaves nothing behind for long. */
async function removeExpired(tx: Transaction, now: number, lockMs: number): Promise<void> {
  const rows = await tx.run(
    'MATCH (m:AppMeta) WHERE m.key STARTS WITH $failure OR m.key STARTS WITH $lock RETURN m.key AS key, m.value AS value',
    {
      failure: FAILURE,
      lock: LOCK,
    },
  );
  const expired = rows
    .filter((r) => {
      const t = Number(r.value);
      return !Number.isFinite(t) || (String(r.key).startsWith(LOCK) ? t <= now : now - t >= lockMs);
    })
    .map((r) => String(r.key));
  if (expired.length) await tx.run('UNWIND $keys AS k MATCH (m:AppMeta {key: k}) DELETE m', { keys: expired });
}
