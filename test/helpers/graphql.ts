/** Runs GraphQL against a yoga instance in-process, as a client would over HTTP. */
import type { AppContext } from '../../server/context.js';
import { buildYoga } from '../../server/yoga.js';

export interface GqlResult<T = Record<string, unknown>> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string; [k: string]: unknown } }[];
}

export type Gql = <T = Record<string, any>>(query: string, variables?: Record<string, unknown>) => Promise<GqlResult<T>>;

export function graphqlClient(ctx: AppContext): Gql {
  const yoga = buildYoga(ctx);
  return async (query, variables = {}) => {
    const res = await yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GqlResult<any>;
  };
}
