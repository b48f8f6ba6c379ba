/** `npm run seed`: validates the curated facts and (re)loads them into the configured store. */
import { loadConfig } from '../server/config.js';
import { explainStoreError, openStartupStore } from '../server/startup.js';
import { loadSeed, readSeedState, SeedValidationError } from './load.js';

async function main() {
  const config = loadConfig();
  let store;
  try {
    store = await openStartupStore(config);
  } catch (err) {
    // Names DATA_DIR (and what to do) or NEO4J_URI.
    console.error(`cannot seed: ${(err as Error).message}`);
    process.exit(1);
  }
  try {
    const before = await readSeedState(store);
    if (before?.state === 'loading') console.warn(`the previous seed load (started ${before.at}) never finished; loading again`);
    const counts = await loadSeed(store, config.seedDir);
    console.log(`seeded ${store.engine} store: ${counts.entities} entities, ${counts.relations} relations`);
  } catch (err) {
    if (err instanceof SeedValidationError) {
      console.error(
        `nothing was written; fix these entries first:\n${err.problems.length} problem(s)\n${err.message.split('\n').slice(1).join('\n')}`,
      );
    } else {
      console.error(`seeding failed: ${(explainStoreError(err, config) as Error).message}`);
    }
    process.exitCode = 1;
  } finally {
    await store.close().catch(() => undefined);
  }
}

void main();
