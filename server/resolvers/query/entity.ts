import { notFound } from '../../domain/errors.js';
import { getEntity } from '../../domain/graph.js';
import type { QueryResolver } from '../types.js';

export const entityResolver: QueryResolver<'entity'> = async (_, args, ctx) => {
  const entity = await getEntity(ctx.store, args.id);
  if (!entity) throw notFound(`no entity with id "${args.id}"`, { id: args.id });
  return entity;
};
