/**
 * The login throttle (server/auth/throttle.ts) on every store, with a clock of its own: a lock after
 * too many failures within the lock time, failures older than that forgotten, an address trying many
 * usernames locked too, and the records of expired failures and locks removed. Each test uses
 * usernames and addresses of its own.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect } from 'vitest';
import { LoginThrottle } from '../../server/auth/throttle.js';
import type { GraphStore } from '../../server/store/types.js';
import { graphTest } from '../helpers/graph-test.js';
import { storeFactories } from '../helpers/stores.js';

const it = graphTest({ load: async () => {} });

const LOCK_MS = 15 * 60_000;
const MAX = 3;

/** A throttle on `store` whose clock the test moves. */
function world(store: GraphStore) {
  const clock = { now: Date.UTC(2026, 11, 1, 8) };
  const throttle = new LoginThrottle(store, { maxFailures: MAX, lockMs: LOCK_MS, now: () => clock.now });
  const tag = randomUUID().slice(0, 8);
  return { clock, throttle, user: (name: string) => `${tag}-${name}`, address: (n: number) => `${tag}-addr-${n}` };
}

/** How many throttle records (failures and locks) mention `text`. */
async function records(store: GraphStore, text: string): Promise<number> {
  const rows = await store.read(
    "MATCH (m:AppMeta) WHERE (m.key STARTS WITH 'login-failure:' OR m.key STARTS WITH 'login-lock:') AND m.key CONTAINS $text RETURN count(m) AS n",
    { text },
  );
  return Number(rows[0]?.n ?? 0);
}

describe.each(storeFactories)('the login throttle on $name', (factory) => {
  it.scoped({ storeFactory: factory });

  it('locks a username after too many failures within the lock time, until the lock time has passed', async ({ store }) => {
    const w = world(store);
    const name = w.user('alice');
    for (let i = 0; i < MAX - 1; i++) await w.throttle.fail(name, w.address(i));
    expect(await w.throttle.lockedFor(name, w.address(9))).toBe(0);
    await w.throttle.fail(name, w.address(MAX));
    expect(await w.throttle.lockedFor(name, w.address(9))).toBe(LOCK_MS);
    w.clock.now += LOCK_MS - 1000;
    expect(await w.throttle.lockedFor(name, null)).toBe(1000);
    w.clock.now += 1000;
    expect(await w.throttle.lockedFor(name, null)).toBe(0);
  });

  it('forgets failures older than the lock time', async ({ store }) => {
    const w = world(store);
    const name = w.user('bob');
    for (let i = 0; i < MAX - 1; i++) await w.throttle.fail(name, null);
    w.clock.now += LOCK_MS;
    await w.throttle.fail(name, null);
    expect(await w.throttle.lockedFor(name, null)).toBe(0);
    for (let i = 0; i < MAX - 2; i++) await w.throttle.fail(name, null);
    expect(await w.throttle.lockedFor(name, null)).toBe(0);
    await w.throttle.fail(name, null);
    expect(await w.throttle.lockedFor(name, null)).toBe(LOCK_MS);
  });

  it('locks an address that tries many usernames, after four times as many failures', async ({ store }) => {
    const w = world(store);
    for (let i = 0; i < 4 * MAX - 1; i++) await w.throttle.fail(w.user(`spray-${i}`), w.address(1));
    expect(await w.throttle.lockedFor(w.user('next'), w.address(1))).toBe(0);
    await w.throttle.fail(w.user('last'), w.address(1));
    expect(await w.throttle.lockedFor(w.user('next'), w.address(1))).toBe(LOCK_MS);
    expect(await w.throttle.lockedFor(w.user('next'), w.address(2))).toBe(0);
  });

  it('clears a username’s failures on a successful sign-in', async ({ store }) => {
    const w = world(store);
    const name = w.user('carol');
    for (let i = 0; i < MAX - 1; i++) await w.throttle.fail(name, null);
    await w.throttle.succeed(name);
    await w.throttle.fail(name, null);
    expect(await w.throttle.lockedFor(name, null)).toBe(0);
  });

  it('leaves nothing behind for long from a spray of made-up usernames', async ({ store }) => {
    const w = world(store);
    // Five usernames, four tries each (each is locked), from twenty addresses.
    for (let i = 0; i < 20; i++) await w.throttle.fail(w.user(`ghost-${i % 5}`), w.address(i));
    expect(await records(store, w.user('ghost-'))).toBeGreaterThanOrEqual(5);
    expect(await records(store, w.address(0))).toBe(1);
    w.clock.now += 2 * LOCK_MS;
    await w.throttle.fail(w.user('later'), null);
    expect(await records(store, w.user('ghost-'))).toBe(0);
    expect(await records(store, w.address(0))).toBe(0);
    expect(await records(store, w.user('later'))).toBe(1);
  });
});
