/** Gaps: a region against a benchmark — a table of segments with candidates, and the same on the chain. */
import type { Core } from 'cytoscape';
import { useMemo, useRef, useState } from 'react';
import { ExportMenu } from '../../components/export-menu.js';
import { RegionSelect } from '../../components/region-select.js';
import { EmptyState, ErrorBanner, LoadingBar, Spinner } from '../../components/status.js';
import { chainEntityId, chainToElements } from '../../graph/chain-elements.js';
import { GraphCanvas } from '../../graph/graph-canvas.js';
import { thresholdsText } from '../../i18n/analysis-text.js';
import { displayName, tierLabel, useI18n } from '../../i18n/i18n.js';
import type { UpdateUrlState } from '../../state/use-url-state.js';
import type { UrlState } from '../../state/url-state.js';
import { useChain, useGaps } from '../chain/chain-queries.js';
import { GapCandidates } from './gap-candidates.js';
import { StatusBadge } from './status-badge.js';

export interface GapsViewProps {
  state: UrlState;
  update: UpdateUrlState;
  onShowEntity: (id: string) => void;
}

export function GapsView({ state, update, onShowEntity }: GapsViewProps) {
  const { t, lang } = useI18n();
  const cyRef = useRef<Core | null>(null);
  const [onlyGaps, setOnlyGaps] = useState(false);
  const gaps = useGaps(state.region, state.benchmark);
  const chain = useChain(state.region);
  const report = state.region ? (gaps.data?.gaps ?? null) : null;

  const elements = useMemo(
    () => (chain.data && report ? chainToElements({ chain: chain.data.chain, gaps: report, lang, maxPerSegment: 6 }) : []),
    [chain.data, report, lang],
  );
  const rows = (report?.segments ?? []).filter((s) => !onlyGaps || s.status === 'MISSING' || s.status === 'THIN');
  const candidateIds = [...new Set((report?.segments ?? []).flatMap((s) => s.candidates.map((c) => c.entity.id)))];
  const error = gaps.error ?? chain.error;

  return (
    <div className="gaps-view pane" style={{ flex: 1 }}>
      <div className="canvas-toolbar">
        <RegionSelect label={t('gaps.region')} value={state.region} onChange={(region) => update({ region })} testId="gaps-region" />
        <RegionSelect
          label={t('gaps.benchmark')}
          value={state.benchmark}
          onChange={(benchmark) => update({ benchmark })}
          emptyLabel={t('common.wholeGraph')}
          exclude={state.region}
          testId="gaps-benchmark"
        />
        <label className="toolbar-group">
          <input type="checkbox" checked={onlyGaps} onChange={(e) => setOnlyGaps(e.target.checked)} />
          <span className="toolbar-label">{t('gaps.onlyGaps')}</span>
        </label>
        <div className="toolbar-group" style={{ marginLeft: 'auto' }}>
          {state.region && (
            <button type="button" className="btn btn-small" onClick={() => update({ view: 'chain' })}>
              {t('gaps.onChain')}
            </button>
          )}
          <ExportMenu
            getCy={() => cyRef.current}
            view={candidateIds.length ? { ids: candidateIds, depth: 1 } : null}
            name={`gaps-${state.region ?? ''}`}
          />
        </div>
      </div>
      {!state.region ? (
        <div className="pane-section">
          <EmptyState title={t('gaps.pickRegion')} testId="gaps-empty" />
        </div>
      ) : (
        <div className="gaps-body">
          <div className="pane-scroll gaps-table-pane">
            {error && (
              <div className="pane-section">
                <ErrorBanner
                  error={error}
                  onRetry={() => {
                    gaps.reload();
                    chain.reload();
                  }}
                />
              </div>
            )}
            {!report && gaps.loading && (
              <div className="pane-section">
                <Spinner />
              </div>
            )}
            {report && (
              <div className={`pane-section ${gaps.loading ? 'stale' : ''}`}>
                <div className="panel-heading">
                  <span>
                    {t('gaps.table')} · {displayName(report.region, lang)} ↔{' '}
                    {report.benchmark ? displayName(report.benchmark, lang) : t('common.wholeGraph')}
                  </span>
                </div>
                <details className="thresholds">
                  <summary>{t('gaps.thresholds')}</summary>
                  <p className="small muted">{thresholdsText(report, t)}</p>
                </details>
                <table className="data-table" data-testid="gaps-table">
                  <thead>
                    <tr>
                      <th>{t('gaps.segment')}</th>
                      <th>{t('gaps.tier')}</th>
                      <th className="num">{t('gaps.count')}</th>
                      <th className="num">{t('gaps.benchmarkCount')}</th>
                      <th className="num">{t('gaps.expected')}</th>
                      <th>{t('gaps.status')}</th>
                      <th>{t('gaps.candidates')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((s) => (
                      <tr key={s.segment.id} className={`row-${s.status}`} data-status={s.status}>
                        <td>{displayName(s.segment, lang)}</td>
                        <td>{tierLabel(s.tier, lang)}</td>
                        <td className="num">{s.count}</td>
                        <td className="num">{s.benchmarkCount}</td>
                        <td className="num">{s.expected.toFixed(2)}</td>
                        <td>
                          <StatusBadge status={s.status} />
                        </td>
                        <td>
                          {s.status === 'MISSING' || s.status === 'THIN' ? (
                            <GapCandidates segment={s.segment} candidates={s.candidates} onShowEntity={onShowEntity} />
                          ) : (
                            <span className="muted small">—</span>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </div>
          <div className="canvas-area gaps-chain">
            <GraphCanvas
              elements={elements}
              layout="chain"
              layoutKey={`${state.region}|${state.benchmark}|${lang}`}
              onExpand={(id) => {
                const entity = chainEntityId(id);
                if (entity !== null) onShowEntity(entity);
              }}
              onReady={(cy) => (cyRef.current = cy)}
              testId="gaps-canvas"
            >
              <LoadingBar active={chain.loading || gaps.loading} />
            </GraphCanvas>
          </div>
        </div>
      )}
    </div>
  );
}
