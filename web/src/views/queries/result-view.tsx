/** A query result as a table or as a graph. */
import { EntityName } from '../../components/entity-name.js';
import type { Core } from 'cytoscape';
import { useMemo, useRef, useState } from 'react';
import type { QueryResultFieldsFragment as QueryResult } from '../../gql/graphql.js';
import { ExportMenu } from '../../components/export-menu.js';
import { EmptyState } from '../../components/status.js';
import { TableExport } from '../../components/table-export.js';
import { TypeBadge } from '../../components/type-badge.js';
import { GraphCanvas } from '../../graph/graph-canvas.js';
import { toElements } from '../../graph/to-elements.js';
import { modelCodeLabel, useI18n } from '../../i18n/i18n.js';
import { cellText, columnHeader, edgeText, isEdge, isEntity } from './result-columns.js';

type Row = Record<string, unknown>;

function Cell({ value, onShowEntity }: { value: unknown; onShowEntity: (id: string) => void }) {
  const { t, lang } = useI18n();
  if (value === null || value === undefined) return <span className="muted">—</span>;
  if (typeof value === 'boolean') return <>{t(value ? 'queries.yes' : 'queries.no')}</>;
  if (isEntity(value)) {
    return (
      <span className="cell-entity">
        <button type="button" className="entity-link" onClick={() => onShowEntity(value.id)}>
          <EntityName entity={value} />
        </button>{' '}
        <TypeBadge type={value.type} />
      </span>
    );
  }
  if (isEdge(value)) return <span className="muted">{edgeText(value, lang)}</span>;
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v !== 'object' || v === null))
      return <>{value.map((v) => (typeof v === 'string' ? (modelCodeLabel(v, lang) ?? v) : String(v))).join('、')}</>;
    return (
      <>
        {value.map((v, i) => (
          <div key={i}>
            <Cell value={v} onShowEntity={onShowEntity} />
          </div>
        ))}
      </>
    );
  }
  if (typeof value === 'object') return <span className="cell-json">{JSON.stringify(value)}</span>;
  // A type, kind or tier code reads as its label; the code stays in the tooltip for the analyst.
  const label = typeof value === 'string' ? modelCodeLabel(value, lang) : null;
  if (label !== null) return <span title={String(value)}>{label}</span>;
  return <>{String(value)}</>;
}

/**
 * `query` is the saved query's name (its columns have labels) or null for ad-hoc Cypher (the
 * analyst's own aliases); `name` is the stem of exported files.
 */
export function ResultView({
  result,
  onShowEntity,
  name,
  query,
}: {
  result: QueryResult;
  onShowEntity: (id: string) => void;
  name: string;
  query: string | null;
}) {
  const { t, lang } = useI18n();
  const rows = result.rows as Row[];
  const headers = useMemo(() => result.columns.map((c) => columnHeader(query, c, rows, t, lang)), [result.columns, rows, query, t, lang]);
  const exportColumns = useMemo(
    () => result.columns.map((c, i) => ({ header: headers[i], value: (row: Row) => cellText(row[c], t, lang) })),
    [result.columns, headers, t, lang],
  );
  const [mode, setMode] = useState<'table' | 'graph'>('table');
  const cyRef = useRef<Core | null>(null);
  const elements = useMemo(
    () => (mode === 'graph' ? toElements({ nodes: result.graph.nodes, edges: result.graph.edges, lang }).elements : []),
    [mode, result, lang],
  );
  const ids = result.graph.nodes.map((n) => n.id);
  return (
    <div className="result-view" data-testid="query-result">
      <div className="canvas-toolbar">
        <div className="view-switch" role="tablist">
          <button
            type="button"
            role="tab"
            aria-selected={mode === 'table'}
            className={mode === 'table' ? 'active' : ''}
            onClick={() => setMode('table')}
          >
            {t('queries.table')}
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={mode === 'graph'}
            className={mode === 'graph' ? 'active' : ''}
            onClick={() => setMode('graph')}
          >
            {t('queries.graph')}
          </button>
        </div>
        <span className="canvas-count" data-testid="query-rows">
          {t('queries.rows', { n: result.rows.length, ms: result.elapsedMs })}
        </span>
        {result.truncated && <span className="canvas-count warn">{t('queries.truncated')}</span>}
        <div className="toolbar-group" style={{ marginLeft: 'auto' }}>
          {mode === 'table' && <TableExport columns={exportColumns} rows={rows} name={name} />}
          <ExportMenu getCy={() => cyRef.current} view={ids.length ? { ids, depth: 1 } : null} name={name} />
        </div>
      </div>
      {mode === 'table' ? (
        <div className="pane-scroll">
          {result.rows.length === 0 ? (
            <div className="pane-section">
              <EmptyState title={t('queries.noRows')} />
            </div>
          ) : (
            <table className="data-table" data-testid="result-table">
              <thead>
                <tr>
                  <th className="num">#</th>
                  {result.columns.map((c, i) => (
                    <th key={c} title={c} data-column={c}>
                      {headers[i]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row, i) => (
                  <tr key={i}>
                    <td className="num muted">{i + 1}</td>
                    {result.columns.map((c) => (
                      <td key={c}>
                        <Cell value={row[c]} onShowEntity={onShowEntity} />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      ) : (
        <GraphCanvas
          elements={elements}
          layout="fcose"
          onExpand={onShowEntity}
          onReady={(cy) => (cyRef.current = cy)}
          testId="query-canvas"
        >
          {elements.length === 0 && (
            <div className="canvas-overlay center">
              <EmptyState title={t('queries.noGraph')} />
            </div>
          )}
        </GraphCanvas>
      )}
    </div>
  );
}
