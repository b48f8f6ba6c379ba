/** Gaps: a region against a benchmark — a table of segments with candidates, and the same on the chain. */
import { EntityName } from '../../components/entity-name.js';
import type { Core } from 'cytoscape';
import { Fragment, useMemo, useRef, useState } from 'react';
import { ExportMenu } from '../../components/export-menu.js';
import { RegionSelect } from '../../components/region-select.js';
import { EmptyState, ErrorBanner, LoadingBar, Spinner } from '../../components/status.js';
import { chainEntityId, chainToElements } from '../../graph/chain-elements.js';
import { GraphCanvas } from '../../graph/graph-canvas.js';
import { TableExport } from '../../components/table-export.js';
import { gapStatusLabel } from '../../i18n/analysis-text.js';
import { displayName, tierLabel, useI18n } from '../../i18n/i18n.js';
import type { UpdateUrlState } from '../../state/use-url-state.js';
import type { UrlState } from '../../state/url-state.js';
import { type GapSegment, useChain, useGapCandidates, useGaps } from '../chain/chain-queries.js';
import { GapCandidates } from './gap-candidates.js';
import { orgCountText, placeText, scoreText, shareText } from './gap-text.js';
import { StatusBadge } from './status-badge.js';
import { FollowButton } from '../watch/follow-button.js';
import './gaps.css';

const isGap = (s: { status: string }) => s.status === 'MISSING' || s.status === 'THIN';

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
  const cands = useGapCandidates(state.region, state.benchmark);
  const report = state.region ? (gaps.data?.gaps ?? null) : null;
  const candidateList = state.region ? (cands.data?.gapCandidates ?? null) : null;
  const places = useMemo(() => new Map((candidateList?.places ?? []).map((p) => [p.id, p])), [candidateList]);
  const candidatesOf = (segment: string) => (candidateList?.candidates ?? []).filter((c) => c.segment === segment);

  const elements = useMemo(
    () => (chain.data && report ? chainToElements({ chain: chain.data.chain, gaps: report, lang, maxPerSegment: 6 }) : []),
    [chain.data, report, lang],
  );
  const rows = (report?.segments ?? []).filter((s) => !onlyGaps || isGap(s));
  const candidateIds = [...new Set((candidateList?.candidates ?? []).map((c) => c.entity.id))];
  const error = gaps.error ?? chain.error ?? cands.error;
  const benchName = report?.benchmark ? displayName(report.benchmark, lang) : t('common.wholeGraph');
  // The table as exported: one row per segment, the headers as on screen, candidates by name with their place.
  const exportColumns = report
    ? [
        { header: t('gaps.segment'), value: (s: GapSegment) => displayName(s.segment, lang) },
        { header: t('gaps.tier'), value: (s: GapSegment) => tierLabel(s.tier, lang) },
        { header: t('gaps.count'), value: (s: GapSegment) => s.count },
        { header: `${t('gaps.count')} · ${t('gaps.segment')}`, value: (s: GapSegment) => orgCountText(s.byType, t, lang) },
        { header: t('gaps.share'), value: (s: GapSegment) => shareText(s.count, report.classified, t) },
        { header: t('gaps.benchmarkCount'), value: (s: GapSegment) => s.benchmarkCount },
        { header: t('gaps.benchmarkShare'), value: (s: GapSegment) => shareText(s.benchmarkCount, report.benchmarkClassified, t) },
        { header: t('gaps.status'), value: (s: GapSegment) => gapStatusLabel(s.status, t) },
        {
          header: t('gaps.candidates'),
          value: (s: GapSegment) =>
            candidatesOf(s.segment.id)
              .map((c) => `${displayName(c.entity, lang)}（${placeText(c.location, places, t, lang)}）${scoreText(c, s.segment, t, lang)}`)
              .join('\n'),
        },
      ]
    : [];

  return (
    <div className="gaps-view pane" style={{ flex: 1 }}>
      <div className="canvas-toolbar">
        <RegionSelect label={t('gaps.region')} value={state.region} onChange={(region) => update({ region })} testId="gaps-region" />
        {state.region && <FollowButton target={state.region} kind="REGION" named testId="follow-region" />}
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
            <button
              type="button"
              className="btn btn-small"
              title={t('briefing.openTitle')}
              onClick={() => update({ view: 'briefing' })}
              data-testid="open-briefing"
            >
              {t('briefing.open')}
            </button>
          )}
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
                    cands.reload();
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
                    {t('gaps.table')} · {displayName(report.region, lang)} ↔ {benchName}
                  </span>
                </div>
                <p className="gap-rule muted" data-testid="gap-rule">
                  {t('gaps.rule', {
                    here: report.classified,
                    bench: report.benchmarkClassified,
                    thin: report.thresholds.thinBelow,
                    strong: report.thresholds.strongAtLeast,
                    min: report.thresholds.strongMinCount,
                  })}
                </p>
                <div className="table-toolbar">
                  <span className="small muted">
                    {t('gaps.totals', {
                      region: displayName(report.region, lang),
                      here: orgCountText(report.totals, t, lang),
                      bench: benchName,
                      there: orgCountText(report.benchmarkTotals, t, lang),
                    })}
                  </span>
                  <TableExport
                    columns={exportColumns}
                    rows={rows}
                    name={t('gaps.exportName', { region: displayName(report.region, lang) })}
                  />
                </div>
                <table className="data-table" data-testid="gaps-table">
                  <thead>
                    <tr>
                      <th>{t('gaps.segment')}</th>
                      <th>{t('gaps.tier')}</th>
                      <th>{t('gaps.count')}</th>
                      <th className="num">{t('gaps.share')}</th>
                      <th className="num">{t('gaps.benchmarkShare')}</th>
                      <th>{t('gaps.status')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((s) => (
                      <Fragment key={s.segment.id}>
                        <tr className={`row-${s.status}`} data-status={s.status} data-segment={s.segment.id}>
                          <td>
                            <EntityName entity={s.segment} />
                          </td>
                          <td>{tierLabel(s.tier, lang)}</td>
                          <td className="org-count" data-testid="gap-count">
                            {orgCountText(s.byType, t, lang)}
                          </td>
                          <td className="num">{shareText(s.count, report.classified, t)}</td>
                          <td className="num">{shareText(s.benchmarkCount, report.benchmarkClassified, t)}</td>
                          <td>
                            <StatusBadge status={s.status} />
                          </td>
                        </tr>
                        {isGap(s) && (
                          // The candidates under their segment, across the table: they need the width.
                          <tr className={`candidates-row row-${s.status}`} data-candidates-for={s.segment.id}>
                            <td colSpan={6}>
                              <span className="candidates-title">{t('gaps.candidates')}</span>
                              {cands.loading && !candidateList ? (
                                <Spinner />
                              ) : (
                                <GapCandidates
                                  segment={s.segment}
                                  candidates={candidatesOf(s.segment.id)}
                                  places={places}
                                  onShowEntity={onShowEntity}
                                />
                              )}
                            </td>
                          </tr>
                        )}
                      </Fragment>
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
