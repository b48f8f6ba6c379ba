import { notFound } from '../../domain/errors.js';
import { getEdge, getEntities, PATH_MAX_BOUND, paths } from '../../domain/graph.js';
import { checkId, checkLimit, checkRange } from '../../domain/validate.js';
import type { QueryResolver } from '../types.js';

export const pathsResolver: QueryResolver<'paths'> = async (_, args, ctx) => {
  const [from, to] = [checkId(args.from, 'from'), checkId(args.to, 'to')];
  const maxLength = checkRange(args.maxLength, 'maxLength', 1, PATH_MAX_BOUND);
  const limit = checkLimit(args.limit, 'limit', 100);
  const found = await getEntities(ctx.store, [from, to]);
  for (const id of [from, to]) if (!found.has(id)) throw notFound(`no entity with id "${id}"`, { id });
  if (from === to) return [];
  return (await paths(ctx.store, from, to, { maxLength, limit })).map((p) => ({ ...p, length: p.edges.length }));
};

export const edgeResolver: QueryResolver<'edge'> = (_, args, ctx) =>
  getEdge(ctx.store, { id: checkId(args.id), source: checkId(args.source, 'source'), target: checkId(args.target, 'target') });
