/**
 * Diagnostic: what the embedded store's way of running a query costs in the LadybugDB Node binding.
 * EmbeddedStore.run prepares every statement anew and fetches rows with `getAll()`, which awaits one
 * thread-pool round trip per row. This times, interleaved on the same queries, that path against
 * `getAllSync()` and against a statement prepared once.
 *
 *   npx tsx bench/lbug-fetch.ts [--entities N --relations M]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lbug from '@ladybugdb/core';
import { edgeColumns, entityColumns } from '../server/domain/records.js';
import { EmbeddedStore } from '../server/store/embedded.js';
import { generate, Rng, sizeArgs } from './generate.js';
import { measureInterleaved } from './harness.js';

const size = sizeArgs(process.argv.slice(2));
const gen = generate(size);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bioeco-lbug-fetch-'));
const pool = 256 * 1024 * 1024;
try {
  const store = new EmbeddedStore({ dataDir: dir, bufferPoolBytes: pool, queryTimeoutMs: 0 });
  await store.ensureSchema();
  await store.bulkLoad(gen.data);
  await store.close();

  const db = new lbug.Database(path.join(dir, 'graph.lbug'), pool);
  const conn = new lbug.Connection(db);
  const rng = new Rng(3);
  const enterprises = gen.data.entities.filter((e) => e.type === 'Enterprise');
  const ids = Array.from({ length: 200 }, () => rng.pick(enterprises).id);
  const hubs = gen.meta.hubs.slice(0, 30).map((h) => h.id);
  const cols = `a.id AS a_id, ${entityColumns('b', 'b_')}, ${edgeColumns('r', 'label(r)')}`;
  const texts = ['生物', 'zzqxj', '华康', 'shhk', 'huakang', '医院', '不存在', '恒源'];
  const queries: [string, string, (i: number) => Record<string, unknown>][] = [
    ['400 rows × 1 int (no table access)', 'UNWIND range(1, 400) AS i RETURN i', () => ({})],
    ['entity by key', `MATCH (n:Entity {id: $id}) RETURN ${entityColumns('n')}`, (i) => ({ id: ids[i % ids.length] })],
    ['enterprise out, keyed', `MATCH (a:Entity {id: $id})-[r]->(b:Entity) RETURN ${cols} LIMIT 400`, (i) => ({ id: ids[i % ids.length] })],
    [
      'hub in, keyed (400 rows)',
      `MATCH (a:Entity {id: $id})<-[r]-(b:Entity) RETURN ${cols} LIMIT 400`,
      (i) => ({ id: hubs[i % hubs.length] }),
    ],
    [
      'search CONTAINS',
      `MATCH (n:Entity) WHERE n.search CONTAINS $q RETURN ${entityColumns('n')} LIMIT 500`,
      (i) => ({ q: texts[i % texts.length] }),
    ],
  ];
  const rows: string[] = [];
  for (const [name, cypher, params] of queries) {
    let stmt: Awaited<ReturnType<typeof conn.prepare>> | null = null;
    const run = (mode: 'store today' | 'getAllSync' | 'prepared once + getAllSync') => async (i: number) => {
      const st = mode === 'prepared once + getAllSync' ? (stmt ??= await conn.prepare(cypher)) : await conn.prepare(cypher);
      const res = await conn.execute(st, params(i) as never);
      const last = Array.isArray(res) ? res[res.length - 1] : res;
      if (mode === 'store today') await last.getAll();
      else last.getAllSync();
      last.close();
    };
    const stats = await measureInterleaved(
      (['store today', 'getAllSync', 'prepared once + getAllSync'] as const).map((m) => ({ name: m, fn: run(m), n: 200 })),
    );
    rows.push(`${name.padEnd(36)} ${stats.map((s) => `${s.name}: ${s.p50.toFixed(2)} / ${s.p99.toFixed(2)}`).join('   ')}`);
    process.stderr.write(`${rows[rows.length - 1]}\n`);
  }
  await conn.close();
  await db.close();
  console.log(
    `lbug fetch paths, ${gen.data.entities.length} entities / ${gen.data.relations.length} relations, p50 / p99 ms over 200 interleaved calls:`,
  );
  for (const r of rows) console.log(r);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
