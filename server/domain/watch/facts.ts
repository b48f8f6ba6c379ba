/**
 * The feed's facts: the curation history's revisions that concern the caller's follows. The scan
 * starts from the change sets newer than `since` (their ids sort by time) and reads each one's
 * revisions by key (`<change set>-<seq>`, as many as its summary counts), first without their
 * snapshots; only the page's items are read whole. History older than `since` is never read, and one
 * request reads at most MAX_SCANNED revisions.
 */
import { diffRows } from '../curation/history.js';
import { getEntities } from '../graph.js';
import { isEntityType, isRelationType, type Entity, type EntityType } from '../model.js';
import type { GraphStore, Row } from '../../store/types.js';
import type { LightRevision, WatchMatcher } from './match.js';
import { keyOf, type FeedEntityRef, type FeedItem, type FeedItemKind, type Position } from './types.js';
import type { WatchRecord } from './watches.js';

/** Revisions one request reads at most (an import of 10,000 companies makes 30,000). */
export const MAX_SCANNED = 20_000;
const CHANGE_SETS_PER_READ = 50;
const REVISIONS_PER_READ = 5_000;

const KIND_OF_OP: Record<string, FeedItemKind> = {
  CREATE: 'FACT_ADDED',
  RESTORE: 'FACT_ADDED',
  UPDATE: 'FACT_CHANGED',
  RETRACT: 'FACT_RETRACTED',
};

interface ChangeSetHead {
  id: string;
  at: string;
  author: string;
  regions: string[];
  revisions: number;
}

export interface FactHit {
  pos: Position;
  head: ChangeSetHead;
  revision: LightRevision;
  watches: WatchRecord[];
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

/**
 * Matching revisions after `start`, newest change first, until `want` of them; or, once MAX_SCANNED
 * revisions are read, those found so far and where the scan stopped.
 */
export async function scanFacts(
  store: GraphStore,
  matcher: WatchMatcher,
  opts: { since: string; start: Position | null; exclude: string | null; want: number },
): Promise<{ hits: FactHit[]; stoppedAt: Position | null }> {
  const { start, want } = opts;
  const hits: FactHit[] = [];
  let scanned = 0;
  let before = start ? { id: `cs-${start.key}`, inclusive: true } : null;
  for (;;) {
    const heads = await changeSetsBefore(store, opts.since, before, opts.exclude, matcher.onlyRegions);
    for (const head of heads) {
      const key = keyOf(head.id);
      const first = start && key === start.key ? start.seq + 1 : 0;
      for (let from = first; from < head.revisions; from += REVISIONS_PER_READ) {
        if (scanned >= MAX_SCANNED) return { hits, stoppedAt: { key, seq: from - 1 } };
        const to = Math.min(head.revisions, from + REVISIONS_PER_READ);
        const revisions = await lightRevisions(store, head.id, from, to);
        scanned += to - from;
        const matched = await matcher.match(revisions, head.regions);
        for (const revision of revisions) {
          const watches = matched.get(revision.id);
          if (!watches) continue;
          hits.push({ pos: { key, seq: revision.seq }, head, revision, watches });
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

const PROVENANCE = new Set(['sources', 'lastSeen']);

function changedFields(op: string, before: Record<string, unknown> | null, after: Record<string, unknown> | null) {
  const changed = op === 'UPDATE' ? diffRows(before, after).map((d) => d.field) : [];
  return { fields: changed.filter((f) => !PROVENANCE.has(f)), sourcesChanged: changed.some((f) => PROVENANCE.has(f)) };
}

/** An entity to link to: as it now is, else as the snapshots at hand last named it. */
export function entityRef(id: string, entity: Entity | undefined, former?: { name: string; type: EntityType | null }): FeedEntityRef {
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

/** The page's fact items whole: their snapshots, names of what they concern, and whether it is still there. */
export async function describeFacts(store: GraphStore, hits: FactHit[]): Promise<Map<FactHit, FeedItem>> {
  if (hits.length === 0) return new Map();
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
  const isRelation = (h: FactHit) => h.revision.target === 'RELATION' && h.revision.subjects.length === 2;
  const liveRelations = await liveRelationIds(
    store,
    hits.filter(isRelation).map((h) => ({ id: h.revision.targetId, from: h.revision.subjects[0], to: h.revision.subjects[1] })),
  );
  return new Map(
    hits.map((h): [FactHit, FeedItem] => {
      const { head, revision, watches } = h;
      const row = rows.get(revision.id) ?? { before: null, after: null };
      const type = String((row.after ?? row.before ?? {}).type ?? '');
      return [
        h,
        {
          kind: KIND_OF_OP[revision.op] ?? 'FACT_CHANGED',
          at: head.at,
          by: head.author,
          changeSet: head.id,
          revision: revision.id,
          entity: isRelation(h) ? null : ref(revision.targetId),
          relation: isRelation(h)
            ? {
                id: revision.targetId,
                type: isRelationType(type) ? type : null,
                from: ref(revision.subjects[0]),
                to: ref(revision.subjects[1]),
                live: liveRelations.has(revision.targetId),
              }
            : null,
          lead: null,
          ...changedFields(revision.op, row.before, row.after),
          matchedBy: watches,
        },
      ];
    }),
  );
}
