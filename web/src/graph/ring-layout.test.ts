/** The large canvas's layout: leaves on rings around their hub, shared nodes between hubs, nothing stacked. */
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { beforeAll, describe, expect, it } from 'vitest';
import { ringLayoutPositions, ringsRadius, type Pos, type RingNode } from './ring-layout.js';

beforeAll(() => {
  cytoscape.use(fcose);
});

const dist = (a: Pos, b: Pos) => Math.hypot(a.x - b.x, a.y - b.y);

/** Two hubs with 300 leaves each and 40 nodes linked to both. */
function twoHubs(): { nodes: RingNode[]; edges: [string, string][] } {
  const nodes: RingNode[] = [
    { id: 'A', sortKey: 'A' },
    { id: 'B', sortKey: 'B' },
  ];
  const edges: [string, string][] = [];
  for (const hub of ['A', 'B']) {
    for (let i = 0; i < 300; i++) {
      nodes.push({ id: `${hub}${i}`, sortKey: `${hub}${i}` });
      edges.push([hub, `${hub}${i}`]);
    }
  }
  for (let i = 0; i < 40; i++) {
    nodes.push({ id: `s${i}`, sortKey: `s${i}` });
    edges.push(['A', `s${i}`], [`s${i}`, 'B']);
  }
  return { nodes, edges };
}

describe('ringLayoutPositions', () => {
  it('puts each leaf on a ring around its own hub, no two leaves on one spot', () => {
    const { nodes, edges } = twoHubs();
    const at = ringLayoutPositions(nodes, edges);
    expect(at.size).toBe(nodes.length);
    const a = at.get('A')!;
    const b = at.get('B')!;
    const reach = ringsRadius(300);
    for (let i = 0; i < 300; i++) {
      expect(dist(at.get(`A${i}`)!, a)).toBeLessThanOrEqual(reach);
      expect(dist(at.get(`A${i}`)!, a)).toBeLessThan(dist(at.get(`A${i}`)!, b));
      expect(dist(at.get(`B${i}`)!, b)).toBeLessThan(dist(at.get(`B${i}`)!, a));
    }
    const spots = new Set([...at.values()].map((p) => `${Math.round(p.x / 20)},${Math.round(p.y / 20)}`));
    expect(spots.size).toBe(nodes.length);
  });

  it('keeps the hubs with their rings apart and the shared nodes between them', () => {
    const { nodes, edges } = twoHubs();
    const at = ringLayoutPositions(nodes, edges);
    const a = at.get('A')!;
    const b = at.get('B')!;
    expect(dist(a, b)).toBeGreaterThan(2 * ringsRadius(300));
    for (let i = 0; i < 40; i++) {
      const s = at.get(`s${i}`)!;
      expect(dist(s, a)).toBeLessThan(dist(a, b));
      expect(dist(s, b)).toBeLessThan(dist(a, b));
    }
  });

  it('leaves a pinned node where it is', () => {
    const { nodes, edges } = twoHubs();
    nodes[0] = { ...nodes[0], pinned: { x: 1234, y: -56 } };
    nodes[5] = { ...nodes[5], pinned: { x: 7, y: 8 } };
    const at = ringLayoutPositions(nodes, edges);
    expect(at.get('A')).toEqual({ x: 1234, y: -56 });
    expect(at.get(nodes[5].id)).toEqual({ x: 7, y: 8 });
  });

  it('lays out 2,000 nodes in well under a second', () => {
    const nodes: RingNode[] = [];
    const edges: [string, string][] = [];
    for (let h = 0; h < 6; h++) nodes.push({ id: `h${h}`, sortKey: '' });
    for (let i = 0; i < 1994; i++) {
      nodes.push({ id: `n${i}`, sortKey: `n${i}` });
      edges.push([`h${i % 6}`, `n${i}`]);
      if (i % 7 === 0) edges.push([`h${(i + 1) % 6}`, `n${i}`]);
    }
    const t = performance.now();
    const at = ringLayoutPositions(nodes, edges);
    expect(performance.now() - t).toBeLessThan(1000);
    expect(at.size).toBe(2000);
  });
});
