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

export const THRESHOLDS_TEXT =
  'expected = benchmark count × (entities classified here / entities classified in the benchmark); ' +
  'MISSING: 0 here; THIN: 1 here, or fewer than 0.5 × expected; STRONG: at least 3 here and at least 1.5 × expected; PRESENT: otherwise. ' +
  '期望值 = 基准数量 × 本区已分类主体数 / 基准已分类主体数；缺失：0；薄弱：仅1家或低于期望值的0.5倍；强势：不少于3家且达到期望值1.5倍；其余为具备。';

export function gapStatus(count: number, expected: number): GapStatus {
  if (count === 0) return 'MISSING';
  if (count === 1 || count < GAP_THRESHOLDS.thinBelow * expected) return 'THIN';
  if (count >= GAP_THRESHOLDS.strongMinCount && count >= GAP_THRESHOLDS.strongAtLeast * expected) return 'STRONG';
  return 'PRESENT';
}

export interface GapCandidate {
  entity: Entity;
  score: number;
  reason: string;
  reasonEn: string;
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
  thresholds: string;
  segments: GapSegment[];
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** In the region, as regionScope defines it. */
const inRegion = (v: string) => `EXISTS { MATCH ${locatedIn(v)} }`;

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
  const out = new Map<string, GapCandidate[]>(segmentIds.map((s) => [s, []]));
  if (segmentIds.length === 0) return out;
  const rows = await store.read(
    // Ids only while counting degrees: carrying every column of thousands of candidates through the
    // aggregation ran LadybugDB's buffer pool out of memory at 100k entities; the top ones are read after.
    `UNWIND $segs AS segId MATCH (c:Entity)-[r:IN_SEGMENT]->(s:Entity {id: segId}) WHERE NOT ${inRegion('c')}
     OPTIONAL MATCH (c)-[q]-(:Entity)
     RETURN s.id AS seg, s.name AS segName, s.nameEn AS segNameEn, r.inferred AS inferred, r.reason AS why, c.id AS c_id, count(q) AS degree
     ORDER BY degree DESC, c_id LIMIT $cap`,
    { segs: segmentIds, region: regionId, cap: 200 * segmentIds.length },
    { operation: 'gap candidates' },
  );
  const candIds = [...new Set(rows.map((r) => String(r.c_id)))];
  // Ties to the region through alliances, as two short keyed reads joined here: the alliances the
  // region's members belong to (with how many), and the candidates' alliances. One pattern joining
  // both through each alliance's whole membership took seconds on Neo4j at 100k entities.
  const [entities, regionAlliances, candidateAlliances] = await Promise.all([
    getEntities(store, candIds),
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
  const here = new Map(regionAlliances.map((r) => [String(r.id), { alliance: String(r.name), n: Number(r.n) }]));
  const tiesOf = new Map<string, { alliance: string; n: number }[]>();
  for (const t of candidateAlliances) {
    const tie = here.get(String(t.alliance));
    if (!tie) continue;
    const list = tiesOf.get(String(t.id)) ?? [];
    list.push(tie);
    tiesOf.set(String(t.id), list);
  }
  for (const r of rows) {
    const entity = entities.get(String(r.c_id));
    if (!entity) continue;
    const inferred = r.inferred === true;
    const degree = Number(r.degree);
    const t = (tiesOf.get(entity.id) ?? []).sort((a, b) => b.n - a.n || a.alliance.localeCompare(b.alliance, 'zh'));
    const score = round((inferred ? 0.6 : 1) + Math.min(t.length, 3) + 0.3 * Math.log1p(degree));
    const seg = String(r.segName);
    const segEn = String(r.segNameEn ?? r.segName);
    const zh = [`从事${seg}（${inferred ? `推断：${r.why ?? '依据名称或主营业务'}` : '资料明确'}）`];
    const en = [`works in ${segEn} (${inferred ? `inferred: ${r.why ?? 'from its name or business'}` : 'stated in a source'})`];
    if (t.length) {
      zh.push(`与本区${t.reduce((s, x) => s + x.n, 0)}家单位同属${t.map((x) => `「${x.alliance}」`).join('、')}`);
      en.push(`shares ${t.map((x) => x.alliance).join(', ')} with ${t.reduce((s, x) => s + x.n, 0)} organisation(s) here`);
    }
    zh.push(`图谱中有${degree}条关系`);
    en.push(`${degree} link(s) in the graph`);
    out.get(String(r.seg))?.push({ entity, score, reason: zh.join('；'), reasonEn: en.join('; ') });
  }
  for (const [k, list] of out) {
    out.set(
      k,
      list
        .sort((a, b) => b.score - a.score || a.entity.name.localeCompare(b.entity.name, 'zh'))
        .slice(0, GAP_THRESHOLDS.candidatesPerSegment),
    );
  }
  return out;
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
  return { region: opts.region, benchmark: opts.benchmark, thresholds: THRESHOLDS_TEXT, segments };
}
