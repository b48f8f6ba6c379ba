/**
 * 关注 / 已关注: follows an entity, a region or a chain segment, or stops following it. Whether it is
 * followed comes from the watch-list (one cached request for every button on screen); a refused follow
 * says why in words (its `watchCode`), next to the button.
 */
import type { GraphQLRequestError } from '../../api/graphql-client.js';
import { ErrorBanner } from '../../components/status.js';
import type { EntityType } from '../../gql/graphql.js';
import { useI18n, type MessageKey } from '../../i18n/i18n.js';
import { useFollow, useUnfollow, useWatchList, type WatchKind } from './watch-queries.js';
import './watch.css';

const WATCH_CODES = ['NO_SUCH_ENTITY', 'RETRACTED', 'NOT_A_REGION', 'NOT_A_SEGMENT', 'TOO_MANY'] as const;
type WatchCode = (typeof WATCH_CODES)[number];
const isWatchCode = (v: unknown): v is WatchCode => typeof v === 'string' && (WATCH_CODES as readonly string[]).includes(v);

/** How an entity of this type is followed: a region with what lies in it, a segment with its organisations. */
export const watchKindOf = (type: EntityType): WatchKind => (type === 'Region' ? 'REGION' : type === 'ChainSegment' ? 'SEGMENT' : 'ENTITY');

const LABELS: Record<'plain' | 'named', Record<WatchKind, [MessageKey, MessageKey]>> = {
  plain: {
    ENTITY: ['watch.follow', 'watch.following'],
    REGION: ['watch.follow', 'watch.following'],
    SEGMENT: ['watch.follow', 'watch.following'],
  },
  named: {
    ENTITY: ['watch.follow', 'watch.following'],
    REGION: ['watch.followRegion', 'watch.followingRegion'],
    SEGMENT: ['watch.followSegment', 'watch.followingSegment'],
  },
};

function FollowError({ error }: { error: GraphQLRequestError }) {
  const { t } = useI18n();
  const code = error.details.watchCode;
  if (isWatchCode(code)) {
    return (
      <span className="follow-error" role="alert" data-code={code}>
        {t(`watch.code.${code}`)}
      </span>
    );
  }
  return <ErrorBanner error={error} />;
}

export function FollowButton({
  target,
  kind,
  named = false,
  testId = 'follow-button',
}: {
  target: string;
  kind: WatchKind;
  /** Say what is followed (关注该区域) where the button stands apart from the region's name. */
  named?: boolean;
  testId?: string;
}) {
  const { t } = useI18n();
  const list = useWatchList();
  const follow = useFollow();
  const unfollow = useUnfollow();
  const following = (list.data?.watchList ?? []).some((w) => w.kind === kind && w.targetId === target);
  const busy = follow.isPending || unfollow.isPending || (!list.data && list.loading);
  const error = follow.error ?? unfollow.error;
  const [followLabel, followingLabel] = LABELS[named ? 'named' : 'plain'][kind];
  const toggle = () => {
    follow.reset();
    unfollow.reset();
    (following ? unfollow : follow).mutate({ target, kind });
  };
  return (
    <span className="follow">
      <button
        type="button"
        className={`btn btn-small follow-button ${following ? 'is-following' : ''}`}
        aria-pressed={following}
        disabled={busy}
        title={following ? t('watch.followingTitle') : t(`watch.followTitle.${kind}`)}
        onClick={toggle}
        data-testid={testId}
        data-following={following}
      >
        <span className="follow-star" aria-hidden>
          {following ? '★' : '☆'}
        </span>
        {following ? t(followingLabel) : t(followLabel)}
      </button>
      {error && <FollowError error={error} />}
    </span>
  );
}
