/**
 * Readable at scale: a focus entity's neighbours of one relation type are drawn in full only up to a
 * cap; past it they become one summary node ("+35 个成员") that the user expands on demand. What
 * is drawn anyway (an entity the user put on the canvas, a path, a group opened or another focus's
 * small group) is not counted in the summary.
 */
import type { RelationType } from '../../../shared/model/index.js';

/** A relation group with more neighbours than this is summarised. */
export const HUB_CAP = 25;

export interface PartNode {
  id: string;
}
export interface PartEdge {
  id: string;
  type: RelationType;
  source: string;
  target: string;
}

export interface FocusPart<N extends PartNode, E extends PartEdge> {
  /** The entity whose neighbourhood this is. */
  id: string;
  nodes: readonly N[];
  edges: readonly E[];
  /** The server left neighbours out (its limit): the true counts are in `counts`. */
  truncated: boolean;
  /** The true number of relations of each type and direction (`TYPE` → count, both directions summed). */
  counts?: ReadonlyMap<RelationType, number>;
}

export interface Summary {
  /** Element id of the summary node. */
  id: string;
  focus: string;
  type: RelationType;
  /** Neighbours not drawn. */
  count: number;
  /** Whether most of the group's relations point at the focus (its members) or away (its memberships). */
  direction: 'IN' | 'OUT';
}

export interface SummariseOptions<N extends PartNode, E extends PartEdge> {
  /** One depth-1 neighbourhood per entity on the canvas. */
  parts: readonly FocusPart<N, E>[];
  /** Drawn in full: expansions by type, paths. */
  full: readonly { nodes: readonly N[]; edges: readonly E[] }[];
  /** Groups the user opened, as `focusId~RELATION_TYPE`. */
  open: ReadonlySet<string>;
  /** Nodes drawn whatever their group (a highlighted path). */
  keep?: Iterable<string>;
  cap?: number;
}

export interface SummariseResult<N, E> {
  nodes: N[];
  edges: E[];
  summaries: Summary[];
}

export const summaryId = (focus: string, type: RelationType): string => `summary:${focus}~${type}`;

export function summarise<N extends PartNode, E extends PartEdge>(opts: SummariseOptions<N, E>): SummariseResult<N, E> {
  const cap = opts.cap ?? HUB_CAP;
  const keep = new Set<string>(opts.keep ?? []);
  for (const p of opts.parts) keep.add(p.id);
  for (const f of opts.full) for (const n of f.nodes) keep.add(n.id);

  // Each focus's neighbours by relation type; a group over the cap and not opened is folded.
  const folded: { focus: string; type: RelationType; members: Set<string>; inbound: number; outbound: number; part: FocusPart<N, E> }[] =
    [];
  for (const part of opts.parts) {
    const groups = new Map<RelationType, { members: Set<string>; inbound: number; outbound: number }>();
    for (const e of part.edges) {
      if (e.source !== part.id && e.target !== part.id) continue;
      const other = e.source === part.id ? e.target : e.source;
      if (other === part.id) continue;
      const g = groups.get(e.type) ?? { members: new Set<string>(), inbound: 0, outbound: 0 };
      g.members.add(other);
      if (e.target === part.id) g.inbound++;
      else g.outbound++;
      groups.set(e.type, g);
    }
    for (const [type, g] of groups) {
      const total = Math.max(g.members.size, part.truncated ? (part.counts?.get(type) ?? 0) : 0);
      if (total > cap && !opts.open.has(`${part.id}~${type}`)) folded.push({ focus: part.id, type, ...g, part });
      else for (const m of g.members) keep.add(m);
    }
  }

  const nodes = new Map<string, N>();
  const edges = new Map<string, E>();
  for (const src of [...opts.parts, ...opts.full]) {
    for (const n of src.nodes) if (keep.has(n.id) && !nodes.has(n.id)) nodes.set(n.id, n);
    for (const e of src.edges) if (!edges.has(e.id)) edges.set(e.id, e);
  }
  const drawnEdges = [...edges.values()].filter((e) => nodes.has(e.source) && nodes.has(e.target));

  const summaries: Summary[] = [];
  for (const f of folded) {
    const drawn = [...f.members].filter((m) => nodes.has(m)).length;
    // With everything fetched the group is exact; cut by the server's limit, its true count.
    const total = f.part.truncated ? Math.max(f.part.counts?.get(f.type) ?? 0, f.members.size) : f.members.size;
    const count = total - drawn;
    if (count > 0) {
      summaries.push({
        id: summaryId(f.focus, f.type),
        focus: f.focus,
        type: f.type,
        count,
        direction: f.inbound >= f.outbound ? 'IN' : 'OUT',
      });
    }
  }
  return { nodes: [...nodes.values()], edges: drawnEdges, summaries };
}
