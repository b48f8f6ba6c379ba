/** `npm run seed:check`: validates the facts against the schema, the model and the sources; writes nothing. */
import path from 'node:path';
import { formatProblem, readSeedFacts, SeedValidationError, seedWarnings } from './load.js';

const seedDir = path.resolve(import.meta.dirname);
try {
  const facts = readSeedFacts(seedDir);
  for (const w of seedWarnings(facts)) console.warn(`warning: ${w}`);
  console.log(`ok: ${facts.entities.length} entities, ${facts.relations.length} relations; every quote verbatim, every id resolves`);
} catch (err) {
  if (!(err instanceof SeedValidationError)) throw err;
  console.error(`${err.problems.length} problem(s):\n${err.problems.map(formatProblem).join('\n')}`);
  process.exitCode = 1;
}
