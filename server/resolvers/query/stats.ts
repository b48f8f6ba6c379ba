import { notFound } from '../../domain/errors.js';
import { getEntity, stats } from '../../domain/graph.js';
import type { QueryResolver } from '../types.js';

export const statsResolver: QueryResolver<'stats'> = async (_, args, ctx) => {
  const region = args.region ? await getEntity(ctx.store, args.region) : null;
  if (args.region && !region) throw notFound(`no region with id "${args.region}"`, { id: args.region });
  return { region, ...(await stats(ctx.store, args.region)) };
};
