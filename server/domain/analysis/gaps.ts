/**
 * The gap report (补链 / 强链 / 延链): each segment's count in a region against a benchmark
 * (another region, or the whole graph), scaled to the region's size, with candidates to fill gaps.
 */
import type { GraphStore } from '../../store/types.js';
import type { ChainTier, Entity } from '../model.js';
import { decodeEntity, entityColumns } from '../records.js';
import { segmentCounts } from './chain.js';

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

/** Ranked entities outside the region that work in the gap segments. */
async function candidates(store: GraphStore, segmentIds: string[], scope: string[]): Promise<Map<string, GapCandidate[]>> {
  const out = new Map<string, GapCandidate[]>(segmentIds.map((s) => [s, []]));
  if (segmentIds.length === 0) return out;
  const rows = await store.read(
    `MATCH (c:Entity)-[r:IN_SEGMENT]->(s:Entity) WHERE s.id IN $segs AND NOT c.id IN $scope
     OPTIONAL MATCH (c)-[q]-(:Entity)
     RETURN s.id AS seg, s.name AS segName, s.nameEn AS segNameEn, r.inferred AS inferred, r.reason AS why, count(q) AS degree, ${entityColumns('c', 'c_')}
     ORDER BY degree DESC, c_id LIMIT $cap`,
    { segs: segmentIds, scope, cap: 200 * segmentIds.length },
    { operation: 'gap candidates' },
  );
  const candIds = [...new Set(rows.map((r) => String(r.c_id)))];
  const ties = await store.read(
    `MATCH (c:Entity)-[:MEMBER_OF]->(a:Entity)<-[:MEMBER_OF]-(x:Entity) WHERE c.id IN $cands AND x.id IN $scope
     RETURN c.id AS id, a.name AS alliance, count(DISTINCT x) AS n`,
    { cands: candIds, scope },
    { operation: 'gap candidate ties' },
  );
  const tiesOf = new Map<string, { alliance: string; n: number }[]>();
  for (const t of ties) {
    const list = tiesOf.get(String(t.id)) ?? [];
    list.push({ alliance: String(t.alliance), n: Number(t.n) });
    tiesOf.set(String(t.id), list);
  }
  for (const r of rows) {
    const entity = decodeEntity(r, 'c_');
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
  const [here, bench] = await Promise.all([segmentCounts(store, opts.scope), segmentCounts(store, opts.benchmarkScope)]);
  const total = (m: typeof here) => new Set([...m.values()].flatMap((c) => [...c.memberIds])).size;
  const ratio = total(bench) > 0 ? total(here) / total(bench) : 0;
  const segments = [...here.values()].map((c) => {
    const benchmarkCount = bench.get(c.segment.id)?.count ?? 0;
    const expected = round(benchmarkCount * ratio);
    return {
      segment: c.segment,
      tier: c.tier,
      count: c.count,
      benchmarkCount,
      expected,
      status: gapStatus(c.count, expected),
      candidates: [] as GapCandidate[],
    };
  });
  const gaps = segments.filter((s) => s.status === 'MISSING' || s.status === 'THIN').map((s) => s.segment.id);
  const found = await candidates(store, gaps, opts.scope);
  for (const s of segments) s.candidates = found.get(s.segment.id) ?? [];
  return { region: opts.region, benchmark: opts.benchmark, thresholds: THRESHOLDS_TEXT, segments };
}
