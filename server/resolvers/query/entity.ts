import type { AppContext } from '../../context.js';
import { notFound } from '../../domain/errors.js';
import { getEntity } from '../../domain/graph.js';

export async function entityResolver(_: unknown, args: { id: string }, ctx: AppContext) {
  const entity = await getEntity(ctx.store, args.id);
  if (!entity) throw notFound(`no entity with id "${args.id}"`, { id: args.id });
  return entity;
}
