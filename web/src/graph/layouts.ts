/** The layout options each view uses (the extensions are registered in extensions.ts). */
import type { Core, LayoutOptions, NodeCollection, NodeSingular } from 'cytoscape';
import { isElkReady, loadElk } from './extensions.js';
import { RING_LAYOUT_NODES, ringLayout } from './ring-layout.js';

export type LayoutKind = 'fcose' | 'concentric' | 'breadthfirst' | 'chain';

/**
 * Force-directed layout; `incremental` keeps existing positions (after an expand); pinned nodes stay
 * put. Above RING_LAYOUT_NODES nodes runLayout uses the ring layout instead (ring-layout.ts).
 */
export function fcoseLayout(
  nodeCount: number,
  incremental: boolean,
  pinned: { nodeId: string; position: { x: number; y: number } }[] = [],
): LayoutOptions {
  return {
    name: 'fcose',
    quality: 'default',
    randomize: !incremental,
    animate: nodeCount < 400,
    animationDuration: 450,
    fit: true,
    padding: 40,
    nodeDimensionsIncludeLabels: nodeCount < 400,
    nodeRepulsion: () => 9000,
    idealEdgeLength: () => 95,
    edgeElasticity: () => 0.4,
    nodeSeparation: 90,
    // fcose cannot pack components around fixed nodes.
    packComponents: pinned.length === 0,
    tile: true,
    ...(pinned.length ? { fixedNodeConstraint: pinned } : {}),
  } as LayoutOptions;
}

/** Rings by importance: the entities put on the canvas in the middle, then by number of links. */
export function concentricLayout(nodeCount: number): LayoutOptions {
  return {
    name: 'concentric',
    fit: true,
    padding: 40,
    animate: nodeCount < 400,
    animationDuration: 450,
    avoidOverlap: true,
    nodeDimensionsIncludeLabels: nodeCount < 400,
    minNodeSpacing: 18,
    concentric: (n: NodeSingular) => (n.hasClass('focus') ? 1000 : n.degree(false)),
    levelWidth: () => 2,
  } as LayoutOptions;
}

/** A tree from the entities put on the canvas (their neighbours below them). */
export function breadthfirstLayout(nodeCount: number, roots: string[]): LayoutOptions {
  return {
    name: 'breadthfirst',
    fit: true,
    padding: 40,
    animate: nodeCount < 400,
    animationDuration: 450,
    directed: false,
    avoidOverlap: true,
    nodeDimensionsIncludeLabels: nodeCount < 400,
    spacingFactor: 1.15,
    ...(roots.length ? { roots: roots.map((id) => `[id = ${JSON.stringify(id)}]`).join(', ') } : {}),
  } as LayoutOptions;
}

/** Options ELK reads per graph level; set on the root and on every compound node. */
const CHAIN_ORDER_OPTIONS = {
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  // Segments keep the reference order of the chain inside their tier.
  'elk.layered.crossingMinimization.forceNodeModelOrder': true,
  'elk.spacing.nodeNode': 26,
  'elk.padding': '[top=34,left=16,bottom=14,right=16]',
};

/** The chain: ELK layered, left to right (upstream → midstream → downstream). */
export function chainLayout(): LayoutOptions {
  return {
    name: 'elk',
    fit: true,
    padding: 30,
    animate: false,
    nodeDimensionsIncludeLabels: true,
    nodeLayoutOptions: (n: NodeSingular) => (n.isParent() ? CHAIN_ORDER_OPTIONS : undefined),
    elk: {
      algorithm: 'layered',
      'elk.direction': 'RIGHT',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.layered.spacing.nodeNodeBetweenLayers': 70,
      'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
      ...CHAIN_ORDER_OPTIONS,
    },
  } as LayoutOptions;
}

/** Fitting a handful of nodes would blow them up; never fit closer than this. */
export const MAX_FIT_ZOOM = 1.25;

/**
 * The canvas says whether a layout is still moving nodes (`data-layout="running"` / `"idle"` on
 * `.graph-canvas`), so a screenshot or a test can wait for the layout rather than for a fixed time.
 */
function markLayout(cy: Core, state: 'running' | 'idle'): void {
  cy.container()?.closest('.graph-canvas')?.setAttribute('data-layout', state);
}

export interface RunLayoutOptions {
  incremental?: boolean;
  /** Called when the nodes have stopped moving (e.g. to save their positions). */
  onStop?: () => void;
}

export function runLayout(cy: Core, kind: LayoutKind, opts: RunLayoutOptions = {}): void {
  markLayout(cy, 'running');
  if (kind === 'chain' && !isElkReady()) {
    // The chain's layout engine arrives on first use; lay out as soon as it is there.
    void loadElk().then(() => {
      if (!cy.destroyed()) runLayout(cy, kind, opts);
    });
    return;
  }
  const shown = cy.elements().not('.hidden');
  if (shown.empty()) return markLayout(cy, 'idle');
  const visible = kind === 'chain' ? shown.sort((a, b) => (a.data('order') ?? 0) - (b.data('order') ?? 0)) : shown;
  const n = visible.nodes().length;
  const pinned = visible.nodes('.pinned');
  const pinnedAt = new Map(pinned.map((p) => [p.id(), { ...p.position() }] as const));
  let layout;
  const ring = kind === 'fcose' && n > RING_LAYOUT_NODES;
  if (kind === 'chain') layout = visible.layout(chainLayout());
  else if (ring) layout = visible.layout(ringLayout(visible));
  else if (kind === 'fcose') {
    const fixed = pinned.map((p) => ({ nodeId: p.id(), position: { ...p.position() } }));
    layout = visible.layout(fcoseLayout(n, Boolean(opts.incremental), fixed));
  } else {
    // Rings and trees have no fixed nodes: they arrange the others around the pinned ones.
    const free = visible.not(pinned);
    const roots = free.nodes('.focus').map((f) => f.id());
    layout = free.layout(kind === 'concentric' ? concentricLayout(n) : breadthfirstLayout(n, roots));
  }
  layout.one('layoutstop', () => {
    if (cy.destroyed()) return;
    // fcose fixes the centre of a node with its label, not the node: put pinned nodes back exactly.
    cy.batch(() => pinned.forEach((p) => void p.position(pinnedAt.get(p.id())!)));
    if (ring) fitByPositions(cy, visible.nodes());
    // A ring or tree fitted only the free nodes: bring the pinned ones into view too.
    if ((kind === 'concentric' || kind === 'breadthfirst') && pinned.nonempty()) fitView(cy);
    if (cy.zoom() > MAX_FIT_ZOOM) {
      cy.zoom(MAX_FIT_ZOOM);
      cy.center(visible);
    }
    markLayout(cy, 'idle');
    opts.onStop?.();
  });
  layout.run();
}

/** Room around a node's centre for the node and its label (labels sit below, up to 120 px wide). */
const NODE_ROOM = { x: 60, top: 24, bottom: 44 };

/**
 * Fits `nodes` by their positions, with room for each one's shape and label, as cy.fit would with
 * padding 40 — but without computing their bounding boxes, which would style every element (and
 * measure every label) before the level of detail for the new zoom is set.
 */
export function fitByPositions(cy: Core, nodes: NodeCollection): void {
  if (nodes.empty()) return;
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  nodes.forEach((n) => {
    const p = n.position();
    x1 = Math.min(x1, p.x - NODE_ROOM.x);
    x2 = Math.max(x2, p.x + NODE_ROOM.x);
    y1 = Math.min(y1, p.y - NODE_ROOM.top);
    y2 = Math.max(y2, p.y + NODE_ROOM.bottom);
  });
  const padding = 40;
  const w = cy.width();
  const h = cy.height();
  const fitted = Math.min((w - 2 * padding) / (x2 - x1), (h - 2 * padding) / (y2 - y1));
  if (!Number.isFinite(fitted) || fitted <= 0) return;
  const zoom = Math.max(cy.minZoom(), Math.min(cy.maxZoom(), MAX_FIT_ZOOM, fitted));
  cy.viewport({ zoom, pan: { x: (w - zoom * (x1 + x2)) / 2, y: (h - zoom * (y1 + y2)) / 2 } });
}

/** Fits the visible elements, with the same zoom ceiling as after a layout. */
export function fitView(cy: Core): void {
  const visible = cy.elements().not('.hidden');
  if (visible.empty()) return;
  cy.fit(visible, 40);
  if (cy.zoom() > MAX_FIT_ZOOM) {
    cy.zoom(MAX_FIT_ZOOM);
    cy.center(visible);
  }
}
