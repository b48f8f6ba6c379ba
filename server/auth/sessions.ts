/**
 * Sessions: a random token (32 bytes, base64url) in an HttpOnly SameSite=Strict cookie; the store
 * keeps only its SHA-256 (AppSession.id), so a copy of the store lets nobody in. A session ends
 * after `sessionIdleMs` without a request or `sessionMaxMs` after login, whichever comes first.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { SecurityConfig } from '../config.js';
import type { GraphStore } from '../store/types.js';
import { toUserRecord, USER_COLUMNS, type UserRecord } from './accounts.js';

export const newToken = (): string => randomBytes(32).toString('base64url');
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('base64url');

/** `__Host-` (Secure, Path=/, no Domain) where the browser would honour it: over https. */
export const cookieName = (security: SecurityConfig): string => (security.cookieSecure ? '__Host-bioeco-session' : 'bioeco-session');

function cookie(security: SecurityConfig, value: string, maxAgeSeconds: number): string {
  const parts = [`${cookieName(security)}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${maxAgeSeconds}`];
  if (security.cookieSecure) parts.push('Secure');
  return parts.join('; ');
}

export const sessionCookie = (security: SecurityConfig, token: string): string =>
  cookie(security, token, Math.floor(security.sessionMaxMs / 1000));
export const clearedCookie = (security: SecurityConfig): string => cookie(security, '', 0);

/** The session token from a Cookie header, or null. */
export function readToken(security: SecurityConfig, header: string | null): string | null {
  if (!header) return null;
  const name = cookieName(security);
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      return /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null;
    }
  }
  return null;
}

/** Clauses that create a session (to go in the login's statement) and their parameters. */
export function sessionClause(id: string, userId: string, now: number, clientAddress: string | null) {
  return {
    cypher:
      'CREATE (:AppSession {id: $session_id, userId: $session_user, createdAt: $session_now, lastSeenAt: $session_now, clientAddress: $session_addr})',
    params: { session_id: id, session_user: userId, session_now: now, session_addr: clientAddress },
  };
}

export interface LiveSession {
  id: string;
  user: UserRecord;
}

/** How often a live session's lastSeenAt is written: not on every request. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Session rows read from the embedded store, by token hash, valid while its write count is unchanged:
 * that store is only written by this process, and every change to a session or an account (login,
 * logout, touch, expiry, a role or a disabled account) is a write. It saves the statement every
 * signed-in request made (the store stays the sessions' one home; on Neo4j, where other API servers
 * write, each request reads).
 */
const sessionRows = new WeakMap<GraphStore, { writes: number; rows: Map<string, Record<string, unknown> | undefined> }>();
const SESSION_ROWS_MAX = 10_000;

async function sessionRow(store: GraphStore, id: string): Promise<Record<string, unknown> | undefined> {
  const writes = store.localWrites;
  let cache = writes === undefined ? undefined : sessionRows.get(store);
  if (cache && cache.writes !== writes) cache = undefined;
  if (cache?.rows.has(id)) return cache.rows.get(id);
  const [row] = await store.read(
    `MATCH (s:AppSession {id: $id}) MATCH (u:AppUser {id: s.userId}) RETURN s.createdAt AS sessionCreatedAt, s.lastSeenAt AS lastSeenAt, ${USER_COLUMNS}`,
    { id },
    { operation: 'session' },
  );
  // Kept only if nothing was written while it was read.
  if (writes !== undefined && store.localWrites === writes) {
    if (!cache) sessionRows.set(store, (cache = { writes, rows: new Map() }));
    if (cache.rows.size >= SESSION_ROWS_MAX) cache.rows.clear();
    cache.rows.set(id, row);
  }
  return row;
}

/** The session of a token hash and its account, or null when there is none or it has expired (then it is removed). */
export async function findSession(store: GraphStore, security: SecurityConfig, id: string, now: number): Promise<LiveSession | null> {
  const row = await sessionRow(store, id);
  if (!row) return null;
  const expired = now - Number(row.lastSeenAt) > security.sessionIdleMs || now - Number(row.sessionCreatedAt) > security.sessionMaxMs;
  if (expired || row.disabled === true) {
    await deleteSessions(store, { id });
    return null;
  }
  if (now - Number(row.lastSeenAt) > TOUCH_EVERY_MS) {
    await store.write('MATCH (s:AppSession {id: $id}) SET s.lastSeenAt = $now', { id, now }, { operation: 'session touch' });
  }
  return { id, user: toUserRecord(row) };
}

/** Removes one session (`id`), every session of a user (`userId`), optionally keeping one (`except`). */
export async function deleteSessions(store: GraphStore, which: { id: string } | { userId: string; except?: string | null }): Promise<void> {
  if ('id' in which) {
    await store.write('MATCH (s:AppSession {id: $id}) DELETE s', { id: which.id }, { operation: 'end session' });
  } else {
    await store.write(
      'MATCH (s:AppSession) WHERE s.userId = $userId AND s.id <> $except DELETE s',
      {
        userId: which.userId,
        except: which.except ?? '',
      },
      { operation: 'end sessions' },
    );
  }
}

/** Removes sessions past either limit (run at each login, so the table does not grow forever). */
export async function purgeExpiredSessions(store: GraphStore, security: SecurityConfig, now: number): Promise<void> {
  await store.write(
    'MATCH (s:AppSession) WHERE s.lastSeenAt < $idle OR s.createdAt < $max DELETE s',
    { idle: now - security.sessionIdleMs, max: now - security.sessionMaxMs },
    { operation: 'purge sessions' },
  );
}
