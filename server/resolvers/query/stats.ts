import { getRegion, stats } from '../../domain/graph.js';
import { checkId } from '../../domain/validate.js';
import type { QueryResolver } from '../types.js';

/** Counts for the whole graph (no region, or an empty one, as chain), or for a region: a non-region is NOT_FOUND, as in gaps. */
export const statsResolver: QueryResolver<'stats'> = async (_, args, ctx) => {
  const id = args.region ? checkId(args.region, 'region') : null;
  const region = id ? await getRegion(ctx.store, id) : null;
  return { region, ...(await stats(ctx.store, id)) };
};
