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
    const reset = process.argv.includes('--reset');
    if (reset) console.warn('--reset: the graph is replaced by the seed; changes people made in the app are lost (their history stays)');
    const counts = await loadSeed(store, config.seedDir, { reset });
    const r = counts.reseed;
    if (!r) {
      console.log(`seeded ${store.engine} store: ${counts.entities} entities, ${counts.relations} relations`);
    } else {
      console.log(
        `reseeded ${store.engine} store (changes people made are kept): ` +
          `${r.added.entities} entities and ${r.added.relations} relations added, ` +
          `${r.updated.entities} entities and ${r.updated.relations} relations corrected, ${r.unchanged} unchanged` +
          (r.changeSet ? ` — change set ${r.changeSet} (revertible in the app)` : ''),
      );
      if (r.conflicts.length) {
        console.log(`${r.conflicts.length} conflict(s) left for an editor (the seed says otherwise; nothing was overwritten):`);
        for (const c of r.conflicts.slice(0, 50)) {
          const why = {
            changed: `changed in the app (${c.fields.join(', ')})`,
            retracted: 'retracted in the app',
            removed: 'no longer in the seed',
          }[c.reason];
          console.log(`  ${c.target} ${c.id}: ${why}`);
        }
        if (r.conflicts.length > 50) console.log(`  … and ${r.conflicts.length - 50} more`);
      }
    }
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
