/** Canvas styles: one colour and shape per entity type, one colour per relation type, state classes. */
import type { StylesheetJson } from 'cytoscape';
import { ENTITY_TYPES, RELATION_TYPES, type EntityType, type RelationType } from '../../../shared/model/index.js';

export type NodeShape =
  | 'ellipse'
  | 'round-hexagon'
  | 'round-octagon'
  | 'round-triangle'
  | 'round-diamond'
  | 'round-rectangle'
  | 'barrel'
  | 'star'
  | 'round-tag'
  | 'cut-rectangle';

export const ENTITY_STYLE: Record<EntityType, { color: string; shape: NodeShape; size: number }> = {
  Enterprise: { color: '#3b6fb6', shape: 'ellipse', size: 26 },
  Park: { color: '#2e9c6a', shape: 'round-hexagon', size: 36 },
  Hospital: { color: '#c8553d', shape: 'round-octagon', size: 32 },
  University: { color: '#7a5cb8', shape: 'round-triangle', size: 34 },
  Alliance: { color: '#d6901f', shape: 'round-diamond', size: 36 },
  Government: { color: '#55636e', shape: 'round-rectangle', size: 30 },
  Region: { color: '#5f9ea0', shape: 'barrel', size: 34 },
  Event: { color: '#c45a9a', shape: 'star', size: 30 },
  Person: { color: '#8d6e57', shape: 'round-tag', size: 24 },
  ChainSegment: { color: '#1f8a96', shape: 'cut-rectangle', size: 32 },
};

export const RELATION_STYLE: Record<RelationType, { color: string; width: number }> = {
  LOCATED_IN: { color: '#a3adb5', width: 1.2 },
  PART_OF: { color: '#8b96a0', width: 1.2 },
  MEMBER_OF: { color: '#d6a04a', width: 1.6 },
  IN_SEGMENT: { color: '#5fb0b8', width: 1.4 },
  SIGNED: { color: '#c8553d', width: 2.4 },
  AFFILIATED_WITH: { color: '#9a83cc', width: 1.8 },
  GUIDES: { color: '#6d7b86', width: 1.6 },
  ORGANISES: { color: '#4f7f9e', width: 1.6 },
  OPERATES: { color: '#45a97a', width: 1.8 },
  SUPPLIES: { color: '#3b6fb6', width: 2.4 },
  SERVES_IN: { color: '#a8866c', width: 1.4 },
  PARTICIPATES_IN: { color: '#d07fb2', width: 1.4 },
};

/** The badge on a lead's target: a flag in a deep-orange disc. */
export const LEAD_BADGE =
  'data:image/svg+xml;utf8,' +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="26" height="26" viewBox="0 0 26 26"><circle cx="13" cy="13" r="11.5" fill="#c2410c" stroke="#fff" stroke-width="3"/><path d="M9 19V7h8l-2 3 2 3H11v6z" fill="#fff"/></svg>',
  );
export const HIGHLIGHT = '#f08c00';
export const SELECTED = '#1d2935';
export const GAP_COLORS = { MISSING: '#d64545', THIN: '#e08a1e', PRESENT: '#7aa37a', STRONG: '#2e7d4f' } as const;
/** Background of a segment marked as a gap (on the chain canvas and in its legend). */
export const GAP_FILL = { MISSING: '#fdf1f1', THIN: '#fdf6ec' } as const;
/** A segment neither side has (均无): grey and dashed, apart from the gaps (on the chain canvas and in its legend). */
export const NEITHER_BOX = { border: '#8d98a1', fill: '#eef1f3', text: '#55616b' } as const;

/** Above this many nodes the canvas draws cheaper edges (straight, no arrows) to stay smooth. */
export const LARGE_GRAPH = 800;

/** Cheaper edges and fewer labels for big graphs. */
const LARGE_RULES: StylesheetJson = [
  {
    selector: 'edge',
    style: { 'curve-style': 'haystack', 'haystack-radius': 0, 'target-arrow-shape': 'none', 'min-zoomed-font-size': 12 },
  },
  { selector: 'node', style: { 'text-background-opacity': 0, 'min-zoomed-font-size': 9 } },
  { selector: 'edge.hl', style: { 'curve-style': 'bezier', 'target-arrow-shape': 'triangle' } },
];

/**
 * Level of detail for labels (Explore): zoomed out, ordinary nodes lose their labels (below 85 %
 * zoom) and then hubs too (below 40 %); the entities put on the canvas, pins, summaries, the
 * selected node and a highlighted path keep theirs. So 120 nodes zoomed out show a dozen names, not
 * a grey smear. (Cytoscape's own min-zoomed-font-size rounds the zoom to a power of two, per screen
 * density, so it cannot draw these lines.)
 */
export type LabelDetail = 'all' | 'important' | 'few';
export const LOD_ZOOM = { all: 0.85, important: 0.4 } as const;
export const labelDetailAt = (zoom: number): LabelDetail =>
  zoom >= LOD_ZOOM.all ? 'all' : zoom >= LOD_ZOOM.important ? 'important' : 'few';
/** The classes whose nodes keep their labels at every level, as are selected nodes. */
const KEEP_CLASSES = ['focus', 'pinned', 'summary', 'hl'] as const;
const KEEP_LABEL = [...KEEP_CLASSES.map((c) => `node.${c}`), 'node:selected'].join(', ');
const LOD_RULES: Record<LabelDetail, StylesheetJson> = {
  all: [],
  important: [
    { selector: 'node', style: { label: '' } },
    { selector: `node.hub, ${KEEP_LABEL}`, style: { label: 'data(label)', 'min-zoomed-font-size': 0 } },
  ],
  few: [
    { selector: 'node', style: { label: '' } },
    { selector: KEEP_LABEL, style: { label: 'data(label)', 'min-zoomed-font-size': 0 } },
  ],
};

/**
 * Level of detail on large graphs: no stylesheet or class changes (restyling 10,000 nodes took
 * 0.6-1.4 s a level on a 2-core machine); the patched renderer asks `labelHiddenAt(level)` as it
 * draws each label (web/build/cytoscape-patches.ts, setLabelHidden). The nodes KEEP_LABEL names keep
 * their labels at every level, as on a small graph; the hidden labels keep their place in the nodes'
 * bounds, so a zoom across a level changes no bounds either.
 */
const lodHides = (level: LabelDetail, hub: boolean): boolean => level === 'few' || (level === 'important' && !hub);
/** Whether a node is one KEEP_LABEL names (its label drawn at every level). */
function keepsLabel(node: { hasClass(c: string): boolean; selected(): boolean }): boolean {
  return node.selected() || KEEP_CLASSES.some((c) => node.hasClass(c));
}
/** The labels a large graph hides at this level (null: none); edges' labels are left to the stylesheet. */
export function labelHiddenAt(
  level: LabelDetail,
): ((ele: { isNode(): boolean; hasClass(c: string): boolean; selected(): boolean }) => boolean) | null {
  if (level === 'all') return null;
  return (ele) => ele.isNode() && lodHides(level, ele.hasClass('hub')) && !keepsLabel(ele);
}
/** Large graphs: the nodes that keep their labels at every level keep them however small they are drawn. */
const LARGE_KEEP_RULES: StylesheetJson = [{ selector: KEEP_LABEL, style: { 'min-zoomed-font-size': 0 } }];

/** Explore: a hub's neighbours folded into one node ("+35 个成员"), and pinned nodes. */
const EXPLORE_RULES: StylesheetJson = [
  {
    selector: 'node.summary',
    style: {
      shape: 'round-rectangle',
      'background-color': '#eef2f5',
      'border-width': 1.5,
      'border-style': 'dashed',
      'border-color': '#6d7b86',
      label: 'data(label)',
      'text-valign': 'center',
      'text-margin-y': 0,
      'text-background-opacity': 0,
      color: '#1d2935',
      'font-weight': 'bold',
      width: 'data(w)',
      height: 24,
      padding: '6px',
    },
  },
  { selector: 'edge.summary-link', style: { 'line-style': 'dashed', 'line-color': '#8b96a0', 'target-arrow-shape': 'none', width: 1.2 } },
  { selector: 'node.pinned', style: { 'border-style': 'double', 'border-width': 5, 'border-color': '#1d2935' } },
];

/** The stylesheet shared by every canvas; `large` trades edge detail for speed; `lod` hides labels when zoomed out. */
export function graphStylesheet(opts: { large?: boolean; lod?: LabelDetail } = {}): StylesheetJson {
  return [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        'font-family': '"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",system-ui,sans-serif',
        'font-size': 11,
        color: '#26323d',
        'text-valign': 'bottom',
        'text-margin-y': 4,
        'text-wrap': 'wrap',
        'text-max-width': '120px',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.75,
        'text-background-padding': '1px',
        'min-zoomed-font-size': 7,
        'border-width': 1.5,
        'border-color': '#ffffff',
        width: 26,
        height: 26,
      },
    },
    ...ENTITY_TYPES.map((type) => ({
      selector: `node[type = "${type}"]`,
      style: {
        'background-color': ENTITY_STYLE[type].color,
        shape: ENTITY_STYLE[type].shape,
        width: ENTITY_STYLE[type].size,
        height: ENTITY_STYLE[type].size,
      },
    })),
    { selector: 'node.focus', style: { 'border-width': 3, 'border-color': '#1d2935', 'font-weight': 'bold' } },
    {
      selector: 'edge',
      style: {
        width: 1.4,
        'line-color': '#a3adb5',
        'target-arrow-color': '#a3adb5',
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.8,
        'curve-style': 'bezier',
        opacity: 0.85,
        label: '',
        'font-size': 9,
        color: '#56636e',
        'text-rotation': 'autorotate',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.8,
        'min-zoomed-font-size': 8,
      },
    },
    ...RELATION_TYPES.map((type) => ({
      selector: `edge[type = "${type}"]`,
      style: {
        'line-color': RELATION_STYLE[type].color,
        'target-arrow-color': RELATION_STYLE[type].color,
        width: RELATION_STYLE[type].width,
      },
    })),
    {
      selector: 'edge.suggest',
      style: {
        'line-style': 'dotted',
        'line-color': '#1f6f8b',
        'target-arrow-color': '#1f6f8b',
        width: 1.6,
        label: 'data(label)',
        'font-size': 10,
        color: '#1f6f8b',
      },
    },
    { selector: 'edge.inferred', style: { 'line-style': 'dashed', 'line-dash-pattern': [6, 4] } },
    { selector: 'edge.labelled, edge:selected', style: { label: 'data(label)' } },
    { selector: '.faded', style: { opacity: 0.18 } },
    {
      selector: 'node.hl',
      style: { 'border-width': 4, 'border-color': HIGHLIGHT, opacity: 1, 'z-index': 10 },
    },
    {
      selector: 'edge.hl',
      style: {
        width: 4,
        'line-color': HIGHLIGHT,
        'target-arrow-color': HIGHLIGHT,
        opacity: 1,
        label: 'data(label)',
        'z-index': 10,
      },
    },
    {
      selector: 'node:selected',
      style: { 'border-width': 4, 'border-color': SELECTED, 'overlay-opacity': 0, 'z-index': 20 },
    },
    { selector: 'node.hidden, edge.hidden', style: { display: 'none' } },
    // A lead's target (招商线索): a small badge at its top right, drawn over the node's edge.
    {
      selector: 'node.has-lead',
      style: {
        'background-image': LEAD_BADGE,
        'background-width': 13,
        'background-height': 13,
        'background-position-x': '100%',
        'background-position-y': '0%',
        'background-clip': 'none',
        'background-image-containment': 'over',
        'bounds-expansion': 7,
      },
    },
    // The node the keyboard is on in the canvas's node list (graph-canvas.tsx).
    {
      selector: 'node.kbd-focus',
      style: { 'overlay-color': '#1f6f8b', 'overlay-opacity': 0.28, 'overlay-padding': 7, 'z-index': 30 },
    },

    // The chain view: tiers (compound) → segments (compound) → enterprises.
    {
      selector: 'node.tier',
      style: {
        shape: 'round-rectangle',
        'background-color': '#f3f6f8',
        'background-opacity': 1,
        'border-width': 1,
        'border-color': '#d5dde3',
        label: 'data(label)',
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-y': -6,
        'font-size': 15,
        'font-weight': 'bold',
        color: '#1d2935',
        'text-background-opacity': 0,
        padding: '18px',
      },
    },
    {
      selector: 'node.segment',
      style: {
        shape: 'round-rectangle',
        'background-color': '#ffffff',
        'border-width': 2,
        'border-color': ENTITY_STYLE.ChainSegment.color,
        label: 'data(label)',
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-y': -4,
        'font-size': 12,
        'font-weight': 'bold',
        color: '#15606a',
        'text-background-opacity': 0,
        // The label comes in lines that fit (chain-elements.ts); this only catches a long unbroken word.
        'text-max-width': '170px',
        padding: '10px',
        'min-width': '170px',
        'min-height': '28px',
      },
    },
    {
      selector: 'node.segment.MISSING',
      style: {
        'border-color': GAP_COLORS.MISSING,
        'border-style': 'dashed',
        'background-color': GAP_FILL.MISSING,
        color: '#b02a2a',
      },
    },
    { selector: 'node.segment.THIN', style: { 'border-color': GAP_COLORS.THIN, 'background-color': GAP_FILL.THIN, color: '#8a5208' } },
    { selector: 'node.segment.STRONG', style: { 'border-color': GAP_COLORS.STRONG, 'border-width': 3 } },
    // 均无: neither the region nor the benchmark has any — a grey dashed box, apart from the gaps.
    {
      selector: 'node.segment.NEITHER',
      style: {
        'border-color': NEITHER_BOX.border,
        'border-style': 'dashed',
        'border-width': 1.5,
        'background-color': NEITHER_BOX.fill,
        color: NEITHER_BOX.text,
      },
    },
    {
      selector: 'node.segment.empty',
      style: { width: 170, height: 'data(height)', 'text-valign': 'center', 'text-margin-y': 0, 'font-weight': 'normal' },
    },
    { selector: 'node.member', style: { 'font-size': 10, 'text-max-width': '110px', width: 16, height: 16 } },
    {
      selector: 'edge.tier-flow',
      style: { width: 3, 'line-color': '#c4ced6', 'target-arrow-color': '#c4ced6', 'curve-style': 'straight' },
    },
    ...EXPLORE_RULES,
    ...(opts.large ? LARGE_RULES : []),
    // Large graphs hide labels in the renderer (labelHiddenAt), so a zoom never replaces their stylesheet.
    ...(opts.large ? LARGE_KEEP_RULES : opts.lod ? LOD_RULES[opts.lod] : []),
  ];
}
