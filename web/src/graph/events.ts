/** Canvas event handling, kept apart from React so it can be tested against a headless Cytoscape. */
import type { Core, EventObject } from 'cytoscape';

export interface GraphHandlers {
  /** A node was clicked (null: the background). */
  onSelect?: (id: string | null) => void;
  /** A node was double-clicked: expand its neighbourhood. */
  onExpand?: (id: string) => void;
  /** A node was right-clicked or long-pressed, at this position inside the canvas. */
  onContextMenu?: (id: string, at: { x: number; y: number }) => void;
  /** The pointer entered (id) or left (null) a node. */
  onHover?: (id: string | null) => void;
  /** The set of selected nodes changed (shift-click, box selection): all of them, once per gesture. */
  onSelectionChange?: (ids: string[]) => void;
  /** The user dropped a node they dragged. */
  onDragEnd?: (id: string) => void;
}

/** Binds the handlers (read through `get`, so callers may change them without rebinding); returns the unbinder. */
export function bindGraphEvents(cy: Core, get: () => GraphHandlers): () => void {
  // A long press opens the menu; the tap that ends it must not close it again by selecting.
  let held = false;
  const tapStart = () => {
    held = false;
  };
  const tapNode = (e: EventObject) => {
    if (!held) get().onSelect?.(e.target.id());
  };
  const tapBackground = (e: EventObject) => {
    if (e.target === cy) get().onSelect?.(null);
  };
  const dblNode = (e: EventObject) => get().onExpand?.(e.target.id());
  const ctxNode = (e: EventObject) => {
    // An event emitted without a pointer has no position: use the node's.
    const at = e.renderedPosition ?? e.target.renderedPosition();
    get().onContextMenu?.(e.target.id(), { x: at.x, y: at.y });
  };
  const holdNode = (e: EventObject) => {
    held = true;
    ctxNode(e);
  };
  const over = (e: EventObject) => get().onHover?.(e.target.id());
  const out = () => get().onHover?.(null);
  // A box selection selects many nodes one event each: report once they are all in.
  let pending: ReturnType<typeof setTimeout> | null = null;
  const selection = () => {
    if (pending) return;
    pending = setTimeout(() => {
      pending = null;
      if (!cy.destroyed()) get().onSelectionChange?.(cy.nodes(':selected').map((n) => n.id()));
    }, 0);
  };
  const dragFree = (e: EventObject) => get().onDragEnd?.(e.target.id());

  cy.on('tapstart', tapStart);
  cy.on('tap', 'node', tapNode);
  cy.on('tap', tapBackground);
  cy.on('dbltap', 'node', dblNode);
  cy.on('cxttap', 'node', ctxNode);
  cy.on('taphold', 'node', holdNode);
  cy.on('mouseover', 'node', over);
  cy.on('mouseout', 'node', out);
  cy.on('select unselect', 'node', selection);
  cy.on('dragfree', 'node', dragFree);
  return () => {
    if (pending) clearTimeout(pending);
    cy.off('tapstart', tapStart);
    cy.off('tap', 'node', tapNode);
    cy.off('tap', tapBackground);
    cy.off('dbltap', 'node', dblNode);
    cy.off('cxttap', 'node', ctxNode);
    cy.off('taphold', 'node', holdNode);
    cy.off('mouseover', 'node', over);
    cy.off('mouseout', 'node', out);
    cy.off('select unselect', 'node', selection);
    cy.off('dragfree', 'node', dragFree);
  };
}
