/**
 * Opening the store at start (server and `npm run seed`) with messages an operator can act on: an
 * embedded store that cannot be opened or reads back damaged names DATA_DIR and says what to do;
 * a seed load that never finished is reported and loaded again.
 */
import type { Config } from './config.js';
import { findDamage } from './domain/integrity.js';
import { log } from './log.js';
import { openStore } from './store/index.js';
import { StoreError, type GraphStore } from './store/types.js';
import { ensureSeeded } from '../seed/load.js';

const debug = log('startup');

/** A reason not to start, written for the operator; printed as it is. */
export class StartupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StartupError';
  }
}

function remedy(dir: string): string {
  return [
    `  - If another process uses it (a running server, npm run seed), stop that process first.`,
    `  - Otherwise the store may be damaged: move ${dir} aside (or delete it) and start again — a new store is seeded from seed/ — or restore it from a backup.`,
  ].join('\n');
}

/**
 * An error of the embedded store, explained: while opening it any error is the store's (a folder
 * that cannot be made, a file the engine cannot read); afterwards only a StoreError is (a seed that
 * fails validation is not). Neo4j's errors, and an unreachable store, pass as they are.
 */
export function explainStoreError(err: unknown, config: Config, opening = false): unknown {
  if (config.neo4j || err instanceof StartupError) return err;
  if (err instanceof StoreError ? err.code === 'STORE_UNAVAILABLE' : !opening) return err;
  const detail = err instanceof Error ? err.message : String(err);
  return new StartupError(
    `the embedded store in DATA_DIR=${config.dataDir} cannot be opened or read: ${detail}\n${remedy(config.dataDir)}`,
    {
      cause: err,
    },
  );
}

export async function openStartupStore(config: Config): Promise<GraphStore> {
  try {
    return await openStore(config);
  } catch (err) {
    throw explainStoreError(err, config, true);
  }
}

/** Seeds an empty store and reloads one whose seed load never finished, saying so; then checks an embedded store reads back whole. */
export async function prepareStore(store: GraphStore, config: Config, opts: { seed?: boolean } = {}): Promise<void> {
  try {
    if (opts.seed !== false) {
      const seeded = await ensureSeeded(store, config.seedDir);
      const where = config.neo4j ? `Neo4j at NEO4J_URI=${config.neo4j.uri}` : `the embedded store in DATA_DIR=${config.dataDir}`;
      if (seeded.action === 'reloaded')
        console.warn(
          `${where} was not completely loaded: ${seeded.reason}. Reloaded the seed: ${seeded.entities} entities, ${seeded.relations} relations.`,
        );
      else if (seeded.action === 'seeded') debug('seeded an empty store: %o', seeded);
    }
    // Neo4j checksums its store files; LadybugDB does not, so its graph is read back and checked.
    if (store.engine !== 'embedded') return;
    const damage = await findDamage(store);
    if (damage.length) {
      const list = damage.map((d) => `  - "${d.id.slice(0, 80)}": ${d.problem}`).join('\n');
      throw new StartupError(
        `the embedded store in DATA_DIR=${config.dataDir} is damaged; what it reads back does not match the model:\n${list}\n` +
          `Run npm run seed to reload it from seed/, or move ${config.dataDir} aside (or delete it) and start again, or restore it from a backup.`,
      );
    }
  } catch (err) {
    throw explainStoreError(err, config);
  }
}
