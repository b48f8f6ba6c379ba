/**
 * One Cytoscape instance per component: created on mount, destroyed on unmount; elements are
 * updated by diffing data.id, so positions survive filter changes and expansions.
 */
import cytoscape, { type Core, type ElementDefinition, type NodeSingular } from 'cytoscape';
import { useEffect, useLayoutEffect, useMemo, useRef, type ReactNode } from 'react';
import { applyElements } from './apply-elements.js';
import { bindGraphEvents, type GraphHandlers } from './events.js';
import { registerExtensions } from './extensions.js';
import { fitView, runLayout, type LayoutKind } from './layouts.js';
import { graphStylesheet, LARGE_GRAPH } from './styles.js';

export interface GraphCanvasProps extends GraphHandlers {
  elements: ElementDefinition[];
  layout: LayoutKind;
  /** When this changes the whole graph is laid out afresh (not incrementally). */
  layoutKey?: string;
  selected?: string | null;
  /** Receives the instance after mount (and null on unmount), e.g. for export. */
  onReady?: (cy: Core | null) => void;
  testId?: string;
  children?: ReactNode;
}

export function GraphCanvas(props: GraphCanvasProps) {
  const container = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  // The latest props, for the listeners bound once on mount (they must not re-create the instance).
  const handlers = useRef<GraphCanvasProps>(props);
  useLayoutEffect(() => {
    handlers.current = props;
  });
  const lastLayoutKey = useRef<string | undefined>(undefined);
  const isLarge = useRef(false);
  const { elements, layout, layoutKey, selected } = props;

  useEffect(() => {
    registerExtensions();
    const cy = cytoscape({
      container: container.current,
      style: graphStylesheet(),
      minZoom: 0.05,
      maxZoom: 3,
      boxSelectionEnabled: false,
      selectionType: 'single',
      textureOnViewport: false,
      hideEdgesOnViewport: false,
    });
    cyRef.current = cy;
    const unbind = bindGraphEvents(cy, () => handlers.current);
    // A hidden container (e.g. a tab not shown) has no size; resize when it gets one. When the size
    // changes a lot (a phone's stacked layout settling, a window maximised), fit the graph again.
    let size = { w: 0, h: 0 };
    const ro = new ResizeObserver(([entry]) => {
      cy.resize();
      const { width: w, height: h } = entry.contentRect;
      const changed = Math.abs(w - size.w) > 0.2 * Math.max(size.w, 1) || Math.abs(h - size.h) > 0.2 * Math.max(size.h, 1);
      if (changed && size.w > 0 && size.h > 0) fitView(cy);
      size = { w, h };
    });
    if (container.current) ro.observe(container.current);
    const ready = handlers.current.onReady;
    ready?.(cy);
    return () => {
      ro.disconnect();
      unbind();
      ready?.(null);
      cy.destroy();
      cyRef.current = null;
    };
  }, []);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    const before = cy.nodes().length;
    const { addedNodes } = applyElements(cy, elements);
    const large = cy.nodes().length > LARGE_GRAPH;
    if (large !== isLarge.current) {
      isLarge.current = large;
      cy.style(graphStylesheet({ large }));
    }
    // Many new nodes around a few old ones lay out better from scratch than incrementally.
    const fresh = layoutKey !== lastLayoutKey.current || before < 3 || addedNodes.length > before;
    lastLayoutKey.current = layoutKey;
    if (fresh) {
      runLayout(cy, layout);
    } else if (addedNodes.length) {
      // New nodes start next to a neighbour already placed, then the layout refines from there.
      cy.batch(() => {
        for (const id of addedNodes) {
          const n = cy.getElementById(id);
          const anchor = n
            .neighborhood()
            .nodes()
            .toArray()
            .find((m) => !addedNodes.includes(m.id()));
          if (anchor) {
            const p = (anchor as NodeSingular).position();
            n.position({ x: p.x + (Math.random() - 0.5) * 60, y: p.y + (Math.random() - 0.5) * 60 });
          }
        }
      });
      runLayout(cy, layout, { incremental: layout === 'fcose' });
    }
  }, [elements, layout, layoutKey]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.batch(() => {
      cy.$(':selected').unselect();
      if (selected) cy.getElementById(selected).select();
    });
  }, [selected, elements]);

  // The canvas is a bitmap: list what it shows for screen readers (and for tests that read what a user sees).
  const visibleNodes = useMemo(
    () => elements.filter((e) => e.data.source === undefined && !String(e.classes ?? '').includes('hidden')),
    [elements],
  );

  return (
    <div className="graph-canvas" data-testid={props.testId} data-layout="pending">
      <div ref={container} className="graph-canvas-cy" />
      <ul className="sr-only" data-testid="canvas-nodes">
        {visibleNodes.map((e) => (
          <li key={String(e.data.id)} data-id={String(e.data.id)}>
            {String(e.data.title ?? e.data.label ?? e.data.id)}
          </li>
        ))}
      </ul>
      {props.children}
    </div>
  );
}
