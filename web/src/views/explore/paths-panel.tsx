/**
 * 找关联: the shortest paths between two entities, both chosen by searching names. The search goes up
 * to a bound of steps the user can raise; when nothing connects the two within it, the panel says so
 * and offers the next bound. Each path reads as a chain of names with the direction of each relation
 * (`上海市 ← 位于 — 松江区`); hovering one highlights it alone on the canvas.
 */
import { EntityName } from '../../components/entity-name.js';
import { useMemo, useState } from 'react';
import type { EdgeRef, EntityRef } from '../../api/fragments.js';
import { useGraphQL } from '../../api/query-client.js';
import { keys } from '../../api/query-keys.js';
import { EntitySearch } from '../../components/entity-search.js';
import { ErrorBanner } from '../../components/status.js';
import { graphql } from '../../gql/index.js';
import { relationLabel, useI18n } from '../../i18n/i18n.js';
import './paths.css';

const PathsDocument = graphql(`
  query PathSearch($from: ID!, $to: ID!, $maxLength: Int, $limit: Int) {
    paths(from: $from, to: $to, maxLength: $maxLength, limit: $limit) {
      length
      nodes {
        ...EntityRef
      }
      edges {
        ...EdgeRef
      }
    }
  }
`);

/** The first bound searched: six steps reach across most of the graph; the server takes up to ten. */
export const PATH_DEFAULT_BOUND = 6;
export const PATH_MAX_BOUND = 10;
const PATH_LIMIT = 5;
/** How much "search further" raises the bound. */
const PATH_RAISE = 2;

export interface Path {
  length: number;
  nodes: readonly EntityRef[];
  edges: readonly EdgeRef[];
}

/**
 * The paths between the two ends, within a bound of steps the panel can change. The bound goes back
 * to the default when the ends change (a new question starts at the usual depth).
 */
export function usePathSearch(ends: readonly [string, string] | null) {
  const pair = ends ? `${ends[0]}\u0001${ends[1]}` : '';
  const [bound, setBoundFor] = useState({ pair, maxLength: PATH_DEFAULT_BOUND });
  const maxLength = bound.pair === pair ? bound.maxLength : PATH_DEFAULT_BOUND;
  const query = useGraphQL(
    keys.paths(ends?.[0] ?? '', ends?.[1] ?? '', maxLength),
    PathsDocument,
    ends ? { from: ends[0], to: ends[1], maxLength, limit: PATH_LIMIT } : null,
  );
  const setMaxLength = (n: number) => setBoundFor({ pair, maxLength: Math.min(Math.max(1, n), PATH_MAX_BOUND) });
  return { ...query, maxLength, setMaxLength };
}

export type PathSearch = ReturnType<typeof usePathSearch>;

/**
 * What the canvas draws of a path search: the paths found; when none is found within the bound, the
 * two ends on their own (highlighted), so a shared link to an unconnected pair is not a blank canvas.
 */
export function usePathsOnCanvas(
  ends: readonly [string, string] | null,
  search: PathSearch,
  from: EntityRef | null,
  to: EntityRef | null,
): Path[] | null {
  const found = ends ? (search.data?.paths ?? null) : null;
  return useMemo(() => {
    if (found === null || found.length > 0) return found as Path[] | null;
    return from && to ? [{ length: 0, nodes: [from, to], edges: [] }] : [];
  }, [found, from, to]);
}

/** On the canvas, over the two ends drawn alone: nothing connects them within the bound. */
export function NoPathNote({ ends, search }: { ends: readonly [string, string] | null; search: PathSearch }) {
  const { t } = useI18n();
  if (!ends || search.loading || search.data?.paths.length !== 0) return null;
  return (
    <div className="canvas-note paths-none-note" role="status" data-testid="canvas-paths-none">
      {t('paths.noneUpTo', { max: search.maxLength })}
    </div>
  );
}

/** One step of a path as read from `from`: the relation and whether it points forward (from → next). */
export function stepOf(edge: EdgeRef, from: string): { forward: boolean } {
  return { forward: edge.source === from };
}

export interface ConnectPanelProps {
  /** The two ends, when both are chosen. */
  ends: readonly [string, string] | null;
  from: EntityRef | null;
  to: EntityRef | null;
  search: PathSearch;
  active: number | null;
  onActive: (index: number | null) => void;
  onOpen: (id: string) => void;
  /** Both ends chosen (or one changed): search between them. */
  onEnds: (from: string, to: string) => void;
  onClear: () => void;
}

/** One end of the search: the chosen entity's name, or a search box to choose it. */
function EndPicker({
  label,
  chosen,
  onPick,
  testId,
}: {
  label: string;
  chosen: EntityRef | null;
  onPick: (e: EntityRef) => void;
  testId: string;
}) {
  const { t } = useI18n();
  const [changing, setChanging] = useState(false);
  return (
    <div className="paths-end" data-testid={testId}>
      <span className="paths-end-label">{label}</span>
      {chosen && !changing ? (
        <span className="paths-end-chosen">
          <strong>
            <EntityName entity={chosen} />
          </strong>
          <button type="button" className="link-btn" onClick={() => setChanging(true)}>
            {t('paths.change')}
          </button>
        </span>
      ) : (
        <EntitySearch
          placeholder={t('paths.pickPlaceholder')}
          onPick={(e) => {
            setChanging(false);
            onPick(e);
          }}
          testId={`${testId}-search`}
          className="compact"
        />
      )}
    </div>
  );
}

export function ConnectPanel({ ends, from, to, search, active, onActive, onOpen, onEnds, onClear }: ConnectPanelProps) {
  const { t } = useI18n();
  // Ends chosen here before both are known; once both are, the search runs between them.
  const [draft, setDraft] = useState<{ from: EntityRef | null; to: EntityRef | null }>({ from: null, to: null });
  const shownFrom = (ends ? from : null) ?? draft.from;
  const shownTo = (ends ? to : null) ?? draft.to;
  const pick = (which: 'from' | 'to', e: EntityRef) => {
    const next = { from: shownFrom, to: shownTo, [which]: e };
    setDraft(next);
    if (next.from && next.to && next.from.id !== next.to.id) onEnds(next.from.id, next.to.id);
  };
  const paths = ends ? (search.data?.paths ?? null) : null;
  const { maxLength } = search;
  const raised = Math.min(maxLength + PATH_RAISE, PATH_MAX_BOUND);
  const bounds = Array.from({ length: PATH_MAX_BOUND }, (_, i) => i + 1);

  return (
    <section className="paths-panel" data-testid="paths" aria-label={t('paths.connect')}>
      <div className="panel-heading">
        <span>{t('paths.connect')}</span>
        <button type="button" className="link-btn" onClick={onClear}>
          {t('paths.close')}
        </button>
      </div>
      <div className="paths-ends-pick">
        <EndPicker label={t('paths.from')} chosen={shownFrom} onPick={(e) => pick('from', e)} testId="path-from" />
        <EndPicker label={t('paths.to')} chosen={shownTo} onPick={(e) => pick('to', e)} testId="path-to" />
        {shownFrom && shownTo && shownFrom.id === shownTo.id && <p className="muted small">{t('paths.same')}</p>}
      </div>
      <label className="paths-bound">
        {t('paths.bound')}
        <select value={maxLength} onChange={(e) => search.setMaxLength(Number(e.target.value))} data-testid="path-bound">
          {bounds.map((n) => (
            <option key={n} value={n}>
              {t('paths.length', { n })}
            </option>
          ))}
        </select>
      </label>
      {ends && search.loading && !search.data && (
        <div className="muted" role="status">
          {t('paths.searching', { max: maxLength })}
        </div>
      )}
      {ends && search.error && <ErrorBanner error={search.error} onRetry={search.reload} />}
      {ends && search.error?.code === 'TIMEOUT' && <p className="muted small">{t('paths.timeoutHint')}</p>}
      {paths && paths.length === 0 && !search.loading && (
        <div className="paths-none" role="status" data-testid="paths-none">
          <p>{t('paths.noneUpTo', { max: maxLength })}</p>
          {maxLength < PATH_MAX_BOUND ? (
            <button type="button" className="btn btn-small btn-accent" onClick={() => search.setMaxLength(raised)} data-testid="path-raise">
              {t('paths.raise', { max: raised })}
            </button>
          ) : (
            <p className="muted small">{t('paths.atMax', { max: PATH_MAX_BOUND })}</p>
          )}
        </div>
      )}
      {paths && paths.length > 0 && (
        <p className="muted small" data-testid="paths-found">
          {t('paths.found', { n: paths.length, steps: paths[0].length })}
        </p>
      )}
      {paths && <PathList paths={paths} active={active} onActive={onActive} onOpen={onOpen} />}
    </section>
  );
}

/** The paths as chains of names, each relation with its direction; hovering one highlights it. */
function PathList({
  paths,
  active,
  onActive,
  onOpen,
}: {
  paths: readonly Path[];
  active: number | null;
  onActive: (index: number | null) => void;
  onOpen: (id: string) => void;
}) {
  const { t, lang } = useI18n();
  return (
    <ol className="path-list">
      {paths.map((p, i) => (
        <li
          key={i}
          className={`path-item ${active === i ? 'active' : ''}`}
          data-testid="path-item"
          data-length={p.length}
          onMouseEnter={() => onActive(i)}
          onMouseLeave={() => onActive(null)}
        >
          <span className="path-length">{t('paths.length', { n: p.length })}</span>
          <span className="path-chain">
            {p.nodes.map((n, j) => {
              const edge = j > 0 ? p.edges[j - 1] : null;
              const forward = edge ? stepOf(edge, p.nodes[j - 1].id).forward : true;
              return (
                <span key={n.id}>
                  {edge && (
                    <span className="path-rel" data-direction={forward ? 'forward' : 'back'}>
                      {forward ? ` — ${relationLabel(edge.type, lang)} → ` : ` ← ${relationLabel(edge.type, lang)} — `}
                    </span>
                  )}
                  <button type="button" className="entity-link" onClick={() => onOpen(n.id)}>
                    <EntityName entity={n} />
                  </button>
                </span>
              );
            })}
          </span>
        </li>
      ))}
    </ol>
  );
}
