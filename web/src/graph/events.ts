/** Canvas event handling, kept apart from React so it can be tested against a headless Cytoscape. */
import type { Core, EventObject } from 'cytoscape';

export interface GraphHandlers {
  /** A node was clicked (null: the background). */
  onSelect?: (id: string | null) => void;
  /** A node was double-clicked: expand its neighbourhood. */
  onExpand?: (id: string) => void;
  /** A node was right-clicked, at this position inside the canvas. */
  onContextMenu?: (id: string, at: { x: number; y: number }) => void;
  /** The pointer entered (id) or left (null) a node. */
  onHover?: (id: string | null) => void;
}

/** Binds the handlers (read through `get`, so callers may change them without rebinding); returns the unbinder. */
export function bindGraphEvents(cy: Core, get: () => GraphHandlers): () => void {
  const tapNode = (e: EventObject) => get().onSelect?.(e.target.id());
  const tapBackground = (e: EventObject) => {
    if (e.target === cy) get().onSelect?.(null);
  };
  const dblNode = (e: EventObject) => get().onExpand?.(e.target.id());
  const ctxNode = (e: EventObject) => {
    // An event emitted without a pointer has no position: use the node's.
    const at = e.renderedPosition ?? e.target.renderedPosition();
    get().onContextMenu?.(e.target.id(), { x: at.x, y: at.y });
  };
  const over = (e: EventObject) => get().onHover?.(e.target.id());
  const out = () => get().onHover?.(null);

  cy.on('tap', 'node', tapNode);
  cy.on('tap', tapBackground);
  cy.on('dbltap', 'node', dblNode);
  cy.on('cxttap', 'node', ctxNode);
  cy.on('mouseover', 'node', over);
  cy.on('mouseout', 'node', out);
  return () => {
    cy.off('tap', 'node', tapNode);
    cy.off('tap', tapBackground);
    cy.off('dbltap', 'node', dblNode);
    cy.off('cxttap', 'node', ctxNode);
    cy.off('mouseover', 'node', over);
    cy.off('mouseout', 'node', out);
  };
}
