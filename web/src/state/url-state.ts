/**
 * What the user cares about lives in the URL, so a view can be shared and reloaded:
 * the view, the language, the entities on the Explore canvas, the selection, a path, filters,
 * and each analysis view's subject. Only non-default values are written.
 */
import { ENTITY_TYPES, RELATION_TYPES, type EntityType, type Lang, type RelationType } from '../../../shared/model/index.js';

export type { Lang };

export const VIEWS = [
  'explore',
  'chain',
  'gaps',
  'partners',
  'players',
  'leads',
  'changes',
  'watch',
  'import',
  'review',
  'queries',
  'admin',
  'briefing',
] as const;
export type View = (typeof VIEWS)[number];

/** The Explore canvas's layouts a user can choose. */
export const CANVAS_LAYOUTS = ['fcose', 'concentric', 'breadthfirst'] as const;
export type CanvasLayout = (typeof CANVAS_LAYOUTS)[number];

export interface UrlState {
  view: View;
  lang: Lang;
  /** Entities whose neighbourhood is on the Explore canvas. */
  ids: string[];
  /** The selected entity (details panel). */
  sel: string | null;
  /** Shortest paths between two entities, highlighted. */
  path: [string, string] | null;
  /** Entity and relation types hidden by the filters. */
  hideTypes: EntityType[];
  hideRels: RelationType[];
  /** How many nodes the Explore canvas may load (grows with "show more"). */
  limit: number;
  /** Explore canvas: expansions by type, `id~MEMBER_OF` (a relation type) or `id~Enterprise` (an entity type). */
  exp: string[];
  /** Explore canvas: entities hidden (kept in place, not drawn), removed, pinned. */
  hide: string[];
  drop: string[];
  pin: string[];
  /** Explore canvas: the layout chosen, and the nodes' positions (graph/positions.ts codec). */
  layout: CanvasLayout;
  pos: string | null;
  /** Chain, gap and briefing views: the region and the gap benchmark. */
  region: string | null;
  benchmark: string | null;
  /** Partners view: the enterprise or park. */
  partner: string | null;
  /** Queries view: the saved query and its parameter values (as typed). */
  query: string | null;
  params: Record<string, string>;
  /** Leads view: the lead open, and the part shown (list, board, mine, weekly, rules); its filters are p.stage, p.owner, p.segment, p.overdue with the region. */
  lead: string | null;
  leads: LeadsPart;
}

export const LEADS_PARTS = ['list', 'board', 'mine', 'weekly', 'rules'] as const;
export type LeadsPart = (typeof LEADS_PARTS)[number];

export const DEFAULT_LIMIT = 300;

export const defaultState = (): UrlState => ({
  view: 'explore',
  lang: 'zh',
  ids: [],
  sel: null,
  path: null,
  hideTypes: [],
  hideRels: [],
  limit: DEFAULT_LIMIT,
  exp: [],
  hide: [],
  drop: [],
  pin: [],
  layout: 'fcose',
  pos: null,
  region: null,
  benchmark: null,
  partner: null,
  query: null,
  params: {},
  lead: null,
  leads: 'list',
});

const list = (v: string | null): string[] =>
  v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
const uniq = <T>(xs: T[]): T[] => [...new Set(xs)];
const oneOf = <T extends string>(allowed: readonly T[], v: string | null): T | null =>
  v !== null && (allowed as readonly string[]).includes(v) ? (v as T) : null;

/** An expansion by type: `id~TYPE`, TYPE a relation or an entity type. */
export function parseExpansion(spec: string): { id: string; type: RelationType | EntityType; by: 'relation' | 'entity' } | null {
  const at = spec.lastIndexOf('~');
  if (at <= 0) return null;
  const id = spec.slice(0, at);
  const type = spec.slice(at + 1);
  if ((RELATION_TYPES as readonly string[]).includes(type)) return { id, type: type as RelationType, by: 'relation' };
  if ((ENTITY_TYPES as readonly string[]).includes(type)) return { id, type: type as EntityType, by: 'entity' };
  return null;
}
const isExpansion = (spec: string): boolean => parseExpansion(spec) !== null;
/** What the positions codec writes (graph/positions.ts); anything else is ignored. */
const POSITIONS = /^[0-9a-z.-]*\.[0-9A-Za-z_-]*$/;

/** Parses a query string (with or without the leading "?"); unknown or malformed values fall back to defaults. */
export function parseUrlState(search: string): UrlState {
  const p = new URLSearchParams(search);
  const d = defaultState();
  const path = list(p.get('path'));
  const limit = Number(p.get('limit'));
  const params: Record<string, string> = {};
  for (const [k, v] of p) if (k.startsWith('p.')) params[k.slice(2)] = v;
  return {
    view: oneOf(VIEWS, p.get('view')) ?? d.view,
    lang: oneOf(['zh', 'en'] as const, p.get('lang')) ?? d.lang,
    ids: uniq(list(p.get('ids'))),
    sel: p.get('sel') || null,
    path: path.length === 2 && path[0] !== path[1] ? [path[0], path[1]] : null,
    hideTypes: uniq(list(p.get('hideTypes')).filter((t): t is EntityType => (ENTITY_TYPES as readonly string[]).includes(t))),
    hideRels: uniq(list(p.get('hideRels')).filter((t): t is RelationType => (RELATION_TYPES as readonly string[]).includes(t))),
    limit: Number.isInteger(limit) && limit > 0 && limit <= 20000 ? limit : d.limit,
    exp: uniq(list(p.get('exp')).filter(isExpansion)),
    hide: uniq(list(p.get('hide'))),
    drop: uniq(list(p.get('drop'))),
    pin: uniq(list(p.get('pin'))),
    layout: oneOf(CANVAS_LAYOUTS, p.get('layout')) ?? d.layout,
    pos: POSITIONS.test(p.get('pos') ?? '') ? p.get('pos') : null,
    region: p.get('region') || null,
    benchmark: p.get('benchmark') || null,
    partner: p.get('partner') || null,
    query: p.get('query') || null,
    params,
    lead: p.get('lead') || null,
    leads: oneOf(LEADS_PARTS, p.get('leads')) ?? d.leads,
  };
}

/** The query string for a state, "" for the defaults; the inverse of parseUrlState. */
export function formatUrlState(s: UrlState): string {
  const p = new URLSearchParams();
  const d = defaultState();
  if (s.view !== d.view) p.set('view', s.view);
  if (s.lang !== d.lang) p.set('lang', s.lang);
  if (s.ids.length) p.set('ids', uniq(s.ids).join(','));
  if (s.sel) p.set('sel', s.sel);
  if (s.path) p.set('path', s.path.join(','));
  if (s.hideTypes.length) p.set('hideTypes', s.hideTypes.join(','));
  if (s.hideRels.length) p.set('hideRels', s.hideRels.join(','));
  if (s.limit !== d.limit) p.set('limit', String(s.limit));
  if (s.exp.length) p.set('exp', uniq(s.exp).join(','));
  if (s.hide.length) p.set('hide', uniq(s.hide).join(','));
  if (s.drop.length) p.set('drop', uniq(s.drop).join(','));
  if (s.pin.length) p.set('pin', uniq(s.pin).join(','));
  if (s.layout !== d.layout) p.set('layout', s.layout);
  if (s.pos) p.set('pos', s.pos);
  if (s.region) p.set('region', s.region);
  if (s.benchmark) p.set('benchmark', s.benchmark);
  if (s.partner) p.set('partner', s.partner);
  if (s.query) p.set('query', s.query);
  for (const [k, v] of Object.entries(s.params)) p.set(`p.${k}`, v);
  if (s.lead) p.set('lead', s.lead);
  if (s.leads !== d.leads) p.set('leads', s.leads);
  const out = p.toString();
  return out ? `?${out}` : '';
}
