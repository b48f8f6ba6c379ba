/**
 * The gap report (补链 / 强链 / 延链): each segment's count in a region against a benchmark
 * (another region, or the whole graph), scaled to the region's size, with candidates to fill gaps.
 */
import type { GraphStore } from '../../store/types.js';
import type { ChainTier, Entity } from '../model.js';
import { getEntities } from '../graph.js';
import { analysisGraph, chainSegmentsIn, type AnalysisGraph, type SegmentRow } from '../live/analysis-graph.js';
import type { TypeCount } from './chain.js';

/**
 * MISSING: the benchmark has some, the region none. NEITHER: both have none (not a gap the benchmark
 * shows). ONLY_HERE: the region has some, the benchmark none. Otherwise the region's share of its
 * classified organisations against the benchmark's share: THIN below half of it, STRONG from 1.5×
 * with at least 3, else PRESENT.
 */
export type GapStatus = 'MISSING' | 'THIN' | 'PRESENT' | 'STRONG' | 'NEITHER' | 'ONLY_HERE';

/** Status thresholds, on shares: a segment's count over the organisations classified in any segment. */
export const GAP_THRESHOLDS = {
  /** THIN: the region's share is below this fraction of the benchmark's share. */
  thinBelow: 0.5,
  /** STRONG: the region's share is at least this multiple of the benchmark's, with at least `strongMinCount`. */
  strongAtLeast: 1.5,
  strongMinCount: 3,
  /** Candidates listed per segment, in each of the two rankings (to attract; already or likely local). */
  candidatesPerSegment: 5,
  /** Units of a company group listed with it. */
  unitsPerGroup: 10,
};

/**
 * A segment's status from the counts here and in the benchmark and the number of organisations
 * classified in each (the shares' denominators). Compared as products, so no rounding decides a status.
 */
export function gapStatus(count: number, benchmarkCount: number, classified: number, benchmarkClassified: number): GapStatus {
  if (count === 0) return benchmarkCount > 0 ? 'MISSING' : 'NEITHER';
  if (benchmarkCount === 0) return 'ONLY_HERE';
  // share = count / classified; the benchmark's = benchmarkCount / benchmarkClassified.
  const here = count * benchmarkClassified;
  const there = benchmarkCount * classified;
  if (here < GAP_THRESHOLDS.thinBelow * there) return 'THIN';
  if (count >= GAP_THRESHOLDS.strongMinCount && here >= GAP_THRESHOLDS.strongAtLeast * there) return 'STRONG';
  return 'PRESENT';
}

/** A gap to fill with candidates: the benchmark has organisations in it that the region lacks or has few of. */
export const isGap = (status: GapStatus): boolean => status === 'MISSING' || status === 'THIN';

/** An alliance a candidate shares with organisations of the region, and how many of them belong. */
export interface SharedAlliance {
  alliance: Entity;
  members: number;
  /**
   * The region's own alliance: located in the region, or more than half of its members with a stated
   * location are in the region (大浦江's alliance states no location, but its members are in 浦江镇).
   */
  local: boolean;
}

/**
 * Where a candidate is relative to the region: LOCAL, a unit of it is located in the region;
 * LIKELY_LOCAL, no unit in the region but one without a stated location belongs to the region's own
 * alliance; ELSEWHERE, located outside; UNKNOWN, no stated location.
 */
export type Locality = 'LOCAL' | 'LIKELY_LOCAL' | 'ELSEWHERE' | 'UNKNOWN';

/** One unit of a company group (a subsidiary, a branch, an R&D centre). */
export interface GroupUnit {
  entity: Entity;
  /** Places it is located in, nearest first (park, town, district); empty when not stated. */
  location: string[];
  inRegion: boolean;
  /** Linked to the candidate's segment itself. */
  inSegment: boolean;
}

/** A candidate to fill a gap: a company (or a company group, as one), with the facts its score is made of. */
export interface GapCandidate {
  segment: string;
  /** The company, or the group's parent. */
  entity: Entity;
  score: number;
  /** The parts of the score: segment link (1 stated, 0.6 inferred), shared alliances (1 each, at most 3), links. */
  segmentPoints: number;
  alliancePoints: number;
  linkPoints: number;
  /** Its (or its units') link to the segment is inferred rather than stated. */
  inferred: boolean;
  /** The inferred link's reason, or null. */
  inferredBecause: string | null;
  /** Most members first, then by name; over all units of a group. */
  sharedAlliances: SharedAlliance[];
  /** Relations in the graph of the units linked to the segment. */
  degree: number;
  locality: Locality;
  /** Places of the company (the group's parent), nearest first. */
  location: string[];
  /** The group's other units; empty for a company on its own. */
  units: GroupUnit[];
}

export interface GapSegment {
  segment: Entity;
  tier: ChainTier;
  count: number;
  byType: TypeCount[];
  benchmarkCount: number;
  benchmarkByType: TypeCount[];
  /** count / classified, and the benchmark's. */
  share: number;
  benchmarkShare: number;
  /** The benchmark's count at the region's size: benchmark share × classified here. */
  expected: number;
  status: GapStatus;
}

export interface GapReport {
  region: Entity;
  benchmark: Entity | null;
  /** Distinct organisations classified in a segment here, and in the benchmark: the shares' denominators. */
  classified: number;
  benchmarkClassified: number;
  totals: TypeCount[];
  benchmarkTotals: TypeCount[];
  thresholds: { thinBelow: number; strongAtLeast: number; strongMinCount: number };
  segments: GapSegment[];
}

export interface GapCandidates {
  /** Attractable first (ELSEWHERE, UNKNOWN), then already or likely local, each ranked by score. */
  candidates: GapCandidate[];
  /** The places the candidates' locations name. */
  places: Entity[];
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** A gap candidate's score parts: its segment link (1 stated, 0.6 inferred), shared alliances (at most 3), 0.3 × ln(1 + degree). */
export function scoreParts(inferred: boolean, sharedAlliances: number, degree: number) {
  const segmentPoints = inferred ? 0.6 : 1;
  const alliancePoints = Math.min(sharedAlliances, 3);
  const linkPoints = round(0.3 * Math.log1p(degree));
  return { segmentPoints, alliancePoints, linkPoints, score: round(segmentPoints + alliancePoints + 0.3 * Math.log1p(degree)) };
}

export function candidateScore(inferred: boolean, sharedAlliances: number, degree: number): number {
  return scoreParts(inferred, sharedAlliances, degree).score;
}

/** A PART_OF link between two enterprises: the unit and its parent. */
export interface GroupLink {
  unit: string;
  parent: string;
}

/**
 * Company groups from PART_OF links between enterprises: each enterprise's group parent, the topmost
 * parent it reaches (柯惠(中国) → 柯惠医疗 → 美敦力). A unit with two parents follows the first by id;
 * a cycle stops where it closes.
 */
export function groupRoots(links: readonly GroupLink[]): Map<string, string> {
  const parentOf = new Map<string, string>();
  for (const l of [...links].sort((a, b) => a.unit.localeCompare(b.unit) || a.parent.localeCompare(b.parent))) {
    if (!parentOf.has(l.unit) && l.unit !== l.parent) parentOf.set(l.unit, l.parent);
  }
  const roots = new Map<string, string>();
  for (const id of new Set([...parentOf.keys(), ...parentOf.values()])) {
    const seen = new Set([id]);
    let at = id;
    for (let up = parentOf.get(at); up !== undefined && !seen.has(up); up = parentOf.get(at)) {
      seen.add(up);
      at = up;
    }
    roots.set(id, at);
  }
  return roots;
}

/** A LOCATED_IN link from an entity to a place (a region or park). */
export interface PlaceLink {
  from: string;
  place: string;
}

/** Each entity's places, nearest first, following the first place (by id) at each step. */
export function placeChains(links: readonly PlaceLink[]): Map<string, string[]> {
  const up = new Map<string, string>();
  for (const l of [...links].sort((a, b) => a.from.localeCompare(b.from) || a.place.localeCompare(b.place))) {
    if (!up.has(l.from) && l.from !== l.place) up.set(l.from, l.place);
  }
  const chains = new Map<string, string[]>();
  for (const id of up.keys()) {
    const chain: string[] = [];
    for (let p = up.get(id); p !== undefined && p !== id && !chain.includes(p); p = up.get(p)) chain.push(p);
    chains.set(id, chain);
  }
  return chains;
}

/** What the locality of a group (or a lone company) depends on, per unit (the parent included). */
export interface UnitPlace {
  inRegion: boolean;
  /** Located somewhere that is neither in the region nor one of the region's own enclosing places (上海市 for 闵行区). */
  elsewhere: boolean;
  /** No stated location, and a member of one of the region's own alliances. */
  inLocalAlliance: boolean;
}

/** A group is LOCAL if any unit is in the region, else LIKELY_LOCAL if any unlocated unit is in a local alliance, else ELSEWHERE or UNKNOWN. */
export function locality(units: readonly UnitPlace[]): Locality {
  if (units.some((u) => u.inRegion)) return 'LOCAL';
  if (units.some((u) => u.inLocalAlliance)) return 'LIKELY_LOCAL';
  if (units.some((u) => u.elsewhere)) return 'ELSEWHERE';
  return 'UNKNOWN';
}

export const isLocal = (l: Locality): boolean => l === 'LOCAL' || l === 'LIKELY_LOCAL';

/** An alliance shared with the region, how many organisations of the region belong, whether it is the region's own. */
interface Tie {
  alliance: Entity;
  members: number;
  local: boolean;
}

const byMembers = (a: Tie, b: Tie) => b.members - a.members || a.alliance.name.localeCompare(b.alliance.name, 'zh');

/**
 * Ties to the region through alliances, from the projection's MEMBER_OF links: the alliances the
 * region's members belong to (with how many), the candidates' alliances, and for those shared, how many
 * members state a location (to tell the region's own alliances). As keyed reads these took 1–4 s per
 * request at 100k entities (a district's thousands of members); only the shared alliances are read, once:
 * the answer names them from the ties.
 */
async function allianceTies(store: GraphStore, graph: AnalysisGraph, scope: string[], candIds: string[]): Promise<Map<string, Tie[]>> {
  const inScope = new Set(scope);
  const membersHere = new Map<string, number>();
  for (const x of inScope) for (const a of graph.alliancesOf(x)) membersHere.set(a, (membersHere.get(a) ?? 0) + 1);
  const candidateAlliances = [...new Set(candIds)].flatMap((id) => graph.alliancesOf(id).map((alliance) => ({ id, alliance })));
  const named = await getEntities(store, [...new Set(candidateAlliances.map((t) => t.alliance).filter((a) => membersHere.has(a)))]);
  const here = new Map<string, Tie>(
    [...named.values()].map((alliance) => [
      alliance.id,
      { alliance, members: membersHere.get(alliance.id)!, local: inScope.has(alliance.id) },
    ]),
  );
  // Members of the region are located by definition (the scope follows LOCATED_IN), so members ≤ located.
  for (const tie of here.values()) {
    if (!tie.local && tie.members * 2 > graph.placedMemberCount(tie.alliance.id)) tie.local = true;
  }
  const tiesOf = new Map<string, Tie[]>();
  for (const t of candidateAlliances) {
    const tie = here.get(t.alliance);
    if (!tie) continue;
    const list = tiesOf.get(t.id) ?? [];
    list.push(tie);
    tiesOf.set(t.id, list);
  }
  return tiesOf;
}

/** The company groups of some enterprises: PART_OF links followed up and down, a few steps. */
async function groupLinks(store: GraphStore, ids: string[]): Promise<GroupLink[]> {
  const links = new Map<string, GroupLink>();
  const seen = new Set(ids);
  let frontier = ids;
  for (let step = 0; step < 4 && frontier.length; step++) {
    const [up, down] = await Promise.all(
      ['(a:Entity {id: x})-[:PART_OF]->(b:Entity)', '(a:Entity {id: x})<-[:PART_OF]-(b:Entity)'].map((pattern) =>
        store.read(
          `UNWIND $ids AS x MATCH ${pattern} WHERE a.type = 'Enterprise' AND b.type = 'Enterprise' RETURN DISTINCT a.id AS a, b.id AS b`,
          { ids: frontier },
          { operation: 'gap company groups' },
        ),
      ),
    );
    const next: string[] = [];
    const add = (unit: string, parent: string, other: string) => {
      links.set(`${unit}>${parent}`, { unit, parent });
      if (!seen.has(other)) {
        seen.add(other);
        next.push(other);
      }
    };
    for (const r of up!) add(String(r.a), String(r.b), String(r.b));
    for (const r of down!) add(String(r.b), String(r.a), String(r.b));
    frontier = next;
  }
  return [...links.values()];
}

/** The places (regions, parks) some entities are located in, followed up a few steps. */
function placeLinks(graph: AnalysisGraph, ids: string[]): PlaceLink[] {
  const links: PlaceLink[] = [];
  const seen = new Set(ids);
  let frontier = ids;
  for (let step = 0; step < 5 && frontier.length; step++) {
    const next: string[] = [];
    for (const a of new Set(frontier)) {
      for (const p of graph.placesOf(a)) {
        if (p.type !== 'Region' && p.type !== 'Park') continue;
        links.push({ from: a, place: p.id });
        if (!seen.has(p.id)) {
          seen.add(p.id);
          next.push(p.id);
        }
      }
    }
    frontier = next;
  }
  return links;
}

/** Rows cap: the candidates ranked per segment come from the most linked 200 per gap segment. */
const ROWS_PER_SEGMENT = 200;

/** What ranking and describing the candidates needs: their groups, places, alliance ties and segments. */
interface Context {
  rootOf: (id: string) => string;
  unitsOf: Map<string, string[]>;
  chains: Map<string, string[]>;
  tiesOf: Map<string, Tie[]>;
  inScope: Set<string>;
  unitSegments: Set<string>;
  unitPlace: (id: string) => UnitPlace;
}

async function candidateContext(
  store: GraphStore,
  graph: AnalysisGraph,
  rows: SegmentRow[],
  region: Entity,
  scope: string[],
): Promise<Context> {
  const candIds = [...new Set(rows.map((r) => r.id))];
  const roots = groupRoots(await groupLinks(store, candIds));
  const unitsOf = new Map<string, string[]>();
  for (const [id, root] of roots) unitsOf.set(root, [...(unitsOf.get(root) ?? []), id]);
  const allIds = [...new Set([...candIds, ...roots.keys()])];
  const tiesOf = await allianceTies(store, graph, scope, allIds);
  const places = placeLinks(graph, [...allIds, region.id]);
  const unitSegments = new Set([...roots.keys()].flatMap((u) => graph.segmentsOf(u).map((seg) => `${u}>${seg}`)));
  const chains = placeChains(places);
  const inScope = new Set(scope);
  // The places enclosing the region (上海市 for 闵行区) say nothing about being elsewhere.
  const enclosing = new Set(chains.get(region.id) ?? []);
  return {
    rootOf: (id) => roots.get(id) ?? id,
    unitsOf,
    chains,
    tiesOf,
    inScope,
    unitSegments,
    unitPlace: (id) => {
      const chain = chains.get(id) ?? [];
      return {
        inRegion: inScope.has(id),
        elsewhere: chain.some((p) => !inScope.has(p) && !enclosing.has(p)),
        inLocalAlliance: chain.length === 0 && (tiesOf.get(id) ?? []).some((t) => t.local),
      };
    },
  };
}

type Draft = Omit<GapCandidate, 'sharedAlliances' | 'units'> & { ties: Tie[]; unitIds: string[] };

/** One draft per group (or lone company) and segment, scored; per segment the best to attract, then the best local ones. */
function rankGroups(segmentIds: string[], rows: SegmentRow[], ctx: Context, entities: Map<string, Entity>): Draft[] {
  const groups = new Map<string, Map<string, SegmentRow[]>>(segmentIds.map((s) => [s, new Map()]));
  for (const r of rows) {
    const bySeg = groups.get(r.seg);
    const root = ctx.rootOf(r.id);
    bySeg?.set(root, [...(bySeg.get(root) ?? []), r]);
  }
  const drafts: Draft[] = [];
  for (const [seg, bySeg] of groups) {
    const ranked: Draft[] = [];
    for (const [root, segRows] of bySeg) {
      const entity = entities.get(root);
      if (!entity) continue;
      const members = [root, ...(ctx.unitsOf.get(root) ?? []).filter((u) => u !== root)];
      const ties = [...new Map(members.flatMap((m) => ctx.tiesOf.get(m) ?? []).map((t) => [t.alliance.id, t])).values()].sort(byMembers);
      const inferred = segRows.every((r) => r.inferred);
      const degree = segRows.reduce((n, r) => n + r.degree, 0);
      ranked.push({
        segment: seg,
        entity,
        ...scoreParts(inferred, ties.length, degree),
        inferred,
        inferredBecause: inferred ? (segRows.find((r) => r.why !== null)?.why ?? null) : null,
        degree,
        locality: locality(members.map(ctx.unitPlace)),
        location: ctx.chains.get(root) ?? [],
        ties,
        unitIds: members.slice(1),
      });
    }
    ranked.sort((a, b) => b.score - a.score || a.entity.name.localeCompare(b.entity.name, 'zh'));
    for (const local of [false, true]) {
      drafts.push(...ranked.filter((d) => isLocal(d.locality) === local).slice(0, GAP_THRESHOLDS.candidatesPerSegment));
    }
  }
  return drafts;
}

const collator = new Intl.Collator('zh');

/**
 * Candidates for the gap segments: entities outside the region linked to the segment, a company group
 * as one (its parent named, its units listed), each placed and flagged local or not.
 */
async function candidates(store: GraphStore, graph: AnalysisGraph, segmentIds: string[], region: Entity): Promise<GapCandidates> {
  if (segmentIds.length === 0) return { candidates: [], places: [] };
  // Organisations outside the region in the gap segments, most linked first, from the projection:
  // the query counting every such organisation's relations read thousands of rows per request.
  const rows = graph.segmentRows(segmentIds, region.id, ROWS_PER_SEGMENT * segmentIds.length);
  const scope = graph.scope(region.id);
  const ctx = await candidateContext(store, graph, rows, region, scope);
  const drafts = rankGroups(segmentIds, rows, ctx, await getEntities(store, [...new Set(rows.map((r) => ctx.rootOf(r.id)))]));
  // The entities named: units and places of the candidates kept, in one keyed read (their alliances came with the ties).
  const unitIds = [...new Set(drafts.flatMap((d) => d.unitIds))];
  const placeIds = [...new Set([...drafts.flatMap((d) => d.location), ...unitIds.flatMap((u) => ctx.chains.get(u) ?? [])])];
  const entities = await getEntities(store, [...new Set([...unitIds, ...placeIds])]);
  const unit = (u: string, segment: string): GroupUnit[] => {
    const entity = entities.get(u);
    return entity
      ? [{ entity, location: ctx.chains.get(u) ?? [], inRegion: ctx.inScope.has(u), inSegment: ctx.unitSegments.has(`${u}>${segment}`) }]
      : [];
  };
  const found = ({ ties, unitIds: units, ...d }: Draft): GapCandidate => ({
    ...d,
    sharedAlliances: ties.map(({ alliance, members, local }) => ({ alliance, members, local })),
    units: units
      .flatMap((u) => unit(u, d.segment))
      .sort((a, b) => Number(b.inSegment) - Number(a.inSegment) || collator.compare(a.entity.name, b.entity.name))
      .slice(0, GAP_THRESHOLDS.unitsPerGroup),
  });
  return {
    candidates: drafts.map(found),
    places: placeIds.flatMap((id) => {
      const place = entities.get(id);
      return place ? [place] : [];
    }),
  };
}

/** A region and what it is compared with (null: the whole graph); their scopes are the projection's. */
export interface GapOptions {
  region: Entity;
  benchmark: Entity | null;
}

function report(chain: Entity[], graph: AnalysisGraph, opts: GapOptions): GapReport {
  // Counted in memory from the projection, per region and kept for the graph's generation: two
  // counting queries per scope took 160 ms (p50) to 880 ms (p99) at 100k entities.
  const here = graph.segmentTotals(opts.region.id);
  const bench = graph.segmentTotals(opts.benchmark?.id ?? null);
  const share = (n: number, total: number) => (total > 0 ? n / total : 0);
  const segments = chain.map((segment): GapSegment => {
    const count = here.counts.get(segment.id) ?? 0;
    const benchmarkCount = bench.counts.get(segment.id) ?? 0;
    const benchmarkShare = share(benchmarkCount, bench.total);
    return {
      segment,
      tier: (segment.tier as ChainTier) ?? 'midstream',
      count,
      byType: here.byType.get(segment.id) ?? [],
      benchmarkCount,
      benchmarkByType: bench.byType.get(segment.id) ?? [],
      share: round(share(count, here.total), 4),
      benchmarkShare: round(benchmarkShare, 4),
      expected: round(benchmarkShare * here.total),
      status: gapStatus(count, benchmarkCount, here.total, bench.total),
    };
  });
  const { thinBelow, strongAtLeast, strongMinCount } = GAP_THRESHOLDS;
  return {
    region: opts.region,
    benchmark: opts.benchmark,
    classified: here.total,
    benchmarkClassified: bench.total,
    totals: here.totals,
    benchmarkTotals: bench.totals,
    thresholds: { thinBelow, strongAtLeast, strongMinCount },
    segments,
  };
}

/** The report for the graph now; `graph` is the projection to count on (tests pass one built from scratch). */
export async function gapReport(store: GraphStore, opts: GapOptions, graph?: AnalysisGraph): Promise<GapReport> {
  graph ??= await analysisGraph(store);
  return report(await chainSegmentsIn(store, graph), graph, opts);
}

/** Candidates for the region's gaps (MISSING and THIN segments), or for one of them. */
export async function gapCandidates(
  store: GraphStore,
  opts: GapOptions & { segment: string | null },
  graph?: AnalysisGraph,
): Promise<GapCandidates> {
  graph ??= await analysisGraph(store);
  const gaps = report(await chainSegmentsIn(store, graph), graph, opts).segments.filter(
    (s) => isGap(s.status) && (opts.segment === null || s.segment.id === opts.segment),
  );
  return candidates(
    store,
    graph,
    gaps.map((s) => s.segment.id),
    opts.region,
  );
}
