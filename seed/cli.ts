/** `npm run seed`: validates the curated facts and (re)loads them into the configured store. */
import { loadConfig } from '../server/config.js';
import { openStore } from '../server/store/index.js';
import { StoreError } from '../server/store/types.js';
import { loadSeed, SeedValidationError } from './load.js';

async function main() {
  const config = loadConfig();
  let store;
  try {
    store = await openStore(config);
  } catch (err) {
    console.error(err instanceof StoreError ? err.message : String(err));
    process.exit(1);
  }
  try {
    const counts = await loadSeed(store, config.seedDir);
    console.log(`seeded ${store.engine} store: ${counts.entities} entities, ${counts.relations} relations`);
  } catch (err) {
    if (err instanceof SeedValidationError) {
      console.error(
        `nothing was written; fix these entries first:\n${err.problems.length} problem(s)\n${err.message.split('\n').slice(1).join('\n')}`,
      );
    } else {
      console.error(`seeding failed: ${(err as Error).message}`);
    }
    process.exitCode = 1;
  } finally {
    await store.close();
  }
}

void main();
