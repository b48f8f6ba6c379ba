/**
 * Seeding killed at any point (SIGKILL, as the OOM killer or a power cut would) never leaves a
 * partial graph to be served: the next start finds the seed load unfinished and loads it again.
 * A store the engine cannot read, or that reads back damaged, stops the start with a message naming
 * DATA_DIR and what to do.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { createContext } from '../../server/app.js';
import { loadConfig, type Config } from '../../server/config.js';
import type { AppContext } from '../../server/context.js';
import { openStore } from '../../server/store/index.js';
import { readSeedFacts, readSeedState } from '../../seed/load.js';
import { test as it } from '../helpers/fixtures.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const facts = readSeedFacts(path.join(ROOT, 'seed'));
const SEED = { entities: facts.entities.length, relations: facts.relations.length };

const configFor = (dataDir: string) => ({ ...loadConfig({}), dataDir, neo4j: null, bufferPoolBytes: 64 << 20 });

/** Where a seed load is killed: the embedded store always; Neo4j (NEO4J_URI) only with INTEGRATION_NEO4J=1, as it clears that database. */
interface Target {
  name: string;
  env: (dataDir: string) => Record<string, string>;
  config: (dataDir: string) => Config;
  /** The DEBUG namespace that logs each statement, and the statement that starts loading the graph. */
  log: string;
  firstLoad: RegExp;
}

const embedded: Target = {
  name: 'embedded',
  env: (dataDir) => ({ NEO4J_URI: '', DATA_DIR: dataDir }),
  config: configFor,
  log: 'bioeco:embedded',
  firstLoad: /copy Entity/,
};
const neo4jUri = loadConfig().neo4j?.uri;
const neo4j: Target = {
  name: 'neo4j',
  env: () => ({ NEO4J_URI: neo4jUri ?? '' }),
  config: () => loadConfig(),
  log: 'bioeco:neo4j',
  firstLoad: /bulk load entities/,
};
const targets = process.env.INTEGRATION_NEO4J === '1' && neo4jUri ? [embedded, neo4j] : [embedded];

/** Neo4j is one database: emptied (graph and marker) where a run needs an empty store. A temp DATA_DIR is empty already. */
async function empty(target: Target): Promise<void> {
  if (target !== neo4j) return;
  const store = await openStore(loadConfig());
  try {
    await store.clear();
    await store.write('MATCH (m:AppMeta) DELETE m');
  } finally {
    await store.close();
  }
}

async function counts(ctx: AppContext) {
  const [e] = await ctx.store.read('MATCH (n:Entity) RETURN count(n) AS n');
  const [r] = await ctx.store.read('MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS n');
  return { entities: Number(e.n), relations: Number(r.n) };
}

/**
 * Runs `script` on `dataDir` and kills it with SIGKILL `after` store statements past the first one
 * that matches `from` (DEBUG logs each statement as it starts), so it dies inside the clear, a COPY
 * or the completion marker.
 */
function killAfter(
  target: Target,
  script: string,
  dataDir: string,
  from: RegExp,
  after: number,
): Promise<{ statements: number; last: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, script)], {
    cwd: ROOT,
    env: { ...process.env, ...target.env(dataDir), PORT: '0', DEBUG: target.log },
  });
  let log = '';
  return new Promise((resolve) => {
    const lines = () => log.split('\n').filter((l) => l.includes(target.log));
    child.stderr.on('data', (d: Buffer) => {
      log += d.toString();
      const all = lines();
      const start = all.findIndex((l) => from.test(l));
      if (start >= 0 && all.length - 1 - start >= after && child.exitCode === null) child.kill('SIGKILL');
    });
    // A process that never reaches the point (it found the store complete) is killed all the same.
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve({ statements: lines().length, last: lines().at(-1)?.slice(0, 120) ?? '' });
    });
  });
}

function seedCli(dataDir: string, target = embedded) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'seed/cli.ts')], {
    cwd: ROOT,
    env: { ...process.env, ...target.env(dataDir) },
    encoding: 'utf8',
  });
}

/**
 * Where to kill: anywhere from the first write (the `loading` marker) to the end — the clear, the
 * schema again, the 12 loads (entities, then each relation type), the `complete` marker — or within
 * the loads, where a partial graph was served.
 */
const FIRST_WRITE = /seed state MERGE/;
const random = (n: number) => Math.floor(Math.random() * n);

describe.each(targets)('a seed load killed with SIGKILL on $name', (target) => {
  const runs: [string, string, boolean, RegExp, number][] = [
    ['npm run seed on an empty store', 'seed/cli.ts', false, target.firstLoad, random(13)],
    ['npm run seed over a complete store', 'seed/cli.ts', true, FIRST_WRITE, random(44)],
    ['the first start of the server', 'server/main.ts', false, target.firstLoad, random(13)],
  ];
  it.for(runs)(
    '%s: the next start serves the whole seed',
    { timeout: 120_000 },
    async ([, script, seededBefore, from, after], { tempDir }) => {
      if (seededBefore) expect(seedCli(tempDir, target).status).toBe(0);
      else await empty(target);
      const killed = await killAfter(target, script, tempDir, from, after);
      const ctx = await createContext(target.config(tempDir));
      try {
        expect(await counts(ctx), `killed at statement ${killed.statements} (${killed.last})`).toEqual(SEED);
        expect((await readSeedState(ctx.store))?.state).toBe('complete');
      } finally {
        await ctx.store.close();
      }
    },
  );
});

describe('an embedded store that is damaged', () => {
  /** A seeded store in `dir`, closed (so its data sits in graph.lbug, not in a log). */
  function seeded(dir: string): string {
    expect(seedCli(dir).status).toBe(0);
    return path.join(dir, 'graph.lbug');
  }

  it('that the engine cannot read stops the start with a message naming DATA_DIR and what to do', async ({ tempDir }) => {
    const file = seeded(tempDir);
    fs.truncateSync(file, Math.floor(fs.statSync(file).size / 3));
    const err = await createContext(configFor(tempDir)).then(
      () => null,
      (e: Error) => e,
    );
    expect(err?.message).toContain(`DATA_DIR=${tempDir}`);
    expect(err?.message).toMatch(/move .* aside/);
  });

  it('whose pages read back other bytes as a name is refused, not served', async ({ tempDir }) => {
    const file = seeded(tempDir);
    const bytes = fs.readFileSync(file);
    const name = Buffer.from('上海思路迪生物医学科技有限公司');
    expect(bytes.indexOf(name)).toBeGreaterThan(0);
    // Another valid name of the same length in its place (every copy: the file may also hold pages a
    // checkpoint left behind): only the derived search key gives it away.
    for (let at = bytes.indexOf(name); at >= 0; at = bytes.indexOf(name, at + name.length))
      Buffer.from('上海思路乙生物医学科技有限公司').copy(bytes, at);
    fs.writeFileSync(file, bytes);
    const err = await createContext(configFor(tempDir)).then(
      () => null,
      (e: Error) => e,
    );
    expect(err?.message).toContain(`DATA_DIR=${tempDir} is damaged`);
    expect(err?.message).toContain('"siludi"');
    expect(err?.message).toMatch(/npm run seed/);
  });

  it('can be reloaded with npm run seed', async ({ tempDir }) => {
    const file = seeded(tempDir);
    const bytes = fs.readFileSync(file);
    const at = bytes.indexOf(Buffer.from('上海思路迪生物医学科技有限公司'));
    bytes.fill(0x07, at, at + 6);
    fs.writeFileSync(file, bytes);
    expect(seedCli(tempDir).status).toBe(0);
    const ctx = await createContext(configFor(tempDir));
    try {
      expect(await counts(ctx)).toEqual(SEED);
    } finally {
      await ctx.store.close();
    }
  });
});
