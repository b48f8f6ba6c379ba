import { notFound } from '../../domain/errors.js';
import { getEntitiesWith, neighborhood } from '../../domain/graph.js';
import { selectedFields } from '../selection.js';
import type { QueryResolver } from '../types.js';
import { checkIds, checkLimit, checkRange } from '../../domain/validate.js';

export const neighborhoodResolver: QueryResolver<'neighborhood'> = async (_, args, ctx, info) => {
  const ids = checkIds(args.ids);
  const depth = checkRange(args.depth, 'depth', 1, 3);
  const limit = checkLimit(args.limit);
  // Read only the properties the query asks for: most of a large neighbourhood's cost on LadybugDB,
  // and what lets the read model answer (live/read-model.ts).
  const entity = selectedFields(info, ['nodes']);
  const edge = selectedFields(info, ['edges']);
  const columns = { entity: entity ? [...entity] : undefined, edge: edge ? [...edge] : undefined };
  const found = await getEntitiesWith(ctx.store, ids, columns.entity);
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) throw notFound(`no entity with id ${missing.map((m) => `"${m}"`).join(', ')}`, { ids: missing });
  return neighborhood(ctx.store, ids, { depth, limit, types: args.types, relations: args.relations, seeds: found, columns });
};
