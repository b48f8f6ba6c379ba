/** A query result as a table or as a graph. */
import type { Core } from 'cytoscape';
import { isEntityType, isRelationType } from '../../../../shared/model/index.js';
import { useMemo, useRef, useState } from 'react';
import type { EntityRef } from '../../api/fragments.js';
import type { QueryResultFieldsFragment as QueryResult } from '../../gql/graphql.js';
import { ExportMenu } from '../../components/export-menu.js';
import { EmptyState } from '../../components/status.js';
import { TypeBadge } from '../../components/type-badge.js';
import { GraphCanvas } from '../../graph/graph-canvas.js';
import { toElements } from '../../graph/to-elements.js';
import { displayName, modelCodeLabel, relationLabel, useI18n } from '../../i18n/i18n.js';

const isEntity = (v: unknown): v is EntityRef =>
  typeof v === 'object' && v !== null && 'id' in v && 'name' in v && 'type' in v && isEntityType(String((v as EntityRef).type));
const isEdge = (v: unknown): v is { type: string; source: string; target: string; role?: string | null } =>
  typeof v === 'object' &&
  v !== null &&
  'source' in v &&
  'target' in v &&
  'type' in v &&
  isRelationType(String((v as { type: string }).type));

function Cell({ value, onShowEntity }: { value: unknown; onShowEntity: (id: string) => void }) {
  const { lang } = useI18n();
  if (value === null || value === undefined) return <span className="muted">—</span>;
  if (isEntity(value)) {
    return (
      <span className="cell-entity">
        <button type="button" className="entity-link" onClick={() => onShowEntity(value.id)}>
          {displayName(value, lang)}
        </button>{' '}
        <TypeBadge type={value.type} />
      </span>
    );
  }
  if (isEdge(value)) {
    const label = isRelationType(value.type) ? relationLabel(value.type, lang) : value.type;
    return <span className="muted">{value.role ? `${label} · ${value.role}` : label}</span>;
  }
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

export function ResultView({ result, onShowEntity, name }: { result: QueryResult; onShowEntity: (id: string) => void; name: string }) {
  const { t, lang } = useI18n();
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
                  {result.columns.map((c) => (
                    <th key={c}>{c}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {result.rows.map((row, i) => (
                  <tr key={i}>
                    <td className="num muted">{i + 1}</td>
                    {result.columns.map((c) => (
                      <td key={c}>
                        <Cell value={(row as Record<string, unknown>)[c]} onShowEntity={onShowEntity} />
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
