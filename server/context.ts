/**
 * The one context: a long-lived store handle, config and the document catalogue; for each GraphQL
 * request the yoga context factory (server/auth/yoga-plugin.ts) adds the caller and its auth scope.
 */
import type { Caller, RequestInfo } from './auth/caller.js';
import type { Auth } from './auth/service.js';
import type { Config } from './config.js';
import type { SavedQuery } from './domain/saved-queries.js';
import type { GraphStore } from './store/types.js';

export interface DocumentInfo {
  file: string;
  title: string;
  date: string | null;
}

export interface AppContext {
  store: GraphStore;
  config: Config;
  documents: Map<string, DocumentInfo>;
  savedQueries: SavedQuery[];
  /** Who is asking: `{ user, role, localMode … }`, set per request; absent outside a request. */
  caller?: Caller;
  /** Per request, with the caller. */
  auth?: AuthScope;
  /** The clock of deadlines (epoch ms); default real time, or CLOCK_FILE's (server/clock.ts: nowOf). Tests freeze it. */
  now?: () => number;
}

export interface AuthScope {
  /** Accounts, sessions and the audit log. */
  service: Auth;
  /** The request's headers and peer address. */
  request: RequestInfo;
  /** Set-Cookie values the answer carries (login, logout). */
  cookies: string[];
  /** Why the caller could not be told (the store is down): every field fails with it. */
  failure: unknown;
}
