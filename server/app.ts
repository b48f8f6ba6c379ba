/** Opens the store, seeds an empty graph, and builds the context and the HTTP handler. */
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import sirv from 'sirv';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { loadSavedQueries } from './domain/saved-queries.js';
import { handleExportRoute } from './export/route.js';
import { log } from './log.js';
import { openStore } from './store/index.js';
import { buildYoga } from './yoga.js';
import { loadSeed, readDocuments } from '../seed/load.js';
import type { DocumentFact } from '../seed/schema.js';

const debug = log('app');

export async function createContext(config: Config, opts: { seed?: boolean } = {}): Promise<AppContext> {
  const store = await openStore(config);
  try {
    if (opts.seed !== false) {
      const [row] = await store.read('MATCH (n:Entity) RETURN count(n) AS n', {}, { operation: 'count' });
      if (Number(row?.n ?? 0) === 0) {
        const counts = await loadSeed(store, config.seedDir);
        debug('seeded an empty store: %o', counts);
      }
    }
  } catch (err) {
    await store.close();
    throw err;
  }
  let docs: DocumentFact[] = [];
  try {
    docs = readDocuments(config.seedDir);
  } catch (err) {
    // Sources still show their document file name; the titles are a nicety, not worth refusing to start.
    console.warn(`document titles unavailable: ${(err as Error).message}`);
  }
  const documents = new Map(docs.map((d) => [d.file, { file: d.file, title: d.title, date: d.date ?? null }]));
  return { store, config, documents, savedQueries: loadSavedQueries(config.queriesDir) };
}

const FALLBACK_PAGE = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>生物医药产业图谱</title>
<body><h1>生物医药产业图谱 · Biomedicine ecosystem graph</h1><p>GraphQL: <a href="/graphql">/graphql</a></p></body></html>`;

export function createHandler(ctx: AppContext) {
  const yoga = buildYoga(ctx);
  const hasWeb = fs.existsSync(ctx.config.webDist);
  const assets = hasWeb ? sirv(ctx.config.webDist, { single: true, etag: true, gzip: false }) : null;
  return (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    if (url.startsWith('/graphql')) return void yoga(req, res);
    if (url === '/export' || url.startsWith('/export?')) return void handleExportRoute(ctx, req, res);
    if (assets) return assets(req, res);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(FALLBACK_PAGE);
  };
}
