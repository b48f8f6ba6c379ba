import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n/i18n.js';
import { becauseText, dayLabel, fillTemplate, groupByDay, itemSentence, readUpTo, type SentencePart } from './feed-text.js';

const zh = translator('zh');
const en = translator('en');
const siludi = { id: 'siludi', name: '上海思路迪生物医学科技有限公司', live: true };
const minhang = { id: 'minhang', name: '闵行区', live: true };

/** A sentence as a reader sees it, entities in [brackets] (links) or (parentheses) when gone. */
const read = (parts: SentencePart[]) =>
  parts.map((p) => (typeof p === 'string' ? p : p.entity.live ? `[${p.entity.name}]` : `(${p.entity.name})`)).join('');

describe('feed sentences', () => {
  it('names who changed which fields of which entity, in the reader’s words', () => {
    const item = { kind: 'FACT_CHANGED', by: 'root', entity: siludi, fields: ['address', 'contact'], sourcesChanged: true } as const;
    expect(read(itemSentence(item, 'zh', zh))).toBe('root 修改了 [上海思路迪生物医学科技有限公司] 的地址、联系方式，并更新了来源');
    expect(read(itemSentence(item, 'en', en))).toBe(
      'root changed the Address, Contact of [上海思路迪生物医学科技有限公司] and updated its sources',
    );
    const sourcesOnly = { ...item, fields: [], sourcesChanged: true };
    expect(read(itemSentence(sourcesOnly, 'zh', zh))).toBe('root 更新了 [上海思路迪生物医学科技有限公司] 的来源');
  });

  it('writes a relation by its two ends, a retracted end without a link', () => {
    const gone = { id: 'x', name: '某联盟', live: false };
    const item = {
      kind: 'FACT_ADDED',
      by: 'ed',
      relation: { type: 'LOCATED_IN', from: siludi, to: gone },
      fields: [],
      sourcesChanged: false,
    } as const;
    expect(read(itemSentence(item, 'zh', zh))).toBe('ed 新增了关系 [上海思路迪生物医学科技有限公司] —位于→ (某联盟)');
  });

  it('names a lead’s stages, never their codes', () => {
    const moved = {
      kind: 'LEAD_STAGE_CHANGED',
      by: 'ed',
      entity: siludi,
      lead: { name: siludi.name, stage: 'VISIT', fromStage: 'CONTACT', toStage: 'VISIT' },
      fields: [],
      sourcesChanged: false,
    } as const;
    expect(read(itemSentence(moved, 'zh', zh))).toBe('ed 把 [上海思路迪生物医学科技有限公司] 的招商线索从“接洽”改为“走访”');
    // Opened in 线索, moved on since: the stage it was opened in.
    const created = { ...moved, kind: 'LEAD_CREATED', entity: null, lead: { name: '某新公司', stage: 'VISIT', toStage: 'LEAD' } } as const;
    expect(read(itemSentence(created, 'en', en))).toBe('ed opened a lead on 某新公司 (Lead)');
    const unknown = { ...created, lead: { name: '某新公司', stage: 'VISIT', toStage: null } } as const;
    expect(read(itemSentence(unknown, 'zh', zh))).toBe('ed 为 某新公司 建立了招商线索');
  });

  it('says which follows caught it', () => {
    expect(becauseText([{ targetName: '闵行区' }, { targetName: '闵行区' }, { targetName: '体外诊断' }], zh)).toBe(
      '因为你关注了闵行区、体外诊断',
    );
    expect(
      becauseText(
        [minhang].map((w) => ({ targetName: w.name })),
        en,
      ),
    ).toBe('because you follow 闵行区');
  });

  it('fills templates and leaves unknown slots as written', () => {
    expect(fillTemplate('{a} x {b} {c}', { a: 'A', b: { entity: siludi } })).toEqual(['A x ', { entity: siludi }, ' {c}']);
  });

  it('groups by local day, newest first, and names today and yesterday', () => {
    const now = new Date(2026, 10, 30, 12, 0);
    const at = (d: number, h: number) => new Date(2026, 10, d, h, 0).toISOString();
    const groups = groupByDay([{ at: at(30, 9) }, { at: at(30, 8) }, { at: at(29, 23) }, { at: at(20, 1) }]);
    expect(groups.map((g) => g.items.length)).toEqual([2, 1, 1]);
    expect(dayLabel(groups[0].day, now, 'zh', zh)).toBe('今天');
    expect(dayLabel(groups[1].day, now, 'en', en)).toBe('Yesterday');
    expect(dayLabel(groups[2].day, now, 'zh', zh)).toContain('11月20日');
  });

  it('marks the feed read up to when it was loaded, or the newest item when the client’s clock is behind', () => {
    expect(readUpTo('2026-12-01T00:10:00.000Z', [{ at: '2026-12-01T00:05:00.000Z' }])).toBe('2026-12-01T00:10:00.000Z');
    expect(readUpTo('2026-12-01T00:10:00.000Z', [{ at: '2026-12-01T00:12:00.000Z' }])).toBe('2026-12-01T00:12:00.000Z');
    expect(readUpTo('2026-12-01T00:10:00.000Z', [])).toBe('2026-12-01T00:10:00.000Z');
  });
});
