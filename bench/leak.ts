/**
 * npm run bench:leak [-- --queries 20000 --warmup 2000 --every 2000 --json]
 *
 * Does the embedded store give memory back? On the seed graph in a fresh embedded store, runs the
 * app's usual store queries — search, entity lookups, neighbours and relation counts, a depth-2
 * neighbourhood, stats, saved queries on the analysts' connections, and every twentieth round an
 * ad-hoc Cypher text never seen before — until `--queries` statements have run after `--warmup`.
 * Prints RSS (after a GC when node runs with --expose-gc, as the npm script does) after the warm-up
 * and every `--every` statements, then the growth per statement. `--json`: one JSON line instead,
 * for the regression test. Nothing is asserted here.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createContext } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { getEntity, neighborhood, neighbours, relationCounts, stats } from '../server/domain/graph.js';
import { bindParams, cypherFor } from '../server/domain/saved-queries.js';
import { search } from '../server/domain/search.js';
import type { GraphData } from '../server/domain/model.js';
import type { GraphStore, QueryOptions, Row, Table, Transaction } from '../server/store/types.js';

/** The store with its reads counted (the bench only reads). */
function counting(store: GraphStore): GraphStore & { count: number } {
  const counted = {
    count: 0,
    engine: store.engine,
    read(cypher: string, params?: Record<string, unknown>, opts?: QueryOptions): Promise<Row[]> {
      counted.count++;
      return store.read(cypher, params, opts);
    },
    readTable(cypher: string, params: Record<string, unknown>, opts: QueryOptions & { maxRows: number }): Promise<Table> {
      counted.count++;
      return store.readTable(cypher, params, opts);
    },
    write: (cypher: string, params?: Record<string, unknown>, opts?: QueryOptions) => store.write(cypher, params, opts),
    transaction: <T>(work: (tx: Transaction) => Promise<T>, opts?: QueryOptions) => store.transaction(work, opts),
    ensureSchema: () => store.ensureSchema(),
    bulkLoad: (data: GraphData) => store.bulkLoad(data),
    clear: () => store.clear(),
    isReadOnly: (cypher: string, opts?: QueryOptions) => store.isReadOnly(cypher, opts),
    close: () => store.close(),
  };
  return counted;
}

const gc = (globalThis as { gc?: () => void }).gc;

function rssMb(): number {
  gc?.();
  return process.memoryUsage().rss / 1048576;
}

async function main() {
  const { values } = parseArgs({
    options: {
      queries: { type: 'string', default: '20000' },
      warmup: { type: 'string', default: '2000' },
      every: { type: 'string', default: '2000' },
      json: { type: 'boolean', default: false },
    },
  });
  const total = Number(values.queries);
  const warmup = Number(values.warmup);
  const every = Number(values.every);
  const say = (line: string) => {
    if (!values.json) console.log(line);
  };

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bioeco-leak-'));
  const app = await createContext({ ...loadConfig(), dataDir, neo4j: null });
  const store = counting(app.store);
  try {
    const ids = (await store.read('MATCH (n:Entity) RETURN n.id AS id, n.name AS name ORDER BY id', {})).map((r) => ({
      id: String(r.id),
      name: String(r.name),
    }));
    const saved = app.savedQueries.filter((q) => q.params.every((p) => p.default !== null));
    let round = 0;
    const oneRound = async () => {
      const e = ids[round % ids.length];
      await search(store, e.name.slice(0, 2), { limit: 20 });
      await getEntity(store, e.id);
      await Promise.all([neighbours(store, [e.id], { cap: 1000 }), relationCounts(store, e.id)]);
      if (round % 5 === 0) await neighborhood(store, [e.id], { depth: 2, limit: 200 });
      if (round % 10 === 0) await stats(store);
      const q = saved[round % saved.length];
      await store.readTable(cypherFor(q, store.engine), bindParams(q, {}), { maxRows: 5000, operation: 'saved query' });
      // An analyst's ad-hoc text, new every time: the case a statement cache cannot absorb.
      if (round % 20 === 0) {
        await store.readTable(`MATCH (n:Entity {id: $id}) RETURN n.name AS name, ${round} AS round`, { id: e.id }, { maxRows: 10 });
      }
      round++;
    };

    while (store.count < warmup) await oneRound();
    const start = { rss: rssMb(), count: store.count, at: performance.now() };
    say(`after warm-up (${start.count} statements): RSS ${start.rss.toFixed(0)} MB`);
    let next = start.count + every;
    while (store.count < start.count + total) {
      await oneRound();
      if (store.count >= next) {
        say(`${(store.count - start.count).toString().padStart(6)} statements: RSS ${rssMb().toFixed(0)} MB`);
        next += every;
      }
    }
    const end = { rss: rssMb(), count: store.count, at: performance.now() };
    const statements = end.count - start.count;
    const growthKb = ((end.rss - start.rss) * 1024) / statements;
    const result = {
      statements,
      rssStartMb: Math.round(start.rss),
      rssEndMb: Math.round(end.rss),
      growthMb: Math.round((end.rss - start.rss) * 10) / 10,
      growthKbPerStatement: Math.round(growthKb * 100) / 100,
      msPerStatement: Math.round(((end.at - start.at) / statements) * 1000) / 1000,
      gc: Boolean(gc),
    };
    if (values.json) console.log(JSON.stringify(result));
    else
      say(
        `growth: ${result.growthMb} MB over ${statements} statements = ${result.growthKbPerStatement} KB per statement ` +
          `(${result.msPerStatement} ms per statement${gc ? '' : '; no --expose-gc, so RSS includes uncollected JS garbage'})`,
      );
  } finally {
    await app.store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
