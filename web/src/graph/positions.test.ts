import { describe, expect, it } from 'vitest';
import { decodePositions, encodePositions, idHash, savedPosition } from './positions.js';

describe('positions codec', () => {
  it('round-trips positions to the model pixel for a picture up to 4,096 pixels wide', () => {
    const input: [string, { x: number; y: number }][] = [
      ['siludi', { x: -120.4, y: 33.6 }],
      ['dapujiang-party-alliance', { x: 410, y: -250 }],
      ['闵行区', { x: 2900, y: 1200.2 }],
    ];
    const saved = decodePositions(encodePositions(input));
    for (const [id, p] of input) {
      const back = savedPosition(saved, id)!;
      expect(Math.abs(back.x - p.x)).toBeLessThanOrEqual(0.5);
      expect(Math.abs(back.y - p.y)).toBeLessThanOrEqual(0.5);
    }
  });

  it('takes 9 characters per node plus a short header, and writes the same text for the same picture', () => {
    const nodes = Array.from(
      { length: 120 },
      (_, i) => [`entity-${i}`, { x: (i * 37) % 1500, y: (i * 91) % 900 }] as [string, { x: number; y: number }],
    );
    const text = encodePositions(nodes);
    expect(text.length).toBeLessThan(120 * 9 + 20);
    expect(encodePositions([...nodes].reverse())).toBe(text);
    expect(decodePositions(text).size).toBe(120);
  });

  it('coarsens the grid for a wide picture but keeps every node within the step', () => {
    const input: [string, { x: number; y: number }][] = [
      ['a', { x: 0, y: 0 }],
      ['b', { x: 20000, y: 5 }],
      ['c', { x: 9999, y: 7777 }],
    ];
    const saved = decodePositions(encodePositions(input));
    for (const [id, p] of input) {
      expect(Math.abs(savedPosition(saved, id)!.x - p.x)).toBeLessThanOrEqual(3);
      expect(Math.abs(savedPosition(saved, id)!.y - p.y)).toBeLessThanOrEqual(3);
    }
  });

  it('gives nothing for a malformed or cut text instead of wrong positions', () => {
    const text = encodePositions([
      ['a', { x: 1, y: 2 }],
      ['b', { x: 3, y: 4 }],
    ]);
    expect(decodePositions(text.slice(0, -1)).size).toBe(0);
    expect(decodePositions('garbage').size).toBe(0);
    expect(decodePositions('1.0.0.!!!!!!!!!').size).toBe(0);
    expect(decodePositions(null).size).toBe(0);
    expect(encodePositions([['a', { x: NaN, y: 0 }]])).toBe('');
  });

  it('hashes ids to 5 URL-safe characters', () => {
    expect(idHash('siludi')).toMatch(/^[A-Za-z0-9_-]{5}$/);
    expect(idHash('siludi')).toBe(idHash('siludi'));
    expect(idHash('siludi')).not.toBe(idHash('siludj'));
  });
});
