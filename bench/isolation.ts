/**
 * npm run bench:isolation [-- --cases nested,analyst --analysts 8]
 *
 * Does one user's expensive work delay everyone else's simple requests? On the seed graph in a fresh
 * embedded store, a simple lookup (`entity(id) { name }`) is timed every 50 ms while
 *   nested:  one request nests Entity.relations under `relations.items.other` three times, under four
 *            aliases, on a hub (the shape of issue 9's 675-character request) — its time, its answer
 *            and the RSS it added; once as configured (MAX_QUERY_COST refuses it), once with the cost
 *            limit lifted (batched loads, REQUEST_TIMEOUT_MS);
 *   analyst: `--analysts` heavy ad-hoc Cypher queries (runCypher) at once, each from its own (loopback) address.
 * Prints the lookups' p50 / p99 / max alone and during each case. Nothing is asserted.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createContext } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import type { AppContext } from '../server/context.js';
import { buildYoga } from '../server/yoga.js';

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
export const HEAVY_CYPHER = 'MATCH (a:Entity)-[*1..5]-(b:Entity) RETURN count(*) AS n';

interface Answer {
  data?: unknown;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** GraphQL in-process, as if from `peer` (the per-user limits tell callers apart by address). */
export function client(app: AppContext) {
  const yoga = buildYoga(app);
  return async (query: string, variables: Record<string, unknown> = {}, peer = '127.0.0.1'): Promise<Answer> => {
    const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) };
    const res = await yoga.fetch('http://yoga/graphql', init, { peer });
    return (await res.json()) as Answer;
  };
}

const rssMb = () => Math.round(process.memoryUsage().rss / 1048576);
const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;

export function latency(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? NaN;
  return { n: s.length, p50: at(0.5), p99: at(0.99), max: s[s.length - 1] ?? NaN };
}

const show = (x: ReturnType<typeof latency>) => `p50 ${fmt(x.p50)}, p99 ${fmt(x.p99)}, max ${fmt(x.max)} (n=${x.n})`;

/** Times a simple lookup every `everyMs` until `stop` settles. */
export async function timeLookups(gql: ReturnType<typeof client>, stop: Promise<unknown>, everyMs = 50): Promise<number[]> {
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

function summary(res: Answer): string {
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
  const gql = client(app);
  try {
    await timeLookups(gql, new Promise((r) => setTimeout(r, 1000))); // warm-up
    console.log(`lookup alone: ${show(latency(await timeLookups(gql, new Promise((r) => setTimeout(r, 3000)))))}`);

    if (selected.has('nested')) {
      const query = nestedRelationsQuery(HUB);
      const configured = app.config.maxQueryCost;
      for (const maxCost of [configured, Number.MAX_SAFE_INTEGER]) {
        app.config.maxQueryCost = maxCost;
        const rss0 = rssMb();
        const t = performance.now();
        const request = gql(query);
        const during = latency(await timeLookups(gql, request));
        const res = await request;
        const limit = maxCost === configured ? `MAX_QUERY_COST ${configured}` : 'no cost limit';
        console.log(
          `nested (${query.length} characters, ${limit}): ${fmt(performance.now() - t)}, ${summary(res)}, ` +
            `RSS ${rss0} → ${rssMb()} MB; lookups meanwhile: ${show(during)}`,
        );
      }
      app.config.maxQueryCost = configured;
    }

    if (selected.has('analyst')) {
      const n = Number(values.analysts);
      const t = performance.now();
      const heavy = Promise.all(
        Array.from({ length: n }, (_, i) =>
          gql(`query($c: String!) { runCypher(cypher: $c) { rows } }`, { c: HEAVY_CYPHER }, `127.0.1.${i + 1}`),
        ),
      );
      const during = latency(await timeLookups(gql, heavy));
      const codes = (await heavy).map((a) => a.errors?.[0]?.extensions?.code ?? 'ok');
      console.log(
        `${n} heavy analyst queries at once: ${fmt(performance.now() - t)} (${codes.join(' ')}); lookups meanwhile: ${show(during)}`,
      );
    }
  } finally {
    await app.store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
