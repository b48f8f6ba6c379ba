/**
 * `GET /export?ids=a,b&depth=1&format=graphml`: the subgraph export as a file download.
 * Errors answer `{ error: { code, message } }` with the codes the GraphQL API uses.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppContext } from '../context.js';
import { badInput, DomainError, type DomainErrorCode } from '../domain/errors.js';
import { log } from '../log.js';
import { StoreError } from '../store/types.js';
import { exportSubgraph } from './export.js';

const debug = log('export');

const DOMAIN_STATUS: Record<DomainErrorCode, number> = { BAD_USER_INPUT: 400, NOT_FOUND: 404, FORBIDDEN: 403 };

export interface ExportQuery {
  ids: string[];
  depth: number;
  format: string;
}

/** Reads `ids` (comma-separated and/or repeated), `depth` (default 1) and `format` from a query string. */
export function parseExportQuery(params: URLSearchParams): ExportQuery {
  const ids = params
    .getAll('ids')
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  const rawDepth = params.get('depth')?.trim() || '1';
  if (!/^\d{1,2}$/.test(rawDepth)) throw badInput(`depth must be an integer between 1 and 3, got "${rawDepth}"`, { argument: 'depth' });
  const format = params.get('format')?.trim();
  if (!format) throw badInput('format is required: JSON, GRAPHML, CSV or CYPHER', { argument: 'format' });
  // Range checks for ids and depth, and the format check, are exportSubgraph's, shared with GraphQL.
  return { ids, depth: Number(rawDepth), format };
}

/** RFC 6266: an ASCII fallback and the exact UTF-8 name (RFC 5987). */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
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
  if (err instanceof DomainError) return sendError(res, DOMAIN_STATUS[err.code], err.code, err.message);
  if (err instanceof StoreError && err.code === 'STORE_UNAVAILABLE') {
    return sendError(res, 503, 'SERVICE_UNAVAILABLE', 'The graph store is unavailable; try again shortly.');
  }
  if (err instanceof StoreError && err.code === 'QUERY_TIMEOUT')
    return sendError(res, 504, 'TIMEOUT', 'The export took too long and was stopped.');
  // Anything else stays masked, as in the GraphQL API.
  debug('export failed: %O', err);
  sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'The export failed.');
}

export async function handleExportRoute(ctx: AppContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return sendError(res, 405, 'METHOD_NOT_ALLOWED', 'use GET', { allow: 'GET, HEAD' });
  }
  try {
    const query = parseExportQuery(new URL(req.url ?? '/', 'http://localhost').searchParams);
    const file = await exportSubgraph(ctx.store, { ...query, documents: ctx.documents });
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
