import { describe, expect, it } from 'vitest';
import { decisionsOf, outcomeOf, relationBlocked, textRuns, type Choices } from './review-model.js';
import type { IngestJob, Proposal } from './review-queries.js';

const entity = (key: string, name: string, score: number | null): Proposal => ({
  key,
  name,
  type: 'Enterprise',
  aliases: [],
  quote: name,
  spans: [],
  match:
    score === null
      ? null
      : {
          entity: { id: `id-${key}`, type: 'Enterprise', name, nameEn: null, kind: null, tier: null },
          score,
          reason: 'EXACT_NAME',
          matched: name,
        },
});

const job = (entities: Proposal[]): IngestJob =>
  ({
    id: 'j',
    title: 't',
    date: null,
    url: null,
    publisher: null,
    text: '',
    status: 'open',
    createdBy: 'ed',
    createdAt: '',
    warnings: [],
    entities,
    relations: [{ index: 0, type: 'MEMBER_OF', from: 'a', to: 'b', role: null, quote: 'q', span: null }],
    changeSet: null,
  }) as IngestJob;

describe('review decisions', () => {
  it('links a confident match by default and waits on new names and weak matches', () => {
    const choices: Choices = {};
    expect(outcomeOf(entity('a', 'x', 0.95), choices)).toBe('accept');
    expect(outcomeOf(entity('b', 'y', 0.7), choices)).toBe('pending');
    expect(outcomeOf(entity('c', 'z', null), choices)).toBe('pending');
  });

  it('drops an accepted relation once one of its ends is rejected', () => {
    const j = job([entity('a', '甲公司', null), entity('b', '乙联盟', 0.95)]);
    const byKey = new Map(j.entities.map((p) => [p.key, p]));
    const choices: Choices = { a: { decision: 'reject' } };
    expect(relationBlocked(j.relations[0], byKey, choices)).toBe('endRejected');
    expect(decisionsOf(j, choices, { 0: 'accept' }).relations).toEqual([]);
    expect(decisionsOf(j, { a: { decision: 'accept' } }, { 0: 'accept' }).relations).toEqual([{ index: 0, decision: 'accept' }]);
  });

  it('sends a re-link as its target and an edit only when something changed', () => {
    const j = job([entity('a', '甲公司', null), entity('b', '乙联盟', 0.95)]);
    const target = { id: 'ent-9', type: 'Enterprise' as const, name: '丙', nameEn: null };
    const { entities } = decisionsOf(j, { a: { decision: 'accept', target }, b: { decision: 'accept', name: '乙联盟' } }, {});
    expect(entities).toEqual([
      { key: 'a', decision: 'accept', target: 'ent-9' },
      { key: 'b', decision: 'accept' },
    ]);
  });

  it('cuts the text at the spans, the longer of two overlapping names winning', () => {
    const text = '上海甲生物科技有限公司加入联盟';
    const runs = textRuns(text, [
      { key: 'short', spans: [{ start: 2, end: 3 }] },
      { key: 'long', spans: [{ start: 0, end: 11 }] },
      { key: 'u', spans: [{ start: 13, end: 15 }] },
    ]);
    expect(runs.map((r) => [text.slice(r.start, r.end), r.key])).toEqual([
      ['上海甲生物科技有限公司', 'long'],
      ['加入', null],
      ['联盟', 'u'],
    ]);
  });
});
