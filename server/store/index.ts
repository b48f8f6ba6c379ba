/** Chooses the store from config: Neo4j when NEO4J_URI is set, else the embedded LadybugDB. */
import type { Config } from '../config.js';
import type { GraphData } from '../domain/model.js';
import { EmbeddedStore } from './embedded.js';
import type { GraphStore, QueryOptions } from './types.js';

export async function openStore(config: Config): Promise<GraphStore> {
  const analysts = { connections: config.analystConnections, perUser: config.analystQueriesPerUser };
  // The Neo4j driver is loaded only when it is used (0.2-0.45 s of every embedded start otherwise).
  const store: GraphStore = config.neo4j
    ? await (await import('./neo4j.js')).Neo4jStore.connect(config.neo4j, config.queryTimeoutMs, analysts)
    : new EmbeddedStore({
        dataDir: config.dataDir,
        bufferPoolBytes: config.bufferPoolBytes,
        queryTimeoutMs: config.queryTimeoutMs,
        analystPoolSize: analysts.connections,
        analystQueriesPerUser: analysts.perUser,
      });
  await store.ensureSchema();
  return store;
}

/**
 * The store as one request sees it: its reads (and analyst queries, and read-only checks) carry the
 * request's deadline and actor unless the caller gives its own (an earlier deadline wins). Writes and
 * schema work pass through unchanged.
 */
export function withRequestLimits(
  store: GraphStore,
  limits: { deadline?: number; actor: string },
): GraphStore & { unlimited: GraphStore; readonly requestWrites: number } {
  const earliest = (a?: number, b?: number) => (a === undefined ? b : b === undefined ? a : Math.min(a, b));
  const bound = <T extends QueryOptions>(opts: T): T => ({
    ...opts,
    deadline: earliest(opts.deadline, limits.deadline),
    actor: opts.actor ?? limits.actor,
  });
  let writes = 0;
  const counted = <T>(p: Promise<T>): Promise<T> => p.finally(() => writes++);
  return {
    engine: store.engine,
    // What per-store caches (live projections: the search and name indexes) are kept for, and its
    // write count: a request's store is a new object each time, and keyed by it they were rebuilt for
    // every request (a search at 100k entities took 11-16 s, its garbage ~1 GB of heap).
    unlimited: unlimited(store),
    get localWrites() {
      return store.localWrites;
    },
    // This request's writes, committed or not: what a per-request cache of the graph's version is kept for.
    get requestWrites() {
      return writes;
    },
    read: (cypher, params, opts = {}) => store.read(cypher, params, bound(opts)),
    readTable: (cypher, params, opts) => store.readTable(cypher, params, bound(opts)),
    isReadOnly: (cypher, opts = {}) => store.isReadOnly(cypher, bound(opts)),
    write: (cypher, params, opts) => counted(store.write(cypher, params, opts)),
    transaction: (work, opts) => counted(store.transaction(work, opts)),
    ensureSchema: () => store.ensureSchema(),
    bulkLoad: (data: GraphData) => store.bulkLoad(data),
    clear: () => store.clear(),
    close: () => store.close(),
  };
}

/** The store a request's store (withRequestLimits) stands for; any other store itself. */
export const unlimited = (store: GraphStore): GraphStore => (store as { unlimited?: GraphStore }).unlimited ?? store;

export * from './types.js';
