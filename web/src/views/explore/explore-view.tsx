/** Explore: search, a canvas of neighbourhoods, filters and legend, details with sources, shortest paths. */
import { useQueries, type UseQueryResult } from '@tanstack/react-query';
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
import { fitView } from '../../graph/layouts.js';
import { MAX_NODES, toElements } from '../../graph/to-elements.js';
import { graphql } from '../../gql/index.js';
import type { NeighborhoodQuery } from '../../gql/graphql.js';
import { useI18n } from '../../i18n/i18n.js';
import type { UpdateUrlState } from '../../state/use-url-state.js';
import { DEFAULT_LIMIT, type UrlState } from '../../state/url-state.js';
import { AddEntityDialog } from '../edit/add-entity-dialog.js';
import type { Picked } from '../edit/entity-picker.js';
import { RelationDialog } from '../edit/relation-dialog.js';
import { UndoNotice, type Undo } from '../edit/undo-notice.js';
import { ContextMenu, type ContextMenuState } from './context-menu.js';
import { DetailsPanel } from './details-panel.js';
import { FiltersPanel } from './filters-panel.js';
import { ConnectPanel, usePathSearch } from './paths-panel.js';

const NeighborhoodDocument = graphql(`
  query Neighborhood($ids: [ID!]!, $depth: Int, $limit: Int) {
    neighborhood(ids: $ids, depth: $depth, limit: $limit) {
      ...SubgraphFields
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

/**
 * The neighbourhood of each entity on the canvas, one cached query per entity: expanding a node
 * fetches that node's neighbourhood only, and the canvas is their union.
 */
function useNeighbourhoods(ids: readonly string[], limit: number) {
  return useQueries({
    queries: ids.map((id) => ({
      ...graphqlQuery(keys.neighborhood(id, limit), NeighborhoodDocument, { ids: [id], depth: 1, limit }),
      select: selectNeighbourhood,
    })),
    combine: combineNeighbourhoods,
  });
}

const selectNeighbourhood = (d: NeighborhoodQuery) => d.neighborhood;

/** Module-level, so TanStack Query re-runs it only when a result changes (stable `parts` for memos). */
function combineNeighbourhoods(results: UseQueryResult<Subgraph, GraphQLRequestError>[]) {
  return {
    parts: results.map((r) => r.data).filter((d): d is Subgraph => d !== undefined),
    loading: results.some((r) => r.isFetching),
    error: results.find((r) => r.error)?.error ?? null,
    reload: () => results.forEach((r) => r.error && void r.refetch()),
  };
}

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

  const serverLimit = Math.min(state.limit, SERVER_LIMIT_MAX);
  const hood = useNeighbourhoods(state.ids, serverLimit);
  const pathQuery = usePathSearch(state.path);
  const stats = useGraphQL(keys.stats(), StatsDocument, state.ids.length ? null : {});
  // The path ends' names, for the paths panel, even when they are not on the canvas.
  const fromName = useEntityRef(state.path?.[0] ?? null);
  const toName = useEntityRef(state.path?.[1] ?? null);

  const paths = state.path ? (pathQuery.data?.paths ?? null) : null;
  const graph = useMemo(() => {
    const nodes: EntityRef[] = hood.parts.flatMap((p) => p.nodes);
    const edges: EdgeRef[] = hood.parts.flatMap((p) => p.edges);
    for (const p of paths ?? []) {
      nodes.push(...p.nodes);
      edges.push(...p.edges);
    }
    return { nodes, edges };
  }, [hood.parts, paths]);

  const highlight = useMemo(() => {
    if (!paths?.length) return [];
    const chosen = activePath !== null && paths[activePath] ? [paths[activePath]] : paths;
    return chosen.flatMap((p) => [...p.nodes.map((n) => n.id), ...p.edges.map((e) => e.id)]);
  }, [paths, activePath]);

  const { elements, hidden, capped } = useMemo(
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
      }),
    [graph, lang, state.ids, highlight, state.hideTypes, state.hideRels, state.limit],
  );

  const counts = useMemo(() => {
    const entityCounts = new Map<string, number>();
    const relationCounts = new Map<string, number>();
    for (const el of elements) {
      const key = el.data.source === undefined ? entityCounts : relationCounts;
      key.set(el.data.type, (key.get(el.data.type) ?? 0) + 1);
    }
    return { entityCounts, relationCounts };
  }, [elements]);
  const nodeCount = counts.entityCounts.size ? [...counts.entityCounts.values()].reduce((a, b) => a + b, 0) : 0;
  const edgeCount = [...counts.relationCounts.values()].reduce((a, b) => a + b, 0);
  const onCanvas = useMemo(() => new Set(elements.map((e) => String(e.data.id))), [elements]);

  const expand = useCallback((id: string) => update((s) => ({ ids: s.ids.includes(id) ? s.ids : [...s.ids, id], sel: id })), [update]);
  const open = useCallback(
    (id: string) => update((s) => ({ sel: id, ids: onCanvas.has(id) || s.ids.includes(id) ? s.ids : [...s.ids, id] })),
    [update, onCanvas],
  );
  const select = useCallback((id: string | null) => update({ sel: id }, { replace: true }), [update]);
  const pathTo = (from: string, to: string) => {
    setActivePath(null);
    update({ path: from === to ? null : [from, to] });
  };
  const remove = (id: string) => update((s) => ({ ids: s.ids.filter((x) => x !== id), sel: s.sel === id ? null : s.sel }));
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

  const onCanvasSelect = (id: string | null) => {
    setMenu(null);
    setEdgeSel(null);
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

  const truncated = hood.parts.some((p) => p.truncated) || capped > 0;
  const canShowMore = truncated && (serverLimit < SERVER_LIMIT_MAX || capped > 0);
  const showMore = () =>
    update({
      limit: state.limit < SERVER_LIMIT_MAX ? Math.min(state.limit * 2, SERVER_LIMIT_MAX) : Math.max(state.limit, MAX_NODES) + 1000,
    });
  const loading = hood.loading || pathQuery.loading;
  const error = hood.error ?? pathQuery.error;

  return (
    <div className="explore-view three-col">
      <aside className="side-panel left">
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
            {canShowMore && (
              <button type="button" className="btn btn-small btn-accent" onClick={showMore}>
                {t('explore.showMore')}
              </button>
            )}
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
                onClick={() => update({ ids: [], sel: null, path: null, limit: DEFAULT_LIMIT })}
              >
                {t('explore.clearCanvas')}
              </button>
            )}
          </div>
        </div>
        <GraphCanvas
          elements={elements}
          layout="fcose"
          selected={state.sel}
          onSelect={onCanvasSelect}
          onExpand={expand}
          onContextMenu={(id, at) => setMenu({ id, at })}
          onReady={(cy) => {
            cyRef.current = cy;
            // A relation clicked shows its facts and quotes in the details panel.
            cy?.on('tap', 'edge', (e) => setEdgeSel(String(e.target.id())));
          }}
          testId="explore-canvas"
        >
          <LoadingBar active={loading} />
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
              inFocus={state.ids.includes(menu.id)}
              selected={state.sel}
              onClose={() => setMenu(null)}
              onExpand={expand}
              onDetails={(id) => update({ sel: id })}
              onPathTo={pathTo}
              onRemove={remove}
              onPartners={partners}
              typeOf={(id) => cyRef.current?.getElementById(id).data('type') as string | undefined}
              onLinkFrom={canEdit ? setLinkFrom : undefined}
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
      <aside className="side-panel right">
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
