/** The chain map (and optionally a gap report) → elements: tiers contain segments, segments contain enterprises. */
import type { ElementDefinition } from 'cytoscape';
import type { EntityRef } from '../api/fragments.js';
import type { ChainTier, EntityType, GapStatus } from '../gql/graphql.js';
import { gapStatusLabel } from '../i18n/analysis-text.js';
import { displayName, tierLabel, translator, type Lang } from '../i18n/i18n.js';
import { orgCountText } from '../views/gaps/gap-text.js';
import { wrapLabel } from './wrap-label.js';

/** What the layout needs of a chain map and a gap report (both views ask for more). */
export interface ChainInput {
  tiers: readonly {
    tier: ChainTier;
    /** Distinct organisations of the tier by type (one in two segments counts once); else the segments' counts are summed. */
    totals?: readonly { type: EntityType; count: number }[];
    segments: readonly { segment: EntityRef; count: number; enterprises: readonly EntityRef[] }[];
  }[];
}
export interface GapsInput {
  segments: readonly { segment: { id: string }; status: GapStatus; benchmarkCount?: number }[];
}

export interface ChainElementsOptions {
  chain: ChainInput;
  gaps?: GapsInput | null;
  lang: Lang;
  /** Enterprises shown inside a segment before "+N more". */
  maxPerSegment?: number;
  /** Each segment's label also gives the benchmark's count (a benchmark region is chosen). */
  showBenchmark?: boolean;
}

/** A segment's label wraps at about this many Chinese characters: its box is at least 170px wide (12px text). */
export const SEGMENT_LABEL_WIDTH = 13;
/** The height of an empty segment's box: its label's lines (12px text) and a margin. */
export const segmentBoxHeight = (label: string) => 14 + 15 * label.split('\n').length;

/** Parts joined with " · " into lines of about `width` (a part longer than a line is wrapped itself). */
function packParts(parts: readonly string[], width: number): string[] {
  const lines: string[] = [];
  for (const part of parts.filter(Boolean)) {
    const joined = lines.length ? `${lines[lines.length - 1]} · ${part}` : '';
    if (joined && !wrapLabel(joined, width, 99).includes('\n')) lines[lines.length - 1] = joined;
    else lines.push(...wrapLabel(part, width, 99).split('\n'));
  }
  return lines;
}

/**
 * A segment's label in lines that fit its box (an English name is often wider than it): the name and
 * count, the benchmark's count, the status. An empty segment's box grows with its lines; a segment
 * with members has its label above the box, where two lines fit between the boxes, so there the
 * benchmark's count gives way first, then the name is shortened — the count and status are kept.
 */
export function segmentLabel(name: string, count: number, bench: string, status: string, above: boolean): string {
  const w = SEGMENT_LABEL_WIDTH;
  const all = packParts([`${name}(${count})`, bench, status], w);
  if (!above || all.length <= 2) return all.join('\n');
  const withoutBench = packParts([`${name}(${count})`, status], w);
  if (withoutBench.length <= 2) return withoutBench.join('\n');
  return [`${wrapLabel(name, w - 2, 1)}(${count})`, ...packParts([status], w)].slice(0, 2).join('\n');
}

export const tierNodeId = (tier: string) => `tier:${tier}`;
/** An enterprise may sit in several segments, so its node id is scoped by the segment. */
export const memberNodeId = (segmentId: string, entityId: string) => `${segmentId}::${entityId}`;

/** A chain element id split into its segment and, for an enterprise (`segment::entity`), the entity. */
export function splitMemberNodeId(elementId: string): [segmentId: string, entityId: string | null] {
  return elementId.includes('::') ? (elementId.split('::') as [string, string]) : [elementId, null];
}

/** The entity a chain element stands for (a segment or an enterprise); null for tiers and "+N more". */
export function chainEntityId(elementId: string): string | null {
  const [segmentId, entityId] = splitMemberNodeId(elementId);
  const entity = entityId ?? segmentId;
  return entity.startsWith('tier:') || entity === 'more' ? null : entity;
}

export function chainToElements({
  chain,
  gaps,
  lang,
  maxPerSegment = 12,
  showBenchmark = false,
}: ChainElementsOptions): ElementDefinition[] {
  const t = translator(lang);
  const status = new Map<string, GapStatus>((gaps?.segments ?? []).map((g) => [g.segment.id, g.status]));
  const benchmark = new Map((gaps?.segments ?? []).map((g) => [g.segment.id, g.benchmarkCount ?? 0]));
  const elements: ElementDefinition[] = [];
  chain.tiers.forEach((tier, i) => {
    const counted = tier.totals
      ? tier.totals.length
        ? orgCountText(tier.totals, t, lang)
        : t('chain.orgs', { n: 0 })
      : t('chain.enterprises', { n: tier.segments.reduce((n, s) => n + s.count, 0) });
    elements.push({
      group: 'nodes',
      data: {
        id: tierNodeId(tier.tier),
        label: `${tierLabel(tier.tier, lang)} · ${counted}`,
        tier: tier.tier,
      },
      classes: 'tier',
    });
    const prev = chain.tiers[i - 1];
    if (prev) {
      elements.push({
        group: 'edges',
        data: { id: `flow:${prev.tier}->${tier.tier}`, source: tierNodeId(prev.tier), target: tierNodeId(tier.tier) },
        classes: 'tier-flow',
      });
    }
    for (const seg of tier.segments) {
      const st = status.get(seg.segment.id);
      const name = displayName(seg.segment, lang);
      const mark = st && st !== 'PRESENT' ? gapStatusLabel(st, t) : '';
      const bench = showBenchmark && gaps ? t('chain.benchmarkCount', { n: benchmark.get(seg.segment.id) ?? 0 }) : '';
      const empty = seg.enterprises.length === 0;
      const label = segmentLabel(name, seg.count, bench, mark, !empty);
      elements.push({
        group: 'nodes',
        data: {
          id: seg.segment.id,
          parent: tierNodeId(tier.tier),
          label,
          // An empty segment is a box with its label inside: as tall as its lines.
          ...(empty ? { height: segmentBoxHeight(label) } : {}),
          // Against a chosen benchmark, the accessible name (screen-reader list, SVG <title>) says what the label says.
          title: bench ? [`${name}(${seg.count})`, bench, mark].filter(Boolean).join(' · ') : name,
          type: 'ChainSegment',
          entityId: seg.segment.id,
          count: seg.count,
          status: st ?? null,
        },
        classes: ['segment', st ?? '', empty ? 'empty' : ''].filter(Boolean).join(' '),
      });
      for (const e of seg.enterprises.slice(0, maxPerSegment)) {
        const title = displayName(e, lang);
        elements.push({
          group: 'nodes',
          data: {
            id: memberNodeId(seg.segment.id, e.id),
            parent: seg.segment.id,
            label: wrapLabel(title, 9, 2),
            title,
            type: e.type,
            entityId: e.id,
          },
          classes: 'member',
        });
      }
      const more = seg.enterprises.length - maxPerSegment;
      if (more > 0) {
        elements.push({
          group: 'nodes',
          data: { id: `${seg.segment.id}::more`, parent: seg.segment.id, label: `+${more}`, title: `+${more}` },
          classes: 'member more',
        });
      }
    }
  });
  // ELK keeps the model order (the chain's reference order); record it, since elements that were
  // updated in place (gap marks arriving after the chain) no longer sit in insertion order.
  elements.forEach((el, i) => (el.data.order = i));
  return elements;
}
