/**
 * Drawing a relation on the canvas: a line from the node it starts at to the pointer, over the
 * canvas (an SVG overlay, so the graph and its layout are untouched), until the target node is
 * clicked or the drawing is cancelled.
 */
import type { Core, EventObject } from 'cytoscape';
import { useEffect, useState } from 'react';

interface Line {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface LinkLineProps {
  getCy: () => Core | null;
  /** The node the line starts at. */
  from: string;
}

export function LinkLine({ getCy, from }: LinkLineProps) {
  const [line, setLine] = useState<Line | null>(null);
  useEffect(() => {
    const cy = getCy();
    if (!cy) return;
    const node = cy.getElementById(from);
    if (node.empty()) return;
    let pointer: { x: number; y: number } | null = null;
    const draw = () => {
      const p = node.renderedPosition();
      const to = pointer ?? p;
      setLine({ x1: p.x, y1: p.y, x2: to.x, y2: to.y });
    };
    const move = (e: EventObject) => {
      pointer = e.renderedPosition ?? null;
      draw();
    };
    // Over a node the line snaps to its centre: that is where the relation would go.
    const over = (e: EventObject) => {
      if (e.target.id() === from) return;
      pointer = e.target.renderedPosition();
      draw();
    };
    cy.on('mousemove', move);
    cy.on('mouseover', 'node', over);
    const moved = (e: EventObject) => e.target.id() === from && draw();
    cy.on('pan zoom', draw);
    cy.on('position', 'node', moved);
    const first = window.requestAnimationFrame(draw);
    return () => {
      window.cancelAnimationFrame(first);
      cy.off('mousemove', move);
      cy.off('mouseover', 'node', over);
      cy.off('pan zoom', draw);
      cy.off('position', 'node', moved);
    };
  }, [getCy, from]);
  if (!line) return null;
  return (
    <svg className="link-line" aria-hidden>
      <defs>
        <marker id="link-line-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" />
        </marker>
      </defs>
      <circle cx={line.x1} cy={line.y1} r={9} />
      <line x1={line.x1} y1={line.y1} x2={line.x2} y2={line.y2} markerEnd="url(#link-line-arrow)" />
    </svg>
  );
}
