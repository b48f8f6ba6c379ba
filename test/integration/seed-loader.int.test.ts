/** `npm run seed`: validates everything first; a bad entry is reported with file, entry and field and nothing is written. */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { EmbeddedStore } from '../../server/store/embedded.js';
import { tempDataDir, test } from '../helpers/fixtures.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

function seedCli(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'seed/cli.ts')], {
    cwd: ROOT,
    env: { ...process.env, NEO4J_URI: '', ...env },
    encoding: 'utf8',
  });
}

async function count(dataDir: string): Promise<number> {
  const store = new EmbeddedStore({ dataDir, bufferPoolBytes: 64 << 20, queryTimeoutMs: 10_000 });
  try {
    const [row] = await store.read('MATCH (n:Entity) RETURN count(n) AS n');
    return Number(row.n);
  } finally {
    await store.close();
  }
}

/** A copy of seed/ in `dir` with some facts files edited. */
function brokenSeed(dir: string, edits: Record<string, (text: string) => string>): string {
  const seedDir = path.join(dir, 'seed');
  fs.cpSync(path.join(ROOT, 'seed'), seedDir, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const p = path.join(seedDir, 'facts', file);
    fs.writeFileSync(p, edit(fs.readFileSync(p, 'utf8')));
  }
  return seedDir;
}

/** One seeded store for the file (seeding takes a second or two). */
const it = test.extend<{ seeded: { dataDir: string; res: SpawnSyncReturns<string> } }>({
  seeded: [
    // eslint-disable-next-line no-empty-pattern -- Vitest reads the fixtures a function uses from its first parameter.
    async ({}, use) => {
      const dataDir = tempDataDir();
      await use({ dataDir, res: seedCli({ DATA_DIR: dataDir }) });
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
    { scope: 'file' },
  ],
});

describe('npm run seed', () => {
  it('loads the seed and reports the counts', async ({ seeded: { dataDir, res } }) => {
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/seeded embedded store: \d+ entities, \d+ relations/);
    expect(await count(dataDir)).toBeGreaterThan(100);
  });

  it('reports a bad entry with file, entry and field, and writes nothing', async ({ seeded, tempDir }) => {
    expect(seeded.res.status).toBe(0);
    const before = await count(seeded.dataDir);

    const seedDir = brokenSeed(tempDir, {
      'relations.yaml': (t) => t.replace("to: dapujiang-party-alliance\n  role: '召集单位'", "to: no-such-alliance\n  role: '召集单位'"),
    });
    const res = seedCli({ DATA_DIR: seeded.dataDir, SEED_DIR: seedDir });
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/nothing was written/);
    expect(res.stderr).toMatch(/seed\/facts\/relations\.yaml, entry \d+, field to: unknown entity id "no-such-alliance"/);
    expect(await count(seeded.dataDir)).toBe(before);
  });

  it('catches a quote that is not verbatim in its document, a wrong type and a kind outside the model', ({ tempDir }) => {
    const seedDir = brokenSeed(tempDir, {
      'entities-enterprises.yaml': (t) =>
        t
          .replace("quote: '以之江生物、思路迪、柯惠医疗", "quote: '以之江生物、思路迪和柯惠医疗")
          .replace('type: Enterprise', 'type: Company'),
      'entities-alliances.yaml': (t) => t.replace('kind: chamber_of_commerce', 'kind: chamber'),
    });
    const res = seedCli({ DATA_DIR: path.join(tempDir, 'data'), SEED_DIR: seedDir });
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/entities-enterprises\.yaml, entry 0, field type: /);
    expect(res.stderr).toMatch(/field sources\.0\.quote: quote not found verbatim/);
    expect(res.stderr).toMatch(
      /entities-alliances\.yaml, entry 0, field kind: a Alliance kind is one of industry_alliance, chamber_of_commerce/,
    );
  });
});
