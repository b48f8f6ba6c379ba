/**
 * The one table from typed errors to what a client sees: a code (GraphQL `extensions.code`, the
 * `/export` body), an HTTP status (`/export`) and a message safe to show. Used by the GraphQL
 * `maskError` and the `/export` route; anything not in it is masked as INTERNAL_SERVER_ERROR.
 */
import { AuthError, type AuthErrorCode } from './auth/errors.js';
import { DomainError, type DomainErrorCode } from './domain/errors.js';
import { StoreError, type StoreErrorCode } from './store/types.js';

export type ApiErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'RESOURCE_LIMIT'
  | 'CONFLICT'
  | 'TIMEOUT'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

export interface ApiError {
  code: ApiErrorCode;
  httpStatus: number;
  message: string;
  /** Extra fields a client may use (the argument or ids at fault, an auth reason); DomainError and AuthError details only. */
  details: Record<string, unknown>;
  /** False for an unexpected error: its real message stays in the server log. */
  expected: boolean;
}

type Entry = { code: ApiErrorCode; httpStatus: number; message: (err: Error) => string };

const ownMessage = (err: Error) => err.message;

/** Domain errors are written for the caller; their messages are shown as they are. */
const DOMAIN: Record<DomainErrorCode, Entry> = {
  BAD_USER_INPUT: { code: 'BAD_USER_INPUT', httpStatus: 400, message: ownMessage },
  NOT_FOUND: { code: 'NOT_FOUND', httpStatus: 404, message: ownMessage },
  FORBIDDEN: { code: 'FORBIDDEN', httpStatus: 403, message: ownMessage },
  CONFLICT: { code: 'CONFLICT', httpStatus: 409, message: ownMessage },
};

/** Sign-in and role errors (server/auth) are written for the caller too. */
const AUTH: Record<AuthErrorCode, Entry> = {
  UNAUTHENTICATED: { code: 'UNAUTHENTICATED', httpStatus: 401, message: ownMessage },
  FORBIDDEN: { code: 'FORBIDDEN', httpStatus: 403, message: ownMessage },
};

/** Store errors name the engine and server, so each has its own safe message; null = masked. */
const STORE: Record<StoreErrorCode, Entry | null> = {
  STORE_UNAVAILABLE: { code: 'SERVICE_UNAVAILABLE', httpStatus: 503, message: () => 'The graph store is unavailable; try again shortly.' },
  QUERY_TIMEOUT: { code: 'TIMEOUT', httpStatus: 504, message: () => 'The query took too long and was stopped.' },
  // The caller's own Cypher (runCypher, saved queries); the app's own queries are tested on both engines.
  CYPHER_SYNTAX: { code: 'BAD_USER_INPUT', httpStatus: 400, message: (err) => `Cypher error: ${err.message}` },
  OUT_OF_MEMORY: {
    code: 'RESOURCE_LIMIT',
    httpStatus: 503,
    message: () =>
      'This is more than the graph store can hold in memory at once: try a smaller import or query, or ask the administrator to raise BUFFER_POOL_MB.',
  },
  CONSTRAINT: null,
  QUERY_FAILED: null,
};

export const MASKED_MESSAGE = 'Unexpected error.';

/** What a client is told about `err`; `maskedMessage` replaces the message of an unexpected error. */
export function toApiError(err: unknown, maskedMessage = MASKED_MESSAGE): ApiError {
  const entry =
    err instanceof DomainError
      ? DOMAIN[err.code]
      : err instanceof AuthError
        ? AUTH[err.code]
        : err instanceof StoreError
          ? STORE[err.code]
          : null;
  if (!entry) return { code: 'INTERNAL_SERVER_ERROR', httpStatus: 500, message: maskedMessage, details: {}, expected: false };
  const details = err instanceof DomainError || err instanceof AuthError ? err.details : {};
  return { code: entry.code, httpStatus: entry.httpStatus, message: entry.message(err as Error), details, expected: true };
}
