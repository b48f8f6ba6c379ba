/**
 * Login rate limit and lockout, in the store (so a lock holds on every API server behind a load
 * balancer, and N servers do not give a guesser N times the tries): after `maxFailures` failed logins
 * for a username (four times as many from one client address, which an office behind one NAT shares)
 * further attempts are refused for `lockMs`, right password or not. Failures older than `lockMs` are
 * forgotten.
 *
 * Kept as `AppMeta` key-value records (both engines have the table), each holding the time it expires:
 * one record per failure (`login-failure:<key>:<random>` → failed at + lock time; created, never
 * updated, so two servers failing at once lose no count) and one per lock (`login-lock:<key>` →
 * until). Failures are counted in the store (count(m) of the key's unexpired records), and expired
 * records go in one DELETE, at a failure at most once a SWEEP_MS per process (not a scan per failure).
 * Times are 13-digit millisecond strings (years 2001–2286), so the store compares them as text:
 * LadybugDB has no toInteger.
 */
import { randomBytes } from 'node:crypto';
import type { GraphStore } from '../store/types.js';

export interface ThrottleOptions {
  maxFailures: number;
  lockMs: number;
  now: () => number;
}

const ADDRESS_FACTOR = 4;
const FAILURE = 'login-failure:';
const LOCK = 'login-lock:';
/** At most this long between sweeps of expired records (shorter when the lock time is). */
const SWEEP_MS = 60_000;
const TIME_DIGITS = 13;
/** A time as the store keeps it: fixed width, so that text order is time order. */
const stamp = (ms: number): string => String(Math.max(0, Math.trunc(ms))).padStart(TIME_DIGITS, '0');

export class LoginThrottle {
  /** When this process last swept expired records (on the throttle's clock). */
  private sweptAt = -Infinity;

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
    const sweep = now - this.sweptAt >= Math.min(SWEEP_MS, this.opts.lockMs);
    if (sweep) this.sweptAt = now;
    await this.store.transaction(
      async (tx) => {
        // Failures older than the lock time and locks that have ended: a spray of made-up usernames
        // leaves nothing behind for long. A value of another shape (not a time) goes too.
        if (sweep) {
          await tx.run(
            'MATCH (m:AppMeta) WHERE (m.key STARTS WITH $failure OR m.key STARTS WITH $lock) AND (m.value <= $now OR size(m.value) <> $digits) DELETE m',
            { failure: FAILURE, lock: LOCK, now: stamp(now), digits: TIME_DIGITS },
          );
        }
        const expires = stamp(now + this.opts.lockMs);
        for (const [key, max] of this.keys(username, address)) {
          const prefix = `${FAILURE}${key}:`;
          await tx.run('CREATE (:AppMeta {key: $key, value: $expires})', { key: prefix + randomBytes(9).toString('base64url'), expires });
          const [row] = await tx.run('MATCH (m:AppMeta) WHERE m.key STARTS WITH $prefix AND m.value > $now RETURN count(m) AS n', {
            prefix,
            now: stamp(now),
          });
          if (Number(row?.n ?? 0) < max) continue;
          await tx.run('MERGE (m:AppMeta {key: $key}) SET m.value = $until', { key: LOCK + key, until: expires });
          await tx.run('MATCH (m:AppMeta) WHERE m.key STARTS WITH $prefix DELETE m', { prefix });
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
