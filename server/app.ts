/** Opens the store (seeding an empty or half-loaded graph), and builds the context and the HTTP handler. */
import { nameIndexAt } from './domain/curation/name-index.js';
import { analysisGraph } from './domain/live/analysis-graph.js';
import { warmReadModel } from './domain/live/read-model.js';
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import sirv from 'sirv';
import { crossSiteRefused, handleCors, hostAllowed, refuse, setSecurityHeaders } from './auth/http.js';
import { auditLogRoute, guardedExport } from './auth/routes.js';
import { Auth } from './auth/service.js';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { prepareReadOnly } from './domain/read-only.js';
import { cypherFor, loadSavedQueries, type SavedQuery } from './domain/saved-queries.js';
import { searchIndex } from './domain/search.js';
import { handleExportRoute } from './export/route.js';
import { importUploadRoute } from './import/route.js';
import { openStartupStore, prepareStore } from './startup.js';
import { carryBookmarks } from './store/bookmarks.js';
import type { Engine, GraphStore } from './store/types.js';
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
  const savedQueries = loadSavedQueries(config.queriesDir);
  return { store, config, documents, savedQueries };
}

/**
 * The in-memory indexes and projections, in the order a server builds them after it listens: the
 * name index; then the search index (at 100k its first build outlasted the first search's 20 s
 * deadline); then the gap analysis's projection (~3 s at 100k), rather than in the first gap report;
 * then the neighbourhood read model (neighbourhoods read the store until it is there).
 */
const PROJECTIONS: [string, (store: GraphStore) => Promise<unknown>][] = [
  ['name index', nameIndexAt],
  ['search index', searchIndex],
  ['analysis projection', analysisGraph],
  ['read model', warmReadModel],
];

/** Builds every index and projection (the benches, before they time anything). */
export async function buildProjections(store: GraphStore): Promise<void> {
  for (const [, build] of PROJECTIONS) await build(store);
}

/**
 * What a server does once it listens, in the background, so its first request does not wait for it
 * (measured at 100k entities: ready 7.4 s after start, first answer 11.6 s, the 4 s between them the
 * name index and the saved queries' parses holding the event loop):
 * `delayMs` later (default 3 s):
 * - the saved queries are parsed, one per turn of the event loop (see warmUpReadOnly);
 * - the name index is built (every entity's names: ~2 s at 100k), rather than in the first duplicate
 *   check, dry run or article read that needs it; then the search index, from the same read of every
 *   entity's names (taken while it is still held: the read is ~50 MB of rows at 100k, and built after
 *   the gap projection it overlapped that build's reads, the server's peak RSS); then the gap
 *   analysis's projection (live/analysis-graph.ts); then the neighbourhood read model
 *   (live/read-model.ts: ~11 s at 100k / 1M, alone).
 * When all of it is built the server logs `warm: … s after listening` (the benches wait for that).
 * Returns a function that stops what has not started yet.
 */
export function warmUp(ctx: AppContext, opts: { delayMs?: number } = {}): () => void {
  let stopped = false;
  const queries = [...ctx.savedQueries];
  const next = () => {
    const q = queries.shift();
    if (!q || stopped) return;
    warmUpReadOnly(q, ctx.store.engine, ctx.config.maxRows);
    setImmediate(next).unref();
  };
  const listening = performance.now();
  const timer = setTimeout(() => {
    next();
    let built: Promise<unknown> = Promise.resolve();
    for (const [name, build] of PROJECTIONS)
      built = built
        .then(() => build(ctx.store))
        .catch((err: unknown) => console.warn(`${name} not built at start: ${(err as Error).message}`));
    void built.then(() => {
      if (!stopped)
        console.log(`warm: indexes and projections built ${((performance.now() - listening) / 1000).toFixed(1)} s after listening`);
    });
  }, opts.delayMs ?? 3000);
  timer.unref();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/**
 * The Cypher parser's first parses build its prediction tables (about half a second on the event
 * loop, measured as a pause in other users' requests); parsing the saved queries at start moves that
 * pause out of the first analyst's request, and reports a saved query the boundary would refuse.
 */
function warmUpReadOnly(q: SavedQuery, engine: Engine, rowCap: number): void {
  try {
    prepareReadOnly(cypherFor(q, engine), { rowCap, params: Object.fromEntries(q.params.map((p) => [p.name, p.default])) });
  } catch (err) {
    console.warn(`saved query ${q.name} is refused by the read-only boundary: ${(err as Error).message}`);
  }
}

const FALLBACK_PAGE = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>生物医药产业图谱</title>
<body><h1>生物医药产业图谱 · Biomedicine ecosystem graph</h1><p>GraphQL: <a href="/graphql">/graphql</a></p></body></html>`;

const isRoute = (url: string, route: string) => url === route || url.startsWith(`${route}?`);

/**
 * Every response carries the security headers; a request for another host name (DNS rebinding) is
 * refused, CORS is answered from CORS_ORIGINS, and the API routes refuse other sites' pages.
 * `auth` is injectable for tests (a clock); one per server otherwise.
 */
export function createHandler(ctx: AppContext, opts: { auth?: Auth } = {}) {
  const auth = opts.auth ?? new Auth(ctx.store, ctx.config);
  const security = ctx.config.security;
  const yoga = buildYoga(ctx, { auth });
  const hasWeb = fs.existsSync(ctx.config.webDist);
  const assets = hasWeb ? sirv(ctx.config.webDist, { single: true, etag: true, gzip: false }) : null;
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    setSecurityHeaders(req, res);
    if (!hostAllowed(security, req.headers.host)) return refuse(req, res, 421, 'Unknown host name: add it to ALLOWED_HOSTS.');
    const api = url.startsWith('/graphql') || isRoute(url, '/export') || isRoute(url, '/audit.jsonl') || isRoute(url, '/import/upload');
    if (api && handleCors(security, req, res)) return;
    if (api && crossSiteRefused(security, req)) return refuse(req, res, 403, 'Cross-site request refused.');
    if (url.startsWith('/graphql')) return void yoga(req, res);
    if (isRoute(url, '/export'))
      return void guardedExport(auth, req, res, (held, caller) => handleExportRoute({ ...ctx, caller }, req, held));
    if (isRoute(url, '/audit.jsonl')) return void auditLogRoute(auth, req, res);
    if (isRoute(url, '/import/upload')) return void importUploadRoute(auth, ctx.store, req, res);
    if (assets) return assets(req, res);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(FALLBACK_PAGE);
  };
  // Several API servers on one Neo4j: a user's next request, on any of them, reads their own writes.
  return ctx.store.engine === 'neo4j' ? carryBookmarks(security, handle) : handle;
}
