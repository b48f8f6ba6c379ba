/** Saved queries and ad-hoc read-only Cypher. */
import type { AppContext } from '../../context.js';
import { badInput } from '../../domain/errors.js';
import { runReadOnly } from '../../domain/query-runner.js';
import { bindParams, cypherFor, findSavedQuery } from '../../domain/saved-queries.js';

export function savedQueriesResolver(_: unknown, __: unknown, ctx: AppContext) {
  return ctx.savedQueries.map((q) => ({ ...q, cypher: cypherFor(q, ctx.store.engine) }));
}

export function runSavedQueryResolver(_: unknown, args: { name: string; params?: unknown }, ctx: AppContext) {
  const q = findSavedQuery(ctx.savedQueries, args.name);
  const params = bindParams(q, args.params);
  return runReadOnly(ctx.store, cypherFor(q, ctx.store.engine), params, {
    timeoutMs: ctx.config.queryTimeoutMs,
    maxRows: ctx.config.maxRows,
    operation: `saved query ${q.name}`,
  });
}

export function runCypherResolver(_: unknown, args: { cypher: string; params?: unknown }, ctx: AppContext) {
  const params = args.params ?? {};
  if (typeof params !== 'object' || Array.isArray(params) || params === null)
    throw badInput('params must be an object', { argument: 'params' });
  return runReadOnly(ctx.store, args.cypher, params as Record<string, unknown>, {
    timeoutMs: ctx.config.queryTimeoutMs,
    maxRows: ctx.config.maxRows,
    operation: 'ad-hoc cypher',
  });
}
