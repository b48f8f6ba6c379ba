/**
 * A lead's origin, frozen when it is created: the server runs the analysis the lead came from again
 * (gap candidates of the region, or partner suggestions of an entity) and keeps what it said of the
 * target — score, the score's parts, the evidence with its paths and sources — so the lead shows why
 * it was opened even after the graph changes. A target the analysis does not suggest is refused:
 * the origin is the server's answer, never the client's word.
 */
import { gapCandidates, type GapCandidate } from '../analysis/gaps.js';
import { partners, type PartnerSuggestion } from '../analysis/partners.js';
import { badInput } from '../errors.js';
import { getRegion } from '../graph.js';
import type { Entity } from '../model.js';
import type { GraphStore } from '../../store/types.js';
import type { LeadOrigin, LeadOriginKind } from './types.js';

export interface OriginInput {
  kind: LeadOriginKind;
  /** GAP_CANDIDATE: the benchmark of the gap analysis (null: the whole graph). */
  benchmark?: string | null;
  /** PARTNER_SUGGESTION: whose partner the target was suggested as. */
  partnerOf?: string | null;
  /** SEARCH: what was searched for. */
  searchText?: string | null;
}

/** What the lead keeps of an entity named in its evidence (its name as it was then). */
const slim = (e: Entity) => ({ id: e.id, name: e.name, type: e.type, kind: e.kind });

function frozenCandidate(c: GapCandidate) {
  return {
    ...c,
    entity: slim(c.entity),
    sharedAlliances: c.sharedAlliances.map((s) => ({ ...s, alliance: slim(s.alliance) })),
    units: c.units.map((u) => ({ ...u, entity: slim(u.entity) })),
  };
}

function frozenSuggestion(s: PartnerSuggestion) {
  return {
    entity: slim(s.entity),
    score: s.score,
    role: s.role,
    evidence: s.evidence.map((e) => ({ ...e, via: e.via ? slim(e.via) : null, nodes: e.nodes.map(slim) })),
  };
}

async function fromGapCandidates(store: GraphStore, target: string, region: string, segment: string | null, benchmark: string | null) {
  const here = await getRegion(store, region);
  const bench = benchmark ? await getRegion(store, benchmark) : null;
  const answer = await gapCandidates(store, { region: here, benchmark: bench, segment });
  const found = answer.candidates.find((c) => c.entity.id === target || c.units.some((u) => u.entity.id === target));
  if (!found) {
    throw badInput('the gap analysis does not suggest this entity for this region', { field: 'target', reason: 'NOT_A_CANDIDATE' });
  }
  return {
    score: found.score,
    parts: { segmentPoints: found.segmentPoints, alliancePoints: found.alliancePoints, linkPoints: found.linkPoints },
    evidence: frozenCandidate(found),
    params: { region, benchmark, segment: found.segment },
    segment: found.segment,
  };
}

async function fromPartners(store: GraphStore, target: string, partnerOf: string) {
  const suggestions = await partners(store, partnerOf, 100);
  const found = suggestions.find((s) => s.entity.id === target);
  if (!found) {
    throw badInput('the partner analysis does not suggest this entity', { field: 'target', reason: 'NOT_A_CANDIDATE' });
  }
  const parts: Record<string, number> = {};
  for (const e of found.evidence) parts[e.kind] = Math.round(((parts[e.kind] ?? 0) + e.weight) * 100) / 100;
  return { score: found.score, parts, evidence: frozenSuggestion(found), params: { partnerOf } };
}

/**
 * The frozen origin of a lead for `target` (null: a proposed company) in `region`, and the segment
 * the analysis names when the caller gave none.
 */
export async function freezeOrigin(
  store: GraphStore,
  input: OriginInput,
  lead: { target: string | null; region: string; segment: string | null },
  at: string,
): Promise<{ origin: LeadOrigin; segment: string | null }> {
  const needsTarget = input.kind === 'GAP_CANDIDATE' || input.kind === 'PARTNER_SUGGESTION';
  if (needsTarget && !lead.target) {
    throw badInput('a lead from an analysis is about an entity the analysis suggested', { field: 'target', reason: 'TARGET_REQUIRED' });
  }
  if (input.kind === 'GAP_CANDIDATE') {
    const g = await fromGapCandidates(store, lead.target!, lead.region, lead.segment, input.benchmark ?? null);
    return { origin: { kind: input.kind, score: g.score, parts: g.parts, evidence: g.evidence, params: g.params, at }, segment: g.segment };
  }
  if (input.kind === 'PARTNER_SUGGESTION') {
    if (!input.partnerOf) throw badInput('partnerOf names whose partner the target was suggested as', { field: 'origin.partnerOf' });
    const p = await fromPartners(store, lead.target!, input.partnerOf);
    return {
      origin: { kind: input.kind, score: p.score, parts: p.parts, evidence: p.evidence, params: p.params, at },
      segment: lead.segment,
    };
  }
  const params = input.kind === 'SEARCH' ? { searchText: (input.searchText ?? '').trim().slice(0, 200) || null } : {};
  return { origin: { kind: input.kind, score: null, parts: null, evidence: null, params, at }, segment: lead.segment };
}
