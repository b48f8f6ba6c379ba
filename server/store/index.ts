/** Chooses the store from config: Neo4j when NEO4J_URI is set, else the embedded LadybugDB. */
import type { Config } from '../config.js';
import { EmbeddedStore } from './embedded.js';
import { Neo4jStore } from './neo4j.js';
import type { GraphStore } from './types.js';

export async function openStore(config: Config): Promise<GraphStore> {
  const store: GraphStore = config.neo4j
    ? await Neo4jStore.connect(config.neo4j, config.queryTimeoutMs)
    : new EmbeddedStore({ dataDir: config.dataDir, bufferPoolBytes: config.bufferPoolBytes, queryTimeoutMs: config.queryTimeoutMs });
  await store.ensureSchema();
  return store;
}

export * from './types.js';
