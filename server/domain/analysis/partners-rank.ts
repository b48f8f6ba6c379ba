/** Scoring and choosing partner suggestions from candidates and their evidence. Pure: no store here. */
import type { Entity } from '../model.js';
import { type Candidate, type Evidence, MAX_COUNTED, type PartnerRole } from './partners-evidence.js';

export interface PartnerSuggestion {
  entity: Entity;
  /** The sum of the evidence weights, to two decimals. */
  score: number;
  role: PartnerRole;
  /** The evidence counted in the score, strongest first. */
  evidence: Evidence[];
}

const ROLE_BY_TYPE: Partial<Record<Entity['type'], PartnerRole>> = { Hospital: 'HOSPITAL', University: 'UNIVERSITY', Alliance: 'ALLIANCE' };

/** The same piece of evidence found twice (e.g. over two of the target's segments) counts once. */
const evidenceKey = (e: Evidence) => `${e.kind}:${e.via?.id ?? ''}:${e.direction ?? ''}`;

export function toSuggestion(c: Candidate): PartnerSuggestion {
  // At most two shared alliances (and two shared events) count, so one big alliance cannot dominate.
  const perKind = new Map<string, number>();
  const counted = c.evidence.filter((e) => {
    const n = (perKind.get(e.kind) ?? 0) + 1;
    perKind.set(e.kind, n);
    return n <= (MAX_COUNTED[e.kind] ?? Infinity);
  });
  const seen = new Set<string>();
  const unique = counted.filter((e) => {
    const key = evidenceKey(e);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const score = Math.round(unique.reduce((s, e) => s + e.weight, 0) * 100) / 100;
  const role = c.role ?? ROLE_BY_TYPE[c.entity.type] ?? 'PEER';
  // Array.prototype.sort is stable: equal weights keep the order they were found in.
  return { entity: c.entity, score, role, evidence: [...unique].sort((a, b) => b.weight - a.weight) };
}

/** The newer of two source dates (YYYY-MM-DD, or null when no source is dated) first. */
const byRecency = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : b.localeCompare(a));

/** Best score first; equal scores: the more recently reported first (entity.lastSeen), then by name. */
export const byScore = (a: PartnerSuggestion, b: PartnerSuggestion) =>
  b.score - a.score || byRecency(a.entity.lastSeen, b.entity.lastSeen) || a.entity.name.localeCompare(b.entity.name, 'zh');

/** The most of the answer one role (hospital, upstream, …) may take while other roles have candidates. */
const ROLE_SHARE = 0.4;

/**
 * Picks `limit` suggestions from a list sorted by score, no role taking more than ROLE_SHARE of them
 * while others are left, so ten hospitals cannot crowd out the up- and downstream enterprises;
 * the rest fill any room left, best first.
 */
export function diversify(sorted: PartnerSuggestion[], limit: number): PartnerSuggestion[] {
  const cap = Math.max(1, Math.ceil(limit * ROLE_SHARE));
  const perRole = new Map<PartnerRole, number>();
  const chosen: PartnerSuggestion[] = [];
  const held: PartnerSuggestion[] = [];
  for (const s of sorted) {
    if (chosen.length >= limit) break;
    const n = perRole.get(s.role) ?? 0;
    if (n < cap) {
      chosen.push(s);
      perRole.set(s.role, n + 1);
    } else held.push(s);
  }
  return [...chosen, ...held.slice(0, Math.max(0, limit - chosen.length))];
}
