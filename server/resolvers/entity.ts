/** Field resolvers of Entity, Edge and Source. */
import DataLoader from 'dataloader';
import type { AppContext } from '../context.js';
import { curationLoaders } from './curation.js';
import { relationGroups, type RelationGroup } from '../domain/graph.js';
import type { Columns } from '../domain/records.js';
import { selectedFields } from './selection.js';
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

function relationsLoader(ctx: AppContext, types: RelationType[] | null | undefined, columns: Columns): DataLoader<string, RelationGroup[]> {
  let byTypes = loaders.get(ctx);
  if (!byTypes) loaders.set(ctx, (byTypes = new Map()));
  const key = JSON.stringify([types?.length ? [...types].sort() : '*', columns.entity ?? '*', columns.edge ?? '*']);
  let loader = byTypes.get(key);
  if (!loader) {
    loader = new DataLoader(
      async (ids: readonly string[]) => {
        const groups = await relationGroups(ctx.store, [...ids], { relations: types, cap: RELATIONS_CAP, columns });
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
  // Only the columns the query asks of the other ends and the edges are read (the items are sorted by
  // the other end's name, so it is always read): the details panel asks a few short fields of each
  // neighbour, and reading every column of up to 2,000 neighbours (descriptions, sources) was most of
  // an entity's statement time at 100k.
  relations: (e, args, ctx, info) => {
    const other = selectedFields(info, ['items', 'other']);
    const edge = selectedFields(info, ['items', 'edge']);
    const columns = { entity: other ? [...other, 'name'].sort() : undefined, edge: edge ? [...edge].sort() : undefined };
    return relationsLoader(ctx, args.types, columns).load(e.id);
  },
};

/** A source's document, from the store (the seed's articles are there too), loaded once per request. */
const documentOf = (s: { document: string }, ctx: AppContext) => curationLoaders(ctx).documents.load(s.document);

export const sourceFields: SourceResolvers = {
  title: async (s, _, ctx) => (await documentOf(s, ctx))?.title ?? ctx.documents.get(s.document)?.title ?? null,
  date: async (s, _, ctx) => (await documentOf(s, ctx))?.date ?? ctx.documents.get(s.document)?.date ?? null,
  url: async (s, _, ctx) => (await documentOf(s, ctx))?.url ?? null,
  kind: async (s, _, ctx) => ((await documentOf(s, ctx))?.kind as never) ?? null,
};
