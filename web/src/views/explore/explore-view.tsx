/**
 * Explore: search, a canvas of neighbourhoods, filters and legend, details with sources, shortest
 * paths. The canvas can be shaped (hide, remove, pin, expand by type, layouts) with undo and redo,
 * and it is all in the URL, positions too, so a reload or a shared link shows the same picture.
 */
import { useQueries, type UseQueryResult } from '@tanstack/react-query';
import type { EntityType, RelationType } from '../../../../shared/model/index.js';
import type { Core } from 'cytoscape';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useEntityRef } from '../../api/entity-ref.js';
import type { EdgeRef, EntityRef } from '../../api/fragments.js';
import type { GraphQLRequestError } from '../../api/graphql-client.js';
import { graphqlQuery, useGraphQL } from '../../api/query-client.js';
import { keys } from '../../api/query-keys.js';
import { can, useViewer } from '../../auth/viewer.js';
import { EntitySearch, ExampleChips } from '../../components/entity-search.js';
import { ExportMenu } from '../../components/export-menu.js';
import { EmptyState, ErrorBanner, LoadingBar } from '../../components/status.js';
import { GraphCanvas } from '../../graph/graph-canvas.js';
import { LinkLine } from '../../graph/link-line.js';
import { emptyHistory, recordAction, redoAction, undoAction, type History } from '../../graph/history.js';
import { fitView } from '../../graph/layouts.js';
import { summarise, type FocusPart } from '../../graph/summarise.js';
import { MAX_NODES, toElements } from '../../graph/to-elements.js';
import { useLeadBadges } from '../leads/lead-badges.js';
import { graphql } from '../../gql/index.js';
import type { NeighborhoodQuery, RelationCountsQuery } from '../../gql/graphql.js';
import { useI18n } from '../../i18n/i18n.js';
import type { UpdateUrlState } from '../../state/use-url-state.js';
import { CANVAS_LAYOUTS, DEFAULT_LIMIT, parseExpansion, type CanvasLayout, type UrlState } from '../../state/url-state.js';
import { AddEntityDialog } from '../edit/add-entity-dialog.js';
import type { Picked } from '../edit/entity-picker.js';
import { RelationDialog } from '../edit/relation-dialog.js';
import { UndoNotice, type Undo } from '../edit/undo-notice.js';
import { ContextMenu, type ContextMenuState } from './context-menu.js';
import { DetailsPanel } from './details-panel.js';
import { ExpandByType, type ExpandChoice } from './expand-by-type.js';
import { FiltersPanel } from './filters-panel.js';
import { ConnectPanel, NoPathNote, usePathSearch, usePathsOnCanvas } from './paths-panel.js';
import { SheetBar } from './sheet-bar.js';
import { useSettled } from './settled.js';
import './canvas-tools.css';

const NeighborhoodDocument = graphql(`
  query Neighborhood($ids: [ID!]!, $depth: Int, $limit: Int, $types: [EntityType!], $relations: [RelationType!]) {
    neighborhood(ids: $ids, depth: $depth, limit: $limit, types: $types, relations: $relations) {
      ...SubgraphFields
    }
  }
`);

/** The true size of each relation group of a hub whose neighbourhood the server cut at its limit. */
const RelationCountsDocument = graphql(`
  query RelationCounts($id: ID!) {
    entity(id: $id) {
      id
      relations {
        type
        direction
        count
      }
    }
  }
`);

const StatsDocument = graphql(`
  query Stats {
    stats {
      entities
      relations
    }
  }
`);

const SERVER_LIMIT_MAX = 1000;
const EXAMPLES = ['思路迪', '大浦江', '闵行区', '松江'];

type Subgraph = NeighborhoodQuery['neighborhood'];

/** One neighbourhood on the canvas: an entity's whole (ids) or by one type (exp). */
interface HoodRequest {
  id: string;
  relations?: RelationType[];
  types?: EntityType[];
}

/**
 * The neighbourhood of each entity on the canvas, one cached query per entity (and per expansion
 * by type): expanding a node fetches that node's neighbourhood only, and the canvas is their union.
 * `parts` lines up with `requests` (undefined until it arrives).
 */
function useNeighbourhoods(requests: readonly HoodRequest[], limit: number) {
  return useQueries({
    queries: requests.map((r) => ({
      ...graphqlQuery(
        r.relations || r.types ? [...keys.neighborhood(r.id, limit), ...(r.relations ?? r.types ?? [])] : keys.neighborhood(r.id, limit),
        NeighborhoodDocument,
        { ids: [r.id], depth: 1, limit, ...(r.relations ? { relations: r.relations } : {}), ...(r.types ? { types: r.types } : {}) },
      ),
      select: selectNeighbourhood,
    })),
    combine: combineNeighbourhoods,
  });
}

const selectNeighbourhood = (d: NeighborhoodQuery) => d.neighborhood;

/** Module-level, so TanStack Query re-runs it only when a result changes (stable `parts` for memos). */
function combineNeighbourhoods(results: UseQueryResult<Subgraph, GraphQLRequestError>[]) {
  return {
    parts: results.map((r) => r.data),
    loading: results.some((r) => r.isFetching),
    error: results.find((r) => r.error)?.error ?? null,
    reload: () => results.forEach((r) => r.error && void r.refetch()),
  };
}

/** True relation counts of the hubs whose neighbourhood was cut (rare: over the canvas's limit). */
function useRelationCounts(ids: readonly string[]) {
  return useQueries({
    queries: ids.map((id) => ({
      ...graphqlQuery([...keys.entity(id), 'relationCounts'], RelationCountsDocument, { id }),
    })),
    combine: combineRelationCounts,
  });
}

/**
 * Module-level, as combineNeighbourhoods: written inline it was a new function each render, so
 * TanStack Query ran it again and returned a new Map, and the canvas's elements (summarise,
 * toElements: ~0.4 s at 10,000 nodes) were made again on every render of the view — a background
 * click, a selection — while the same.
 */
function combineRelationCounts(results: UseQueryResult<RelationCountsQuery>[]) {
  const out = new Map<string, Map<RelationType, number>>();
  results.forEach((r) => {
    const e = r.data?.entity;
    if (!e) return;
    const m = new Map<RelationType, number>();
    for (const g of e.relations) m.set(g.type, (m.get(g.type) ?? 0) + g.count);
    out.set(e.id, m);
  });
  return out;
}

/** What an undo or redo of a canvas action brings back. */
type CanvasSnapshot = Pick<UrlState, 'ids' | 'exp' | 'hide' | 'drop' | 'pin' | 'layout' | 'pos' | 'sel' | 'limit'>;
const snapshot = (s: UrlState): CanvasSnapshot => ({
  ids: s.ids,
  exp: s.exp,
  hide: s.hide,
  drop: s.drop,
  pin: s.pin,
  layout: s.layout,
  pos: s.pos,
  sel: s.sel,
  limit: s.limit,
});
const without = (list: readonly string[], gone: Iterable<string>): string[] => {
  const g = new Set(gone);
  return list.filter((x) => !g.has(x));
};
const SUMMARY_PREFIX = 'summary:';

export interface ExploreViewProps {
  state: UrlState;
  update: UpdateUrlState;
}

export function ExploreView({ state, update }: ExploreViewProps) {
  const { t, lang } = useI18n();
  const cyRef = useRef<Core | null>(null);
  const getCy = useCallback(() => cyRef.current, []);
  const [menu, setMenu] = useState<ContextMenuState | null>(null);
  const [activePath, setActivePath] = useState<number | null>(null);
  /** 找关联 opened from the toolbar before both ends are chosen; a relation clicked on the canvas (its details). */
  const [connecting, setConnecting] = useState(false);
  const [edgeSel, setEdgeSel] = useState<string | null>(null);
  const canEdit = can(useViewer().data?.me, 'editor');
  const [adding, setAdding] = useState(false);
  const [relationDraft, setRelationDraft] = useState<{ anchor: Picked; other: Picked | null } | null>(null);
  /** Drawing a relation: the node the line starts at, until the target is clicked. */
  const [linkFrom, setLinkFrom] = useState<string | null>(null);
  const [undo, setUndo] = useState<Undo | null>(null);
  /** Undo and redo of canvas actions (not of edits to the graph, which have their own undo). */
  const [history, setHistory] = useState<History<CanvasSnapshot>>(emptyHistory);
  /** Nodes selected together (shift-click, box, or the menu on a phone). */
  const [selection, setSelection] = useState<string[]>([]);
  const [expandBy, setExpandBy] = useState<{ id: string; at: { x: number; y: number } } | null>(null);
  /** Bumped by "re-run layout": the canvas lays everything out afresh. */
  const [relayout, setRelayout] = useState(0);
  /**
   * On a phone the side panels are bottom sheets over the canvas: the details sheet opens with what it
   * shows (an entity, a relation, paths) until closed; it folds down to a peek; filters open from the toolbar.
   */
  const [sheetClosedAt, setSheetClosedAt] = useState<string | null>(null);
  const [sheetCollapsed, setSheetCollapsed] = useState(false);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const sheetRef = useRef<HTMLElement>(null);

  const serverLimit = Math.min(state.limit, SERVER_LIMIT_MAX);
  const expansions = useMemo(
    () => state.exp.map(parseExpansion).filter((x): x is NonNullable<ReturnType<typeof parseExpansion>> => x !== null),
    [state.exp],
  );
  const requests = useMemo<HoodRequest[]>(
    () => [
      ...state.ids.map((id) => ({ id })),
      ...expansions.map((x) =>
        x.by === 'relation' ? { id: x.id, relations: [x.type as RelationType] } : { id: x.id, types: [x.type as EntityType] },
      ),
    ],
    [state.ids, expansions],
  );
  const hood = useNeighbourhoods(requests, serverLimit);
  // The canvas's entities and their neighbourhoods, held together while requests are in flight (settled.ts).
  const drawn = useSettled(
    useMemo(() => ({ ids: state.ids, exp: state.exp, parts: hood.parts }), [state.ids, state.exp, hood.parts]),
    hood.loading,
  );
  const cutHubs = useMemo(() => state.ids.filter((_, i) => hood.parts[i]?.truncated), [state.ids, hood.parts]);
  const hubCounts = useRelationCounts(cutHubs);
  const pathQuery = usePathSearch(state.path);
  const stats = useGraphQL(keys.stats(), StatsDocument, state.ids.length ? null : {});
  // The path ends' names, for the paths panel, even when they are not on the canvas.
  const fromName = useEntityRef(state.path?.[0] ?? null);
  const toName = useEntityRef(state.path?.[1] ?? null);

  const paths = usePathsOnCanvas(state.path, pathQuery, fromName.data?.entity ?? null, toName.data?.entity ?? null);

  const highlight = useMemo(() => {
    if (!paths?.length) return [];
    const chosen = activePath !== null && paths[activePath] ? [paths[activePath]] : paths;
    return chosen.flatMap((p) => [...p.nodes.map((n) => n.id), ...p.edges.map((e) => e.id)]);
  }, [paths, activePath]);

  // The union of the neighbourhoods, a hub's big groups folded into one summary node each, removed nodes left out.
  const graph = useMemo(() => {
    const focusParts: FocusPart<EntityRef, EdgeRef>[] = [];
    drawn.ids.forEach((id, i) => {
      const part = drawn.parts[i];
      if (part) focusParts.push({ id, nodes: part.nodes, edges: part.edges, truncated: part.truncated, counts: hubCounts.get(id) });
    });
    const full = drawn.parts.slice(drawn.ids.length).filter((p): p is Subgraph => p !== undefined);
    const folded = summarise<EntityRef, EdgeRef>({
      parts: focusParts,
      full: [...full, ...(paths ?? [])],
      open: new Set(drawn.exp),
      keep: highlight,
    });
    const dropped = new Set(state.drop);
    const nodes = folded.nodes.filter((n) => !dropped.has(n.id));
    const edges = folded.edges.filter((e) => !dropped.has(e.source) && !dropped.has(e.target));
    const summaries = folded.summaries.filter((sm) => !dropped.has(sm.focus));
    return { nodes, edges, summaries };
  }, [drawn, state.drop, hubCounts, paths, highlight]);

  const leadBadges = useLeadBadges();
  const { elements, hidden, capped, userHidden } = useMemo(
    () =>
      toElements({
        nodes: graph.nodes,
        edges: graph.edges,
        lang,
        focus: state.ids,
        highlight,
        hideTypes: state.hideTypes,
        hideRels: state.hideRels,
        maxNodes: Math.max(MAX_NODES, state.limit),
        hide: state.hide,
        pinned: state.pin,
        leads: leadBadges,
        summaries: graph.summaries.map((sm) => ({
          id: sm.id,
          focus: sm.focus,
          label: t(`canvas.summary.${sm.type}.${sm.direction}`, { n: sm.count }),
        })),
      }),
    [graph, lang, t, state.ids, highlight, state.hideTypes, state.hideRels, state.limit, state.hide, state.pin, leadBadges],
  );

  const counts = useMemo(() => {
    const entityCounts = new Map<string, number>();
    const relationCounts = new Map<string, number>();
    for (const el of elements) {
      if (el.data.type === undefined) continue; // a summary and its link
      const key = el.data.source === undefined ? entityCounts : relationCounts;
      key.set(el.data.type, (key.get(el.data.type) ?? 0) + 1);
    }
    return { entityCounts, relationCounts };
  }, [elements]);
  const nodeCount = counts.entityCounts.size ? [...counts.entityCounts.values()].reduce((a, b) => a + b, 0) : 0;
  const edgeCount = [...counts.relationCounts.values()].reduce((a, b) => a + b, 0);
  const onCanvas = useMemo(() => new Set(elements.map((e) => String(e.data.id))), [elements]);
  /** Drawn and visible: what "new" means when expanding by type. */
  const visibleIds = useMemo(
    () => new Set(elements.filter((e) => !String(e.classes ?? '').includes('hidden')).map((e) => String(e.data.id))),
    [elements],
  );

  /** A canvas action: it can be undone. */
  const act = useCallback(
    (patch: (s: UrlState) => Partial<UrlState>) => {
      setHistory((h) => recordAction(h, snapshot(state)));
      update(patch);
    },
    [state, update],
  );
  const restore = (to: CanvasSnapshot | undefined, next: History<CanvasSnapshot>) => {
    if (!to) return;
    setHistory(next);
    setMenu(null);
    update(to);
  };
  const undoCanvas = () => {
    const r = undoAction(history, snapshot(state));
    if (r) restore(r.state, r.history);
  };
  const redoCanvas = () => {
    const r = redoAction(history, snapshot(state));
    if (r) restore(r.state, r.history);
  };

  /** Puts entities' neighbourhoods on the canvas (again, if they were hidden or removed). */
  const expandMany = (ids: string[], sel: string | null) =>
    act((s) => ({
      ids: [...s.ids, ...ids.filter((id) => !s.ids.includes(id))],
      hide: without(s.hide, ids),
      drop: without(s.drop, ids),
      sel: sel ?? s.sel,
    }));
  const expand = (id: string) => expandMany([id], id);
  const open = (id: string) => {
    if (onCanvas.has(id) || state.ids.includes(id)) update({ sel: id });
    else expandMany([id], id);
  };
  const select = useCallback((id: string | null) => update({ sel: id }, { replace: true }), [update]);
  const pathTo = (from: string, to: string) => {
    setActivePath(null);
    update({ path: from === to ? null : [from, to] });
  };
  const remove = (id: string) =>
    act((s) => ({
      ids: s.ids.filter((x) => x !== id),
      exp: s.exp.filter((x) => parseExpansion(x)?.id !== id),
      drop: s.drop.includes(id) ? s.drop : [...s.drop, id],
      pin: without(s.pin, [id]),
      sel: s.sel === id ? null : s.sel,
    }));
  /** Hides several nodes at once (the multi-selection); summaries are not entities and stay. */
  const hideMany = (ids: string[]) => {
    const entities = ids.filter((id) => !id.startsWith(SUMMARY_PREFIX));
    act((s) => ({
      hide: [...s.hide, ...entities.filter((id) => !s.hide.includes(id))],
      sel: s.sel && entities.includes(s.sel) ? null : s.sel,
    }));
  };
  const hide = (id: string) => act((s) => ({ hide: s.hide.includes(id) ? s.hide : [...s.hide, id], sel: s.sel === id ? null : s.sel }));
  const pin = (id: string, on: boolean) => act((s) => ({ pin: on ? [...without(s.pin, [id]), id] : without(s.pin, [id]) }));
  const expandByType = ({ spec, ids }: ExpandChoice) =>
    act((s) => ({ exp: s.exp.includes(spec) ? s.exp : [...s.exp, spec], hide: without(s.hide, ids), drop: without(s.drop, ids) }));
  /** A hub's folded group, drawn in full. */
  const openSummary = (summaryId: string) => {
    const spec = summaryId.slice(SUMMARY_PREFIX.length);
    act((s) => ({ exp: s.exp.includes(spec) ? s.exp : [...s.exp, spec] }));
  };
  const toggleSelect = (id: string) => {
    const cy = cyRef.current;
    const n = cy?.getElementById(id);
    if (n && n.nonempty()) {
      if (n.selected()) n.unselect();
      else n.select();
    }
  };
  const partners = (id: string) => update({ view: 'partners', partner: id });
  const nodeRef = (id: string): Picked | null => graph.nodes.find((n) => n.id === id) ?? null;
  /** Puts an entity's neighbourhood on the canvas (if it is not) and selects it. */
  const show = (id: string) => update((s) => ({ ids: s.ids.includes(id) ? s.ids : [...s.ids, id], sel: id }));

  useEffect(() => {
    if (!linkFrom) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setLinkFrom(null);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [linkFrom]);

  // Ctrl+Z / Ctrl+Shift+Z (Ctrl+Y) undo and redo canvas actions, except while typing.
  const keys_ = useRef({ undoCanvas, redoCanvas });
  useEffect(() => {
    keys_.current = { undoCanvas, redoCanvas };
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const el = e.target as HTMLElement | null;
      if (el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName))) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) keys_.current.undoCanvas();
      else if ((key === 'z' && e.shiftKey) || key === 'y') keys_.current.redoCanvas();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const onCanvasSelect = (id: string | null) => {
    setMenu(null);
    setEdgeSel(null);
    if (id?.startsWith(SUMMARY_PREFIX)) return openSummary(id);
    if (linkFrom) {
      // Drawing a relation: the next node clicked is its other end; the background cancels.
      const anchor = nodeRef(linkFrom);
      const other = id && id !== linkFrom ? nodeRef(id) : null;
      if (anchor && other) setRelationDraft({ anchor, other });
      if (!id || other) setLinkFrom(null);
      return;
    }
    select(id);
  };

  const truncated = hood.parts.some((p) => p?.truncated) || capped > 0;
  const canShowMore = truncated && (serverLimit < SERVER_LIMIT_MAX || capped > 0);
  const showMore = () =>
    update({
      limit: state.limit < SERVER_LIMIT_MAX ? Math.min(state.limit * 2, SERVER_LIMIT_MAX) : Math.max(state.limit, MAX_NODES) + 1000,
    });
  const loading = hood.loading || pathQuery.loading;
  const sheetKey = (sel: string | null, edge: string | null, path: readonly string[] | null, connect: boolean) =>
    sel || edge || path || connect ? JSON.stringify([sel, edge, path, connect]) : null;
  const shownInSheet = sheetKey(state.sel, edgeSel, state.path, connecting);
  const sheetOpen = shownInSheet !== null && shownInSheet !== sheetClosedAt;
  const closeSheet = () => {
    setSheetClosedAt(sheetKey(null, null, state.path, false));
    setEdgeSel(null);
    setConnecting(false);
    select(null);
  };
  // On a phone the open sheet covers the lower half of the canvas: a node chosen under it moves up into sight.
  useEffect(() => {
    const cy = cyRef.current;
    const sheet = sheetRef.current;
    if (!cy || !sheet || !state.sel || !sheetOpen || sheetCollapsed || !window.matchMedia('(max-width: 760px)').matches) return;
    const node = cy.getElementById(state.sel);
    if (node.empty()) return;
    // The sheet grows to about half the view as the details arrive.
    const view = sheet.parentElement!.getBoundingClientRect();
    const visible =
      Math.min(sheet.getBoundingClientRect().top, view.top + view.height * 0.48) - cy.container()!.getBoundingClientRect().top;
    const y = node.renderedPosition().y;
    if (y > 24 && y < visible - 24) return;
    cy.animate({ panBy: { x: 0, y: visible / 2 - y } }, { duration: 250 });
  }, [state.sel, sheetOpen, sheetCollapsed]);
  const error = hood.error ?? pathQuery.error;

  return (
    <div className="explore-view three-col">
      <aside className={`side-panel left sheet ${filtersOpen ? 'sheet-open' : ''}`}>
        <SheetBar onClose={() => setFiltersOpen(false)} testId="filters-sheet" />
        <FiltersPanel
          entityCounts={counts.entityCounts}
          relationCounts={counts.relationCounts}
          hideTypes={state.hideTypes}
          hideRels={state.hideRels}
          onChange={(f) => update(f, { replace: true })}
        />
      </aside>
      <section className="canvas-area">
        <div className="canvas-toolbar">
          <EntitySearch onPick={(e) => expand(e.id)} slashToFocus testId="main-search" className="grow" />
          <div className="toolbar-group">
            {state.ids.length > 0 && (
              <span className="canvas-count" data-testid="canvas-count">
                {t('explore.nodes', { nodes: nodeCount, edges: edgeCount })}
                {hidden > 0 && ` ${t('explore.hidden', { n: hidden })}`}
              </span>
            )}
            {userHidden > 0 && (
              <span className="canvas-count" data-testid="user-hidden">
                {t('canvas.userHidden', { n: userHidden })}{' '}
                <button type="button" className="link-btn" onClick={() => act(() => ({ hide: [] }))} data-testid="show-hidden">
                  {t('canvas.showHidden')}
                </button>
              </span>
            )}
            {canShowMore && (
              <button type="button" className="btn btn-small btn-accent" onClick={showMore}>
                {t('explore.showMore')}
              </button>
            )}
            <button
              type="button"
              className="btn btn-small phone-only"
              title={t('phone.filtersTitle')}
              aria-expanded={filtersOpen}
              onClick={() => setFiltersOpen((o) => !o)}
              data-testid="filters-button"
            >
              {t('phone.filters')}
            </button>
            <button
              type="button"
              className="btn btn-small"
              title={t('explore.fit')}
              onClick={() => cyRef.current && fitView(cyRef.current)}
            >
              {t('explore.fit')}
            </button>
            <button
              type="button"
              className="btn btn-small"
              title={t('paths.connectHint')}
              onClick={() => setConnecting(true)}
              data-testid="connect-button"
            >
              {t('paths.connect')}
            </button>
            {canEdit && (
              <button type="button" className="btn btn-small btn-primary" onClick={() => setAdding(true)} data-testid="add-entity-button">
                {t('edit.add.button')}
              </button>
            )}
            <ExportMenu
              getCy={() => cyRef.current}
              view={state.ids.length ? { ids: state.ids, depth: 1 } : null}
              selection={state.sel ? { ids: [state.sel], depth: 1 } : null}
              name="explore"
            />
            {state.ids.length > 0 && (
              <button
                type="button"
                className="btn btn-small btn-quiet"
                onClick={() =>
                  act(() => ({ ids: [], sel: null, path: null, limit: DEFAULT_LIMIT, exp: [], hide: [], drop: [], pin: [], pos: null }))
                }
              >
                {t('explore.clearCanvas')}
              </button>
            )}
          </div>
        </div>
        <GraphCanvas
          elements={elements}
          layout={state.layout}
          layoutKey={`${state.layout}:${relayout}`}
          selected={state.sel}
          multiSelect
          labelDetail
          positions={state.pos}
          onPositions={(pos) => update({ pos: pos || null }, { replace: true })}
          onSelect={onCanvasSelect}
          onSelectionChange={setSelection}
          onExpand={(id) => (id.startsWith(SUMMARY_PREFIX) ? openSummary(id) : expand(id))}
          onContextMenu={(id, at) => {
            setExpandBy(null);
            if (id.startsWith(SUMMARY_PREFIX)) openSummary(id);
            else setMenu({ id, at });
          }}
          onDragEnd={() => setHistory((h) => recordAction(h, snapshot(state)))}
          onReady={(cy) => {
            cyRef.current = cy;
            // A relation clicked shows its facts and quotes in the details panel.
            cy?.on('tap', 'edge', (e) => setEdgeSel(String(e.target.id())));
          }}
          testId="explore-canvas"
        >
          <LoadingBar active={loading} />
          <NoPathNote ends={state.path} search={pathQuery} />
          {state.ids.length > 0 && (
            <div className="canvas-tools" role="toolbar" aria-label={t('canvas.layout')} data-testid="canvas-tools">
              <label className="canvas-tool-layout">
                <span className="sr-only">{t('canvas.layout')}</span>
                <select
                  value={state.layout}
                  title={t('canvas.layout')}
                  onChange={(e) => act(() => ({ layout: e.target.value as CanvasLayout }))}
                  data-testid="layout-select"
                >
                  {CANVAS_LAYOUTS.map((l) => (
                    <option key={l} value={l}>
                      {t(`canvas.layout.${l}`)}
                    </option>
                  ))}
                </select>
              </label>
              <button
                type="button"
                className="btn btn-small"
                title={t('canvas.relayoutTitle')}
                onClick={() => {
                  setHistory((h) => recordAction(h, snapshot(state)));
                  setRelayout((n) => n + 1);
                }}
                data-testid="relayout"
              >
                {t('canvas.relayout')}
              </button>
              <button
                type="button"
                className="btn btn-small"
                title={t('canvas.undoTitle')}
                disabled={!history.past.length}
                onClick={undoCanvas}
                data-testid="undo"
              >
                {t('canvas.undo')}
              </button>
              <button
                type="button"
                className="btn btn-small"
                title={t('canvas.redoTitle')}
                disabled={!history.future.length}
                onClick={redoCanvas}
                data-testid="redo"
              >
                {t('canvas.redo')}
              </button>
              {selection.length > 1 ? (
                <span className="canvas-selection" data-testid="selection-bar">
                  <span>{t('canvas.selected', { n: selection.length })}</span>
                  <button
                    type="button"
                    className="btn btn-small btn-accent"
                    onClick={() =>
                      expandMany(
                        selection.filter((id) => !id.startsWith(SUMMARY_PREFIX)),
                        null,
                      )
                    }
                    data-testid="expand-selected"
                  >
                    {t('canvas.expandSelected')}
                  </button>
                  <button type="button" className="btn btn-small" onClick={() => hideMany(selection)} data-testid="hide-selected">
                    {t('canvas.menu.hide')}
                  </button>
                  <button type="button" className="btn btn-small btn-quiet" onClick={() => cyRef.current?.nodes(':selected').unselect()}>
                    {t('canvas.clearSelection')}
                  </button>
                </span>
              ) : (
                <span className="canvas-hint" title={t('canvas.selectHint')} aria-label={t('canvas.selectHint')}>
                  ?
                </span>
              )}
            </div>
          )}
          {error && (
            <div className="canvas-overlay top">
              <ErrorBanner
                error={error}
                onRetry={() => {
                  hood.reload();
                  pathQuery.reload();
                }}
              />
            </div>
          )}
          {state.ids.length === 0 && !state.path && (
            <div className="canvas-overlay center">
              <EmptyState title={t('explore.emptyTitle')} testId="explore-empty">
                <p>{t('explore.emptyBody')}</p>
                {stats.data?.stats && (
                  <p className="muted">
                    {t('explore.emptyStats', { entities: stats.data.stats.entities, relations: stats.data.stats.relations })}
                  </p>
                )}
                {stats.error && <ErrorBanner error={stats.error} onRetry={stats.reload} />}
                <ExampleChips examples={EXAMPLES} onFound={(hit) => expand(hit.id)} />
                <p className="muted small">{t('search.hint')}</p>
              </EmptyState>
            </div>
          )}
          {state.ids.length > 0 && nodeCount > 0 && hidden === nodeCount && (
            <div className="canvas-overlay center">
              <EmptyState title={t('explore.noVisible')} />
            </div>
          )}
          {capped > 0 && <div className="canvas-note">{t('explore.capped', { n: Math.max(MAX_NODES, state.limit) })}</div>}
          {menu && (
            <ContextMenu
              menu={menu}
              selected={state.sel}
              pinned={state.pin.includes(menu.id)}
              inSelection={selection.includes(menu.id)}
              onHide={hide}
              onPin={pin}
              onToggleSelect={toggleSelect}
              onExpandBy={(id, at) => setExpandBy({ id, at })}
              onClose={() => setMenu(null)}
              onExpand={expand}
              onDetails={(id) => update({ sel: id })}
              onPathTo={pathTo}
              onRemove={remove}
              onPartners={partners}
              typeOf={(id) => cyRef.current?.getElementById(id).data('type') as string | undefined}
              nameOf={(id) => cyRef.current?.getElementById(id).data('title') as string | undefined}
              onLinkFrom={canEdit ? setLinkFrom : undefined}
            />
          )}
          {expandBy && (
            <ExpandByType
              id={expandBy.id}
              name={String(elements.find((e) => e.data.id === expandBy.id)?.data.title ?? '')}
              at={expandBy.at}
              onCanvas={visibleIds}
              onExpand={expandByType}
              onClose={() => setExpandBy(null)}
            />
          )}
          {linkFrom && (
            <>
              <LinkLine getCy={getCy} from={linkFrom} />
              <div className="canvas-overlay top link-banner" role="status" data-testid="link-banner">
                <span>{t('edit.link.banner', { name: nodeRef(linkFrom)?.name ?? '' })}</span>
                <button type="button" className="btn btn-small" onClick={() => setLinkFrom(null)}>
                  {t('edit.cancel')}
                </button>
              </div>
            </>
          )}
          {undo && (
            <div className="canvas-overlay bottom">
              <UndoNotice
                undo={undo}
                onDismiss={() => setUndo(null)}
                onDone={(u) => {
                  setUndo(null);
                  show(u.kind === 'restore' ? u.id : u.goneId);
                }}
              />
            </div>
          )}
        </GraphCanvas>
      </section>
      <aside
        className={`side-panel right sheet ${sheetOpen ? 'sheet-open' : ''} ${sheetCollapsed ? 'sheet-collapsed' : ''}`}
        data-testid="details-sheet"
        ref={sheetRef}
      >
        <SheetBar collapsed={sheetCollapsed} onToggle={() => setSheetCollapsed((c) => !c)} onClose={closeSheet} testId="details-sheet" />
        {(state.path || connecting) && (
          <ConnectPanel
            ends={state.path}
            from={fromName.data?.entity ?? null}
            to={toName.data?.entity ?? null}
            search={pathQuery}
            active={activePath}
            onActive={setActivePath}
            onOpen={open}
            onEnds={pathTo}
            onClear={() => {
              setConnecting(false);
              update({ path: null });
            }}
          />
        )}
        <DetailsPanel
          id={state.sel}
          edge={edgeSel ? ([...graph.edges, ...(paths ?? []).flatMap((p) => p.edges)].find((e) => e.id === edgeSel) ?? null) : null}
          onCloseEdge={() => setEdgeSel(null)}
          canEdit={canEdit}
          onOpen={open}
          onExpand={expand}
          onPathTo={pathTo}
          onPartners={partners}
          onAddRelation={(anchor) => setRelationDraft({ anchor, other: null })}
          onRetracted={({ id, name }) => {
            // It leaves the canvas; the panel goes on showing its history (and the way back).
            update((s) => ({ ids: s.ids.filter((x) => x !== id) }));
            setUndo({ kind: 'restore', id, name });
          }}
          onMerged={({ keep, gone, changeSetId }) => {
            update((s) => ({ ids: [...new Set(s.ids.map((x) => (x === gone.id ? keep.id : x)))], sel: keep.id }));
            setUndo({ kind: 'unmerge', changeSetId, keepName: keep.name, goneName: gone.name, goneId: gone.id });
          }}
          onRestored={show}
        />
      </aside>
      {adding && (
        <AddEntityDialog
          onClose={() => setAdding(false)}
          onCreated={(id) => {
            setAdding(false);
            show(id);
          }}
          onOpenExisting={(id) => {
            setAdding(false);
            open(id);
          }}
        />
      )}
      {relationDraft && (
        <RelationDialog
          anchor={relationDraft.anchor}
          other={relationDraft.other}
          onClose={() => setRelationDraft(null)}
          onDone={() => {
            const anchor = relationDraft.anchor.id;
            setRelationDraft(null);
            // The new relation is drawn with the neighbourhood of the entity it was added from.
            update((s) => ({ ids: s.ids.includes(anchor) ? s.ids : [...s.ids, anchor] }));
          }}
        />
      )}
    </div>
  );
}
