/**
 * The evidence rules of partner suggestions: each turns the rows one store read returns into evidence
 * items for candidates (weights in PARTNER_WEIGHTS, described in the README). Pure: no store here.
 */
import type { Row } from '../../store/types.js';
import { CHAIN_TIERS, type Edge, type Entity } from '../model.js';
import { decodeEdge } from '../records.js';

export const PARTNER_WEIGHTS = {
  SAME_ALLIANCE: 2, // per shared alliance, at most 2 counted
  SAME_PARK: 1.5,
  SAME_PLACE: 0.5, // same town or district
  COMPLEMENTARY_SEGMENT: 2, // halved when either segment link is inferred
  SAME_SEGMENT: 0.5,
  SHARED_HOSPITAL: 1,
  CLINICAL: 1, // a hospital, for an entity in a midstream (product) segment
  RESEARCH: 1, // a university, for an entity in an upstream or midstream segment
  ALLIANCE_TO_JOIN: 1, // plus 0.5 per relevant member, at most 2 more
  // Tie-breakers: small weights, so they order equals without overturning the evidence above.
  SHARED_EVENT: 0.5, // per event both took part in, at most 2 counted
  SIGNED_RECORD: 0.5, // the candidate has signed agreements with others (only with other evidence)
  UNIT_NEARBY: 0.5, // a unit of the candidate (a campus, a branch) is in the target's park or place (only with other evidence)
};

/** At most this many of a kind count in the score (one big alliance or event cannot dominate). */
export const MAX_COUNTED: Partial<Record<EvidenceKind, number>> = { SAME_ALLIANCE: 2, SHARED_EVENT: 2, UNIT_NEARBY: 1 };

export type EvidenceKind = keyof typeof PARTNER_WEIGHTS;
export type ChainDirection = 'UPSTREAM' | 'DOWNSTREAM';
export type PartnerRole = ChainDirection | 'PEER' | 'HOSPITAL' | 'UNIVERSITY' | 'ALLIANCE';

/** One piece of evidence: what it adds, the entity it goes through, and the path behind it. */
export interface Evidence {
  kind: EvidenceKind;
  weight: number;
  /**
   * The shared alliance, park, place or hospital; the candidate's segment; an alliance's first member;
   * the first counterpart of a signed agreement; the candidate's unit near the target; or null.
   */
  via: Entity | null;
  /** COMPLEMENTARY_SEGMENT: where the candidate sits relative to the target. */
  direction: ChainDirection | null;
  /**
   * ALLIANCE_TO_JOIN: how many organisations sharing the target's park or chain already belong;
   * SIGNED_RECORD: how many organisations the candidate has signed agreements with.
   */
  count: number | null;
  /** Some edge of the path is inferred. */
  inferred: boolean;
  nodes: Entity[];
  edges: Edge[];
}

/** Evidence for one entity, and the role it gives that entity (up- or downstream), if any. */
export interface Found {
  entity: Entity;
  evidence: Evidence;
  role?: PartnerRole;
}

export interface Candidate {
  entity: Entity;
  evidence: Evidence[];
  role?: PartnerRole;
}

/** Decodes the entity under a column prefix of a row (partners() caches one object per id). */
export type Decode = (row: Row, prefix: string) => Entity;

const SUGGESTABLE = new Set(['Enterprise', 'Hospital', 'University', 'Alliance', 'Park']);

/** The candidates so far; excluded ids (the target, its partners, its alliances) and other types are never added. */
export class CandidatePool {
  private readonly byId = new Map<string, Candidate>();

  constructor(private readonly exclude: ReadonlySet<string>) {}

  accepts(x: Entity): boolean {
    return !this.exclude.has(x.id) && SUGGESTABLE.has(x.type);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  get(id: string): Candidate | undefined {
    return this.byId.get(id);
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }

  values(): Candidate[] {
    return [...this.byId.values()];
  }

  add(found: readonly Found[]): void {
    for (const f of found) {
      if (!this.accepts(f.entity)) continue;
      const c = this.byId.get(f.entity.id) ?? { entity: f.entity, evidence: [] };
      c.evidence.push(f.evidence);
      if (f.role) c.role = f.role;
      this.byId.set(f.entity.id, c);
    }
  }
}

function item(
  kind: EvidenceKind,
  weight: number,
  via: Entity | null,
  nodes: Entity[],
  edges: Edge[],
  extra: { direction?: ChainDirection; count?: number } = {},
): Evidence {
  const inferred = edges.some((e) => e.inferred);
  return { kind, weight, via, direction: extra.direction ?? null, count: extra.count ?? null, inferred, nodes, edges };
}

/** SAME_ALLIANCE, from rows target -r1-> alliance (a_) <-r2- x (x_). */
export function sameAlliance(target: Entity, rows: readonly Row[], decode: Decode): Found[] {
  return rows.map((r) => {
    const a = decode(r, 'a_');
    const x = decode(r, 'x_');
    const edges = [decodeEdge(r, target.id, a.id, 'r1_'), decodeEdge(r, x.id, a.id, 'r2_')];
    return { entity: x, evidence: item('SAME_ALLIANCE', PARTNER_WEIGHTS.SAME_ALLIANCE, a, [target, a, x], edges) };
  });
}

/** SAME_PARK (the place is a park) or SAME_PLACE, from rows target -r1-> place (p_) <-r2- x (x_). */
export function samePlace(target: Entity, rows: readonly Row[], decode: Decode): Found[] {
  return rows.map((r) => {
    const p = decode(r, 'p_');
    const x = decode(r, 'x_');
    const kind = p.type === 'Park' ? 'SAME_PARK' : 'SAME_PLACE';
    const edges = [decodeEdge(r, target.id, p.id, 'r1_'), decodeEdge(r, x.id, p.id, 'r2_')];
    return { entity: x, evidence: item(kind, PARTNER_WEIGHTS[kind], p, [target, p, x], edges) };
  });
}

/** A segment's place in the chain (0 upstream … 2 downstream); a segment without a tier counts as midstream. */
const tierOf = (segment: Entity) => CHAIN_TIERS.indexOf(segment.tier ?? 'midstream');

/** A segment of the target (for a park, of the entities in it), with the link that puts it there. */
export interface MySegment {
  seg: Entity;
  edge: Edge;
}

/** The target's segments by id, from rows `via` -r-> segment (s_); the first link of each counts. */
export function mySegments(rows: readonly Row[], decode: Decode): Map<string, MySegment> {
  const segs = new Map<string, MySegment>();
  for (const r of rows) {
    const s = decode(r, 's_');
    if (!segs.has(s.id)) segs.set(s.id, { seg: s, edge: decodeEdge(r, String(r.via), s.id) });
  }
  return segs;
}

const myTiers = (mine: ReadonlyMap<string, MySegment>) => new Set([...mine.values()].map((s) => tierOf(s.seg)));

/** The segments worth reading members of: the target's own, and those in a tier next to one of its tiers. */
export function wantedSegments(all: readonly Entity[], mine: ReadonlyMap<string, MySegment>): string[] {
  const tiers = myTiers(mine);
  return all.filter((s) => [...tiers].some((t) => Math.abs(tierOf(s) - t) === 1) || mine.has(s.id)).map((s) => s.id);
}

/**
 * COMPLEMENTARY_SEGMENT (x in a tier next to the target's, and in none of the target's tiers; up- or
 * downstream) and SAME_SEGMENT (an enterprise in one of the target's segments, only when it already
 * has other evidence — in the pool, or complementary from any of its rows, whatever their order), from
 * rows x (x_) -r-> s (s_).
 */
export function chainEvidence(
  target: Entity,
  mine: ReadonlyMap<string, MySegment>,
  rows: readonly Row[],
  decode: Decode,
  pool: CandidatePool,
): Found[] {
  const tiers = myTiers(mine);
  const complementary = (tier: number, myTier: number) => Math.abs(tier - myTier) === 1 && !tiers.has(tier);
  const decoded = rows.map((r) => {
    const x = decode(r, 'x_');
    const s = decode(r, 's_');
    return { x, s, xEdge: decodeEdge(r, x.id, s.id), tier: tierOf(s) };
  });
  const joined = new Set(
    decoded.filter((d) => pool.accepts(d.x) && [...mine.values()].some((m) => complementary(d.tier, tierOf(m.seg)))).map((d) => d.x.id),
  );
  const out: Found[] = [];
  for (const { x, s, xEdge, tier } of decoded) {
    for (const m of mine.values()) {
      const myTier = tierOf(m.seg);
      const nodes = [target, m.seg, s, x];
      const edges = [m.edge, xEdge];
      if (complementary(tier, myTier)) {
        const direction: ChainDirection = tier < myTier ? 'UPSTREAM' : 'DOWNSTREAM';
        const weight = PARTNER_WEIGHTS.COMPLEMENTARY_SEGMENT * (m.edge.inferred || xEdge.inferred ? 0.5 : 1);
        const evidence = item('COMPLEMENTARY_SEGMENT', weight, s, nodes, edges, { direction });
        out.push({ entity: x, evidence, role: x.type === 'Enterprise' ? direction : undefined });
      } else if (s.id === m.seg.id && x.type === 'Enterprise' && (pool.has(x.id) || joined.has(x.id))) {
        out.push({ entity: x, evidence: item('SAME_SEGMENT', PARTNER_WEIGHTS.SAME_SEGMENT, s, nodes, edges) });
      }
    }
  }
  return out;
}

/**
 * CLINICAL (a hospital, for a target with a midstream segment) and RESEARCH (a university, for one with an
 * up- or midstream segment), for candidates that already have evidence; the path is their first one's.
 */
export function clinicalResearch(candidates: readonly Candidate[], mine: ReadonlyMap<string, MySegment>): Found[] {
  const tiers = myTiers(mine);
  const product = tiers.has(CHAIN_TIERS.indexOf('midstream'));
  const rd = tiers.has(CHAIN_TIERS.indexOf('upstream')) || product;
  const out: Found[] = [];
  for (const c of candidates) {
    const { nodes, edges } = c.evidence[0];
    if (c.entity.type === 'Hospital' && product) {
      out.push({ entity: c.entity, evidence: item('CLINICAL', PARTNER_WEIGHTS.CLINICAL, null, nodes, edges) });
    }
    if (c.entity.type === 'University' && rd) {
      out.push({ entity: c.entity, evidence: item('RESEARCH', PARTNER_WEIGHTS.RESEARCH, null, nodes, edges) });
    }
  }
  return out;
}

/** SHARED_HOSPITAL, from rows target –r1– hospital (h_) –r2– x (x_), with each edge's start in r1_from / r2_from. */
export function sharedHospital(target: Entity, rows: readonly Row[], decode: Decode): Found[] {
  return rows.map((r) => {
    const h = decode(r, 'h_');
    const x = decode(r, 'x_');
    const e1 = r.r1_from === target.id ? decodeEdge(r, target.id, h.id, 'r1_') : decodeEdge(r, h.id, target.id, 'r1_');
    const e2 = r.r2_from === x.id ? decodeEdge(r, x.id, h.id, 'r2_') : decodeEdge(r, h.id, x.id, 'r2_');
    return { entity: x, evidence: item('SHARED_HOSPITAL', PARTNER_WEIGHTS.SHARED_HOSPITAL, h, [target, h, x], [e1, e2]) };
  });
}

/** How many peers' alliances are read for ALLIANCE_TO_JOIN. */
const PEERS_FOR_ALLIANCES = 300;
const PEER_KINDS = new Set<EvidenceKind>(['SAME_PARK', 'SAME_PLACE', 'SAME_SEGMENT', 'COMPLEMENTARY_SEGMENT']);

/**
 * The strongest peers (sharing the target's park, place or chain; by evidence so far, then id): the
 * alliances worth joining are theirs, and a short list keeps the membership scan cheap on a large graph.
 */
export function strongestPeers(candidates: readonly Candidate[]): string[] {
  const weight = (c: Candidate) => c.evidence.reduce((sum, e) => sum + e.weight, 0);
  return candidates
    .filter((c) => c.evidence.some((e) => PEER_KINDS.has(e.kind)))
    .sort((a, b) => weight(b) - weight(a) || a.entity.id.localeCompare(b.entity.id))
    .slice(0, PEERS_FOR_ALLIANCES)
    .map((c) => c.entity.id);
}

/**
 * ALLIANCE_TO_JOIN, from rows peer (x_) -r-> alliance (a_): 1 + 0.5 per peer already in it (at most +2);
 * the path is the first member's first evidence, then its membership.
 */
export function allianceToJoin(target: Entity, rows: readonly Row[], decode: Decode, pool: CandidatePool): Found[] {
  const byAlliance = new Map<string, { a: Entity; members: { x: Entity; edge: Edge }[] }>();
  for (const r of rows) {
    const a = decode(r, 'a_');
    const x = decode(r, 'x_');
    const g = byAlliance.get(a.id) ?? { a, members: [] };
    g.members.push({ x, edge: decodeEdge(r, x.id, a.id) });
    byAlliance.set(a.id, g);
  }
  return [...byAlliance.values()].map(({ a, members }) => {
    const first = members[0];
    const path = pool.get(first.x.id)?.evidence[0];
    const weight = PARTNER_WEIGHTS.ALLIANCE_TO_JOIN + Math.min(members.length * 0.5, 2);
    const nodes = [...(path?.nodes ?? [target, first.x]), a];
    const edges = [...(path?.edges ?? []), first.edge];
    return { entity: a, evidence: item('ALLIANCE_TO_JOIN', weight, first.x, nodes, edges, { count: members.length }) };
  });
}

/** SHARED_EVENT, from rows target -r1-> event (v_) <-r2- x (x_): both took part in (or organised) the same event. */
export function sharedEvent(target: Entity, rows: readonly Row[], decode: Decode): Found[] {
  return rows.map((r) => {
    const v = decode(r, 'v_');
    const x = decode(r, 'x_');
    const edges = [decodeEdge(r, target.id, v.id, 'r1_'), decodeEdge(r, x.id, v.id, 'r2_')];
    return { entity: x, evidence: item('SHARED_EVENT', PARTNER_WEIGHTS.SHARED_EVENT, v, [target, v, x], edges) };
  });
}

/**
 * SIGNED_RECORD, from rows x (x_) –SIGNED– y (y_) with the agreement's start in r_from: a candidate that
 * already has evidence and has signed agreements (with anyone but the target) gets 0.5, its count of
 * counterparts, the first of them as `via`; the path is its first evidence's, then the agreement.
 */
export function signedRecord(target: Entity, rows: readonly Row[], decode: Decode, pool: CandidatePool): Found[] {
  const byCandidate = new Map<string, { x: Entity; signed: { y: Entity; edge: Edge }[] }>();
  for (const r of rows) {
    const x = decode(r, 'x_');
    const y = decode(r, 'y_');
    if (y.id === target.id || !pool.has(x.id)) continue;
    const g = byCandidate.get(x.id) ?? { x, signed: [] };
    if (g.signed.some((s) => s.y.id === y.id)) continue;
    const edge = r.r_from === x.id ? decodeEdge(r, x.id, y.id) : decodeEdge(r, y.id, x.id);
    g.signed.push({ y, edge });
    byCandidate.set(x.id, g);
  }
  return [...byCandidate.values()].map(({ x, signed }) => {
    const path = pool.get(x.id)!.evidence[0];
    const first = signed[0];
    const evidence = item('SIGNED_RECORD', PARTNER_WEIGHTS.SIGNED_RECORD, first.y, [...path.nodes, first.y], [...path.edges, first.edge], {
      count: signed.length,
    });
    return { entity: x, evidence };
  });
}

/**
 * UNIT_NEARBY, from rows unit (u_) -PART_OF-> x (x_) for the units found in the target's park or place
 * (`near`, each with its place row target -r1-> p (p_) <-r2- unit): a candidate that already has
 * evidence and has a unit (a hospital's campus, a company's branch) where the target is gets 0.5,
 * once, unless it is in that place itself; the path is target → place ← unit → candidate.
 */
export function unitNearby(target: Entity, near: readonly Row[], units: readonly Row[], decode: Decode, pool: CandidatePool): Found[] {
  const placeOf = new Map<string, Row>();
  for (const r of near) if (!placeOf.has(String(r.x_id))) placeOf.set(String(r.x_id), r);
  const out: Found[] = [];
  const done = new Set<string>();
  for (const r of units) {
    const x = decode(r, 'x_');
    const at = placeOf.get(String(r.u_id));
    if (!at || done.has(x.id) || !pool.has(x.id)) continue;
    const p = decode(at, 'p_');
    if (pool.get(x.id)!.evidence.some((e) => (e.kind === 'SAME_PARK' || e.kind === 'SAME_PLACE') && e.via?.id === p.id)) continue;
    const u = decode(at, 'x_');
    const edges = [decodeEdge(at, target.id, p.id, 'r1_'), decodeEdge(at, u.id, p.id, 'r2_'), decodeEdge(r, u.id, x.id)];
    out.push({ entity: x, evidence: item('UNIT_NEARBY', PARTNER_WEIGHTS.UNIT_NEARBY, u, [target, p, u, x], edges) });
    done.add(x.id);
  }
  return out;
}
