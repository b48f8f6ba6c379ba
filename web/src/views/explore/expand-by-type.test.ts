import { describe, expect, it } from 'vitest';
import { expandOptions } from './expand-by-type.js';

const item = (id: string, type: 'Enterprise' | 'Park' | 'Region') => ({ other: { id, type } });

describe('expand by type: the counts shown before expanding', () => {
  const groups = [
    { type: 'MEMBER_OF' as const, count: 3, items: [item('a', 'Enterprise'), item('b', 'Enterprise'), item('p', 'Park')] },
    { type: 'LOCATED_IN' as const, count: 1, items: [item('r', 'Region')] },
    { type: 'SIGNED' as const, count: 1, items: [item('a', 'Enterprise')] },
  ];

  it('counts neighbours by relation and by their type, and how many are not on the canvas', () => {
    const r = expandOptions(groups, 'self', new Set(['a', 'r']));
    expect(r.relations.map((x) => [x.type, x.count, x.fresh])).toEqual([
      ['LOCATED_IN', 1, 0],
      ['MEMBER_OF', 3, 2],
      ['SIGNED', 1, 0],
    ]);
    expect(r.types.map((x) => [x.type, x.count, x.fresh])).toEqual([
      ['Enterprise', 2, 1],
      ['Park', 1, 1],
      ['Region', 1, 0],
    ]);
    expect(r.capped).toBe(false);
  });

  it('shows the true count of a group the server cut', () => {
    const r = expandOptions([{ type: 'MEMBER_OF', count: 1500, items: [item('a', 'Enterprise')] }], 'self', new Set());
    expect(r.relations[0].count).toBe(1500);
    expect(r.capped).toBe(true);
  });
});
