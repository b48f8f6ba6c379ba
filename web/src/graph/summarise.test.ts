import { describe, expect, it } from 'vitest';
import type { RelationType } from '../../../shared/model/index.js';
import { summarise, summaryId } from './summarise.js';

const n = (id: string) => ({ id });
const e = (source: string, target: string, type: RelationType = 'MEMBER_OF') => ({
  id: `${source}-${type}-${target}`,
  type,
  source,
  target,
});

/** An alliance with `members` members, and one park it is located in. */
function alliance(members: number) {
  const ids = Array.from({ length: members }, (_, i) => `m${i}`);
  return {
    id: 'alliance',
    nodes: [n('alliance'), n('park'), ...ids.map(n)],
    edges: [e('alliance', 'park', 'LOCATED_IN'), ...ids.map((m) => e(m, 'alliance'))],
    truncated: false,
  };
}

describe('hub summaries', () => {
  it('folds a group over the cap into one summary and keeps the small groups', () => {
    const r = summarise({ parts: [alliance(30)], full: [], open: new Set(), cap: 25 });
    expect(r.nodes.map((x) => x.id).sort()).toEqual(['alliance', 'park']);
    expect(r.summaries).toEqual([
      { id: summaryId('alliance', 'MEMBER_OF'), focus: 'alliance', type: 'MEMBER_OF', count: 30, direction: 'IN' },
    ]);
    expect(r.edges.map((x) => x.type)).toEqual(['LOCATED_IN']);
  });

  it('draws a group at the cap in full', () => {
    const r = summarise({ parts: [alliance(25)], full: [], open: new Set(), cap: 25 });
    expect(r.nodes).toHaveLength(27);
    expect(r.summaries).toEqual([]);
  });

  it('draws an opened group in full', () => {
    const r = summarise({ parts: [alliance(30)], full: [], open: new Set(['alliance~MEMBER_OF']), cap: 25 });
    expect(r.nodes).toHaveLength(32);
    expect(r.summaries).toEqual([]);
  });

  it('does not count members drawn anyway (another focus, a path, an expansion)', () => {
    const other = { id: 'm1', nodes: [n('m1'), n('alliance')], edges: [e('m1', 'alliance')], truncated: false };
    const r = summarise({
      parts: [alliance(30), other],
      full: [{ nodes: [n('m2')], edges: [] }],
      open: new Set(),
      keep: ['m3'],
      cap: 25,
    });
    expect(r.nodes.map((x) => x.id).sort()).toEqual(['alliance', 'm1', 'm2', 'm3', 'park']);
    expect(r.summaries[0].count).toBe(27);
    // The drawn members keep their edge to the hub.
    expect(r.edges.map((x) => x.id)).toEqual(
      expect.arrayContaining(['m1-MEMBER_OF-alliance', 'm2-MEMBER_OF-alliance', 'm3-MEMBER_OF-alliance']),
    );
  });

  it('uses the true count when the server cut the neighbourhood', () => {
    const part = { ...alliance(30), truncated: true, counts: new Map<RelationType, number>([['MEMBER_OF', 312]]) };
    const r = summarise({ parts: [part], full: [], open: new Set(), cap: 25 });
    expect(r.summaries[0].count).toBe(312);
  });
});
