/**
 * `GET /export?ids=a,b&depth=1&format=graphml&lang=en`: the subgraph export as a file download.
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
import { exportSubgraph } from './export.js';

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
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return sendError(res, 405, 'METHOD_NOT_ALLOWED', 'use GET', { allow: 'GET, HEAD' });
  }
  try {
    const query = parseExportQuery(new URL(req.url ?? '/', 'http://localhost').searchParams);
    const file = await exportSubgraph(requestStore(ctx), { ...query, documents: ctx.documents });
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
