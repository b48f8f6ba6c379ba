/**
 * The force-directed layout of a large canvas (more than RING_LAYOUT_NODES nodes), cheap and readable:
 * a hub's leaves (nodes linked to that hub alone) sit on rings around it, nodes linked to the same
 * few hubs sit together in a disc between them, and only the hubs, those discs and the rest (a few
 * dozen to a few hundred "places") are laid out by fcose, each as a circle as big as what it carries.
 * fcose on all the nodes takes seconds at 2,000; its draft (spectral) quality, used before, put a
 * hub's leaves on one spot (same neighbours, same coordinates), so their labels smeared.
 */
import cytoscape, { type Collection, type LayoutOptions, type NodeSingular } from 'cytoscape';
import { HUB_DEGREE } from './to-elements.js';

/** Above this many nodes a force-directed layout is this one (below it, fcose on every node). */
export const RING_LAYOUT_NODES = 600;

/** Room per leaf along a ring and between rings (a node is 24–36 px, its label below it). */
const STEP = 58;
const RING_GAP = 50;
/** The first ring's radius: clear of the hub and its label. */
const FIRST_RING = 74;
/** Space between two places laid out by fcose (border to border). */
const EDGE_LENGTH = 90;

export type Pos = { x: number; y: number };

export interface RingNode {
  id: string;
  /** Sorts the leaves of a ring, so nodes of one type sit together (then by name). */
  sortKey: string;
  /** A pinned node stays where it is. */
  pinned?: Pos;
}

/** A place fcose lays out: a hub with its rings, a disc of nodes sharing the same hubs, or one node. */
interface Place {
  id: string;
  /** The node at its centre (a hub, or a node on its own), if any. */
  centre?: string;
  /** On rings around the centre, or in a disc (no centre). */
  members: string[];
  radius: number;
  pinned?: Pos;
}

/** How far out `n` leaves on rings reach (STEP apart along each ring, RING_GAP between rings). */
export function ringsRadius(n: number): number {
  let left = n;
  let r = FIRST_RING;
  while (left > 0) {
    left -= Math.max(1, Math.floor((2 * Math.PI * r) / STEP));
    if (left > 0) r += RING_GAP;
  }
  return n ? r + STEP / 2 : 30;
}

/** Positions of `n` leaves on rings around `c`, innermost ring first; the outermost spread evenly. */
function ringPositions(c: Pos, n: number): Pos[] {
  const out: Pos[] = [];
  let r = FIRST_RING;
  let ring = 0;
  while (out.length < n) {
    const room = Math.max(1, Math.floor((2 * Math.PI * r) / STEP));
    const k = Math.min(room, n - out.length);
    // Each ring turned a little against the last, so leaves do not line up in spokes.
    const turn = ring * 0.5 * ((2 * Math.PI) / room) - Math.PI / 2;
    for (let i = 0; i < k; i++) {
      const a = turn + (2 * Math.PI * i) / k;
      out.push({ x: c.x + r * Math.cos(a), y: c.y + r * Math.sin(a) });
    }
    r += RING_GAP;
    ring++;
  }
  return out;
}

const GOLDEN = Math.PI * (3 - Math.sqrt(5));
/** A disc of `n` nodes around `c` (a sunflower: even spacing, about STEP apart). */
function discPositions(c: Pos, n: number): Pos[] {
  if (n === 1) return [{ ...c }];
  const s = STEP * 0.56;
  return Array.from({ length: n }, (_, i) => {
    const r = s * Math.sqrt(i + 0.5);
    return { x: c.x + r * Math.cos(i * GOLDEN), y: c.y + r * Math.sin(i * GOLDEN) };
  });
}
const discRadius = (n: number): number => (n <= 1 ? 30 : STEP * 0.56 * Math.sqrt(n) + STEP / 2);

/** Hubs, their leaves, the discs of nodes sharing the same hubs, and the links between those places. */
function places(nodes: RingNode[], edges: [string, string][]): { places: Place[]; links: [string, string][] } {
  const known = new Set(nodes.map((n) => n.id));
  const nbrs = new Map<string, Set<string>>(nodes.map((n) => [n.id, new Set()]));
  for (const [a, b] of edges) {
    if (a === b || !known.has(a) || !known.has(b)) continue;
    nbrs.get(a)!.add(b);
    nbrs.get(b)!.add(a);
  }
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const isHub = (id: string) => nbrs.get(id)!.size >= HUB_DEGREE;
  const placeOf = new Map<string, string>();
  const hubs = new Map<string, Place>();
  const discs = new Map<string, Place>();
  const list: Place[] = [];
  for (const n of nodes) {
    if (!isHub(n.id)) continue;
    const p: Place = { id: `hub:${n.id}`, centre: n.id, members: [], radius: 0, pinned: n.pinned };
    hubs.set(n.id, p);
    list.push(p);
    placeOf.set(n.id, p.id);
  }
  for (const n of nodes) {
    if (isHub(n.id)) continue;
    const anchors = [...nbrs.get(n.id)!].filter(isHub).sort();
    if (anchors.length === 1 && !n.pinned) {
      hubs.get(anchors[0])!.members.push(n.id);
      placeOf.set(n.id, hubs.get(anchors[0])!.id);
    } else if (anchors.length > 1 && !n.pinned) {
      const key = `disc:${anchors.join('|')}`;
      let d = discs.get(key);
      if (!d) {
        d = { id: key, members: [], radius: 0 };
        discs.set(key, d);
        list.push(d);
      }
      d.members.push(n.id);
      placeOf.set(n.id, key);
    } else {
      // Linked to no hub (or pinned): a place of its own.
      const p: Place = { id: `node:${n.id}`, centre: n.id, members: [], radius: 30, pinned: n.pinned };
      list.push(p);
      placeOf.set(n.id, p.id);
    }
  }
  const order = (a: string, b: string) => byId.get(a)!.sortKey.localeCompare(byId.get(b)!.sortKey);
  for (const p of list) {
    p.members.sort(order);
    if (p.centre && p.members.length) p.radius = ringsRadius(p.members.length);
    else if (!p.centre) p.radius = discRadius(p.members.length);
  }
  const seen = new Set<string>();
  const links: [string, string][] = [];
  for (const [a, b] of edges) {
    const pa = placeOf.get(a);
    const pb = placeOf.get(b);
    if (!pa || !pb || pa === pb) continue;
    const key = pa < pb ? `${pa}\n${pb}` : `${pb}\n${pa}`;
    if (seen.has(key)) continue;
    seen.add(key);
    links.push([pa, pb]);
  }
  return { places: list, links };
}

/** Pushes apart places whose circles overlap (fcose keeps most apart; this makes sure). Pinned ones stay. */
function separate(list: Place[], at: Map<string, Pos>): void {
  for (let round = 0; round < 30; round++) {
    let moved = false;
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i];
        const b = list[j];
        const pa = at.get(a.id)!;
        const pb = at.get(b.id)!;
        const dx = pb.x - pa.x;
        const dy = pb.y - pa.y;
        const d = Math.hypot(dx, dy) || 0.01;
        const overlap = a.radius + b.radius + 12 - d;
        if (overlap <= 0) continue;
        moved = true;
        const ux = dx / d || 1;
        const uy = dy / d;
        const wa = a.pinned ? 0 : b.pinned ? 1 : 0.5;
        const wb = 1 - wa - (a.pinned && b.pinned ? 1 : 0);
        pa.x -= ux * overlap * wa;
        pa.y -= uy * overlap * wa;
        pb.x += ux * overlap * wb;
        pb.y += uy * overlap * wb;
      }
    }
    if (!moved) return;
  }
}

/**
 * Where every node goes: the places laid out by fcose (on a headless Cytoscape, each place a circle
 * its size), then the leaves on rings around their hub and the shared nodes in discs.
 */
export function ringLayoutPositions(nodes: RingNode[], edges: [string, string][]): Map<string, Pos> {
  const { places: list, links } = places(nodes, edges);
  const at = new Map<string, Pos>();
  if (list.length === 1) at.set(list[0].id, list[0].pinned ?? { x: 0, y: 0 });
  else {
    const meta = cytoscape({
      headless: true,
      styleEnabled: true,
      style: [{ selector: 'node', style: { width: 'data(d)', height: 'data(d)', shape: 'ellipse' } }],
      elements: [
        ...list.map((p) => ({
          group: 'nodes' as const,
          data: { id: p.id, d: 2 * p.radius },
          ...(p.pinned ? { position: { ...p.pinned } } : {}),
        })),
        ...links.map(([a, b], i) => ({ group: 'edges' as const, data: { id: `l${i}`, source: a, target: b } })),
      ],
    });
    const pinned = list.filter((p) => p.pinned).map((p) => ({ nodeId: p.id, position: { ...p.pinned! } }));
    meta
      .layout({
        name: 'fcose',
        quality: list.length > 1500 ? 'draft' : 'default',
        randomize: true,
        animate: false,
        fit: false,
        nodeDimensionsIncludeLabels: false,
        idealEdgeLength: () => EDGE_LENGTH,
        nodeRepulsion: (n: NodeSingular) => 4500 + 4 * Number(n.data('d')) ** 2,
        edgeElasticity: () => 0.45,
        nodeSeparation: EDGE_LENGTH,
        packComponents: pinned.length === 0,
        tile: true,
        ...(pinned.length ? { fixedNodeConstraint: pinned } : {}),
      } as LayoutOptions)
      .run();
    for (const p of list) at.set(p.id, { ...meta.getElementById(p.id).position() });
    meta.destroy();
    separate(list, at);
  }
  const out = new Map<string, Pos>();
  for (const p of list) {
    const c = at.get(p.id)!;
    if (p.centre) out.set(p.centre, { ...c });
    const spots = p.centre ? ringPositions(c, p.members.length) : discPositions(c, p.members.length);
    p.members.forEach((id, i) => out.set(id, spots[i]));
  }
  for (const n of nodes) if (n.pinned) out.set(n.id, { ...n.pinned });
  return out;
}

/**
 * The ring layout of these nodes and edges as a preset layout (its positions computed here). It does
 * not fit the view: Cytoscape's fit measures every element's bounding box, which styles each of them
 * and measures its label with the level of detail of the zoom before the layout; runLayout fits by
 * the positions instead (fitByPositions), and the canvas sets the labels for the new zoom before the
 * first draw styles anything.
 */
export function ringLayout(visible: Collection): LayoutOptions {
  const nodes = visible.nodes().map((n) => ({
    id: n.id(),
    sortKey: `${n.data('type') ?? ''}\u0000${n.data('label') ?? ''}`,
    ...(n.hasClass('pinned') ? { pinned: { ...n.position() } } : {}),
  }));
  const edges = visible.edges().map((e) => [e.source().id(), e.target().id()] as [string, string]);
  const positions = ringLayoutPositions(nodes, edges);
  return {
    name: 'preset',
    positions: (n: NodeSingular) => positions.get(n.id()) ?? n.position(),
    fit: false,
    animate: false,
  } as LayoutOptions;
}
