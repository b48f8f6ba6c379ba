/** `npm run seed`: validates everything first; a bad entry is reported with file, entry and field and nothing is written. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../server/store/embedded.js';
import { tempDataDir } from '../helpers/stores.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const dirs: string[] = [];

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

/** A copy of seed/ with one facts file replaced. */
function brokenSeed(file: string, edit: (text: string) => string): string {
  const dir = tempDataDir();
  dirs.push(dir);
  fs.cpSync(path.join(ROOT, 'seed'), dir, { recursive: true });
  const p = path.join(dir, 'facts', file);
  fs.writeFileSync(p, edit(fs.readFileSync(p, 'utf8')));
  return dir;
}

/** One seeded store for the tests that need one (seeding takes a second or two). */
let seeded: { dataDir: string; res: ReturnType<typeof seedCli> } | null = null;
function seedOnce() {
  if (!seeded) {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    seeded = { dataDir, res: seedCli({ DATA_DIR: dataDir }) };
  }
  return seeded;
}

describe('npm run seed', () => {
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('loads the seed and reports the counts', async () => {
    const { dataDir, res } = seedOnce();
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/seeded embedded store: \d+ entities, \d+ relations/);
    expect(await count(dataDir)).toBeGreaterThan(100);
  });

  it('reports a bad entry with file, entry and field, and writes nothing', async () => {
    const { dataDir, res: seededRes } = seedOnce();
    expect(seededRes.status).toBe(0);
    const before = await count(dataDir);

    const seedDir = brokenSeed('relations.yaml', (t) =>
      t.replace("to: dapujiang-party-alliance\n  role: '召集单位'", "to: no-such-alliance\n  role: '召集单位'"),
    );
    const res = seedCli({ DATA_DIR: dataDir, SEED_DIR: seedDir });
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/nothing was written/);
    expect(res.stderr).toMatch(/seed\/facts\/relations\.yaml, entry \d+, field to: unknown entity id "no-such-alliance"/);
    expect(await count(dataDir)).toBe(before);
  });

  it('catches a quote that is not verbatim in its document, and a wrong type', () => {
    const seedDir = brokenSeed('entities-enterprises.yaml', (t) =>
      t
        .replace("quote: '以之江生物、思路迪、柯惠医疗", "quote: '以之江生物、思路迪和柯惠医疗")
        .replace('type: Enterprise', 'type: Company'),
    );
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    const res = seedCli({ DATA_DIR: dataDir, SEED_DIR: seedDir });
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/entities-enterprises\.yaml, entry 0, field type: /);
    expect(res.stderr).toMatch(/field sources\.0\.quote: quote not found verbatim/);
  });
});
