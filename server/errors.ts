/** Typed errors → GraphQLError with extensions.code; anything unexpected stays masked. */
import { GraphQLError } from 'graphql';
import { DomainError } from './domain/errors.js';
import { log } from './log.js';
import { StoreError } from './store/types.js';

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
  if (cause instanceof DomainError) {
    return new GraphQLError(cause.message, { ...opts, extensions: { code: cause.code, ...cause.details } });
  }
  if (cause instanceof StoreError) {
    switch (cause.code) {
      case 'STORE_UNAVAILABLE':
        return new GraphQLError('The graph store is unavailable; try again shortly.', {
          ...opts,
          extensions: { code: 'SERVICE_UNAVAILABLE' },
        });
      case 'QUERY_TIMEOUT':
        return new GraphQLError('The query took too long and was stopped.', { ...opts, extensions: { code: 'TIMEOUT' } });
      case 'CYPHER_SYNTAX':
        return new GraphQLError(`Cypher error: ${cause.message}`, { ...opts, extensions: { code: 'BAD_USER_INPUT' } });
      default:
        break;
    }
  }
  // Validation and parse errors carry no original error and are safe to show.
  if (cause === error && error instanceof Error && 'extensions' in error) return error;
  debug('masked error: %O', cause);
  return new GraphQLError(message, { ...opts, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}
