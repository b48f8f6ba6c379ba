/**
 * The auth side of the HTTP routes outside GraphQL: GET /export runs only for a caller the
 * GraphQL export would serve, and is audited (the file is held until its event is written: no
 * event, no file); GET /audit.jsonl streams the audit log to admins.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { toApiError } from '../error-codes.js';
import { log } from '../log.js';
import { isAuditAction, isAuditOutcome } from '../../shared/model/index.js';
import { auditEvents, type AuditFilter } from './audit.js';
import type { Caller, RequestInfo } from './caller.js';
import { readViewExport } from '../export/route.js';
import { accessOf, denial, exportEntry } from './permissions.js';
import type { Auth } from './service.js';

const debug = log('auth');

export function nodeRequestInfo(req: IncomingMessage): RequestInfo {
  return {
    header: (name) => {
      const v = req.headers[name.toLowerCase()];
      return Array.isArray(v) ? v.join(', ') : (v ?? null);
    },
    peer: req.socket.remoteAddress ?? null,
  };
}

/** Errors as the /export route answers them: `{ error: { code, message } }` with the API's codes. */
export function sendError(res: ServerResponse, err: unknown): void {
  const api = toApiError(err);
  if (!api.expected) debug('route failed: %O', err);
  const body = JSON.stringify({ error: { code: api.code, message: api.message } });
  res.writeHead(api.httpStatus, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(body);
}

/** The caller of a route request, or null when it was refused (the answer is sent). */
export async function admit(auth: Auth, req: IncomingMessage, res: ServerResponse, field: string, onDenied?: (c: Caller) => Promise<void>) {
  let caller: Caller;
  try {
    caller = await auth.resolveCaller(nodeRequestInfo(req));
  } catch (err) {
    sendError(res, err);
    return null;
  }
  const refused = denial(caller, accessOf('Query', field)!);
  if (!refused) return caller;
  try {
    if (caller.role && onDenied) await onDenied(caller);
    sendError(res, refused);
  } catch (err) {
    sendError(res, err);
  }
  return null;
}

/** A ServerResponse stand-in that keeps what a handler writes, so it can be sent (or not) afterwards. */
class HeldResponse {
  statusCode = 200;
  headers: Record<string, number | string | string[]> = {};
  chunks: Buffer[] = [];
  ended = false;
  setHeader(name: string, value: number | string | string[]) {
    this.headers[name.toLowerCase()] = value;
    return this;
  }
  writeHead(status: number, headers: Record<string, number | string | string[]> = {}) {
    this.statusCode = status;
    for (const [k, v] of Object.entries(headers)) this.setHeader(k, v);
    return this;
  }
  write(chunk: string | Buffer) {
    this.chunks.push(Buffer.from(chunk));
    return true;
  }
  end(chunk?: string | Buffer) {
    if (chunk !== undefined) this.write(chunk);
    this.ended = true;
    return this;
  }
  sendTo(res: ServerResponse) {
    res.writeHead(this.statusCode, this.headers);
    res.end(Buffer.concat(this.chunks));
  }
}

/** GET /export behind the same role as the exportSubgraph query, audited like it; `handle` is told the caller (its actor bounds the reads). */
export async function guardedExport(
  auth: Auth,
  req: IncomingMessage,
  res: ServerResponse,
  handle: (res: ServerResponse, caller: Caller) => Promise<void>,
): Promise<void> {
  const q = new URL(req.url ?? '/', 'http://localhost').searchParams;
  const ids = q.getAll('ids').flatMap((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  // A view export names its entities in the body (read once, shared with the route); the event keeps the first 100.
  const view = req.method === 'POST' ? await readViewExport(req).catch(() => null) : null;
  const entry = view
    ? exportEntry(view.ids.slice(0, 100).map(String), {
        entities: view.ids.length,
        links: view.links.length,
        format: view.format,
        lang: view.lang,
        route: 'POST /export',
      })
    : exportEntry(ids, { depth: q.get('depth'), format: q.get('format'), lang: q.get('lang'), route: '/export' });
  const caller = await admit(auth, req, res, 'exportSubgraph', (c) => auth.audit(c, { ...entry, outcome: 'DENIED' }));
  if (!caller) return;
  const held = new HeldResponse();
  try {
    await handle(held as unknown as ServerResponse, caller);
    if (!held.ended) throw new Error('the export route ended without an answer');
    const outcome = held.statusCode < 400 ? 'OK' : 'FAILED';
    await auth.audit(caller, {
      ...entry,
      outcome,
      params: { ...entry.params, ...(outcome === 'FAILED' ? { status: held.statusCode } : {}) },
    });
  } catch (err) {
    return sendError(res, err);
  }
  held.sendTo(res);
}

function auditFilter(q: URLSearchParams): AuditFilter {
  const action = q.get('action');
  const outcome = q.get('outcome');
  const filter: AuditFilter = {
    actor: q.get('actor'),
    action: action && isAuditAction(action) ? action : null,
    outcome: outcome && isAuditOutcome(outcome) ? outcome : null,
    from: q.get('from'),
    to: q.get('to'),
  };
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v)) as AuditFilter;
}

/** GET /audit.jsonl[?actor=&action=&outcome=&from=&to=]: admins download the log, newest first, one event per line. */
export async function auditLogRoute(auth: Auth, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET') {
    res.writeHead(405, { allow: 'GET' });
    return void res.end();
  }
  const filter = auditFilter(new URL(req.url ?? '/', 'http://localhost').searchParams);
  const entry = { action: 'EXPORT' as const, target: 'audit.jsonl', params: { ...filter } };
  const caller = await admit(auth, req, res, 'auditLog', (c) => auth.audit(c, { ...entry, outcome: 'DENIED' }));
  if (!caller) return;
  const events = auditEvents(auth.store, filter);
  let first: IteratorResult<unknown>;
  try {
    await auth.audit(caller, { ...entry, outcome: 'OK' });
    first = await events.next(); // a bad filter fails here, before the 200 is sent
  } catch (err) {
    return sendError(res, err);
  }
  res.writeHead(200, {
    'content-type': 'application/x-ndjson; charset=utf-8',
    'content-disposition': 'attachment; filename="audit.jsonl"',
    'cache-control': 'no-store',
  });
  try {
    for (let next = first; !next.done; next = await events.next()) {
      if (!res.write(`${JSON.stringify(next.value)}\n`)) await new Promise((resolve) => res.once('drain', resolve));
    }
    res.end();
  } catch (err) {
    debug('audit.jsonl failed mid-stream: %O', err);
    res.destroy(err as Error);
  }
}
