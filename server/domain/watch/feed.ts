/**
 * "What changed since my last visit": the facts (server/domain/watch/facts.ts) and the leads
 * (lead-events.ts) about the caller's follows, newer than `since`, merged newest first. Each source
 * reads only what is newer than `since` and stops at a budget; a page then holds what is newer than
 * where a source stopped (it may be short) and a `next` to go on from there.
 */
import { badInput } from '../errors.js';
import { checkLimit } from '../validate.js';
import type { GraphStore } from '../../store/types.js';
import { describeFacts, scanFacts, type FactHit } from './facts.js';
import { describeLeads, scanLeads, type LeadHit } from './lead-events.js';
import { WatchMatcher } from './match.js';
import { newestFirst, type FeedItem, type Position } from './types.js';
import { checkTime, lastVisit, watchList, type WatchUser } from './watches.js';

export type { FeedItem, FeedItemKind } from './types.js';

export interface Feed {
  since: string;
  lastVisitAt: string | null;
  items: FeedItem[];
  next: string | null;
}

export const MAX_FEED_LIMIT = 200;
/** Without a last visit the feed looks this far back. */
export const FIRST_VISIT_DAYS = 30;

const encode = (p: Position) => `${p.key}~${p.seq}`;

function decode(after: string): Position {
  const m = /^(\d{17}-[0-9a-z-]{1,40})~(-1|\d{1,9})$/.exec(after);
  if (!m) throw badInput('after is not a cursor this feed gave', { argument: 'after' });
  return { key: m[1], seq: Number(m[2]) };
}

/** The first of two stops in the feed's order (where the page must end), or null. */
const firstStop = (a: Position | null, b: Position | null) => (!a ? b : !b ? a : newestFirst(a, b) <= 0 ? a : b);

/** The caller's feed: facts and leads about what they follow, newer than `since` (default: their last visit). */
export async function changesSince(
  store: GraphStore,
  user: WatchUser,
  opts: { since?: string | null; limit?: number; after?: string | null; includeOwn?: boolean; now?: () => number } = {},
): Promise<Feed> {
  const limit = checkLimit(opts.limit ?? 50, 'limit', MAX_FEED_LIMIT);
  const start = opts.after ? decode(opts.after) : null;
  const lastVisitAt = await lastVisit(store, user);
  const now = opts.now?.() ?? Date.now();
  const since = opts.since ? checkTime(opts.since, 'since') : (lastVisitAt ?? new Date(now - FIRST_VISIT_DAYS * 86_400_000).toISOString());
  const watches = await watchList(store, user);
  if (watches.length === 0) return { since, lastVisitAt, items: [], next: null };
  const matcher = await WatchMatcher.of(store, watches);
  const scan = { since, start, exclude: opts.includeOwn ? null : user.username, want: limit + 1 };
  const facts = await scanFacts(store, matcher, scan);
  const leads = await scanLeads(store, matcher, user, scan);
  const stop = firstStop(facts.stoppedAt, leads.stoppedAt);
  const merged = [...facts.hits, ...leads.hits]
    .filter((h) => !stop || newestFirst(h.pos, stop) <= 0)
    .sort((a, b) => newestFirst(a.pos, b.pos));
  const page = merged.slice(0, limit);
  const next = merged.length > limit ? encode(page[page.length - 1].pos) : stop ? encode(stop) : null;
  const factItems = await describeFacts(
    store,
    page.filter((h): h is FactHit => 'revision' in h),
  );
  const leadItems = await describeLeads(
    store,
    page.filter((h): h is LeadHit => 'event' in h),
  );
  return { since, lastVisitAt, items: page.map((h) => ('revision' in h ? factItems.get(h) : leadItems.get(h as LeadHit))!), next };
}
