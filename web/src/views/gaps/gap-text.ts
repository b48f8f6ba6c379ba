/** Words for the gap report's numbers: organisations by type, shares, places, and a candidate's score part by part. */
import type { EntityRef } from '../../api/fragments.js';
import type { EntityType } from '../../gql/graphql.js';
import { displayName, entityTypeLabel, reasonText, type Lang, type Translate } from '../../i18n/i18n.js';
import type { GapCandidate } from '../chain/chain-queries.js';

/** "3 家企业、2 家医疗机构": a hospital is never counted as an enterprise. */
export function orgCountText(byType: readonly { type: EntityType; count: number }[], t: Translate, lang: Lang): string {
  if (byType.length === 0) return t('orgCount.none');
  return byType
    .map(({ type, count }) =>
      type === 'Enterprise' || type === 'Hospital' || type === 'University'
        ? t(count === 1 ? `orgCount.${type}One` : `orgCount.${type}`, { n: count })
        : t('orgCount.other', { n: count, type: entityTypeLabel(type, lang) }),
    )
    .join(t('orgCount.separator'));
}

export const percent = (x: number): string => `${Math.round(x * 1000) / 10}%`;

/** "15%（3/20）". */
export const shareText = (n: number, total: number, t: Translate): string =>
  t('gaps.shareCell', { pct: percent(total > 0 ? n / total : 0), n, total });

/** The places of a chain worth naming, nearest first: the city is dropped when something nearer is known. */
export function shownPlaces(ids: readonly string[], places: Map<string, EntityRef>): EntityRef[] {
  const named = ids.flatMap((id) => {
    const p = places.get(id);
    return p ? [p] : [];
  });
  return named.length > 1 ? named.filter((p) => p.kind !== 'city') : named;
}

/** A place chain, nearest first, down to the district: the city is dropped when something nearer is known. */
export function placeText(ids: readonly string[], places: Map<string, EntityRef>, t: Translate, lang: Lang): string {
  const shown = shownPlaces(ids, places);
  return shown.length ? shown.map((p) => displayName(p, lang)).join(' · ') : t('gaps.locationUnknown');
}

/** "得分 2.02 = 推断从事… +0.6；与本区 8 家单位同属「…」 +1；图谱中 3 条关系 +0.42". */
export function scoreText(c: GapCandidate, segment: EntityRef, t: Translate, lang: Lang): string {
  const seg = displayName(segment, lang);
  const parts = [
    c.inferred
      ? t('gaps.partInferred', {
          segment: seg,
          why: reasonText(c.inferredBecause ?? t('gaps.reasonInferredDefault'), t, lang),
          p: c.segmentPoints,
        })
      : t('gaps.partStated', { segment: seg, p: c.segmentPoints }),
  ];
  if (c.sharedAlliances.length) {
    const alliances = c.sharedAlliances.map((a) => t('gaps.allianceQuoted', { name: displayName(a.alliance, lang) }));
    const n = c.sharedAlliances.reduce((sum, a) => sum + a.members, 0);
    parts.push(t('gaps.partAlliances', { n, alliances: alliances.join(t('gaps.listSeparator')), p: c.alliancePoints }));
  }
  parts.push(t('gaps.partLinks', { n: c.degree, p: c.linkPoints }));
  return t('gaps.scoreSum', { score: c.score.toFixed(2), parts: parts.join(t('gaps.partPlus')) });
}
