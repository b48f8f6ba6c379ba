/**
 * npm run bench:isolation [-- --cases nested,analyst --analysts 8]
 *
 * Does one user's expensive work delay everyone else's simple requests? On the seed graph in a fresh
 * embedded store, a simple lookup (`entity(id) { name }`) is timed every 50 ms while
 *   nested:  one request nests Entity.relations four levels deep under four aliases on a hub
 *            (the 675-character request of issue 9) — its time, its answer and the RSS it added;
 *   analyst: `--analysts` heavy ad-hoc Cypher queries (runCypher) run at once.
 * Prints the lookups' p50 / max before and during each case. Nothing is asserted.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createContext } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import type { AppContext } from '../server/context.js';
import { graphqlClient, type GqlResult } from '../test/helpers/graphql.js';

const HUB = 'dapujiang-party-alliance';
const LOOKUP_ID = 'siludi';

/** Entity.relations nested `levels` deep under `aliases` aliases on one entity. */
export function nestedRelationsQuery(id: string, levels = 3, aliases = 4): string {
  let inner = 'id name';
  for (let i = 0; i < levels; i++) inner = `id name relations{count items{edge{type} other{${inner}}}}`;
  const one = (alias: string) => `${alias}:entity(id:"${id}"){${inner}}`;
  return `{${Array.from({ length: aliases }, (_, i) => one(`a${i}`)).join(' ')}}`;
}

/** Every path of up to five steps in the seed graph: a second or more of work, one small answer. */
const HEAVY_CYPHER = 'MATCH (a:Entity)-[*1..5]-(b:Entity) RETURN count(*) AS n';

const rssMb = () => Math.round(process.memoryUsage().rss / 1048576);
const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  return { n: s.length, p50: s[Math.floor(s.length / 2)] ?? NaN, max: s[s.length - 1] ?? NaN };
}

/** Times a simple lookup every `everyMs` until `stop` resolves. */
async function timeLookups(app: AppContext, stop: Promise<unknown>, everyMs = 50): Promise<number[]> {
  const gql = graphqlClient(app);
  const ms: number[] = [];
  let done = false;
  void stop.finally(() => (done = true));
  while (!done) {
    const t = performance.now();
    const res = await gql(`query($id: ID!) { entity(id: $id) { name } }`, { id: LOOKUP_ID });
    if (res.errors?.length) throw new Error(`lookup failed: ${res.errors[0].message}`);
    ms.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return ms;
}

function summary(res: GqlResult): string {
  const text = JSON.stringify(res);
  const codes = [...new Set((res.errors ?? []).map((e) => e.extensions?.code ?? e.message))];
  return `${(text.length / 1048576).toFixed(1)} MB answer${codes.length ? `, errors: ${codes.join(', ')}` : ''}`;
}

async function main() {
  const { values } = parseArgs({
    options: { cases: { type: 'string', default: 'nested,analyst' }, analysts: { type: 'string', default: '8' } },
  });
  const selected = new Set(values.cases.split(','));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bioeco-isolation-'));
  const app = await createContext({ ...loadConfig(), dataDir, neo4j: null });
  const gql = graphqlClient(app);
  try {
    const idle = stats(await timeLookups(app, new Promise((r) => setTimeout(r, 2000))));
    console.log(`lookup alone: p50 ${fmt(idle.p50)}, max ${fmt(idle.max)} (n=${idle.n})`);

    if (selected.has('nested')) {
      const query = nestedRelationsQuery(HUB);
      const rss0 = rssMb();
      const t = performance.now();
      const request = gql(query);
      const during = stats(await timeLookups(app, request));
      const res = await request;
      console.log(
        `nested (${query.length} characters): ${fmt(performance.now() - t)}, ${summary(res)}, RSS ${rss0} → ${rssMb()} MB; ` +
          `lookups meanwhile: p50 ${fmt(during.p50)}, max ${fmt(during.max)} (n=${during.n})`,
      );
    }

    if (selected.has('analyst')) {
      const n = Number(values.analysts);
      const t = performance.now();
      const heavy = Promise.all(
        Array.from({ length: n }, () => gql(`query($c: String!) { runCypher(cypher: $c) { rows } }`, { c: HEAVY_CYPHER })),
      );
      const during = stats(await timeLookups(app, heavy));
      const answers = await heavy;
      const codes = answers.map((a) => a.errors?.[0]?.extensions?.code ?? 'ok');
      console.log(
        `${n} heavy analyst queries at once: ${fmt(performance.now() - t)} (${codes.join(' ')}); ` +
          `lookups meanwhile: p50 ${fmt(during.p50)}, max ${fmt(during.max)} (n=${during.n}, +${fmt(during.max - idle.p50)} over the idle p50)`,
      );
    }
  } finally {
    await app.store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
