/** The stores a contract test runs on: the embedded store always, Neo4j when NEO4J_URI is set. */
import fs from 'node:fs';
import { loadConfig, type Config } from '../../server/config.js';
import { EmbeddedStore } from '../../server/store/embedded.js';
import { Neo4jStore } from '../../server/store/neo4j.js';
import type { GraphStore } from '../../server/store/types.js';
import { tempDataDir } from './fixtures.js';

export interface StoreHandle {
  store: GraphStore;
  config: Config;
  /** Closes the store and leaves nothing behind (a temp folder removed, a shared database emptied). */
  dispose(): Promise<void>;
}

export interface StoreFactory {
  name: 'embedded' | 'neo4j';
  open(): Promise<StoreHandle>;
}

export async function openEmbedded(): Promise<StoreHandle> {
  const dataDir = tempDataDir();
  const config = { ...loadConfig({}), dataDir, bufferPoolBytes: 64 * 1024 * 1024 };
  const store = new EmbeddedStore({ dataDir, bufferPoolBytes: config.bufferPoolBytes, queryTimeoutMs: config.queryTimeoutMs });
  await store.ensureSchema();
  return {
    store,
    config,
    async dispose() {
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * What the app keeps beside the graph: accounts, sessions, audit events, the seed record, the history,
 * documents, imports and ingest jobs. clear() empties the graph only (accounts outlive a reseed).
 */
export const APP_LABELS = [
  'AppUser',
  'AppSession',
  'AuditEvent',
  'AppMeta',
  'ChangeSet',
  'Revision',
  'Document',
  'ImportFile',
  'IngestJob',
];

/** Deletes everything under APP_LABELS: a shared database must lose what a suite made, or the next would find accounts on. */
export async function clearAppData(store: GraphStore): Promise<void> {
  await store.write(`MATCH (n) WHERE ${APP_LABELS.map((l) => `n:${l}`).join(' OR ')} DETACH DELETE n`, {}, { operation: 'test cleanup' });
}

export const storeFactories: StoreFactory[] = [{ name: 'embedded', open: openEmbedded }];

const env = loadConfig();
if (env.neo4j) {
  const neo = env.neo4j;
  storeFactories.push({
    name: 'neo4j',
    async open() {
      const store = await Neo4jStore.connect(neo, env.queryTimeoutMs);
      await store.ensureSchema();
      // One shared database: leave it empty for the next suite.
      return {
        store,
        config: env,
        async dispose() {
          await store.clear();
          await clearAppData(store);
          await store.close();
        },
      };
    },
  });
}
