/** The chain map: reference segments by tier, with the entities a region (or the graph) has in each. */
import type { GraphStore } from '../../store/types.js';
import { CHAIN_TIERS, ENTITY_TYPES, type ChainTier, type Entity, type EntityType } from '../model.js';
import { getEntities } from '../graph.js';
import { analysisGraph, chainSegmentsIn, type AnalysisGraph } from '../live/analysis-graph.js';
import { decodeEntity, entityColumns } from '../records.js';

/** How many entities of a segment the answer lists; counts are always complete. */
const LISTED_PER_SEGMENT = 100;
/** How many enterprises with no segment the answer lists. */
const UNCLASSIFIED_LIMIT = 2000;

/**
 * How many organisations of one entity type: a segment holds enterprises and hospitals (医疗服务 is
 * mostly hospitals), and a hospital is never counted as an enterprise.
 */
export interface TypeCount {
  type: EntityType;
  count: number;
}

export interface SegmentCount {
  segment: Entity;
  tier: ChainTier;
  /** Distinct organisations in the segment, of every type. */
  count: number;
  byType: TypeCount[];
  enterprises: Entity[];
}

export interface ChainMap {
  region: Entity | null;
  /** The segments of each tier, in chain order, with each tier's distinct organisations by type. */
  tiers: { tier: ChainTier; segments: SegmentCount[]; totals: TypeCount[] }[];
  /** Distinct organisations in any segment, by type: one in two segments counts once here. */
  totals: TypeCount[];
  unclassified: Entity[];
}

/** Type counts in the model's type order, without zeros. */
export function typeCounts(counts: Map<string, number>): TypeCount[] {
  return ENTITY_TYPES.flatMap((type) => {
    const count = counts.get(type) ?? 0;
    return count > 0 ? [{ type, count }] : [];
  });
}

/** Distinct members by type: each member (id, type) once, however many segments list it. */
function distinctByType(members: Iterable<{ id: string; type: string }>): TypeCount[] {
  const seen = new Map<string, string>();
  for (const m of members) seen.set(m.id, m.type);
  const counts = new Map<string, number>();
  for (const type of seen.values()) counts.set(type, (counts.get(type) ?? 0) + 1);
  return typeCounts(counts);
}

/** Chain order: by `ord`, then id. */
export const bySegmentOrder = (a: Entity, b: Entity): number => (a.ord ?? 99) - (b.ord ?? 99) || a.id.localeCompare(b.id);

/**
 * Reads entities of a region scope by key (`UNWIND` + `{id: …}`); a `WHERE e.id IN $ids` filter over
 * thousands of ids measured 8× slower on LadybugDB. The whole graph (null scope) needs no filter.
 */
const scoped = (scope: string[] | null, pattern: string) =>
  scope ? `UNWIND $ids AS scopeId MATCH ${pattern.replace('(e:Entity)', '(e:Entity {id: scopeId})')}` : `MATCH ${pattern}`;

const collator = new Intl.Collator('zh');

/** Segment counts of a region or the whole graph, as the analysis projection counts them (AnalysisGraph.segmentTotals). */
export interface SegmentTotals {
  /** Distinct organisations per segment. */
  counts: Map<string, number>;
  /** Per segment, by type. */
  byType: Map<string, TypeCount[]>;
  /** Distinct organisations in any segment (one in two segments counts once). */
  total: number;
  totals: TypeCount[];
}

/** Segment counts for a region scope (entity ids) or the whole graph (null), listing the first entities by name. */
async function segmentCounts(
  store: GraphStore,
  graph: AnalysisGraph,
  scope: string[] | null,
): Promise<Map<string, SegmentCount & { members: { id: string; type: string }[] }>> {
  const [segments, rows] = await Promise.all([
    chainSegmentsIn(store, graph),
    store.read(
      `${scoped(scope, "(e:Entity)-[:IN_SEGMENT]->(s:Entity) WHERE s.type = 'ChainSegment'")} RETURN DISTINCT s.id AS segment, e.id AS id, e.name AS name, e.type AS type`,
      { ids: scope ?? [] },
      { operation: 'chain members' },
    ),
  ]);
  const members = new Map<string, { id: string; name: string; type: string }[]>(segments.map((s) => [s.id, []]));
  for (const r of rows) members.get(String(r.segment))?.push({ id: String(r.id), name: String(r.name), type: String(r.type) });
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
  return new Map(
    segments.map((s) => [
      s.id,
      {
        segment: s,
        tier: (s.tier as ChainTier) ?? 'midstream',
        // The rows are DISTINCT (segment, entity), so a segment's list holds each member once.
        count: members.get(s.id)!.length,
        byType: distinctByType(members.get(s.id)!),
        members: members.get(s.id)!,
        enterprises: listed
          .get(s.id)!
          .map((id) => entities.get(id))
          .filter((e): e is Entity => e !== undefined),
      },
    ]),
  );
}

/**
 * The chain map of a region or the whole graph (null). The segments and the region's scope come from
 * the analysis projection (live/analysis-graph.ts), as the gap report's do.
 */
export async function chainMap(store: GraphStore, region: Entity | null): Promise<ChainMap> {
  const graph = await analysisGraph(store);
  const scope = region ? graph.scope(region.id) : null;
  const [counts, unclassified] = await Promise.all([
    segmentCounts(store, graph, scope),
    store.read(
      `${scoped(scope, "(e:Entity) WHERE e.type = 'Enterprise' AND NOT EXISTS { MATCH (e)-[:IN_SEGMENT]->(:Entity) }")}
       RETURN ${entityColumns('e')} ORDER BY e.id LIMIT ${UNCLASSIFIED_LIMIT}`,
      { ids: scope ?? [] },
      { operation: 'chain unclassified' },
    ),
  ]);
  const all = [...counts.values()];
  const strip = ({ members: _members, ...c }: (typeof all)[number]): SegmentCount => c;
  return {
    region,
    tiers: CHAIN_TIERS.map((tier) => {
      const segments = all.filter((c) => c.tier === tier);
      return { tier, segments: segments.map(strip), totals: distinctByType(segments.flatMap((c) => c.members)) };
    }),
    totals: distinctByType(all.flatMap((c) => c.members)),
    unclassified: unclassified.map((r) => decodeEntity(r)).sort((a, b) => collator.compare(a.name, b.name)),
  };
}
