/** Sends a typed GraphQL document (generated from the SDL); failures become a GraphQLRequestError carrying a code. */
import type { TypedDocumentString } from '../gql/graphql.js';

/**
 * Codes: the server's `extensions.code` (BAD_USER_INPUT, NOT_FOUND, FORBIDDEN, TIMEOUT,
 * SERVICE_UNAVAILABLE, INTERNAL_SERVER_ERROR, GRAPHQL_VALIDATION_FAILED …) or, when no GraphQL
 * answer came back, NETWORK (server unreachable) and HTTP_ERROR (not a GraphQL response).
 */
export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'GraphQLRequestError';
  }
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; [k: string]: unknown } }[];
}

export async function execute<R, V>(document: TypedDocumentString<R, V>, variables: V): Promise<R> {
  let res: Response;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify({ query: document.toString(), variables }),
    });
  } catch (err) {
    throw new GraphQLRequestError((err as Error).message || 'network error', 'NETWORK');
  }
  let body: GraphQLResponse<R>;
  try {
    body = (await res.json()) as GraphQLResponse<R>;
  } catch {
    throw new GraphQLRequestError(`HTTP ${res.status}`, res.status >= 502 && res.status <= 504 ? 'NETWORK' : 'HTTP_ERROR', {
      status: res.status,
    });
  }
  const first = body.errors?.[0];
  if (first) {
    const { code, ...details } = first.extensions ?? {};
    throw new GraphQLRequestError(first.message, typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR', details);
  }
  if (!body.data) throw new GraphQLRequestError(`HTTP ${res.status}`, 'HTTP_ERROR', { status: res.status });
  return body.data;
}

/** Any thrown value as a GraphQLRequestError (code UNKNOWN when it was not one already). */
export function toRequestError(err: unknown): GraphQLRequestError {
  return err instanceof GraphQLRequestError ? err : new GraphQLRequestError(String(err), 'UNKNOWN');
}
