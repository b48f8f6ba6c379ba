/** Query rows → JSON-safe rows plus the graph elements they hold. One pure, typed function. */
import { GraphNode, GraphPath, GraphRel, type Row } from '../store/types.js';
import type { Edge, Entity } from './model.js';
import { edgeFromProps, entityFromProps } from './records.js';

export interface RecordsToGraphOptions {
  rows: Row[];
  /** Entity ids of nodes that are endpoints of returned relationships but not returned themselves. */
  endpointIds: Map<string, string>;
}

export interface RecordsGraph {
  rows: Record<string, unknown>[];
  nodes: Entity[];
  edges: Edge[];
}

/** Element ids of relationship endpoints that no returned node covers (to look up before converting). */
export function missingEndpoints(rows: Row[]): string[] {
  const nodes = new Set<string>();
  const ends = new Set<string>();
  const visit = (v: unknown): void => {
    if (v instanceof GraphNode) nodes.add(v.elementId);
    else if (v instanceof GraphRel) {
      ends.add(v.startId);
      ends.add(v.endId);
    } else if (v instanceof GraphPath) {
      v.nodes.forEach(visit);
      v.rels.forEach(visit);
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  rows.forEach((r) => Object.values(r).forEach(visit));
  return [...ends].filter((e) => !nodes.has(e));
}

export function recordsToGraph({ rows, endpointIds }: RecordsToGraphOptions): RecordsGraph {
  const ids = new Map(endpointIds);
  const nodes = new Map<string, Entity>();
  const edges = new Map<string, Edge>();
  const collectNodes = (v: unknown): void => {
    if (v instanceof GraphNode) {
      if (typeof v.properties.id === 'string') {
        ids.set(v.elementId, v.properties.id);
        nodes.set(v.properties.id, entityFromProps(v.properties));
      }
    } else if (v instanceof GraphPath) v.nodes.forEach(collectNodes);
    else if (Array.isArray(v)) v.forEach(collectNodes);
    else if (v && typeof v === 'object' && !(v instanceof GraphRel)) Object.values(v).forEach(collectNodes);
  };
  rows.forEach((r) => Object.values(r).forEach(collectNodes));

  const plain = (v: unknown): unknown => {
    if (v instanceof GraphNode) return typeof v.properties.id === 'string' ? nodes.get(v.properties.id) : v.properties;
    if (v instanceof GraphRel) {
      const e = edgeFromProps(v.properties, v.type, ids.get(v.startId) ?? '', ids.get(v.endId) ?? '');
      if (e.id && e.source && e.target) edges.set(e.id, e);
      return e;
    }
    if (v instanceof GraphPath) return { nodes: v.nodes.map(plain), edges: v.rels.map(plain) };
    if (Array.isArray(v)) return v.map(plain);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
    return v;
  };
  const out = rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plain(v)])));
  return { rows: out, nodes: [...nodes.values()], edges: [...edges.values()] };
}
