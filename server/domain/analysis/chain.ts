/** The chain map: reference segments by tier, with the entities a region (or the graph) has in each. */
import type { GraphStore } from '../../store/types.js';
import { CHAIN_TIERS, type ChainTier, type Entity } from '../model.js';
import { decodeEntity, entityColumns } from '../records.js';

export const TIER_NAMES: Record<ChainTier, { zh: string; en: string }> = {
  upstream: { zh: '上游', en: 'Upstream' },
  midstream: { zh: '中游', en: 'Midstream' },
  downstream: { zh: '下游', en: 'Downstream' },
};

/** How many entities of a segment the answer lists; counts are always complete. */
const LISTED_PER_SEGMENT = 100;

export interface SegmentCount {
  segment: Entity;
  tier: ChainTier;
  count: number;
  enterprises: Entity[];
  /** Ids of every entity counted (for gap analysis). */
  memberIds: Set<string>;
}

export interface ChainMap {
  region: Entity | null;
  tiers: { tier: ChainTier; name: string; nameEn: string; segments: SegmentCount[] }[];
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

/** Segment counts for a region scope (entity ids) or the whole graph (null). */
export async function segmentCounts(store: GraphStore, scope: string[] | null): Promise<Map<string, SegmentCount>> {
  const segments = await chainSegments(store);
  const where = scope ? ' AND e.id IN $ids' : '';
  const rows = await store.read(
    `MATCH (e:Entity)-[:IN_SEGMENT]->(s:Entity) WHERE s.type = 'ChainSegment'${where} RETURN s.id AS segment, ${entityColumns('e', 'e_')}`,
    { ids: scope ?? [] },
    { operation: 'chain members' },
  );
  const out = new Map<string, SegmentCount>(
    segments.map((s) => [
      s.id,
      { segment: s, tier: (s.tier as ChainTier) ?? 'midstream', count: 0, enterprises: [], memberIds: new Set() },
    ]),
  );
  for (const r of rows) {
    const sc = out.get(String(r.segment));
    if (!sc) continue;
    const e = decodeEntity(r, 'e_');
    if (sc.memberIds.has(e.id)) continue;
    sc.memberIds.add(e.id);
    sc.count++;
    if (sc.enterprises.length < LISTED_PER_SEGMENT) sc.enterprises.push(e);
  }
  for (const sc of out.values()) sc.enterprises.sort((a, b) => a.name.localeCompare(b.name, 'zh'));
  return out;
}

export async function chainMap(store: GraphStore, region: Entity | null, scope: string[] | null): Promise<ChainMap> {
  const counts = await segmentCounts(store, scope);
  const classified = new Set([...counts.values()].flatMap((c) => [...c.memberIds]));
  const where = scope ? ' AND e.id IN $ids' : '';
  const enterprises = await store.read(
    `MATCH (e:Entity) WHERE e.type = 'Enterprise'${where} RETURN ${entityColumns('e')} LIMIT 2000`,
    { ids: scope ?? [] },
    { operation: 'chain unclassified' },
  );
  return {
    region,
    tiers: CHAIN_TIERS.map((tier) => ({
      tier,
      name: TIER_NAMES[tier].zh,
      nameEn: TIER_NAMES[tier].en,
      segments: [...counts.values()].filter((c) => c.tier === tier),
    })),
    unclassified: enterprises
      .map((r) => decodeEntity(r))
      .filter((e) => !classified.has(e.id))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh')),
  };
}
