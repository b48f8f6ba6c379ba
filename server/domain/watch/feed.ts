/**
 * "What changed since my last visit": the curation history's facts that concern the caller's follows,
 * newest change first. The scan starts from the change sets newer than `since` (their ids sort by
 * time) and reads each one's revisions by key (`<change set>-<seq>`, as many as its summary counts),
 * first without their snapshots; only the page's items are read whole. History older than `since` is
 * never read, and one request reads at most MAX_SCANNED revisions (a page may then be short, with a
 * `next` to go on from).
 */
import { diffRows } from '../curation/history.js';
import { badInput } from '../errors.js';
import { getEntities } from '../graph.js';
import { isEntityType, isRelationType, type Entity, type EntityType, type RelationType } from '../model.js';
import { checkLimit } from '../validate.js';
import type { GraphStore, Row } from '../../store/types.js';
import { WatchMatcher, type LightRevision } from './match.js';
import { checkTime, lastVisit, watchList, type WatchRecord, type WatchUser } from './watches.js';

export type FeedItemKind = 'FACT_ADDED' | 'FACT_CHANGED' | 'FACT_RETRACTED' | 'LEAD_CREATED' | 'LEAD_STAGE_CHANGED';

export interface FeedEntityRef {
  id: string;
  name: string;
  type: EntityType | null;
  live: boolean;
}

export interface FeedRelationRef {
  id: string;
  type: RelationType | null;
  from: FeedEntityRef;
  to: FeedEntityRef;
  live: boolean;
}

export interface FeedItem {
  kind: FeedItemKind;
  at: string;
  by: string;
  changeSet: string | null;
  revision: string | null;
  entity: FeedEntityRef | null;
  relation: FeedRelationRef | null;
  /** The fact's fields an edit changed; provenance (sources, lastSeen) is `sourcesChanged`. */
  fields: string[];
  sourcesChanged: boolean;
  matchedBy: WatchRecord[];
}

export interface Feed {
  since: string;
  lastVisitAt: string | null;
  items: FeedItem[];
  next: string | null;
}

export const MAX_FEED_LIMIT = 200;
/** Revisions one request reads at most (an import of 10,000 companies makes 30,000). */
export const MAX_SCANNED = 20_000;
/** Without a last visit the feed looks this far back. */
export const FIRST_VISIT_DAYS = 30;
const CHANGE_SETS_PER_READ = 50;
const REVISIONS_PER_READ = 5_000;

const KIND_OF_OP: Record<string, FeedItemKind> = {
  CREATE: 'FACT_ADDED',
  RESTORE: 'FACT_ADDED',
  UPDATE: 'FACT_CHANGED',
  RETRACT: 'FACT_RETRACTED',
};

/** Where a page ends: after this revision of this change set. */
interface Position {
  changeSet: string;
  seq: number;
}

const encode = (p: Position) => `${p.changeSet}~${p.seq}`;

function decode(after: string): Position {
  const m = /^(cs-[0-9a-z-]{1,80})~(-1|\d{1,9})$/.exec(after);
  if (!m) throw badInput('after is not a cursor this feed gave', { argument: 'after' });
  return { changeSet: m[1], seq: Number(m[2]) };
}

interface ChangeSetHead {
  id: string;
  at: string;
  author: string;
  regions: string[];
  revisions: number;
}

const unbar = (s: unknown) => (typeof s === 'string' ? s.split('|').filter(Boolean) : []);

function revisionCount(summary: unknown): number {
  try {
    return Object.values(JSON.parse(String(summary ?? '{}')) as Record<string, unknown>).reduce<number>((n, x) => n + (Number(x) || 0), 0);
  } catch {
    return 0;
  }
}

async function changeSetsBefore(
  store: GraphStore,
  since: string,
  before: { id: string; inclusive: boolean } | null,
  exclude: string | null,
  onlyRegions: string[] | null,
): Promise<ChangeSetHead[]> {
  const where = ['c.at >= $since'];
  if (before) where.push(before.inclusive ? 'c.id <= $before' : 'c.id < $before');
  if (exclude !== null) where.push('c.author <> $exclude');
  const regions = Object.fromEntries((onlyRegions ?? []).map((r, i) => [`r${i}`, `|${r}|`]));
  if (onlyRegions)
    where.push(
      `(${Object.keys(regions)
        .map((k) => `c.regions CONTAINS $${k}`)
        .join(' OR ')})`,
    );
  const rows = await store.read(
    `MATCH (c:ChangeSet) WHERE ${where.join(' AND ')} RETURN c.id AS id, c.at AS at, c.author AS author, c.regions AS regions, c.summary AS summary ORDER BY c.id DESC LIMIT $n`,
    { since, before: before?.id ?? null, exclude, n: CHANGE_SETS_PER_READ, ...regions },
    { operation: 'feed change sets' },
  );
  return rows.map((r) => ({
    id: String(r.id),
    at: String(r.at),
    author: String(r.author ?? ''),
    regions: unbar(r.regions),
    revisions: revisionCount(r.summary),
  }));
}

async function lightRevisions(store: GraphStore, changeSet: string, from: number, to: number): Promise<LightRevision[]> {
  const ids = Array.from({ length: to - from }, (_, i) => `${changeSet}-${from + i}`);
  const rows = await store.read(
    'UNWIND $ids AS id MATCH (r:Revision {id: id}) RETURN r.id AS id, r.seq AS seq, r.target AS target, r.targetId AS targetId, r.op AS op, r.subjects AS subjects',
    { ids },
    { operation: 'feed revisions' },
  );
  return rows
    .map((r) => ({
      id: String(r.id),
      seq: Number(r.seq),
      target: String(r.target) as LightRevision['target'],
      targetId: String(r.targetId),
      op: String(r.op),
      subjects: unbar(r.subjects),
    }))
    .sort((a, b) => a.seq - b.seq);
}

interface Hit {
  head: ChangeSetHead;
  revision: LightRevision;
  watches: WatchRecord[];
}

/** Matching revisions from `start` on, newest change first, until `want` of them or the scan's budget. */
async function scan(
  store: GraphStore,
  matcher: WatchMatcher,
  since: string,
  start: Position | null,
  exclude: string | null,
  want: number,
): Promise<{ hits: Hit[]; stoppedAt: Position | null }> {
  const hits: Hit[] = [];
  let scanned = 0;
  let before = start ? { id: start.changeSet, inclusive: true } : null;
  for (;;) {
    const heads = await changeSetsBefore(store, since, before, exclude, matcher.onlyRegions);
    for (const head of heads) {
      const first = start && head.id === start.changeSet ? start.seq + 1 : 0;
      for (let from = first; from < head.revisions; from += REVISIONS_PER_READ) {
        if (scanned >= MAX_SCANNED) return { hits, stoppedAt: { changeSet: head.id, seq: from - 1 } };
        const to = Math.min(head.revisions, from + REVISIONS_PER_READ);
        const revisions = await lightRevisions(store, head.id, from, to);
        scanned += to - from;
        const matched = await matcher.match(revisions, head.regions);
        for (const revision of revisions) {
          const watches = matched.get(revision.id);
          if (!watches) continue;
          hits.push({ head, revision, watches });
          if (hits.length >= want) return { hits, stoppedAt: null };
        }
      }
    }
    if (heads.length < CHANGE_SETS_PER_READ) return { hits, stoppedAt: null };
    before = { id: heads[heads.length - 1].id, inclusive: false };
  }
}

const parse = (s: unknown): Record<string, unknown> | null => {
  if (typeof s !== 'string' || !s) return null;
  try {
    return JSON.parse(s) as Record<string, unknown>;
  } catch {
    return null;
  }
};

/** The page's items whole: their snapshots, names of what they concern, and whether it is still there. */
async function describe(store: GraphStore, hits: Hit[]): Promise<FeedItem[]> {
  if (hits.length === 0) return [];
  const full = await store.read(
    'UNWIND $ids AS id MATCH (r:Revision {id: id}) RETURN r.id AS id, r.before AS before, r.after AS after',
    { ids: hits.map((h) => h.revision.id) },
    { operation: 'feed items' },
  );
  const rows = new Map(full.map((r) => [String(r.id), { before: parse(r.before), after: parse(r.after) }]));
  const live = await getEntities(store, [...new Set(hits.flatMap((h) => h.revision.subjects))]);
  // Names of entities no longer in the graph, from the snapshots at hand.
  const former = new Map<string, { name: string; type: EntityType | null }>();
  for (const h of hits) {
    const row = rows.get(h.revision.id);
    const snap = row?.after ?? row?.before;
    if (h.revision.target === 'ENTITY' && snap && typeof snap.name === 'string')
      former.set(h.revision.targetId, {
        name: snap.name,
        type: isEntityType(String(snap.type)) ? (String(snap.type) as EntityType) : null,
      });
  }
  const ref = (id: string): FeedEntityRef => entityRef(id, live.get(id), former.get(id));
  const relations = hits.filter((h) => h.revision.target === 'RELATION' && h.revision.subjects.length === 2);
  const liveRelations = await liveRelationIds(
    store,
    relations.map((h) => ({ id: h.revision.targetId, from: h.revision.subjects[0], to: h.revision.subjects[1] })),
  );
  return hits.map(({ head, revision, watches }) => {
    const row = rows.get(revision.id) ?? { before: null, after: null };
    const snap = row.after ?? row.before ?? {};
    const isRelation = revision.target === 'RELATION' && revision.subjects.length === 2;
    const type = String(snap.type ?? '');
    return {
      kind: KIND_OF_OP[revision.op] ?? 'FACT_CHANGED',
      at: head.at,
      by: head.author,
      changeSet: head.id,
      revision: revision.id,
      entity: isRelation ? null : ref(revision.targetId),
      relation: isRelation
        ? {
            id: revision.targetId,
            type: isRelationType(type) ? type : null,
            from: ref(revision.subjects[0]),
            to: ref(revision.subjects[1]),
            live: liveRelations.has(revision.targetId),
          }
        : null,
      ...changedFields(revision.op, row.before, row.after),
      matchedBy: watches,
    };
  });
}

const PROVENANCE = new Set(['sources', 'lastSeen']);

function changedFields(op: string, before: Record<string, unknown> | null, after: Record<string, unknown> | null) {
  const changed = op === 'UPDATE' ? diffRows(before, after).map((d) => d.field) : [];
  return { fields: changed.filter((f) => !PROVENANCE.has(f)), sourcesChanged: changed.some((f) => PROVENANCE.has(f)) };
}

function entityRef(id: string, entity: Entity | undefined, former: { name: string; type: EntityType | null } | undefined): FeedEntityRef {
  if (entity) return { id, name: entity.name, type: entity.type, live: true };
  return { id, name: former?.name ?? id, type: former?.type ?? null, live: false };
}

/** Which of these relations are in the graph now (each found from its first end, by key). */
async function liveRelationIds(store: GraphStore, rels: { id: string; from: string; to: string }[]): Promise<Set<string>> {
  if (rels.length === 0) return new Set();
  const rows: Row[] = await store.read(
    'UNWIND $rels AS x MATCH (a:Entity {id: x.from})-[r]->(b:Entity) WHERE r.id = x.id AND b.id = x.to RETURN r.id AS id',
    { rels },
    { operation: 'feed live relations' },
  );
  return new Set(rows.map((r) => String(r.id)));
}

/** The caller's feed: facts about what they follow that changed after `since` (default: their last visit). */
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
  const { hits, stoppedAt } = await scan(store, matcher, since, start, opts.includeOwn ? null : user.username, limit + 1);
  const page = hits.slice(0, limit);
  const last = page[page.length - 1];
  const next =
    hits.length > limit && last ? encode({ changeSet: last.head.id, seq: last.revision.seq }) : stoppedAt ? encode(stoppedAt) : null;
  return { since, lastVisitAt, items: await describe(store, page), next };
}
