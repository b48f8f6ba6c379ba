/** Runs a GraphQL query when its variables change; stale answers are dropped via AbortController. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { gql, type GraphQLRequestError, toRequestError } from './graphql-client.js';

export interface QueryState<T> {
  data: T | null;
  error: GraphQLRequestError | null;
  loading: boolean;
  reload: () => void;
}

/** `variables === null` means "don't run yet". */
export function useQuery<T>(query: string, variables: Record<string, unknown> | null): QueryState<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<GraphQLRequestError | null>(null);
  const [loading, setLoading] = useState(false);
  const [nonce, setNonce] = useState(0);
  const key = variables === null ? null : JSON.stringify(variables);
  const vars = useRef(variables);
  vars.current = variables;

  useEffect(() => {
    if (key === null) {
      setData(null);
      setError(null);
      setLoading(false);
      return;
    }
    const ctrl = new AbortController();
    setLoading(true);
    setError(null);
    gql<T>(query, vars.current ?? {}, { signal: ctrl.signal })
      .then((d) => {
        if (ctrl.signal.aborted) return;
        setData(d);
        setLoading(false);
      })
      .catch((err: unknown) => {
        if (ctrl.signal.aborted) return;
        setError(toRequestError(err));
        setLoading(false);
      });
    return () => ctrl.abort();
  }, [query, key, nonce]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data, error, loading, reload };
}
