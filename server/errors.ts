/** GraphQL errors: typed errors → GraphQLError with extensions.code (via error-codes.ts); the rest stays masked. */
import { GraphQLError } from 'graphql';
import { toApiError } from './error-codes.js';
import { log } from './log.js';

const debug = log('errors');

function original(err: unknown): unknown {
  // Duck-typed: yoga and our code may load different copies (CJS / ESM) of graphql.
  let e = err as { originalError?: unknown } | null;
  while (e && typeof e === 'object' && e.originalError) e = e.originalError as typeof e;
  return e;
}

export function maskError(error: unknown, message: string): Error {
  const cause = original(error);
  const gql = error as Partial<GraphQLError> | null;
  const opts = { nodes: gql?.nodes, path: gql?.path };
  const api = toApiError(cause, message);
  if (api.expected) return new GraphQLError(api.message, { ...opts, extensions: { code: api.code, ...api.details } });
  // Validation and parse errors carry no original error and are safe to show.
  if (cause === error && error instanceof Error && 'extensions' in error) return error;
  debug('masked error: %O', cause);
  return new GraphQLError(api.message, { ...opts, extensions: { code: api.code } });
}
