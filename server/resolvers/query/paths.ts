import { notFound } from '../../domain/errors.js';
import { getEntities, paths } from '../../domain/graph.js';
import { checkLimit, checkRange } from '../../domain/validate.js';
import type { QueryResolver } from '../types.js';

export const pathsResolver: QueryResolver<'paths'> = async (_, args, ctx) => {
  const maxLength = checkRange(args.maxLength, 'maxLength', 1, 6);
  const limit = checkLimit(args.limit, 'limit', 100);
  const found = await getEntities(ctx.store, [args.from, args.to]);
  for (const id of [args.from, args.to]) if (!found.has(id)) throw notFound(`no entity with id "${id}"`, { id });
  if (args.from === args.to) return [];
  return (await paths(ctx.store, args.from, args.to, { maxLength, limit })).map((p) => ({ ...p, length: p.edges.length }));
};
