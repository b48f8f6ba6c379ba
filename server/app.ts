/** Opens the store (seeding an empty or half-loaded graph), and builds the context and the HTTP handler. */
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import sirv from 'sirv';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { loadSavedQueries } from './domain/saved-queries.js';
import { handleExportRoute } from './export/route.js';
import { openStartupStore, prepareStore } from './startup.js';
import { buildYoga } from './yoga.js';
import { readDocuments } from '../seed/load.js';
import type { DocumentFact } from '../seed/schema.js';

/**
 * Opens the store; seeds it when empty, reloads a seed load that never finished, and refuses a
 * damaged embedded store (server/startup.ts: every failure names DATA_DIR or NEO4J_URI).
 */
export async function createContext(config: Config, opts: { seed?: boolean } = {}): Promise<AppContext> {
  const store = await openStartupStore(config);
  try {
    await prepareStore(store, config, opts);
  } catch (err) {
    // A damaged store may fail to close as well; the reason to report is the first one.
    await store.close().catch(() => undefined);
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
