/**
 * Sentences of the analysis views, built here from the server's codes and structured evidence:
 * the server never sends text, so every word on screen comes from the zh/en tables.
 */
import type { EntityRef } from '../api/fragments.js';
import type { ChainDirection, EvidenceKind, GapStatus } from '../gql/graphql.js';
import { displayName, reasonText, type Lang, type Translate } from './i18n.js';

export interface EvidenceLike {
  kind: EvidenceKind;
  via?: EntityRef | null;
  direction?: ChainDirection | null;
  count?: number | null;
}

/** One piece of partner evidence in words: "同为「大浦江…联盟」成员". */
export function evidenceText(e: EvidenceLike, target: EntityRef | null, t: Translate, lang: Lang): string {
  return t(`evidence.${e.kind}`, {
    via: e.via ? displayName(e.via, lang) : '',
    target: target ? displayName(target, lang) : '',
    direction: e.direction ? t(`direction.${e.direction}`) : '',
    count: e.count ?? 0,
  });
}

/** The suggestion's sentence: the partner and its three strongest pieces of evidence. */
export function partnerSentence(
  s: { entity: EntityRef; evidence: readonly EvidenceLike[] },
  target: EntityRef | null,
  t: Translate,
  lang: Lang,
): string {
  const reasons = s.evidence.slice(0, 3).map((e) => evidenceText(e, target, t, lang));
  return t('partners.sentence', {
    target: target ? displayName(target, lang) : '',
    partner: displayName(s.entity, lang),
    reasons: reasons.join(t('partners.reasonSeparator')),
  });
}

export const evidenceKindLabel = (kind: EvidenceKind, t: Translate): string => t(`evidenceKind.${kind}`);
export const gapStatusLabel = (status: GapStatus, t: Translate): string => t(`gapStatus.${status}`);

export interface GapCandidateLike {
  inferred: boolean;
  inferredBecause?: string | null;
  degree: number;
  sharedAlliances: readonly { alliance: EntityRef; members: number }[];
}

/** Why a candidate could fill a gap, part by part: its segment link, its alliances with the region, its links. */
export function gapReason(c: GapCandidateLike, segment: EntityRef, t: Translate, lang: Lang): string {
  const seg = displayName(segment, lang);
  const parts = [
    c.inferred
      ? t('gaps.reasonInferred', { segment: seg, why: reasonText(c.inferredBecause ?? t('gaps.reasonInferredDefault'), t, lang) })
      : t('gaps.reasonStated', { segment: seg }),
  ];
  if (c.sharedAlliances.length) {
    const alliances = c.sharedAlliances.map((a) => t('gaps.allianceQuoted', { name: displayName(a.alliance, lang) }));
    const n = c.sharedAlliances.reduce((sum, a) => sum + a.members, 0);
    parts.push(t('gaps.reasonAlliances', { n, alliances: alliances.join(t('gaps.listSeparator')) }));
  }
  parts.push(t('gaps.reasonDegree', { n: c.degree }));
  return parts.join(t('gaps.reasonSeparator'));
}

/** The rule behind the statuses, with this report's numbers. */
export function thresholdsText(
  r: { classified: number; benchmarkClassified: number; thresholds: { thinBelow: number; strongAtLeast: number; strongMinCount: number } },
  t: Translate,
): string {
  return t('gaps.thresholdsText', {
    here: r.classified,
    bench: r.benchmarkClassified,
    thin: r.thresholds.thinBelow,
    strong: r.thresholds.strongAtLeast,
    min: r.thresholds.strongMinCount,
  });
}
