/** The chain map: reference segments by tier, with the entities a region (or the graph) has in each. */
import type { GraphStore } from '../../store/types.js';
import { CHAIN_TIERS, type ChainTier, type Entity } from '../model.js';
import { getEntities } from '../graph.js';
import { decodeEntity, entityColumns } from '../records.js';

/** How many entities of a segment the answer lists; counts are always complete. */
const LISTED_PER_SEGMENT = 100;
/** How many enterprises with no segment the answer lists. */
const UNCLASSIFIED_LIMIT = 2000;

export interface SegmentCount {
  segment: Entity;
  tier: ChainTier;
  count: number;
  enterprises: Entity[];
}

export interface ChainMap {
  region: Entity | null;
  /** The segments of each tier, in chain order; the client names the tiers. */
  tiers: { tier: ChainTier; segments: SegmentCount[] }[];
  unclassified: Entity[];
}

export async function chainSegments(store: GraphStore): Promise<Entity[]> {
  const rows = await store.read(
    `MATCH (s:Entity) WHERE s.type = 'ChainSegment' RETURN ${entityColumns('s')}`,
    {},
    { operation: 'chain segments' },
  );
  return rows.map((r) => decodeEntity(r)).sort((a, b) => (a.ord ?? 99) - (b.ord ?? 99) || a.id.localeCompare(b.id));
}

/**
 * Reads entities of a region scope by key (`UNWIND` + `{id: …}`); a `WHERE e.id IN $ids` filter over
 * thousands of ids measured 8× slower on LadybugDB. The whole graph (null scope) needs no filter.
 */
const scoped = (scope: string[] | null, pattern: string) =>
  scope ? `UNWIND $ids AS scopeId MATCH ${pattern.replace('(e:Entity)', '(e:Entity {id: scopeId})')}` : `MATCH ${pattern}`;

const collator = new Intl.Collator('zh');

/** Segment counts and the distinct entities in any segment, for a region scope or the whole graph (null). */
export async function segmentTotals(store: GraphStore, scope: string[] | null): Promise<{ counts: Map<string, number>; total: number }> {
  const match = scoped(scope, "(e:Entity)-[:IN_SEGMENT]->(s:Entity) WHERE s.type = 'ChainSegment'");
  const params = { ids: scope ?? [] };
  const [bySegment, [all]] = await Promise.all([
    store.read(`${match} RETURN s.id AS segment, count(DISTINCT e) AS n`, params, { operation: 'chain counts' }),
    store.read(`${match} RETURN count(DISTINCT e) AS n`, params, { operation: 'chain total' }),
  ]);
  return { counts: new Map(bySegment.map((r) => [String(r.segment), Number(r.n)])), total: Number(all?.n ?? 0) };
}

/** Segment counts for a region scope (entity ids) or the whole graph (null), listing the first entities by name. */
export async function segmentCounts(store: GraphStore, scope: string[] | null): Promise<Map<string, SegmentCount>> {
  const [segments, rows] = await Promise.all([
    chainSegments(store),
    store.read(
      `${scoped(scope, "(e:Entity)-[:IN_SEGMENT]->(s:Entity) WHERE s.type = 'ChainSegment'")} RETURN DISTINCT s.id AS segment, e.id AS id, e.name AS name`,
      { ids: scope ?? [] },
      { operation: 'chain members' },
    ),
  ]);
  const members = new Map<string, { id: string; name: string }[]>(segments.map((s) => [s.id, []]));
  for (const r of rows) members.get(String(r.segment))?.push({ id: String(r.id), name: String(r.name) });
  const listed = new Map<string, string[]>();
  for (const [seg, list] of members) {
    listed.set(
      seg,
      list
        .sort((a, b) => collator.compare(a.name, b.name) || a.id.localeCompare(b.id))
        .slice(0, LISTED_PER_SEGMENT)
        .map((m) => m.id),
    );
  }
  const entities = await getEntities(store, [...new Set([...listed.values()].flat())]);
  return new Map<string, SegmentCount>(
    segments.map((s) => [
      s.id,
      {
        segment: s,
        tier: (s.tier as ChainTier) ?? 'midstream',
        // The rows are DISTINCT (segment, entity), so a segment's list holds each member once.
        count: members.get(s.id)!.length,
        enterprises: listed
          .get(s.id)!
          .map((id) => entities.get(id))
          .filter((e): e is Entity => e !== undefined),
      },
    ]),
  );
}

export async function chainMap(store: GraphStore, region: Entity | null, scope: string[] | null): Promise<ChainMap> {
  const [counts, unclassified] = await Promise.all([
    segmentCounts(store, scope),
    store.read(
      `${scoped(scope, "(e:Entity) WHERE e.type = 'Enterprise' AND NOT EXISTS { MATCH (e)-[:IN_SEGMENT]->(:Entity) }")}
       RETURN ${entityColumns('e')} ORDER BY e.id LIMIT ${UNCLASSIFIED_LIMIT}`,
      { ids: scope ?? [] },
      { operation: 'chain unclassified' },
    ),
  ]);
  return {
    region,
    tiers: CHAIN_TIERS.map((tier) => ({
      tier,
      segments: [...counts.values()].filter((c) => c.tier === tier),
    })),
    unclassified: unclassified.map((r) => decodeEntity(r)).sort((a, b) => collator.compare(a.name, b.name)),
  };
}
