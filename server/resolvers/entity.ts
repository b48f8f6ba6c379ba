/** Field resolvers of Entity, Edge and Source. */
import DataLoader from 'dataloader';
import type { AppContext } from '../context.js';
import { curationLoaders } from './curation.js';
import { relationGroups, type RelationGroup } from '../domain/graph.js';
import type { EntityResolvers, RelationType, SourceResolvers } from '../generated/resolvers-types.js';

const RELATIONS_CAP = 1000;
/** Entities per batch: the list a batch's statements filter by. */
const BATCH = 100;

/**
 * One loader per request and relation-type filter: the `relations` of every entity a level of the
 * answer holds are fetched in one batch (a few statements, not four per entity), and an entity asked
 * for twice in the request (aliases, cycles) is fetched once.
 */
const loaders = new WeakMap<AppContext, Map<string, DataLoader<string, RelationGroup[]>>>();

function relationsLoader(ctx: AppContext, types: RelationType[] | null | undefined): DataLoader<string, RelationGroup[]> {
  let byTypes = loaders.get(ctx);
  if (!byTypes) loaders.set(ctx, (byTypes = new Map()));
  const key = types?.length ? [...types].sort().join('|') : '*';
  let loader = byTypes.get(key);
  if (!loader) {
    loader = new DataLoader(
      async (ids: readonly string[]) => {
        const groups = await relationGroups(ctx.store, [...ids], { relations: types, cap: RELATIONS_CAP });
        return ids.map((id) => groups.get(id) ?? []);
      },
      { maxBatchSize: BATCH },
    );
    byTypes.set(key, loader);
  }
  return loader;
}

export const entityFields: EntityResolvers = {
  // Items are capped so a hub with thousands of links cannot blow up the details panel; `count`
  // stays the true number of links of the group.
  relations: (e, args, ctx) => relationsLoader(ctx, args.types).load(e.id),
};

/** A source's document, from the store (the seed's articles are there too), loaded once per request. */
const documentOf = (s: { document: string }, ctx: AppContext) => curationLoaders(ctx).documents.load(s.document);

export const sourceFields: SourceResolvers = {
  title: async (s, _, ctx) => (await documentOf(s, ctx))?.title ?? ctx.documents.get(s.document)?.title ?? null,
  date: async (s, _, ctx) => (await documentOf(s, ctx))?.date ?? ctx.documents.get(s.document)?.date ?? null,
  url: async (s, _, ctx) => (await documentOf(s, ctx))?.url ?? null,
  kind: async (s, _, ctx) => ((await documentOf(s, ctx))?.kind as never) ?? null,
};
