import type { GraphQLResolveInfo } from 'graphql';
import type { AppContext } from '../../context.js';
import { notFound } from '../../domain/errors.js';
import { getEntities, neighborhood } from '../../domain/graph.js';
import type { EntityType, RelationType } from '../../domain/model.js';
import { selectedFields } from '../selection.js';
import { checkIds, checkLimit, checkRange } from '../validate.js';

interface Args {
  ids: string[];
  depth: number;
  types?: EntityType[] | null;
  relations?: RelationType[] | null;
  limit: number;
}

export async function neighborhoodResolver(_: unknown, args: Args, ctx: AppContext, info: GraphQLResolveInfo) {
  const ids = checkIds(args.ids);
  const depth = checkRange(args.depth, 'depth', 1, 3);
  const limit = checkLimit(args.limit);
  const found = await getEntities(ctx.store, ids);
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) throw notFound(`no entity with id ${missing.map((m) => `"${m}"`).join(', ')}`, { ids: missing });
  // Read only the properties the query asks for: most of a large neighbourhood's cost on LadybugDB.
  const entity = selectedFields(info, ['nodes']);
  const edge = selectedFields(info, ['edges']);
  const columns = { entity: entity ? [...entity] : undefined, edge: edge ? [...edge] : undefined };
  return neighborhood(ctx.store, ids, { depth, limit, types: args.types, relations: args.relations, seeds: found, columns });
}
