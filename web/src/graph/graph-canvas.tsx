/**
 * One Cytoscape instance per component: created on mount, destroyed on unmount; elements are
 * updated by diffing data.id, so positions survive filter changes and expansions. With `positions`
 * the canvas also restores saved positions (a reload, a shared URL, an undo) and reports them after
 * every layout and drag.
 */
import cytoscape, { type Core, type CytoscapeOptions, type ElementDefinition, type NodeSingular } from 'cytoscape';
import { memo, useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { applyElements } from './apply-elements.js';
import { bindGraphEvents, type GraphHandlers } from './events.js';
import { registerExtensions } from './extensions.js';
import { fitView, runLayout, type LayoutKind } from './layouts.js';
import { decodePositions, encodePositions, savedPosition, type Pos } from './positions.js';
import { graphStylesheet, labelDetailAt, labelHiddenAt, LARGE_GRAPH, type LabelDetail } from './styles.js';

export interface GraphCanvasProps extends GraphHandlers {
  elements: ElementDefinition[];
  layout: LayoutKind;
  /** When this changes the whole graph is laid out afresh (not incrementally). */
  layoutKey?: string;
  selected?: string | null;
  /** Several nodes can be selected (shift-click, shift-drag a box); see onSelectionChange. */
  multiSelect?: boolean;
  /** Labels hidden by level of detail when zoomed out (only the important ones stay). */
  labelDetail?: boolean;
  /** Saved positions (graph/positions.ts); a value the canvas did not report itself is applied. */
  positions?: string | null;
  /** The nodes' positions after a layout or a drag. */
  onPositions?: (encoded: string) => void;
  /** Receives the instance after mount (and null on unmount), e.g. for export. */
  onReady?: (cy: Core | null) => void;
  testId?: string;
  children?: ReactNode;
}

/** A canvas this small keeps every label at any zoom: they do not crowd each other. */
const FEW_NODES = 30;

/**
 * How a canvas of more than LARGE_GRAPH nodes (styles.ts) draws. Below it the 2D canvas draws as it
 * always has: small graphs look exactly as before (crisp labels, curved edges with arrows), and a
 * phone keeps its GPU memory. Above it the 2D canvas would redraw every node and label on each pan or
 * zoom frame, a few frames per second at thousands of nodes, so:
 *  - 'webgl' with a GPU: Cytoscape's WebGL renderer (3.31+: nodes, edges and labels as textures in
 *    atlases);
 *  - 'texture' without one (WebGL in software, e.g. SwiftShader or llvmpipe, or none): the 2D canvas
 *    with `textureOnViewport`: while the wheel, a drag or a pinch moves the view, Cytoscape draws one
 *    bitmap of the view as it was, moved and scaled, and the full picture when the move ends.
 *    Software WebGL presented 0.1–1 frames per second at 2,000–10,000 nodes (bench:web): Chromium
 *    copies each WebGL frame back through the CPU.
 */
type DrawMode = 'plain' | 'webgl' | 'texture';

let gpuWebgl: boolean | undefined;
/** Whether this browser has WebGL 2 on a GPU, not emulated on the CPU (asked once; the probe's context is released). */
function hasGpuWebgl2(): boolean {
  if (gpuWebgl === undefined) {
    try {
      const gl = document.createElement('canvas').getContext('webgl2');
      const info = gl?.getExtension('WEBGL_debug_renderer_info');
      const name = gl && info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
      gpuWebgl = Boolean(gl) && !/swiftshader|llvmpipe|softpipe|software|basic render/i.test(name);
      gl?.getExtension('WEBGL_lose_context')?.loseContext();
    } catch {
      gpuWebgl = false;
    }
  }
  return gpuWebgl;
}

const drawModeFor = (nodeCount: number): DrawMode => (nodeCount <= LARGE_GRAPH ? 'plain' : hasGpuWebgl2() ? 'webgl' : 'texture');

/** An element definition's classes, as a list (to-elements.ts joins them with spaces). */
const classesOf = (def: ElementDefinition): string[] => (Array.isArray(def.classes) ? def.classes : String(def.classes ?? '').split(' '));

/** One pass over the elements: how many nodes, and those not hidden, in order. */
function nodesOf(elements: readonly ElementDefinition[]): { count: number; visible: ElementDefinition[] } {
  let count = 0;
  const visible: ElementDefinition[] = [];
  for (const e of elements) {
    if (e.data.source !== undefined) continue;
    count++;
    if (!classesOf(e).includes('hidden')) visible.push(e);
  }
  return { count, visible };
}

/** The patched renderer's label filter (web/build/cytoscape-patches.ts); absent from an unpatched Cytoscape. */
type LabelFilter = ReturnType<typeof labelHiddenAt>;
const labelRenderer = (cy: Core) => (cy as unknown as { renderer(): { setLabelHidden?(hidden: LabelFilter): void } }).renderer();

/** The node the keyboard is on in the node list, marked on the canvas. */
const KEYBOARD_FOCUS = 'kbd-focus';

const currentPositions = (cy: Core): [string, Pos][] => cy.nodes().map((n) => [n.id(), { ...n.position() }] as [string, Pos]);

export function GraphCanvas(props: GraphCanvasProps) {
  const container = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  // The latest props, for the listeners bound once on mount (they must not re-create the instance).
  const handlers = useRef<GraphCanvasProps>(props);
  useLayoutEffect(() => {
    handlers.current = props;
  });
  const lastLayoutKey = useRef<string | undefined>(undefined);
  /** The positions this canvas last reported (or applied): anything else in the prop comes from outside. */
  const lastPositions = useRef<string | null | undefined>(undefined);
  const isLarge = useRef(false);
  /** The labels drawn at the current zoom (with labelDetail). */
  const detail = useRef<LabelDetail | undefined>(undefined);
  /** Nodes not hidden on the canvas (counted when the elements change, not on every zoom frame). */
  const visibleCount = useRef(0);
  const { elements, layout, layoutKey, selected, multiSelect, positions } = props;
  const saved = useMemo(() => decodePositions(positions), [positions]);
  const nodes = useMemo(() => nodesOf(elements), [elements]);

  /** Tears the current instance down (it is re-created when the graph's draw mode changes). */
  const unmount = useRef<(() => void) | null>(null);
  const drawMode = useRef<DrawMode>('plain');

  /** Creates the instance (drawn as `mode` says) and binds its listeners; returns its teardown. */
  function mount(mode: DrawMode): () => void {
    registerExtensions();
    const cy = cytoscape({
      container: container.current,
      style: graphStylesheet(),
      minZoom: 0.05,
      maxZoom: 4,
      // With panning on, a box is drawn by dragging with shift (or ctrl / cmd) held.
      boxSelectionEnabled: Boolean(handlers.current.multiSelect),
      selectionType: 'single',
      textureOnViewport: mode === 'texture',
      hideEdgesOnViewport: mode === 'texture',
      ...(mode === 'webgl' ? { renderer: { name: 'canvas', webgl: true } } : {}),
    } as CytoscapeOptions);
    cyRef.current = cy;
    drawMode.current = mode;
    isLarge.current = false;
    detail.current = undefined;
    const unbind = bindGraphEvents(cy, () => ({
      ...handlers.current,
      onDragEnd: (id) => {
        report(cy);
        handlers.current.onDragEnd?.(id);
      },
    }));
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
    // Level of detail: restyle only when the zoom crosses a threshold, at most once a frame.
    let frame = 0;
    const onZoom = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        if (!cy.destroyed()) updateDetail(cy);
      });
    };
    cy.on('zoom', onZoom);
    const ready = handlers.current.onReady;
    ready?.(cy);
    return () => {
      cancelAnimationFrame(frame);
      cy.off('zoom', onZoom);
      ro.disconnect();
      unbind();
      ready?.(null);
      cy.destroy();
      cyRef.current = null;
    };
  }

  useEffect(() => {
    unmount.current = mount('plain');
    return () => {
      unmount.current?.();
      unmount.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one instance per mount; mount reads refs only
  }, []);

  /** The labels to draw: all on a canvas of a few dozen nodes, else by zoom. */
  const levelAt = (zoom: number): LabelDetail => (visibleCount.current <= FEW_NODES ? 'all' : labelDetailAt(zoom));

  /**
   * Changes the labels drawn when the level of detail changes (zoom crossing a threshold, the canvas
   * growing past a few dozen): a small graph gets the level's stylesheet; a large one keeps its
   * stylesheet and the renderer is told which labels to leave out as it draws (nothing restyled).
   */
  function updateDetail(cy: Core) {
    if (!handlers.current.labelDetail) return;
    const next = levelAt(cy.zoom());
    if (next === detail.current) return;
    detail.current = next;
    if (isLarge.current) labelRenderer(cy).setLabelHidden?.(labelHiddenAt(next));
    else cy.style(graphStylesheet({ lod: next }));
    cy.container()?.closest('.graph-canvas')?.setAttribute('data-labels', next);
  }

  /**
   * After a large graph is laid out or placed, builds its hit grid (build/cytoscape-patches.ts) while
   * the page is idle, by asking the renderer what is under the viewport's centre as a hover would:
   * otherwise the first hover or drag after a layout of 10,000 nodes built it, and stalled for
   * 0.2–0.5 s on a 2-core machine.
   */
  function prebuildHitGrid(cy: Core) {
    if (!isLarge.current) return;
    const idle = window.requestIdleCallback ?? ((fn: () => void) => window.setTimeout(fn, 200));
    idle(
      () => {
        if (cy.destroyed()) return;
        const { x1, y1, w, h } = cy.extent();
        const renderer = (
          cy as unknown as { renderer(): { findNearestElements?(x: number, y: number, interactive: boolean, touch: boolean): unknown } }
        ).renderer();
        renderer.findNearestElements?.(x1 + w / 2, y1 + h / 2, true, false);
      },
      { timeout: 2000 },
    );
  }

  /** Tells the owner where the nodes are now (after a layout or a drag). */
  function report(cy: Core) {
    const onPositions = handlers.current.onPositions;
    if (!onPositions || cy.destroyed()) return;
    const encoded = encodePositions(currentPositions(cy));
    lastPositions.current = encoded;
    onPositions(encoded);
  }

  useEffect(() => {
    let cy = cyRef.current;
    if (!cy) return;
    const external = positions !== undefined && positions !== lastPositions.current;
    if (external) lastPositions.current = positions;
    const drawStart = performance.now();
    // A graph crossing LARGE_GRAPH gets a new instance drawn the other way; nodes keep their places.
    let carried: Map<string, Pos> | null = null;
    const mode = drawModeFor(nodes.count);
    if (mode !== drawMode.current) {
      carried = new Map(currentPositions(cy));
      const viewport = { zoom: cy.zoom(), pan: { ...cy.pan() } };
      unmount.current?.();
      unmount.current = mount(mode);
      cy = cyRef.current as unknown as Core;
      cy.viewport(viewport);
    }
    // The stylesheet for the graph's size is set before its elements are added, so thousands of new
    // nodes are styled once, not once on adding and again by the restyle.
    const large = nodes.count > LARGE_GRAPH;
    visibleCount.current = nodes.visible.length;
    if (large !== isLarge.current) {
      isLarge.current = large;
      if (large && handlers.current.labelDetail) {
        detail.current = levelAt(cy.zoom());
        cy.container()?.closest('.graph-canvas')?.setAttribute('data-labels', detail.current);
      }
      // A large graph's level of detail is the renderer's label filter; a small one's its stylesheet.
      labelRenderer(cy).setLabelHidden?.(large && detail.current ? labelHiddenAt(detail.current) : null);
      cy.style(graphStylesheet({ large, lod: large ? undefined : detail.current }));
    }
    const { addedNodes } = applyElements(cy, elements);
    // Performance marks (read by bench/web.ts): new nodes on the canvas → applied → the layout has stopped.
    if (addedNodes.length) {
      performance.mark('canvas:draw:start', { startTime: drawStart, detail: { added: addedNodes.length } });
      performance.mark('canvas:applied');
    }
    updateDetail(cy);
    const added = new Set(carried ? addedNodes.filter((id) => !carried.has(id)) : addedNodes);
    const unplaced: string[] = [];
    let restored = 0;
    cy.batch(() => {
      for (const n of cy.nodes().toArray()) {
        const kept = carried?.get(n.id());
        if (kept) n.position(kept);
        // New nodes take their saved place; on an undo or a reload every node does.
        if (!external && !added.has(n.id())) continue;
        const p = savedPosition(saved, n.id());
        if (p) {
          n.position(p);
          restored++;
        } else if (added.has(n.id())) unplaced.push(n.id());
      }
    });
    const keyChanged = lastLayoutKey.current !== undefined && layoutKey !== lastLayoutKey.current;
    lastLayoutKey.current = layoutKey;
    const onStop = () => {
      // The labels for the zoom the layout fitted, now rather than on the next frame: set before the
      // first draw styles the new nodes, so they are styled once, and drawn once.
      updateDetail(cy);
      performance.mark('canvas:layoutstop', { detail: { nodes: cy.nodes().length } });
      report(cy);
      prebuildHitGrid(cy);
    };
    // Every node restored from saved positions: the picture is the saved one (an undo of a re-layout too).
    const allRestored = external && unplaced.length === 0 && restored > 0;
    const placed = cy.nodes().length - unplaced.length;
    if (keyChanged && !allRestored) {
      runLayout(cy, layout, { onStop });
    } else if (unplaced.length && (placed < 3 || unplaced.length > placed)) {
      // Many new nodes around a few old ones lay out better from scratch than incrementally.
      runLayout(cy, layout, { onStop });
    } else if (unplaced.length) {
      // New nodes start next to a neighbour already placed, then the layout refines from there.
      cy.batch(() => {
        for (const id of unplaced) {
          const n = cy.getElementById(id);
          const anchor = n
            .neighborhood()
            .nodes()
            .toArray()
            .find((m) => !unplaced.includes(m.id()));
          if (anchor) {
            const p = (anchor as NodeSingular).position();
            n.position({ x: p.x + (Math.random() - 0.5) * 60, y: p.y + (Math.random() - 0.5) * 60 });
          }
        }
      });
      runLayout(cy, layout, { incremental: layout === 'fcose', onStop });
    } else if (restored > 0 || carried) {
      fitView(cy);
      cy.container()?.closest('.graph-canvas')?.setAttribute('data-layout', 'idle');
      // Placed without a layout (saved positions, a reload): the grid is wanted all the same.
      prebuildHitGrid(cy);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `saved` follows `positions`
  }, [elements, nodes, layout, layoutKey, positions]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    const node = selected ? cy.getElementById(selected) : null;
    // With several selected, a click that added one keeps the others.
    if (multiSelect && node?.selected()) return;
    cy.batch(() => {
      cy.$(':selected').unselect();
      node?.select();
    });
  }, [selected, elements, multiSelect]);

  // The canvas is a bitmap: list what it shows for screen readers and keyboard users (and for tests
  // that read what a user sees). Tab reaches the list; it shows over the canvas while focused.
  const visibleNodes = nodes.visible;
  const nodeName = (id: string | null | undefined): string | null => {
    const e = id ? visibleNodes.find((n) => String(n.data.id) === id) : undefined;
    return e ? String(e.data.title ?? e.data.label ?? e.data.id) : null;
  };
  const { t } = useI18n();
  const listId = useId();
  /** The node the keyboard is on (by id, so it stays put when the list grows). */
  const [active, setActive] = useState<string | null>(null);
  const [listFocused, setListFocused] = useState(false);
  /** A node expanded from the list, and what was selected then (announced until the selection moves on). */
  const [expanding, setExpanding] = useState<{ id: string; sel: string | null } | null>(null);
  const activeIndex = visibleNodes.findIndex((e) => String(e.data.id) === active);
  const activeId = activeIndex >= 0 ? active : null;

  // The canvas marks the node the keyboard is on, and brings it into sight.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || cy.destroyed()) return;
    cy.nodes(`.${KEYBOARD_FOCUS}`).removeClass(KEYBOARD_FOCUS);
    if (!listFocused || !activeId) return;
    const n = cy.getElementById(activeId);
    if (n.empty()) return;
    n.addClass(KEYBOARD_FOCUS);
    const box = cy.extent();
    const p = n.position();
    if (p.x < box.x1 || p.x > box.x2 || p.y < box.y1 || p.y > box.y2) cy.animate({ center: { eles: n } }, { duration: 150 });
  }, [activeId, listFocused, elements]);

  // The option in sight in the list as the keyboard moves.
  useEffect(() => {
    if (!listFocused || activeIndex < 0) return;
    document.getElementById(`${listId}-${activeIndex}`)?.scrollIntoView({ block: 'nearest' });
  }, [activeIndex, listFocused, listId]);

  // Screen readers hear what was selected, however it was (the list, a click, a search).
  const selectedName = nodeName(selected);
  const announce =
    expanding && (selected === expanding.sel || selected === expanding.id)
      ? t('a11y.expanded', { name: nodeName(expanding.id) ?? expanding.id })
      : selectedName
        ? t('a11y.selected', { name: selectedName })
        : '';

  /** A node clicked in the list: as a click on the canvas. Stable, so the list's rows re-render only when theirs change. */
  const pick = useCallback((id: string) => {
    setActive(id);
    setExpanding(null);
    handlers.current.onSelect?.(id);
  }, []);

  const onListKey = (e: KeyboardEvent<HTMLUListElement>) => {
    const ids = visibleNodes.map((n) => String(n.data.id));
    if (!ids.length) return;
    const at = activeIndex >= 0 ? activeIndex : -1;
    const move = (i: number) => {
      e.preventDefault();
      setActive(ids[Math.max(0, Math.min(ids.length - 1, i))]);
    };
    if (e.key === 'ArrowDown') move(at + 1);
    else if (e.key === 'ArrowUp') move(at < 0 ? 0 : at - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(ids.length - 1);
    else if (e.key === 'PageDown') move(at + 10);
    else if (e.key === 'PageUp') move(at - 10);
    else if (activeId && (e.key === 'Enter' || e.key === ' ')) {
      // As a click on the node does.
      e.preventDefault();
      setExpanding(null);
      handlers.current.onSelect?.(activeId);
    } else if (activeId && (e.key === '+' || e.key === '=' || e.key.toLowerCase() === 'e') && !e.ctrlKey && !e.metaKey && !e.altKey) {
      // As a double-click on the node does.
      e.preventDefault();
      if (!handlers.current.onExpand) return;
      setExpanding({ id: activeId, sel: selected ?? null });
      handlers.current.onExpand(activeId);
    }
  };

  return (
    <div className="graph-canvas" data-testid={props.testId} data-layout="pending">
      <div ref={container} className="graph-canvas-cy" />
      <ul
        className="canvas-node-list"
        data-testid="canvas-nodes"
        role="listbox"
        tabIndex={visibleNodes.length ? 0 : -1}
        aria-label={t('a11y.nodeList')}
        data-hint={t('a11y.nodeListHint')}
        aria-activedescendant={listFocused && activeIndex >= 0 ? `${listId}-${activeIndex}` : undefined}
        onKeyDown={onListKey}
        onFocus={() => {
          setListFocused(true);
          // Start on the selected node, else the first.
          if (!activeId)
            setActive(selected && nodeName(selected) ? selected : visibleNodes.length ? String(visibleNodes[0].data.id) : null);
        }}
        onBlur={() => setListFocused(false)}
      >
        {visibleNodes.map((e, i) => {
          const id = String(e.data.id);
          return (
            <NodeOption
              key={id}
              id={id}
              optionId={`${listId}-${i}`}
              title={String(e.data.title ?? e.data.label ?? e.data.id)}
              summary={Boolean(e.data.summary)}
              selected={id === selected}
              active={id === activeId}
              onPick={pick}
            />
          );
        })}
      </ul>
      <div className="sr-only" role="status" aria-live="polite" data-testid="canvas-announce">
        {announce}
      </div>
      {props.children}
    </div>
  );
}

interface NodeOptionProps {
  id: string;
  optionId: string;
  title: string;
  summary: boolean;
  selected: boolean;
  active: boolean;
  onPick: (id: string) => void;
}

/**
 * One row of the canvas's node list. Memoised: with thousands of nodes on the canvas, a click or a
 * key press re-renders the two rows whose state changed, not every row.
 */
const NodeOption = memo(function NodeOption({ id, optionId, title, summary, selected, active, onPick }: NodeOptionProps) {
  return (
    <li
      id={optionId}
      role="option"
      aria-selected={selected}
      className={active ? 'active' : undefined}
      data-id={id}
      data-summary={summary ? 'true' : undefined}
      onMouseDown={(ev) => ev.preventDefault()}
      onClick={() => onPick(id)}
    >
      {title}
    </li>
  );
});
