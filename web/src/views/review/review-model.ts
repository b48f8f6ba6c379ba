/**
 * The reviewer's decisions and what follows from them, without React: which group a proposal is in,
 * whether it still needs a decision, whether a relation can be accepted, what `applyIngest` is sent,
 * and the article's text cut into plain runs and highlighted names.
 */
import type { EntityDecision, EntityType, IngestDecision, RelationDecision } from '../../gql/graphql.js';
import type { Picked } from '../edit/entity-picker.js';
import type { IngestJob, Proposal, RelationProposal } from './review-queries.js';

/** At or above this score a match links unless the reviewer decides otherwise (server/review/queue.ts). */
export const CONFIDENT = 0.9;

export const GROUPS = ['new', 'matched', 'uncertain'] as const;
export type Group = (typeof GROUPS)[number];

export const groupOf = (p: Proposal): Group => (!p.match ? 'new' : p.match.score >= CONFIDENT ? 'matched' : 'uncertain');

export interface EntityChoice {
  decision: IngestDecision;
  /** Re-linked to this existing entity. */
  target?: Picked | null;
  /** A new entity's name and type, edited. */
  name?: string | null;
  type?: EntityType | null;
}

export type Choices = Record<string, EntityChoice>;
export type RelationChoices = Record<number, IngestDecision>;

/** What will happen to a proposal: accepted, rejected, or waiting for a decision. */
export type Outcome = 'accept' | 'reject' | 'pending';

/**
 * Where the review of an article is: open (decisions being made), applied in this session (the
 * decisions made are what happened), or closed (applied or discarded earlier: the decisions were not
 * kept, so the proposals are shown without them).
 */
export type ReviewPhase = 'open' | 'applied' | 'closed';

/** The label of a proposal's decision: what will happen while open, what happened once applied. */
export const outcomeKey = (outcome: Outcome, phase: ReviewPhase) =>
  phase === 'applied' ? (`review.done.${outcome}` as const) : (`review.state.${outcome}` as const);

export function outcomeOf(p: Proposal, choices: Choices): Outcome {
  const c = choices[p.key];
  if (c) return c.decision;
  return groupOf(p) === 'matched' ? 'accept' : 'pending';
}

/** Accepted as which existing entity (re-link or match), or null when it becomes a new one. */
export function linkedTo(p: Proposal, choices: Choices): Picked | null {
  const c = choices[p.key];
  if (c?.target) return c.target;
  if (c?.name || c?.type) return null;
  return p.match ? p.match.entity : null;
}

/** The name a proposal will have in the graph. */
export const finalName = (p: Proposal, choices: Choices): string => linkedTo(p, choices)?.name ?? choices[p.key]?.name ?? p.name;

/** Why a relation cannot be accepted: one of its ends is rejected (or missing). */
export function relationBlocked(r: RelationProposal, byKey: Map<string, Proposal>, choices: Choices): 'endRejected' | null {
  const ends = [byKey.get(r.from), byKey.get(r.to)];
  return ends.some((e) => !e || outcomeOf(e, choices) === 'reject') ? 'endRejected' : null;
}

export function pendingCount(job: IngestJob, choices: Choices): number {
  return job.entities.filter((p) => outcomeOf(p, choices) === 'pending').length;
}

/** The decisions `applyIngest` is sent: every decided proposal, and accepted relations whose ends stay. */
export function decisionsOf(
  job: IngestJob,
  choices: Choices,
  relationChoices: RelationChoices,
): { entities: EntityDecision[]; relations: RelationDecision[] } {
  const byKey = new Map(job.entities.map((p) => [p.key, p]));
  const entities = job.entities
    .filter((p) => choices[p.key])
    .map((p) => {
      const c = choices[p.key];
      const d: EntityDecision = { key: p.key, decision: c.decision };
      if (c.decision === 'accept' && c.target) d.target = c.target.id;
      else if (c.decision === 'accept') {
        if (c.name && c.name !== p.name) d.name = c.name;
        if (c.type && c.type !== p.type) d.type = c.type;
      }
      return d;
    });
  const relations = job.relations
    .filter((r) => relationChoices[r.index] === 'accept' && !relationBlocked(r, byKey, choices))
    .map((r) => ({ index: r.index, decision: 'accept' as const }));
  return { entities, relations };
}

export interface Run {
  start: number;
  end: number;
  /** The proposal named here, for a highlighted run. */
  key: string | null;
}

/**
 * The text cut into runs at the proposals' spans. Where spans overlap (a short name inside a longer
 * one), the one that starts first — and of those the longer — is highlighted.
 */
export function textRuns(text: string, proposals: readonly Pick<Proposal, 'key' | 'spans'>[]): Run[] {
  const spans = proposals
    .flatMap((p) => p.spans.map((s) => ({ ...s, key: p.key })))
    .filter((s) => s.start >= 0 && s.end <= text.length && s.end > s.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const runs: Run[] = [];
  let at = 0;
  for (const s of spans) {
    if (s.start < at) continue;
    if (s.start > at) runs.push({ start: at, end: s.start, key: null });
    runs.push(s);
    at = s.end;
  }
  if (at < text.length) runs.push({ start: at, end: text.length, key: null });
  return runs;
}
