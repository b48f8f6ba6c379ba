/** Who is asking, and where from: the caller every resolver and route sees. */
import net from 'node:net';
import type { Role } from '../../shared/model/index.js';
import type { Config } from '../config.js';
import type { UserRecord } from './accounts.js';

export interface Caller {
  /** The signed-in account; null when anonymous, in local mode, or the CLI. */
  user: UserRecord | null;
  /** What the caller may do; null when anonymous (accounts on, no session): then only `me` and `login` answer. */
  role: Role | null;
  /** Loopback, no accounts yet: the one local user is an admin without signing in. */
  localMode: boolean;
  accountsEnabled: boolean;
  /** The hash of the session token, when signed in with the cookie. */
  sessionId: string | null;
  clientAddress: string | null;
  /** The name the audit log records: the username, `cli:<os user>` for the CLI, null otherwise. */
  actor: string | null;
}

/** What the auth layer reads from a request, whether it came over HTTP or in-process. */
export interface RequestInfo {
  header(name: string): string | null;
  /** The TCP peer's address; null in-process. */
  peer: string | null;
}

/** `::ffff:127.0.0.1` → `127.0.0.1`. */
export const normaliseAddress = (a: string): string => a.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');

export function isLoopbackAddress(a: string): boolean {
  const v = normaliseAddress(a).replace(/^\[|\]$/g, '');
  return v === '::1' || (net.isIPv4(v) && v.startsWith('127.'));
}

const isLoopbackHost = (host: string): boolean => host === 'localhost' || isLoopbackAddress(host);

/** Local mode is possible only when bound to loopback and no proxy is set up to sign people in. */
export const localModePossible = (config: Config): boolean => isLoopbackHost(config.host) && !config.security.proxyHeader;

export function isTrustedProxy(config: Config, peer: string | null): boolean {
  return peer !== null && config.security.proxyTrusted.map(normaliseAddress).includes(normaliseAddress(peer));
}

/** The client: the peer, or behind a trusted proxy the last address it put in X-Forwarded-For. */
export function clientAddress(config: Config, info: RequestInfo): string | null {
  if (info.peer === null) return null;
  if (isTrustedProxy(config, info.peer)) {
    const forwarded = info.header('x-forwarded-for')?.split(',').pop()?.trim();
    if (forwarded && net.isIP(normaliseAddress(forwarded))) return normaliseAddress(forwarded);
  }
  return normaliseAddress(info.peer);
}

/** The name a caller's changes and uploads go under: the account, or `local` in local mode; null when anonymous. */
export const authorName = (caller: Caller): string | null => caller.actor ?? (caller.localMode ? 'local' : null);
