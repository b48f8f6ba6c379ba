/** The layout options each view uses (the extensions are registered in extensions.ts). */
import type { Core, LayoutOptions, NodeSingular } from 'cytoscape';
import { isElkReady, loadElk } from './extensions.js';

export type LayoutKind = 'fcose' | 'chain';

/** Force-directed layout; `incremental` keeps existing positions (after an expand). */
export function fcoseLayout(nodeCount: number, incremental: boolean): LayoutOptions {
  return {
    name: 'fcose',
    quality: nodeCount > 600 ? 'draft' : 'default',
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
    packComponents: true,
    tile: true,
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

export function runLayout(cy: Core, kind: LayoutKind, opts: { incremental?: boolean } = {}): void {
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
  const options = kind === 'chain' ? chainLayout() : fcoseLayout(visible.nodes().length, Boolean(opts.incremental));
  const layout = visible.layout(options);
  layout.one('layoutstop', () => {
    if (cy.destroyed()) return;
    if (cy.zoom() > MAX_FIT_ZOOM) {
      cy.zoom(MAX_FIT_ZOOM);
      cy.center(visible);
    }
    markLayout(cy, 'idle');
  });
  layout.run();
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
