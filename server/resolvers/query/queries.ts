/** Saved queries and ad-hoc read-only Cypher. */
import { badInput } from '../../domain/errors.js';
import { runReadOnly } from '../../domain/query-runner.js';
import { bindParams, cypherFor, findSavedQuery } from '../../domain/saved-queries.js';
import { checkText } from '../../domain/validate.js';
import type { QueryResolver } from '../types.js';

export const savedQueriesResolver: QueryResolver<'savedQueries'> = (_, __, ctx) =>
  ctx.savedQueries.map((q) => ({ ...q, cypher: cypherFor(q, ctx.store.engine) }));

export const runSavedQueryResolver: QueryResolver<'runSavedQuery'> = (_, args, ctx) => {
  const q = findSavedQuery(ctx.savedQueries, checkText(args.name, 'name'));
  const params = bindParams(q, args.params);
  return runReadOnly(ctx.store, cypherFor(q, ctx.store.engine), params, {
    timeoutMs: ctx.config.queryTimeoutMs,
    maxRows: ctx.config.maxRows,
    operation: `saved query ${q.name}`,
  });
};

export const runCypherResolver: QueryResolver<'runCypher'> = (_, args, ctx) => {
  const params = args.params ?? {};
  if (typeof params !== 'object' || Array.isArray(params) || params === null)
    throw badInput('params must be an object', { argument: 'params' });
  return runReadOnly(ctx.store, args.cypher, params as Record<string, unknown>, {
    timeoutMs: ctx.config.queryTimeoutMs,
    maxRows: ctx.config.maxRows,
    operation: 'ad-hoc cypher',
  });
};
