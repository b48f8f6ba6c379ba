/**
 * `GET /export?ids=a,b&depth=1&format=graphml&lang=en`: the neighbourhood export as a file download.
 * `POST /export` with `{ ids, links, format, lang }` as JSON: exactly the entities and relations a
 * canvas shows (a view of hundreds of nodes does not fit in a URL).
 * Errors answer `{ error: { code, message } }` with the codes and messages the GraphQL API uses.
 * Its reads have a GraphQL request's deadline (REQUEST_TIMEOUT_MS): past it, 504 TIMEOUT.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppContext } from '../context.js';
import { badInput } from '../domain/errors.js';
import type { Lang } from '../domain/model.js';
import { checkLang, parseInteger } from '../domain/validate.js';
import { toApiError } from '../error-codes.js';
import { log } from '../log.js';
import { requestStore } from '../request-limits.js';
import { exportSubgraph, exportView } from './export.js';

const debug = log('export');

export interface ExportQuery {
  ids: string[];
  depth: number;
  format: string;
  /** Language of the labels in the file. */
  lang: Lang;
}

/** Reads `ids` (comma-separated and/or repeated), `depth` (default 1), `format` and `lang` (default zh) from a query string. */
export function parseExportQuery(params: URLSearchParams): ExportQuery {
  const ids = params
    .getAll('ids')
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  const depth = parseInteger(params.get('depth')?.trim() || '1', 'depth');
  const format = params.get('format')?.trim();
  if (!format) throw badInput('format is required: JSON, GRAPHML, CSV or CYPHER', { argument: 'format' });
  const lang = checkLang(params.get('lang') || 'zh');
  // Range checks for ids and depth, and the format check, are exportSubgraph's, shared with GraphQL.
  return { ids, depth, format, lang };
}

/** The largest body of a view export: 2,000 ids and 5,000 links of ids far longer than the seed's. */
export const EXPORT_MAX_BODY = 2 * 1024 * 1024;

export interface ViewExportBody {
  ids: unknown[];
  links: unknown[];
  format: string;
  lang: Lang;
}

async function readJson(req: IncomingMessage): Promise<ViewExportBody> {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') throw badInput('send the view as application/json', { argument: 'body' });
  if (Number(req.headers['content-length'] ?? 0) > EXPORT_MAX_BODY) throw badInput('the view is too large to export', { argument: 'body' });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > EXPORT_MAX_BODY) throw badInput('the view is too large to export', { argument: 'body' });
    chunks.push(chunk as Buffer);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw badInput('the body is not JSON', { argument: 'body' });
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw badInput('the body must be a JSON object', { argument: 'body' });
  const { ids, links, format, lang } = body as Record<string, unknown>;
  if (!Array.isArray(ids)) throw badInput('ids must be a list of entity ids', { argument: 'ids' });
  if (links !== undefined && !Array.isArray(links)) throw badInput('links must be a list', { argument: 'links' });
  if (typeof format !== 'string' || !format.trim())
    throw badInput('format is required: JSON, GRAPHML, CSV or CYPHER', { argument: 'format' });
  if (lang !== undefined && typeof lang !== 'string') throw badInput('lang must be zh or en', { argument: 'lang' });
  return { ids, links: links ?? [], format, lang: checkLang(lang || 'zh') };
}

const bodies = new WeakMap<IncomingMessage, Promise<ViewExportBody>>();

/**
 * The body of a POST /export, read once (the audit and the export both need it); a body that is
 * not a view export rejects with BAD_USER_INPUT.
 */
export function readViewExport(req: IncomingMessage): Promise<ViewExportBody> {
  let p = bodies.get(req);
  if (!p) {
    p = readJson(req);
    // Handled by whoever awaits it; never an unhandled rejection.
    p.catch(() => undefined);
    bodies.set(req, p);
  }
  return p;
}

/**
 * RFC 6266: an ASCII fallback and the exact UTF-8 name (RFC 5987). Control characters (CR, LF) never
 * reach the header; a lone surrogate, which encodeURIComponent refuses, becomes U+FFFD.
 */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const wellFormed = filename.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  const encoded = encodeURIComponent(wellFormed).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

function sendError(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  const body = JSON.stringify({ error: { code, message } });
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(body);
}

function sendFailure(res: ServerResponse, err: unknown): void {
  const api = toApiError(err);
  // Anything unexpected stays masked, as in the GraphQL API; its real message goes to the log.
  if (!api.expected) debug('export failed: %O', err);
  sendError(res, api.httpStatus, api.code, api.message);
}

export async function handleExportRoute(ctx: AppContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'POST') {
    return sendError(res, 405, 'METHOD_NOT_ALLOWED', 'use GET or POST', { allow: 'GET, HEAD, POST' });
  }
  try {
    const file =
      req.method === 'POST'
        ? await exportView(requestStore(ctx), { ...(await readViewExport(req)), documents: ctx.documents })
        : await exportSubgraph(requestStore(ctx), {
            ...parseExportQuery(new URL(req.url ?? '/', 'http://localhost').searchParams),
            documents: ctx.documents,
          });
    const body = Buffer.from(file.content, 'utf8');
    res.writeHead(200, {
      'content-type': `${file.mimeType}; charset=utf-8`,
      'content-disposition': contentDisposition(file.filename),
      'content-length': body.length,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch (err) {
    sendFailure(res, err);
  }
}
