/** A small SVG of a node shape or an edge line, for the legend; matches the canvas styles. */
import type { NodeShape } from '../graph/styles.js';

const POLYGONS: Partial<Record<NodeShape, string>> = {
  'round-hexagon': '3,8 5.5,3 10.5,3 13,8 10.5,13 5.5,13',
  'round-octagon': '5.5,2.5 10.5,2.5 13.5,5.5 13.5,10.5 10.5,13.5 5.5,13.5 2.5,10.5 2.5,5.5',
  'round-triangle': '8,2.5 14,13.5 2,13.5',
  'round-diamond': '8,1.8 14.2,8 8,14.2 1.8,8',
  star: '8,1.5 9.8,6 14.5,6.2 10.8,9.2 12.1,14 8,11.3 3.9,14 5.2,9.2 1.5,6.2 6.2,6',
  'round-tag': '2.5,3 10,3 14,8 10,13 2.5,13',
  'cut-rectangle': '4.5,3 11.5,3 14,5.5 14,10.5 11.5,13 4.5,13 2,10.5 2,5.5',
};

export function ShapeIcon({ shape, color }: { shape: NodeShape; color: string }) {
  const poly = POLYGONS[shape];
  return (
    <svg className="shape-icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden>
      {shape === 'ellipse' && <circle cx="8" cy="8" r="6" fill={color} />}
      {shape === 'round-rectangle' && <rect x="2" y="3.5" width="12" height="9" rx="2.5" fill={color} />}
      {shape === 'barrel' && <rect x="2" y="3" width="12" height="10" rx="5" ry="2" fill={color} />}
      {poly && <polygon points={poly} fill={color} strokeLinejoin="round" stroke={color} strokeWidth="1" />}
    </svg>
  );
}

export function LineIcon({ color, dashed, width = 2 }: { color: string; dashed?: boolean; width?: number }) {
  return (
    <svg className="shape-icon" width="22" height="16" viewBox="0 0 22 16" aria-hidden>
      <line x1="1" y1="8" x2="17" y2="8" stroke={color} strokeWidth={Math.min(width, 3.5)} strokeDasharray={dashed ? '4 3' : undefined} />
      <polygon points="16,4.5 21,8 16,11.5" fill={color} />
    </svg>
  );
}
