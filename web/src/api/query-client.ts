/**
 * The one data path: TanStack Query over the typed documents. Answers stay fresh for five minutes
 * (the graph changes only through curation, whose mutations will invalidate by key), so switching
 * views and back shows the cached answer without a request; a user's mistake is not retried.
 */
import { QueryCache, QueryClient, queryOptions, useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { TypedDocumentString } from '../gql/graphql.js';
import { execute, type GraphQLRequestError, toRequestError } from './graphql-client.js';
import { keys } from './query-keys.js';

const NO_RETRY = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'FORBIDDEN', 'UNAUTHENTICATED', 'GRAPHQL_VALIDATION_FAILED', 'TIMEOUT']);

export function createQueryClient(): QueryClient {
  // A session that ended (expired, signed out elsewhere) shows as UNAUTHENTICATED on any request:
  // ask `me` again, and the app shows the sign-in page.
  const queryCache = new QueryCache({
    onError: (err, query) => {
      if (toRequestError(err).code === 'UNAUTHENTICATED' && query.queryKey[0] !== keys.me()[0]) {
        void client.invalidateQueries({ queryKey: keys.me() });
      }
    },
  });
  const client: QueryClient = new QueryClient({
    queryCache,
    defaultOptions: {
      queries: {
        staleTime: 5 * 60_000,
        gcTime: 30 * 60_000,
        refetchOnWindowFocus: false,
        retry: (failures, err) => failures < 1 && !NO_RETRY.has(toRequestError(err).code),
      },
    },
  });
  return client;
}

/** The state a view needs of one request. */
export interface GraphQLState<R> {
  data: R | undefined;
  error: GraphQLRequestError | null;
  /** A request is in flight (first load or refetch). */
  loading: boolean;
  reload: () => void;
}

/**
 * The one way a document becomes a cached query: `useGraphQL`, `useQueries` and `fetchQuery` all
 * take these options. No abort signal: a request a view stops waiting for still lands in the cache
 * (and a view that mounts again, e.g. under StrictMode, joins it instead of sending a second one).
 */
export function graphqlQuery<R, V>(key: QueryKey, document: TypedDocumentString<R, V>, variables: V) {
  return queryOptions<R, GraphQLRequestError>({
    queryKey: key,
    queryFn: async () => {
      try {
        return await execute(document, variables);
      } catch (err) {
        throw toRequestError(err);
      }
    },
  });
}

/** Runs `document` with `variables` under `key`; `variables === null` means "not yet". */
export function useGraphQL<R, V>(key: QueryKey, document: TypedDocumentString<R, V>, variables: V | null): GraphQLState<R> {
  const q = useQuery({ ...graphqlQuery(key, document, variables as V), enabled: variables !== null });
  const { refetch } = q;
  // Retrying a query that is not enabled would send it without its variables.
  const reload = useCallback(() => void (variables !== null && refetch()), [variables, refetch]);
  return { data: q.data, error: q.error, loading: q.isFetching, reload };
}

/**
 * A mutation through the typed client; `after` runs on success with the query client, to drop or
 * refresh what the change made stale (by key prefix).
 */
export function useGraphQLMutation<R, V>(document: TypedDocumentString<R, V>, after?: (client: QueryClient) => Promise<unknown> | void) {
  const client = useQueryClient();
  return useMutation<R, GraphQLRequestError, V>({
    mutationFn: async (vars) => {
      try {
        return await execute(document, vars);
      } catch (err) {
        throw toRequestError(err);
      }
    },
    onSuccess: () => after?.(client),
  });
}
