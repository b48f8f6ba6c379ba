/**
 * The gap report (补链 / 强链 / 延链): each segment's count in a region against a benchmark
 * (another region, or the whole graph), scaled to the region's size, with candidates to fill gaps.
 */
import type { GraphStore } from '../../store/types.js';
import type { ChainTier, Entity } from '../model.js';
import { getEntities, locatedIn } from '../graph.js';
import { chainSegments, segmentTotals } from './chain.js';

export type GapStatus = 'MISSING' | 'THIN' | 'PRESENT' | 'STRONG';

/** Status thresholds; `expected` is the benchmark count scaled by (region total / benchmark total). */
export const GAP_THRESHOLDS = {
  /** THIN: present, but below this share of the expected count, or a single entity. */
  thinBelow: 0.5,
  /** STRONG: at least this share of the expected count and at least `strongMinCount` entities. */
  strongAtLeast: 1.5,
  strongMinCount: 3,
  candidatesPerSegment: 5,
};

export function gapStatus(count: number, expected: number): GapStatus {
  if (count === 0) return 'MISSING';
  if (count === 1 || count < GAP_THRESHOLDS.thinBelow * expected) return 'THIN';
  if (count >= GAP_THRESHOLDS.strongMinCount && count >= GAP_THRESHOLDS.strongAtLeast * expected) return 'STRONG';
  return 'PRESENT';
}

/** An alliance a candidate shares with organisations of the region, and how many of them belong. */
export interface SharedAlliance {
  alliance: Entity;
  members: number;
}

/** A candidate to fill a gap, with the facts its score is made of (the client words them). */
export interface GapCandidate {
  entity: Entity;
  score: number;
  /** Its link to the segment is inferred rather than stated. */
  inferred: boolean;
  /** The inferred link's reason, or null. */
  inferredBecause: string | null;
  /** Most members first, then by name. */
  sharedAlliances: SharedAlliance[];
  /** Relations it has in the graph. */
  degree: number;
}

export interface GapSegment {
  segment: Entity;
  tier: ChainTier;
  count: number;
  benchmarkCount: number;
  expected: number;
  status: GapStatus;
  candidates: GapCandidate[];
}

export interface GapReport {
  region: Entity;
  benchmark: Entity | null;
  /** Entities classified in a segment here, and in the benchmark: the scale of `expected`. */
  classified: number;
  benchmarkClassified: number;
  thresholds: { thinBelow: number; strongAtLeast: number; strongMinCount: number };
  segments: GapSegment[];
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** In the region, as regionScope defines it. */
const inRegion = (v: string) => `EXISTS { MATCH ${locatedIn(v)} }`;

/** A gap candidate's score: its segment link (1 stated, 0.6 inferred), shared alliances (at most 3), degree. */
export function candidateScore(inferred: boolean, sharedAlliances: number, degree: number): number {
  return round((inferred ? 0.6 : 1) + Math.min(sharedAlliances, 3) + 0.3 * Math.log1p(degree));
}

/** An alliance shared with the region: its id and name, and how many organisations of the region belong. */
interface Tie {
  id: string;
  name: string;
  members: number;
}

const byMembers = (a: Tie, b: Tie) => b.members - a.members || a.name.localeCompare(b.name, 'zh');

/**
 * Ties to the region through alliances, as two short keyed reads joined here: the alliances the
 * region's members belong to (with how many), and the candidates' alliances. One pattern joining
 * both through each alliance's whole membership took seconds on Neo4j at 100k entities.
 */
async function allianceTies(store: GraphStore, scope: string[], candIds: string[]): Promise<Map<string, Tie[]>> {
  const [regionAlliances, candidateAlliances] = await Promise.all([
    store.read(
      'UNWIND $scope AS scopeId MATCH (x:Entity {id: scopeId})-[:MEMBER_OF]->(a:Entity) RETURN a.id AS id, a.name AS name, count(DISTINCT x) AS n',
      { scope },
      { operation: 'gap region alliances' },
    ),
    store.read(
      'UNWIND $cands AS candId MATCH (c:Entity {id: candId})-[:MEMBER_OF]->(a:Entity) RETURN DISTINCT c.id AS id, a.id AS alliance',
      { cands: candIds },
      { operation: 'gap candidate alliances' },
    ),
  ]);
  const here = new Map<string, Tie>(
    regionAlliances.map((r) => [String(r.id), { id: String(r.id), name: String(r.name), members: Number(r.n) }]),
  );
  const tiesOf = new Map<string, Tie[]>();
  for (const t of candidateAlliances) {
    const tie = here.get(String(t.alliance));
    if (!tie) continue;
    const list = tiesOf.get(String(t.id)) ?? [];
    list.push(tie);
    tiesOf.set(String(t.id), list);
  }
  for (const list of tiesOf.values()) list.sort(byMembers);
  return tiesOf;
}

type Ranked = Omit<GapCandidate, 'sharedAlliances'> & { ties: Tie[] };

/**
 * Ranked entities outside the region that work in the gap segments. Membership of the region is
 * tested per row with a subquery rather than `NOT c.id IN $scope`: a district's scope has thousands of
 * ids, and a list that long made the filter 3× slower on LadybugDB.
 */
async function candidates(
  store: GraphStore,
  segmentIds: string[],
  regionId: string,
  scope: string[],
): Promise<Map<string, GapCandidate[]>> {
  if (segmentIds.length === 0) return new Map();
  const rows = await store.read(
    // Ids only while counting degrees: carrying every column of thousands of candidates through the
    // aggregation ran LadybugDB's buffer pool out of memory at 100k entities; the top ones are read after.
    `UNWIND $segs AS segId MATCH (c:Entity)-[r:IN_SEGMENT]->(s:Entity {id: segId}) WHERE NOT ${inRegion('c')}
     OPTIONAL MATCH (c)-[q]-(:Entity)
     RETURN s.id AS seg, r.inferred AS inferred, r.reason AS why, c.id AS c_id, count(q) AS degree
     ORDER BY degree DESC, c_id LIMIT $cap`,
    { segs: segmentIds, region: regionId, cap: 200 * segmentIds.length },
    { operation: 'gap candidates' },
  );
  const candIds = [...new Set(rows.map((r) => String(r.c_id)))];
  const [entities, tiesOf] = await Promise.all([getEntities(store, candIds), allianceTies(store, scope, candIds)]);
  const ranked = new Map<string, Ranked[]>(segmentIds.map((s) => [s, []]));
  for (const r of rows) {
    const entity = entities.get(String(r.c_id));
    if (!entity) continue;
    const inferred = r.inferred === true;
    const degree = Number(r.degree);
    const ties = tiesOf.get(entity.id) ?? [];
    const inferredBecause = inferred && r.why !== null && r.why !== undefined ? String(r.why) : null;
    ranked
      .get(String(r.seg))
      ?.push({ entity, score: candidateScore(inferred, ties.length, degree), inferred, inferredBecause, degree, ties });
  }
  for (const [k, list] of ranked) {
    ranked.set(
      k,
      list
        .sort((a, b) => b.score - a.score || a.entity.name.localeCompare(b.entity.name, 'zh'))
        .slice(0, GAP_THRESHOLDS.candidatesPerSegment),
    );
  }
  // The shared alliances of the candidates shown, read whole in one keyed read.
  const alliances = await getEntities(store, [...new Set([...ranked.values()].flat().flatMap((c) => c.ties.map((t) => t.id)))]);
  const withAlliances = ({ ties, ...c }: Ranked): GapCandidate => ({
    ...c,
    sharedAlliances: ties.flatMap((t) => {
      const alliance = alliances.get(t.id);
      return alliance ? [{ alliance, members: t.members }] : [];
    }),
  });
  return new Map([...ranked].map(([k, list]) => [k, list.map(withAlliances)]));
}

export async function gapReport(
  store: GraphStore,
  opts: { region: Entity; scope: string[]; benchmark: Entity | null; benchmarkScope: string[] | null },
): Promise<GapReport> {
  const [chain, here, bench] = await Promise.all([
    chainSegments(store),
    segmentTotals(store, opts.scope),
    segmentTotals(store, opts.benchmarkScope),
  ]);
  const ratio = bench.total > 0 ? here.total / bench.total : 0;
  const segments = chain.map((segment) => {
    const count = here.counts.get(segment.id) ?? 0;
    const benchmarkCount = bench.counts.get(segment.id) ?? 0;
    const expected = round(benchmarkCount * ratio);
    return {
      segment,
      tier: (segment.tier as ChainTier) ?? 'midstream',
      count,
      benchmarkCount,
      expected,
      status: gapStatus(count, expected),
      candidates: [] as GapCandidate[],
    };
  });
  const gaps = segments.filter((s) => s.status === 'MISSING' || s.status === 'THIN').map((s) => s.segment.id);
  const found = await candidates(store, gaps, opts.region.id, opts.scope);
  for (const s of segments) s.candidates = found.get(s.segment.id) ?? [];
  const { thinBelow, strongAtLeast, strongMinCount } = GAP_THRESHOLDS;
  return {
    region: opts.region,
    benchmark: opts.benchmark,
    classified: here.total,
    benchmarkClassified: bench.total,
    thresholds: { thinBelow, strongAtLeast, strongMinCount },
    segments,
  };
}
