/** GraphQL errors: typed errors → GraphQLError with extensions.code (via error-codes.ts); the rest stays masked. */
import { GraphQLError } from 'graphql';
import { toApiError } from './error-codes.js';
import { log } from './log.js';

const debug = log('errors');

type ErrorLike = { originalError?: unknown; path?: unknown; nodes?: unknown; extensions?: Record<string, unknown>; name?: string };

function original(err: unknown): unknown {
  // Duck-typed: yoga and our code may load different copies (CJS / ESM) of graphql.
  let e = err as ErrorLike | null;
  while (e && typeof e === 'object' && e.originalError) e = e.originalError as typeof e;
  return e;
}

const isGraphQLError = (e: unknown): e is ErrorLike & Error => e instanceof Error && e.name === 'GraphQLError';

/**
 * An error about the request itself, which graphql-js raises before any resolver runs: a parse or
 * validation error, a variable that does not coerce to its type (`$limit: Int` given 1.5, an unknown
 * enum value, null inside `[ID!]`) or is not provided, or an argument that does not coerce. Such an
 * error has no path (it precedes execution), or it is located at a field but its cause is graphql-js's
 * own error pointing into the document (`nodes`) — unlike a value our resolvers return that fails to
 * serialise, which is a server bug and stays masked.
 */
function isRequestError(error: unknown, cause: unknown): error is ErrorLike & Error {
  if (!isGraphQLError(error)) return false;
  if (error.path === undefined) return true;
  return cause !== error && isGraphQLError(cause) && Array.isArray(cause.nodes) && cause.nodes.length > 0;
}

export function maskError(error: unknown, message: string): Error {
  const cause = original(error);
  const gql = error as Partial<GraphQLError> | null;
  const opts = { nodes: gql?.nodes, path: gql?.path };
  const api = toApiError(cause, message);
  if (api.expected) return new GraphQLError(api.message, { ...opts, extensions: { code: api.code, ...api.details } });
  if (isRequestError(error, cause)) {
    // Parse and validation errors keep the code yoga gives them (GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED).
    if (cause === error && error.extensions?.code) return error;
    const code = error.extensions?.code ?? 'BAD_USER_INPUT';
    const text = cause !== error && isGraphQLError(cause) && error.path !== undefined ? cause.message : error.message;
    return new GraphQLError(text, { ...opts, extensions: { ...error.extensions, code } });
  }
  debug('masked error: %O', cause);
  return new GraphQLError(api.message, { ...opts, extensions: { code: api.code } });
}
