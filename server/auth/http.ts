/**
 * The HTTP edge, for every route: security headers, the Host allow-list (DNS rebinding), CORS from
 * an explicit allow-list, and refusing cross-site requests that are not a CORS-approved origin.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SecurityConfig } from '../config.js';

/**
 * The web app's policy. Styles allow 'unsafe-inline' because Cytoscape adds a <style> element for
 * its container at run time; scripts, connections and everything else come from this origin only.
 */
const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** GraphiQL (admins and local mode only) is yoga's page: its script, styles and editor workers come from unpkg. */
const GRAPHIQL_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline' https://unpkg.com",
  "style-src 'self' 'unsafe-inline' https://unpkg.com",
  "img-src 'self' data: https://raw.githubusercontent.com",
  "font-src 'self' data: https://unpkg.com",
  "worker-src 'self' blob: https://unpkg.com",
  "connect-src 'self' https://unpkg.com",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function setSecurityHeaders(req: IncomingMessage, res: ServerResponse): void {
  const graphiql = req.method === 'GET' && (req.url ?? '').startsWith('/graphql') && (req.headers.accept ?? '').includes('text/html');
  res.setHeader('content-security-policy', graphiql ? GRAPHIQL_CSP : APP_CSP);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('cross-origin-opener-policy', 'same-origin');
}

/** The host name of a Host header: `[::1]:4000` → `[::1]`, `Example.org:80` → `example.org`. */
export function hostName(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  return h.replace(/:\d*$/, '');
}

export function hostAllowed(security: SecurityConfig, host: string | undefined): boolean {
  if (!host) return false;
  const name = hostName(host);
  return security.allowedHosts.some((allowed) => hostName(allowed) === name);
}

const originOf = (value: string): string | null => {
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
};

/**
 * CORS for an allowed origin (with credentials, as the app's cookie is needed); a preflight is
 * answered here. Returns true when the request was answered.
 */
export function handleCors(security: SecurityConfig, req: IncomingMessage, res: ServerResponse): boolean {
  const origin = req.headers.origin ? originOf(req.headers.origin) : null;
  const allowed = origin !== null && security.corsOrigins.includes(origin);
  if (allowed) {
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('access-control-allow-credentials', 'true');
  }
  res.setHeader('vary', 'Origin');
  if (req.method !== 'OPTIONS') return false;
  if (allowed) {
    res.setHeader('access-control-allow-methods', 'GET, POST');
    res.setHeader('access-control-allow-headers', 'content-type');
    res.setHeader('access-control-max-age', '600');
  }
  res.writeHead(204);
  res.end();
  return true;
}

/**
 * A request a browser sent from another origin's page that is not on the CORS list (its Origin's
 * host is not our Host), or one the browser marks cross-site. API routes only: a link to the app
 * from elsewhere must still open it.
 */
export function crossSiteRefused(security: SecurityConfig, req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return req.headers['sec-fetch-site'] === 'cross-site';
  const parsed = originOf(origin);
  if (parsed && security.corsOrigins.includes(parsed)) return false;
  return !parsed || new URL(parsed).host !== (req.headers.host ?? '').toLowerCase();
}

/** Refuses a request before reading it: its body is drained, so the client gets the answer rather than a reset. */
export function refuse(req: IncomingMessage, res: ServerResponse, status: number, text: string): void {
  req.resume();
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}
