/** Records → Cytoscape elements: one pure, typed function with one options object. */
import type { ElementDefinition } from 'cytoscape';
import type { EdgeRef, EntityRef } from '../api/fragments.js';
import type { EntityType, RelationType } from '../../../shared/model/index.js';
import { displayName, relationKindLabel, relationLabel } from '../i18n/i18n.js';
import type { Lang } from '../i18n/i18n.js';
import { wrapLabel } from './wrap-label.js';

/** What a node and an edge need to be drawn (every view's fragment has at least this). */
export type NodeInput = Pick<EntityRef, 'id' | 'type' | 'name' | 'nameEn'> & Partial<Pick<EntityRef, 'kind'>>;
export type EdgeInput = Pick<EdgeRef, 'id' | 'type' | 'source' | 'target'> & Partial<Pick<EdgeRef, 'role' | 'kind' | 'inferred'>>;

export interface ToElementsOptions {
  nodes: readonly NodeInput[];
  edges: readonly EdgeInput[];
  lang: Lang;
  /** Entities the user put on the canvas (drawn with a bold border, kept first when capping). */
  focus?: Iterable<string>;
  /** Elements to highlight (a path, an explanation); everything else is faded when non-empty. */
  highlight?: Iterable<string>;
  /** Types hidden by the filters: such nodes and edges stay in the graph (positions kept) but are not drawn. */
  hideTypes?: Iterable<EntityType>;
  hideRels?: Iterable<RelationType>;
  /** At most this many nodes; the rest are left out and counted in `capped`. */
  maxNodes?: number;
  /** Entities the user hid on the canvas (kept in place, not drawn; counted in `userHidden`). */
  hide?: Iterable<string>;
  /** Entities pinned by the user (layouts leave them where they are). */
  pinned?: Iterable<string>;
  /** Folded neighbours of a hub, each drawn as one node linked to its hub. */
  summaries?: readonly SummaryInput[];
  /** Entities that are a lead's target, with their count of leads (drawn with a badge: class `has-lead`). */
  leads?: ReadonlyMap<string, number>;
}

export interface SummaryInput {
  id: string;
  /** The hub it belongs to. */
  focus: string;
  label: string;
}

/** A node with at least this many links on the canvas keeps its label longer when zoomed out. */
export const HUB_DEGREE = 8;

export interface NodeData {
  id: string;
  /** The display name wrapped into short lines for the canvas. */
  label: string;
  /** The display name on one line. */
  title: string;
  type: EntityType;
  name: string;
  kind: string | null;
}

export interface EdgeData {
  id: string;
  source: string;
  target: string;
  type: RelationType;
  label: string;
}

export interface ToElementsResult {
  elements: ElementDefinition[];
  /** Nodes drawn hidden because of the filters. */
  hidden: number;
  /** Nodes left out because of maxNodes. */
  capped: number;
  /** Nodes the user hid. */
  userHidden: number;
}

export const MAX_NODES = 2000;

function edgeLabel(e: EdgeInput, lang: Lang): string {
  const extra = e.role ?? (e.kind ? relationKindLabel(e.kind, lang) : null);
  return extra ? `${relationLabel(e.type, lang)} · ${extra}` : relationLabel(e.type, lang);
}

/** About how wide a bold 12px label is drawn: CJK characters are square, others about half as wide. */
function labelWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? 12.5 : 7;
  return Math.ceil(w) + 14;
}

export function toElements(opts: ToElementsOptions): ToElementsResult {
  const focus = new Set(opts.focus ?? []);
  const highlight = new Set(opts.highlight ?? []);
  const hideTypes = new Set<string>(opts.hideTypes ?? []);
  const hideRels = new Set<string>(opts.hideRels ?? []);
  const max = opts.maxNodes ?? MAX_NODES;
  const userHide = new Set(opts.hide ?? []);
  const pinned = new Set(opts.pinned ?? []);

  // Deduplicate, then keep focused and highlighted nodes first so capping never drops them.
  const byId = new Map<string, NodeInput>();
  for (const n of opts.nodes) if (!byId.has(n.id)) byId.set(n.id, n);
  const ranked = [...byId.values()].sort(
    (a, b) => Number(focus.has(b.id) || highlight.has(b.id)) - Number(focus.has(a.id) || highlight.has(a.id)),
  );
  const kept = ranked.slice(0, max);
  const capped = ranked.length - kept.length;
  const keptIds = new Set(kept.map((n) => n.id));

  const degree = new Map<string, number>();
  for (const e of opts.edges) {
    if (!keptIds.has(e.source) || !keptIds.has(e.target)) continue;
    degree.set(e.source, (degree.get(e.source) ?? 0) + 1);
    degree.set(e.target, (degree.get(e.target) ?? 0) + 1);
  }

  const elements: ElementDefinition[] = [];
  const hiddenNodes = new Set<string>();
  let userHidden = 0;
  for (const n of kept) {
    const classes: string[] = [];
    if (focus.has(n.id)) classes.push('focus');
    if ((degree.get(n.id) ?? 0) >= HUB_DEGREE) classes.push('hub');
    if (pinned.has(n.id)) classes.push('pinned');
    if (opts.leads?.has(n.id)) classes.push('has-lead');
    if (hideTypes.has(n.type)) {
      classes.push('hidden');
      hiddenNodes.add(n.id);
    } else if (userHide.has(n.id)) {
      classes.push('hidden');
      hiddenNodes.add(n.id);
      userHidden++;
    }
    if (highlight.size) classes.push(highlight.has(n.id) ? 'hl' : 'faded');
    const title = displayName(n, opts.lang);
    const data: NodeData = { id: n.id, label: wrapLabel(title), title, type: n.type, name: n.name, kind: n.kind ?? null };
    elements.push({ group: 'nodes', data, classes: classes.join(' ') });
  }

  const seenEdges = new Set<string>();
  for (const e of opts.edges) {
    if (seenEdges.has(e.id) || !keptIds.has(e.source) || !keptIds.has(e.target)) continue;
    seenEdges.add(e.id);
    const classes: string[] = [];
    if (e.inferred) classes.push('inferred');
    if (hideRels.has(e.type) || hiddenNodes.has(e.source) || hiddenNodes.has(e.target)) classes.push('hidden');
    if (highlight.size) classes.push(highlight.has(e.id) ? 'hl' : 'faded');
    const data: EdgeData = { id: e.id, source: e.source, target: e.target, type: e.type, label: edgeLabel(e, opts.lang) };
    elements.push({ group: 'edges', data, classes: classes.join(' ') });
  }

  for (const sm of opts.summaries ?? []) {
    if (!keptIds.has(sm.focus)) continue;
    const hidden = hiddenNodes.has(sm.focus) ? ' hidden' : '';
    const faded = highlight.size ? ' faded' : '';
    elements.push({
      group: 'nodes',
      data: { id: sm.id, label: sm.label, title: sm.label, summary: sm.focus, w: labelWidth(sm.label) },
      classes: `summary${hidden}${faded}`,
    });
    elements.push({
      group: 'edges',
      data: { id: `${sm.id}:link`, source: sm.focus, target: sm.id },
      classes: `summary-link${hidden}${faded}`,
    });
  }

  return { elements, hidden: hiddenNodes.size - userHidden, capped, userHidden };
}
