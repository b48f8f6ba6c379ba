/**
 * 关注 (Following): what changed about the caller's follows since their last visit — one sentence per
 * change, grouped by day, each naming the follow that caught it and linking into Explore what is still
 * in the graph — and the follows themselves, each with 取消关注.
 */
import { useState } from 'react';
import { ErrorBanner, Spinner } from '../../components/status.js';
import { formatTime, useI18n } from '../../i18n/i18n.js';
import { becauseText, dayLabel, groupByDay, itemSentence, readUpTo, timeOfDay, watchKindLabel, type SentencePart } from './feed-text.js';
import { useFeedFirstPage, useFeedPages, useMarkVisited, useUnfollow, useWatchList, type FeedItem } from './watch-queries.js';
import './watch.css';

type ShowEntity = (id: string) => void;

export function WatchView({ onShowEntity }: { onShowEntity: ShowEntity }) {
  // The feed's pages asked for so far, by their `after` cursor (null: the newest).
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const restart = () => setCursors([null]);
  return (
    <div className="watch-view two-col">
      <section className="pane">
        <div className="pane-scroll">
          <Feed cursors={cursors} onMore={(next) => setCursors((c) => [...c, next])} onRestart={restart} onShowEntity={onShowEntity} />
        </div>
      </section>
      <aside className="side-panel right watch-side">
        <WatchList onShowEntity={onShowEntity} onChanged={restart} />
      </aside>
    </div>
  );
}

function Feed({
  cursors,
  onMore,
  onRestart,
  onShowEntity,
}: {
  cursors: (string | null)[];
  onMore: (next: string) => void;
  onRestart: () => void;
  onShowEntity: ShowEntity;
}) {
  const { t, lang } = useI18n();
  const pages = useFeedPages(cursors);
  const follows = useWatchList();
  const markVisited = useMarkVisited();
  const first = pages[0];
  const loaded = pages.map((p) => p.data).filter((d) => d !== undefined);
  const items = loaded.flatMap((d) => d.page.items);
  const lastPage = pages[pages.length - 1];
  const next = lastPage.data?.page.next ?? null;
  const error = pages.find((p) => p.error)?.error ?? null;
  const head = first.data?.page;
  const noFollows = follows.data?.watchList.length === 0;

  const markRead = () => {
    if (!first.data) return;
    markVisited.mutate({ at: readUpTo(first.data.loadedAt, items) }, { onSuccess: onRestart });
  };

  return (
    <div className="pane-section watch-feed" data-testid="watch-feed">
      <div className="watch-feed-head">
        <div>
          <h2 className="watch-title">{t('watch.feedTitle')}</h2>
          {head && (
            <p className="muted small" data-testid="watch-since">
              {head.lastVisitAt ? t('watch.sinceVisit', { time: formatTime(head.lastVisitAt, lang) }) : t('watch.sinceNever')}
            </p>
          )}
        </div>
        {head && (items.length > 0 || next) && (
          <button
            type="button"
            className="btn btn-small btn-accent"
            title={t('watch.markReadTitle')}
            disabled={markVisited.isPending}
            onClick={markRead}
            data-testid="watch-mark-read"
          >
            {markVisited.isPending ? t('watch.marking') : t('watch.markRead')}
          </button>
        )}
      </div>
      {markVisited.error && <ErrorBanner error={markVisited.error} onDismiss={() => markVisited.reset()} />}
      {error && <ErrorBanner error={error} onRetry={() => pages.forEach((p) => p.error && void p.refetch())} />}
      {!first.data && first.isFetching && <Spinner />}
      {head && items.length === 0 && (
        <p className="muted watch-empty" data-testid="watch-feed-empty">
          {noFollows ? t('watch.emptyNoFollows') : next ? t('watch.emptyPageMore') : t('watch.empty')}
        </p>
      )}
      {groupByDay(items).map((g) => (
        <section key={g.day} className="feed-day" data-day={g.day} data-testid="feed-day">
          <h3 className="section-title feed-day-title">{dayLabel(g.day, new Date(), lang, t)}</h3>
          <ul className="feed-items">
            {g.items.map((item, i) => (
              <FeedRow
                key={`${item.at}|${item.revision ?? item.lead?.id ?? ''}|${item.kind}|${i}`}
                item={item}
                onShowEntity={onShowEntity}
              />
            ))}
          </ul>
        </section>
      ))}
      {lastPage.isFetching && lastPage.data === undefined && cursors.length > 1 && <Spinner />}
      {next && (
        <button type="button" className="btn btn-small watch-earlier" onClick={() => onMore(next)} data-testid="watch-earlier">
          {t('watch.earlier')}
        </button>
      )}
    </div>
  );
}

function Mention({ part, onShowEntity }: { part: Exclude<SentencePart, string>; onShowEntity: ShowEntity }) {
  const { t } = useI18n();
  const { id, name, live } = part.entity;
  if (!live) {
    return (
      <span className="feed-gone" lang="zh-CN" title={t('watch.gone')} data-testid="feed-gone">
        {name}
        <span className="muted">{t('watch.gone')}</span>
      </span>
    );
  }
  return (
    <button
      type="button"
      className="entity-link feed-entity"
      lang="zh-CN"
      title={t('watch.openTitle')}
      onClick={() => onShowEntity(id)}
      data-testid="feed-entity"
      data-entity-id={id}
    >
      {name}
    </button>
  );
}

function FeedRow({ item, onShowEntity }: { item: FeedItem; onShowEntity: ShowEntity }) {
  const { t, lang } = useI18n();
  const parts = itemSentence(item, lang, t);
  return (
    <li className="feed-item" data-testid="feed-item" data-kind={item.kind}>
      <time className="feed-time" dateTime={item.at} title={formatTime(item.at, lang)}>
        {timeOfDay(item.at, lang)}
      </time>
      <div className="feed-body">
        <p className="feed-sentence" data-testid="feed-sentence">
          {parts.map((p, i) =>
            typeof p === 'string' ? <span key={i}>{p}</span> : <Mention key={i} part={p} onShowEntity={onShowEntity} />,
          )}
        </p>
        {item.matchedBy.length > 0 && (
          <p className="feed-because" data-testid="feed-because">
            {becauseText(item.matchedBy, t)}
          </p>
        )}
      </div>
    </li>
  );
}

function WatchList({ onShowEntity, onChanged }: { onShowEntity: ShowEntity; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const list = useWatchList();
  const unfollow = useUnfollow();
  const watches = list.data?.watchList ?? [];
  return (
    <div className="watch-list" data-testid="watch-list">
      <div className="panel-heading">
        <span>{t('watch.listTitle')}</span>
        {list.data && <span className="count-pill">{t('watch.listCount', { count: watches.length })}</span>}
      </div>
      {list.error && <ErrorBanner error={list.error} onRetry={list.reload} />}
      {unfollow.error && <ErrorBanner error={unfollow.error} onDismiss={() => unfollow.reset()} />}
      {!list.data && list.loading && <Spinner />}
      {list.data && watches.length === 0 && <p className="muted">{t('watch.listEmpty')}</p>}
      <ul className="watch-items">
        {watches.map((w) => (
          <li key={w.id} className="watch-item" data-testid="watch-item" data-kind={w.kind} data-target={w.targetId}>
            <div className="watch-item-main">
              <span className={`watch-kind watch-kind-${w.kind}`}>{watchKindLabel(w.kind, t)}</span>
              {w.target ? (
                <button type="button" className="entity-link" lang="zh-CN" onClick={() => onShowEntity(w.targetId)}>
                  {w.targetName}
                </button>
              ) : (
                <span className="feed-gone" lang="zh-CN" title={t('watch.targetGone')} data-testid="watch-gone">
                  {w.targetName}
                  <span className="muted">{t('watch.gone')}</span>
                </span>
              )}
            </div>
            <div className="watch-item-meta">
              <span className="muted small">{t('watch.followedAt', { time: formatTime(w.createdAt, lang) })}</span>
              <button
                type="button"
                className="link-btn"
                title={t('watch.unfollowTitle', { name: w.targetName })}
                disabled={unfollow.isPending}
                onClick={() => unfollow.mutate({ target: w.targetId, kind: w.kind }, { onSuccess: onChanged })}
                data-testid="watch-unfollow"
              >
                {t('watch.unfollow')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The count of new changes on the 关注 tab (the feed's first page, shared with the view); nothing when none. */
export function UnreadBadge() {
  const { t } = useI18n();
  const first = useFeedFirstPage();
  const page = first.data?.page;
  if (!page || page.items.length === 0) return null;
  const count = page.items.length;
  const label = page.next ? t('watch.unreadMany', { count }) : t('watch.unreadCount', { count });
  return (
    <span className="tab-badge" title={label}>
      <span aria-hidden data-testid="watch-unread">
        {page.next ? `${count}+` : count}
      </span>
      <span className="sr-only">{label}</span>
    </span>
  );
}
