/**
 * Login rate limit and lockout, in memory: after `maxFailures` failed logins for a username (four
 * times as many from one client address, which an office behind one NAT shares) further attempts
 * are refused for `lockMs`, right password or not. Failures older than `lockMs` are forgotten.
 */
export interface ThrottleOptions {
  maxFailures: number;
  lockMs: number;
  now: () => number;
}

interface Entry {
  failures: number[];
  lockedUntil: number;
}

/** Keys kept at most: a spray of made-up usernames must not grow memory without bound. */
const MAX_KEYS = 10_000;
const ADDRESS_FACTOR = 4;

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly opts: ThrottleOptions) {}

  private keys(username: string, address: string | null): [string, number][] {
    const keys: [string, number][] = [[`user:${username}`, this.opts.maxFailures]];
    if (address) keys.push([`addr:${address}`, this.opts.maxFailures * ADDRESS_FACTOR]);
    return keys;
  }

  /** Milliseconds until `username` (or `address`) may try again; 0 when not locked. */
  lockedFor(username: string, address: string | null): number {
    const now = this.opts.now();
    let wait = 0;
    for (const [key] of this.keys(username, address)) {
      const e = this.entries.get(key);
      if (e && e.lockedUntil > now) wait = Math.max(wait, e.lockedUntil - now);
    }
    return wait;
  }

  fail(username: string, address: string | null): void {
    const now = this.opts.now();
    for (const [key, max] of this.keys(username, address)) {
      const e = this.entries.get(key) ?? { failures: [], lockedUntil: 0 };
      e.failures = e.failures.filter((t) => now - t < this.opts.lockMs);
      e.failures.push(now);
      if (e.failures.length >= max) {
        e.lockedUntil = now + this.opts.lockMs;
        e.failures = [];
      }
      this.entries.delete(key);
      this.entries.set(key, e);
    }
    while (this.entries.size > MAX_KEYS) this.entries.delete(this.entries.keys().next().value!);
  }

  /** A successful login clears its username's failures (not the address's: one's own account must not reset an attacker's count). */
  succeed(username: string): void {
    this.entries.delete(`user:${username}`);
  }
}
