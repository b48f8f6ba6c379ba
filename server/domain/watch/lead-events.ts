/**
 * The feed's leads (server/domain/leads stores them): a lead created, or moved to another stage,
 * about what the caller follows — its target entity, its region or its segment. Read from the lead
 * events newer than `since` (their ids sort by time), with their leads by key; a caller with a
 * region scope sees only the leads of regions in it, as the leads' own views do.
 */
import { getEntities } from '../graph.js';
import { LEAD_STAGES, type LeadStage } from '../leads/types.js';
import type { GraphStore } from '../../store/types.js';
import { entityRef } from './facts.js';
import type { Concern, WatchMatcher } from './match.js';
import { keyOf, type FeedItem, type Position } from './types.js';
import type { WatchRecord, WatchUser } from './watches.js';

const EVENTS_PER_READ = 200;
/** Lead events one request reads at most. */
const MAX_EVENTS = 5_000;

interface LeadEventRow {
  id: string;
  lead: string;
  kind: 'CREATED' | 'STAGE';
  at: string;
  actor: string;
  fromStage: LeadStage | null;
  toStage: LeadStage | null;
}

interface LeadRow {
  id: string;
  targetId: string | null;
  proposedName: string | null;
  region: string | null;
  segment: string | null;
  stage: LeadStage;
}

export interface LeadHit {
  pos: Position;
  event: LeadEventRow;
  lead: LeadRow;
  watches: WatchRecord[];
}

const str = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v));
const stage = (v: unknown): LeadStage | null => ((LEAD_STAGES as readonly unknown[]).includes(v) ? (v as LeadStage) : null);

/** The regions a scoped caller sees leads of (the region and the regions located in it); null: all. */
async function visibleRegions(store: GraphStore, scope: string | null): Promise<Set<string> | null> {
  if (!scope) return null;
  const rows = await store.read(
    "MATCH (r:Entity)-[:LOCATED_IN*1..6]->(:Entity {id: $region}) WHERE r.type = 'Region' RETURN DISTINCT r.id AS id",
    { region: scope },
    { operation: 'feed lead scope' },
  );
  return new Set([scope, ...rows.map((r) => String(r.id))]);
}

async function eventsBefore(store: GraphStore, since: string, before: string | null, exclude: string | null): Promise<LeadEventRow[]> {
  const where = ['e.at >= $since', "(e.kind = 'CREATED' OR e.kind = 'STAGE')"];
  if (before) where.push('e.id < $before');
  if (exclude !== null) where.push('e.actor <> $exclude');
  const rows = await store.read(
    `MATCH (e:LeadEvent) WHERE ${where.join(' AND ')} RETURN e.id AS id, e.lead AS lead, e.kind AS kind, e.at AS at, e.actor AS actor, e.fromStage AS fromStage, e.toStage AS toStage ORDER BY e.id DESC LIMIT $n`,
    { since, before, exclude, n: EVENTS_PER_READ },
    { operation: 'feed lead events' },
  );
  return rows.map((r) => ({
    id: String(r.id),
    lead: String(r.lead),
    kind: r.kind === 'CREATED' ? 'CREATED' : 'STAGE',
    at: String(r.at),
    actor: String(r.actor ?? ''),
    fromStage: stage(r.fromStage),
    toStage: stage(r.toStage),
  }));
}

async function leadsById(store: GraphStore, ids: string[]): Promise<Map<string, LeadRow>> {
  const rows = await store.read(
    'UNWIND $ids AS id MATCH (l:Lead {id: id}) RETURN l.id AS id, l.targetId AS targetId, l.proposedName AS proposedName, l.region AS region, l.segment AS segment, l.stage AS stage',
    { ids: [...new Set(ids)] },
    { operation: 'feed leads' },
  );
  return new Map(
    rows.map((r) => [
      String(r.id),
      {
        id: String(r.id),
        targetId: str(r.targetId),
        proposedName: str(r.proposedName),
        region: str(r.region),
        segment: str(r.segment),
        stage: stage(r.stage) ?? 'LEAD',
      },
    ]),
  );
}

/** Matching lead events after `start`, newest first, until `want` of them or MAX_EVENTS read. */
export async function scanLeads(
  store: GraphStore,
  matcher: WatchMatcher,
  user: WatchUser,
  opts: { since: string; start: Position | null; exclude: string | null; want: number },
): Promise<{ hits: LeadHit[]; stoppedAt: Position | null }> {
  const visible = await visibleRegions(store, user.region ?? null);
  const hits: LeadHit[] = [];
  let before = opts.start ? `lev-${opts.start.key}` : null;
  for (let read = 0; ;) {
    if (read >= MAX_EVENTS && before) return { hits, stoppedAt: { key: keyOf(before), seq: 0 } };
    const events = await eventsBefore(store, opts.since, before, opts.exclude);
    read += events.length;
    const leads = await leadsById(
      store,
      events.map((e) => e.lead),
    );
    const concerns: (Concern & { event: LeadEventRow; lead: LeadRow })[] = events.flatMap((event) => {
      const lead = leads.get(event.lead);
      if (!lead || (visible && !(lead.region && visible.has(lead.region)))) return [];
      const subjects = [lead.targetId, lead.region, lead.segment].filter((s): s is string => s !== null);
      return [{ id: event.id, subjects, event, lead }];
    });
    const matched = await matcher.match(concerns, 'all');
    for (const c of concerns) {
      const watches = matched.get(c.id);
      if (!watches) continue;
      hits.push({ pos: { key: keyOf(c.event.id), seq: 0 }, event: c.event, lead: c.lead, watches });
      if (hits.length >= opts.want) return { hits, stoppedAt: null };
    }
    if (events.length < EVENTS_PER_READ) return { hits, stoppedAt: null };
    before = events[events.length - 1].id;
  }
}

/** The page's lead items, with the target entity to link to. */
export async function describeLeads(store: GraphStore, hits: LeadHit[]): Promise<Map<LeadHit, FeedItem>> {
  const targets = await getEntities(store, [...new Set(hits.flatMap((h) => (h.lead.targetId ? [h.lead.targetId] : [])))]);
  return new Map(
    hits.map((h): [LeadHit, FeedItem] => {
      const target = h.lead.targetId ? entityRef(h.lead.targetId, targets.get(h.lead.targetId)) : null;
      return [
        h,
        {
          kind: h.event.kind === 'CREATED' ? 'LEAD_CREATED' : 'LEAD_STAGE_CHANGED',
          at: h.event.at,
          by: h.event.actor,
          changeSet: null,
          revision: null,
          entity: target,
          relation: null,
          lead: {
            id: h.lead.id,
            name: target?.live ? target.name : (h.lead.proposedName ?? target?.name ?? h.lead.id),
            stage: h.lead.stage,
            fromStage: h.event.fromStage,
            toStage: h.event.toStage,
          },
          fields: [],
          sourcesChanged: false,
          matchedBy: h.watches,
        },
      ];
    }),
  );
}
