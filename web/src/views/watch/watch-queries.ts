/**
 * The data of the Following view and the follow buttons: the caller's follows, the "since your last
 * visit" feed page by page, and follow / unfollow / mark-read. Keys start with `watch`, so one
 * invalidation refreshes the list, the feed and the tab's count together.
 */
import { queryOptions, useQueries, useQuery, type QueryClient } from '@tanstack/react-query';
import { execute, toRequestError, type GraphQLRequestError } from '../../api/graphql-client.js';
import { useGraphQL, useGraphQLMutation } from '../../api/query-client.js';
import { graphql } from '../../gql/index.js';
import type { WatchFeedQuery, WatchKind } from '../../gql/graphql.js';

const WatchListDocument = graphql(`
  query WatchList {
    watchList {
      id
      kind
      targetId
      targetName
      createdAt
      target {
        id
        type
        name
        nameEn
      }
    }
  }
`);

const WatchFeedDocument = graphql(`
  query WatchFeed($limit: Int, $after: String) {
    changesSinceLastVisit(limit: $limit, after: $after) {
      since
      lastVisitAt
      next
      items {
        kind
        at
        by
        changeSet
        revision
        entity {
          id
          name
          type
          live
        }
        relation {
          id
          type
          live
          from {
            id
            name
            type
            live
          }
          to {
            id
            name
            type
            live
          }
        }
        lead {
          id
          name
          stage
          fromStage
          toStage
        }
        fields
        sourcesChanged
        matchedBy {
          id
          kind
          targetId
          targetName
        }
      }
    }
  }
`);

const FollowDocument = graphql(`
  mutation WatchFollow($target: ID!, $kind: WatchKind!) {
    follow(target: $target, kind: $kind) {
      id
    }
  }
`);

const UnfollowDocument = graphql(`
  mutation WatchUnfollow($target: ID!, $kind: WatchKind!) {
    unfollow(target: $target, kind: $kind)
  }
`);

const MarkVisitedDocument = graphql(`
  mutation WatchMarkVisited($at: String) {
    markVisited(at: $at)
  }
`);

export type FeedPage = WatchFeedQuery['changesSinceLastVisit'];
export type FeedItem = FeedPage['items'][number];

/** Items a page of the feed asks for (the tab's count reads the first page, so it is the same request). */
export const FEED_PAGE = 50;

export const watchKeys = {
  all: () => ['watch'] as const,
  list: () => ['watch', 'list'] as const,
  feed: (after: string | null) => ['watch', 'feed', after] as const,
};

/** A page of the feed and when it was asked for (the client's clock, taken before the request left). */
export interface LoadedFeedPage {
  page: FeedPage;
  loadedAt: string;
}

const feedQuery = (after: string | null) =>
  queryOptions<LoadedFeedPage, GraphQLRequestError>({
    queryKey: watchKeys.feed(after),
    queryFn: async () => {
      const loadedAt = new Date().toISOString();
      try {
        const data = await execute(WatchFeedDocument, { limit: FEED_PAGE, after });
        return { page: data.changesSinceLastVisit, loadedAt };
      } catch (err) {
        throw toRequestError(err);
      }
    },
  });

/** The feed's pages, one per cursor asked for (`null` is the newest page); asked again whenever the view opens. */
export const useFeedPages = (cursors: readonly (string | null)[]) =>
  useQueries({ queries: cursors.map((after) => ({ ...feedQuery(after), refetchOnMount: 'always' as const })) });

/** The first page alone, for the tab's count: shares the view's cache entry, and looks again every few minutes. */
export const useFeedFirstPage = () => useQuery({ ...feedQuery(null), refetchInterval: 5 * 60_000 });

export const useWatchList = () => useGraphQL(watchKeys.list(), WatchListDocument, {});

const refreshWatch = (client: QueryClient) => client.invalidateQueries({ queryKey: watchKeys.all() });

export const useFollow = () => useGraphQLMutation(FollowDocument, refreshWatch);
export const useUnfollow = () => useGraphQLMutation(UnfollowDocument, refreshWatch);
export const useMarkVisited = () => useGraphQLMutation(MarkVisitedDocument, refreshWatch);

export type { WatchKind };
