import type { AppContext } from '../../context.js';
import { notFound } from '../../domain/errors.js';
import { getEntity, stats } from '../../domain/graph.js';

export async function statsResolver(_: unknown, args: { region?: string | null }, ctx: AppContext) {
  const region = args.region ? await getEntity(ctx.store, args.region) : null;
  if (args.region && !region) throw notFound(`no region with id "${args.region}"`, { id: args.region });
  return { region, ...(await stats(ctx.store, args.region)) };
}
