import { describe, expect, it } from 'vitest';
import {
  type ChainInput,
  type GapsInput,
  chainEntityId,
  chainToElements,
  memberNodeId,
  SEGMENT_LABEL_WIDTH,
  segmentBoxHeight,
  splitMemberNodeId,
  tierNodeId,
} from './chain-elements.js';
import { wrapLabel } from './wrap-label.js';

const seg = (id: string, name: string, tier: 'upstream' | 'midstream' | 'downstream') => ({
  id,
  type: 'ChainSegment' as const,
  name,
  nameEn: `${id}-en`,
  kind: null,
  tier,
});
const ent = (id: string, name: string) => ({ id, type: 'Enterprise' as const, name, nameEn: null, kind: null, tier: null });

const chain: ChainInput = {
  tiers: [
    {
      tier: 'upstream',
      segments: [{ segment: seg('s1', '研发服务', 'upstream'), count: 0, enterprises: [] }],
    },
    {
      tier: 'midstream',
      segments: [
        {
          segment: seg('s2', '体外诊断', 'midstream'),
          count: 2,
          enterprises: [ent('a', '思路迪'), ent('b', '之江生物')],
        },
      ],
    },
    {
      tier: 'downstream',
      segments: [{ segment: seg('s3', '医疗服务', 'downstream'), count: 1, enterprises: [ent('a', '思路迪')] }],
    },
  ],
};

describe('chainToElements', () => {
  it('nests enterprises in segments and segments in the three tiers, linked left to right', () => {
    const els = chainToElements({ chain, lang: 'zh' });
    const get = (id: string) => els.find((e) => e.data.id === id);
    expect(get(tierNodeId('upstream'))?.data.label).toBe('上游 · 0 家企业');
    expect(get('s2')?.data).toMatchObject({ parent: tierNodeId('midstream'), label: '体外诊断(2)' });
    expect(get(memberNodeId('s2', 'a'))?.data).toMatchObject({ parent: 's2', entityId: 'a' });
    // The same enterprise in two segments gets two nodes.
    expect(get(memberNodeId('s3', 'a'))?.data.parent).toBe('s3');
    const flows = els.filter((e) => e.classes === 'tier-flow').map((e) => [e.data.source, e.data.target]);
    expect(flows).toEqual([
      [tierNodeId('upstream'), tierNodeId('midstream')],
      [tierNodeId('midstream'), tierNodeId('downstream')],
    ]);
  });

  it('marks the segments a gap report finds missing or thin', () => {
    const gaps: GapsInput = {
      segments: [
        { segment: { id: 's1' }, status: 'MISSING' },
        { segment: { id: 's3' }, status: 'THIN' },
        { segment: { id: 's2' }, status: 'PRESENT' },
      ],
    };
    const els = chainToElements({ chain, gaps, lang: 'zh' });
    const get = (id: string) => els.find((e) => e.data.id === id);
    expect(get('s1')?.classes).toBe('segment MISSING empty');
    expect(get('s1')?.data.label).toBe('研发服务(0) · 缺失');
    expect(get('s3')?.classes).toBe('segment THIN');
    expect(get('s2')?.data.label).toBe('体外诊断(2)');
  });

  it('labels in English', () => {
    const els = chainToElements({ chain, lang: 'en' });
    expect(els.find((e) => e.data.id === 's2')?.data.label).toBe('s2-en(2)');
    expect(els.find((e) => e.data.id === tierNodeId('midstream'))?.data.label).toBe('Midstream · 2 enterprises');
  });

  it('shows at most maxPerSegment enterprises and a "+N" node for the rest', () => {
    const els = chainToElements({ chain, lang: 'zh', maxPerSegment: 1 });
    expect(els.filter((e) => e.data.parent === 's2')).toHaveLength(2);
    expect(els.find((e) => e.data.id === 's2::more')?.data.label).toBe('+1');
  });

  it('reads the entity back from an element id', () => {
    expect(splitMemberNodeId(memberNodeId('s2', 'a'))).toEqual(['s2', 'a']);
    expect(splitMemberNodeId('s2')).toEqual(['s2', null]);
    expect(chainEntityId(memberNodeId('s2', 'a'))).toBe('a');
    expect(chainEntityId('s2')).toBe('s2');
    expect(chainEntityId(tierNodeId('midstream'))).toBeNull();
    expect(chainEntityId('s2::more')).toBeNull();
  });
});

describe('chainToElements against a benchmark', () => {
  it('counts a tier’s organisations by type, once each, when the totals are given', () => {
    const withTotals: ChainInput = {
      tiers: chain.tiers.map((tr) =>
        tr.tier === 'downstream'
          ? {
              ...tr,
              totals: [
                { type: 'Enterprise', count: 1 },
                { type: 'Hospital', count: 4 },
              ],
            }
          : tr,
      ),
    };
    const els = chainToElements({ chain: withTotals, lang: 'zh' });
    expect(els.find((e) => e.data.id === tierNodeId('downstream'))?.data.label).toBe('下游 · 1 家企业、4 家医疗机构');
  });

  it('shows the benchmark’s count in each segment, so choosing another benchmark changes the chain', () => {
    const vs = (n: number): GapsInput => ({
      segments: [{ segment: { id: 's2' }, status: n > 2 ? 'THIN' : 'PRESENT', benchmarkCount: n }],
    });
    const label = (g: GapsInput) =>
      chainToElements({ chain, gaps: g, lang: 'zh', showBenchmark: true }).find((e) => e.data.id === 's2')?.data.label;
    expect(label(vs(1))).toBe('体外诊断(2) · 基准 1');
    expect(label(vs(9))).toBe('体外诊断(2) · 基准 9\n薄弱');
    expect(chainToElements({ chain, gaps: vs(0), lang: 'en', showBenchmark: true }).find((e) => e.data.id === 's2')?.data.label).toBe(
      's2-en(2) · benchmark 0',
    );
  });
});

describe('segment boxes a user can read', () => {
  const long = (id: string, count: number, members: number) => ({
    segment: { ...seg(id, '体外诊断', 'midstream'), nameEn: 'In-vitro diagnostics (IVD) and precision testing' },
    count,
    enterprises: Array.from({ length: members }, (_, i) => ent(`${id}-${i}`, `企业${i}`)),
  });
  const wide: ChainInput = { tiers: [{ tier: 'midstream', segments: [long('full', 4, 4), long('none', 0, 0)] }] };
  const gaps: GapsInput = {
    segments: [
      { segment: { id: 'full' }, status: 'ONLY_HERE', benchmarkCount: 0 },
      { segment: { id: 'none' }, status: 'NEITHER', benchmarkCount: 0 },
    ],
  };
  const els = chainToElements({ chain: wide, gaps, lang: 'en', showBenchmark: true });
  const get = (id: string) => els.find((e) => e.data.id === id)!;
  /** A line fits when the wrapper would not break it again at the segment's width. */
  const fits = (line: string) => !wrapLabel(line, SEGMENT_LABEL_WIDTH, 99).includes('\n');

  it('marks a segment neither side has (均无) with its own class, so it is drawn apart from the gaps', () => {
    expect(get('none').classes).toBe('segment NEITHER empty');
    expect(chainToElements({ chain: wide, gaps, lang: 'zh' }).find((e) => e.data.id === 'none')?.data.label).toBe('体外诊断(0) · 均无');
  });

  it('breaks a long English label into lines that fit the box, and grows an empty box with them', () => {
    const lines = String(get('none').data.label).split('\n');
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.every(fits)).toBe(true);
    expect(lines.join(' ')).toMatch(/In-vitro diagnostics .*\(0\).*benchmark 0.*Neither has it/);
    expect(get('none').data.height).toBe(segmentBoxHeight(String(get('none').data.label)));
    expect(segmentBoxHeight('a\nb\nc')).toBeGreaterThan(segmentBoxHeight('a'));
  });

  it('keeps a label above a box with members to two lines, giving up the benchmark count before the status', () => {
    const lines = String(get('full').data.label).split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.every(fits)).toBe(true);
    expect(lines.join(' ')).toMatch(/\(4\).*Only here$/);
    expect(get('full').data.height).toBeUndefined();
    // The accessible name still says all of it.
    expect(get('full').data.title).toBe('In-vitro diagnostics (IVD) and precision testing(4) · benchmark 0 · Only here');
  });
});
