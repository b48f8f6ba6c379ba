/**
 * The embedded store's write-ahead log: checkpointed once writes pause (not inside the commit that
 * grew it), and — when a crash left its last record torn — replayed up to the tear, keeping every
 * committed change and the damaged log aside, instead of refusing to open.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, vi } from 'vitest';
import { EmbeddedStore, type EmbeddedOptions } from '../../server/store/embedded.js';
import { test as it } from '../helpers/fixtures.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

function open(dataDir: string, extra: Partial<EmbeddedOptions> = {}) {
  return new EmbeddedStore({ dataDir, bufferPoolBytes: 64 << 20, queryTimeoutMs: 10_000, ...extra });
}

const walSize = (dir: string) => (fs.existsSync(path.join(dir, 'graph.lbug.wal')) ? fs.statSync(path.join(dir, 'graph.lbug.wal')).size : 0);

async function ids(store: EmbeddedStore): Promise<string[]> {
  return (await store.read("MATCH (n:Entity) WHERE n.id STARTS WITH 'log-' RETURN n.id AS id ORDER BY id")).map((r) => String(r.id));
}

describe('the embedded store’s write-ahead log', () => {
  it('is checkpointed once writes pause, and what was written is there after a reopen', { timeout: 60_000 }, async ({ tempDir }) => {
    const store = open(tempDir, { checkpointWalBytes: 64 << 10, checkpointIdleMs: 50 });
    await store.ensureSchema();
    let n = 0;
    while (walSize(tempDir) < 64 << 10 && n < 2000) {
      const batch = Array.from({ length: 50 }, (_, i) => ({ id: `log-${String(n + i).padStart(5, '0')}`, name: `日志测试${n + i}号` }));
      await store.transaction((tx) =>
        tx.run("UNWIND $rows AS r CREATE (:Entity {id: r.id, type: 'Enterprise', name: r.name})", { rows: batch }),
      );
      n += batch.length;
    }
    // The commit that grew it past the threshold did not checkpoint …
    expect(walSize(tempDir)).toBeGreaterThanOrEqual(64 << 10);
    // … the pause after it does.
    await vi.waitFor(() => expect(walSize(tempDir)).toBeLessThan(64 << 10), { timeout: 20_000, interval: 50 });
    await store.close();
    const again = open(tempDir);
    try {
      expect(await ids(again)).toHaveLength(n);
    } finally {
      await again.close();
    }
  });

  it('is checkpointed under writes that never pause, once the log has waited long enough', { timeout: 60_000 }, async ({ tempDir }) => {
    // A pause would have to last 60 s: only the deadline can checkpoint here.
    const store = open(tempDir, { checkpointWalBytes: 64 << 10, checkpointIdleMs: 60_000, checkpointMaxWaitMs: 50 });
    await store.ensureSchema();
    let n = 0;
    let peak = 0;
    let folded = false;
    const started = Date.now();
    while (!folded && Date.now() - started < 30_000) {
      const batch = [{ id: `log-${String(n).padStart(5, '0')}`, name: `日志测试${n}号` }];
      await store.transaction((tx) =>
        tx.run("UNWIND $rows AS r CREATE (:Entity {id: r.id, type: 'Enterprise', name: r.name})", { rows: batch }),
      );
      n += batch.length;
      const size = walSize(tempDir);
      peak = Math.max(peak, size);
      // The log was past the threshold and is folded while the writes go on.
      folded = peak >= 64 << 10 && size < peak / 2;
    }
    expect(folded).toBe(true);
    // By the deadline, not by the log growing to the size that forces a checkpoint at once (8×).
    expect(peak).toBeLessThan(8 * (64 << 10));
    await store.close();
    const again = open(tempDir);
    try {
      expect(await ids(again)).toHaveLength(n);
    } finally {
      await again.close();
    }
  });

  it(
    'torn at its end by a crash is replayed up to the tear: committed changes stay, the log is kept aside',
    { timeout: 60_000 },
    async ({ tempDir }) => {
      // A process that commits two changes and dies without closing the store: both live only in the log.
      const script = `
      import { EmbeddedStore } from './server/store/embedded.ts';
      const store = new EmbeddedStore({ dataDir: process.env.DIR, bufferPoolBytes: 64 << 20, queryTimeoutMs: 10000 });
      await store.ensureSchema();
      for (const id of ['log-first', 'log-second'])
        await store.transaction((tx) => tx.run("CREATE (:Entity {id: $id, type: 'Enterprise', name: $id})", { id }));
      process.exit(0);`;
      const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: ROOT,
        env: { ...process.env, DIR: tempDir },
        encoding: 'utf8',
      });
      expect(child.status, child.stderr).toBe(0);
      const wal = path.join(tempDir, 'graph.lbug.wal');
      expect(walSize(tempDir)).toBeGreaterThan(0);
      // The last record cut short, as a crash while writing it leaves it: that change never committed.
      fs.truncateSync(wal, walSize(tempDir) - 20);
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      const store = open(tempDir);
      try {
        await store.ensureSchema();
        expect(await ids(store)).toEqual(['log-first']);
        const kept = fs.readdirSync(tempDir).filter((f) => f.startsWith('graph.lbug.wal.torn-'));
        expect(kept).toHaveLength(1);
        expect(String(warn.mock.calls[0]?.[0])).toMatch(/torn record/);
        // And the store takes writes again.
        await store.transaction((tx) => tx.run("CREATE (:Entity {id: 'log-third', type: 'Enterprise', name: 'x'})"));
        expect(await ids(store)).toEqual(['log-first', 'log-third']);
      } finally {
        warn.mockRestore();
        await store.close();
      }
    },
  );
});
