/**
 * A change killed with SIGKILL half-way (thousands of statements into one change set) leaves no
 * trace: the store opens, and holds none of the change's entities, no change set, no revision, no
 * audit event. The same change run to its end holds all of them.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { EmbeddedStore } from '../../server/store/embedded.js';
import { smallGraph } from '../fixtures/small-graph.js';
import { test as it } from '../helpers/fixtures.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

function open(dataDir: string) {
  return new EmbeddedStore({ dataDir, bufferPoolBytes: 64 << 20, queryTimeoutMs: loadConfig({}).queryTimeoutMs });
}

/** Runs the slow change; kills it after `after` statements inside its transaction (null: lets it finish). */
function run(dataDir: string, after: number | null): Promise<{ inTransaction: number; out: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/fixtures/slow-change.ts')], {
    cwd: ROOT,
    env: { ...process.env, NEO4J_URI: '', DATA_DIR: dataDir, DEBUG: 'bioeco:embedded' },
  });
  let inTransaction = 0;
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    inTransaction += (d.toString().match(/\(in transaction\)/g) ?? []).length;
    if (after !== null && inTransaction >= after && child.exitCode === null) child.kill('SIGKILL');
  });
  return new Promise((resolve) => child.on('exit', () => resolve({ inTransaction, out })));
}

async function traces(dataDir: string) {
  const store = open(dataDir);
  try {
    const n = async (cypher: string) => Number((await store.read(cypher))[0].n);
    return {
      entities: await n("MATCH (e:Entity) WHERE e.id STARTS WITH 'kill-' RETURN count(e) AS n"),
      changes: await n("MATCH (c:ChangeSet) WHERE c.author = 'killtest' RETURN count(c) AS n"),
      revisions: await n("MATCH (r:Revision) WHERE r.author = 'killtest' RETURN count(r) AS n"),
      audit: await n("MATCH (a:AuditEvent) WHERE a.actor = 'killtest' RETURN count(a) AS n"),
      graph: await n('MATCH (e:Entity) RETURN count(e) AS n'),
    };
  } finally {
    await store.close();
  }
}

describe('a change killed with SIGKILL on the embedded store', () => {
  it('leaves none of it behind; run to its end, all of it is there', { timeout: 180_000 }, async ({ tempDir }) => {
    const store = open(tempDir);
    await store.ensureSchema();
    await store.bulkLoad(smallGraph({ hubSize: 0 }));
    await store.close();
    const base = smallGraph({ hubSize: 0 }).entities.length;

    const killed = await run(tempDir, 800 + Math.floor(Math.random() * 1500));
    expect(killed.out).not.toContain('committed');
    expect(await traces(tempDir), `killed after ${killed.inTransaction} statements`).toEqual({
      entities: 0,
      changes: 0,
      revisions: 0,
      audit: 0,
      graph: base,
    });

    const finished = await run(tempDir, null);
    expect(finished.out).toContain('committed');
    expect(await traces(tempDir)).toEqual({ entities: 3000, changes: 1, revisions: 3000, audit: 1, graph: base + 3000 });
  });
});
