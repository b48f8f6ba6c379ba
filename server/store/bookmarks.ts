/**
 * Read-your-own-writes across API servers on one Neo4j cluster (or Aura), without per-user state in
 * any server: after a request writes, its answer carries the driver's bookmarks in a cookie; every
 * store session of the next request that brings the cookie — on whichever server the load balancer
 * picks — starts with them, so the follower that serves its reads first catches up to that write.
 *
 * The cookie is signed (HMAC-SHA256 with a key kept in the store, shared by every server of that
 * database): Neo4j makes a transaction wait up to `db.transaction.bookmark_ready_timeout` (30 s) for
 * a bookmark from the future, holding a connection, so a forged one would be a cheap way to tie up
 * the pool. An unsigned, malformed, oversized or foreign value is ignored (the request runs without
 * bookmarks), never an error. The embedded store ignores all this: one process owns it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { SecurityConfig } from '../config.js';

/** Long enough for any follower to have caught up; after it the user's reads need no bookmark. */
const MAX_AGE_SECONDS = 600;
/** Bookmarks kept per request (one database: the newest subsumes the older; more only after parallel writes). */
const MAX_BOOKMARKS = 4;
/** A Neo4j 5 bookmark is `FB:` and ~30 base64 characters; anything far longer is not one. */
const BOOKMARK = /^[A-Za-z0-9:+/=_-]{1,256}$/;
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;
const MAX_COOKIE = 2048;

const bookmarkCookieName = (security: SecurityConfig): string => (security.cookieSecure ? '__Host-bioeco-bm' : 'bioeco-bm');

/** Signs and checks cookie values with the store's key. */
export class BookmarkSigner {
  constructor(private readonly key: Buffer) {}

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }

  sign(bookmarks: readonly string[]): string | null {
    const kept = bookmarks.filter((b) => BOOKMARK.test(b)).slice(-MAX_BOOKMARKS);
    if (!kept.length) return null;
    const payload = kept.join('~');
    return `${payload}.${this.mac(payload)}`;
  }

  /** The bookmarks of a value this key signed; [] for anything else. */
  verify(value: string | null): string[] {
    if (!value || value.length > MAX_COOKIE) return [];
    const dot = value.lastIndexOf('.');
    if (dot <= 0) return [];
    const payload = value.slice(0, dot);
    const signature = value.slice(dot + 1);
    if (!SIGNATURE.test(signature)) return [];
    const bookmarks = payload.split('~');
    if (bookmarks.length > MAX_BOOKMARKS || !bookmarks.every((b) => BOOKMARK.test(b))) return [];
    const expected = Buffer.from(this.mac(payload));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given) ? bookmarks : [];
  }
}

/** One request's causal chain: the bookmarks its sessions start with, and the cookie its answer sets. */
export class RequestBookmarks {
  private verified: string[] | null = null;
  private current: string[] = [];
  /** The signed value to send back, once the request has written. */
  outgoing: string | null = null;

  constructor(private readonly incoming: string | null) {}

  /** Whether the request brought a cookie that is still to be checked (with the key). */
  get unverified(): boolean {
    return this.verified === null && this.incoming !== null;
  }

  /**
   * What a session of this request starts with: the newest of the cookie's and this request's own
   * writes. Without the key (not loaded yet, or unavailable) a cookie stays unchecked and unused.
   */
  bookmarks(signer: BookmarkSigner | null): string[] {
    if (this.verified === null && (signer || this.incoming === null)) {
      this.verified = signer ? signer.verify(this.incoming) : [];
      if (!this.current.length) this.current = this.verified;
    }
    return this.current;
  }

  /**
   * A write committed: `after` (the session's last bookmarks) replaces what it started with; bookmarks
   * another statement of this request added meanwhile stay.
   */
  wrote(signer: BookmarkSigner, startedWith: readonly string[], after: readonly string[]): void {
    if (!after.length) return;
    const others = this.current.filter((b) => !startedWith.includes(b) && !after.includes(b));
    this.current = [...others, ...after].slice(-MAX_BOOKMARKS);
    this.outgoing = signer.sign(this.current);
  }
}

const scopes = new AsyncLocalStorage<RequestBookmarks>();

/** The bookmarks of the request being served, if any (none outside requests: startup, CLI, tests in-process). */
export const requestBookmarks = (): RequestBookmarks | undefined => scopes.getStore();

function readCookie(header: string | undefined, name: string): string | null {
  if (!header || header.length > 16 * 1024) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      return value.length <= MAX_COOKIE ? value : null;
    }
  }
  return null;
}

function cookie(security: SecurityConfig, value: string): string {
  const parts = [`${bookmarkCookieName(security)}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${MAX_AGE_SECONDS}`];
  if (security.cookieSecure) parts.push('Secure');
  return parts.join('; ');
}

const appendCookie = (existing: unknown, added: string): string[] => [
  ...(Array.isArray(existing) ? existing.map(String) : existing == null ? [] : [String(existing)]),
  added,
];

/**
 * Wraps an HTTP handler: each request runs in a scope holding its cookie's bookmarks, and when it
 * wrote, its headers (whoever writes them: yoga, the export or import routes) gain the new cookie,
 * next to any other Set-Cookie (a login's session).
 */
export function carryBookmarks(security: SecurityConfig, handle: (req: IncomingMessage, res: ServerResponse) => void) {
  const name = bookmarkCookieName(security);
  return (req: IncomingMessage, res: ServerResponse): void => {
    const scope = new RequestBookmarks(readCookie(req.headers.cookie, name));
    const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
    res.writeHead = ((...args: unknown[]) => {
      if (scope.outgoing) {
        const added = cookie(security, scope.outgoing);
        scope.outgoing = null;
        const last = args.at(-1);
        const headers = last && typeof last === 'object' && !Array.isArray(last) ? (last as OutgoingHttpHeaders) : null;
        const key = headers && Object.keys(headers).find((k) => k.toLowerCase() === 'set-cookie');
        // Headers given to writeHead win over setHeader's: add ours to theirs when they carry cookies.
        if (headers && key) headers[key] = appendCookie(headers[key], added);
        else res.setHeader('set-cookie', appendCookie(res.getHeader('set-cookie'), added));
      }
      return writeHead(...args);
    }) as ServerResponse['writeHead'];
    scopes.run(scope, () => handle(req, res));
  };
}
