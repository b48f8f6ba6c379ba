/** Emptying a Neo4j database the benches filled, in batches (a 1M-relation graph is more than one transaction may hold). */
import neo4j from 'neo4j-driver';
import type { Neo4jConfig } from '../server/config.js';

/**
 * Deletes relations first, then nodes — every node, or only entities — each in auto-commit
 * transactions of 5,000 rows: DETACH DELETE of hubs with thousands of relations can exceed the
 * server's transaction memory limit (what Neo4jStore.clear() runs into at 1M relations).
 */
export async function deleteInBatches(cfg: Neo4jConfig, nodes: 'all' | 'entities'): Promise<void> {
  const driver = neo4j.driver(cfg.uri, cfg.username ? neo4j.auth.basic(cfg.username, cfg.password ?? '') : undefined);
  const session = driver.session({ database: cfg.database ?? undefined });
  try {
    await session.run('MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 5000 ROWS');
    await session.run(`MATCH (n${nodes === 'entities' ? ':Entity' : ''}) CALL (n) { DELETE n } IN TRANSACTIONS OF 5000 ROWS`);
  } finally {
    await session.close();
    await driver.close();
  }
}
