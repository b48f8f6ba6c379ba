import { notFound } from '../../domain/errors.js';
import { getEntity } from '../../domain/graph.js';
import { checkId } from '../../domain/validate.js';
import type { QueryResolver } from '../types.js';

export const entityResolver: QueryResolver<'entity'> = async (_, args, ctx) => {
  const entity = await getEntity(ctx.store, checkId(args.id));
  if (!entity) throw notFound(`no entity with id "${args.id}"`, { id: args.id });
  return entity;
};
