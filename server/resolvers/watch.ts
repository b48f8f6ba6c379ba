/**
 * Follows and the changes feed (any signed-in role, checked in server/auth/permissions.ts): each
 * caller reads and changes only their own, keyed by their account (`local` in local mode).
 */
import { authorName } from '../auth/caller.js';
import type { AppContext } from '../context.js';
import { getEntities } from '../domain/graph.js';
import { changesSince } from '../domain/watch/feed.js';
import { follow, markVisited, unfollow, watchList, type WatchRecord, type WatchUser } from '../domain/watch/watches.js';
import type { MutationResolvers, ResolversParentTypes } from '../generated/resolvers-types.js';
import { curationLoaders } from './curation.js';
import type { QueryResolver } from './types.js';

/** The caller whose follows these are; the schema lets only signed-in callers (or local mode) reach here. */
function watcher(ctx: AppContext): WatchUser {
  const caller = ctx.caller;
  const username = caller ? authorName(caller) : null;
  const id = caller?.user?.id ?? (caller?.localMode ? 'local' : null);
  if (!username || !id) throw new Error('following needs a signed-in caller');
  return { id, username, region: caller?.user?.region ?? null };
}

/** Follows as the API shows them: the target as it now is, and its name (its last one once retracted). */
async function withTargets(ctx: AppContext, watches: WatchRecord[]): Promise<ResolversParentTypes['Watch'][]> {
  const live = await getEntities(ctx.store, [...new Set(watches.map((w) => w.targetId))]);
  return Promise.all(
    watches.map(async (w) => {
      const target = live.get(w.targetId) ?? null;
      const targetName = target?.name ?? (await curationLoaders(ctx).formerNames.load(w.targetId)) ?? w.targetId;
      return { ...w, target, targetName };
    }),
  );
}

export const watchQueries = {
  watchList: (async (_, __, ctx) => withTargets(ctx, await watchList(ctx.store, watcher(ctx)))) as QueryResolver<'watchList'>,
  changesSinceLastVisit: (async (_, a, ctx) => {
    const feed = await changesSince(ctx.store, watcher(ctx), {
      since: a.since,
      limit: a.limit ?? 50,
      after: a.after,
      includeOwn: a.includeOwn ?? false,
    });
    const watches = await withTargets(ctx, [...new Map(feed.items.flatMap((i) => i.matchedBy).map((w) => [w.id, w])).values()]);
    const byId = new Map(watches.map((w) => [w.id, w]));
    return { ...feed, items: feed.items.map((i) => ({ ...i, matchedBy: i.matchedBy.map((w) => byId.get(w.id)!) })) };
  }) as QueryResolver<'changesSinceLastVisit'>,
};

export const watchMutations: Pick<MutationResolvers, 'follow' | 'unfollow' | 'markVisited'> = {
  follow: async (_, a, ctx) => (await withTargets(ctx, [await follow(ctx.store, watcher(ctx), a.kind, a.target)]))[0],
  unfollow: (_, a, ctx) => unfollow(ctx.store, watcher(ctx), a.kind, a.target),
  markVisited: (_, a, ctx) => markVisited(ctx.store, watcher(ctx), a.at),
};
