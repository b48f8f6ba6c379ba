/**
 * Two regions side by side: a table of every segment with both counts and the difference highlighted,
 * and the two chain maps, each marked against the other. A is the chain view's region, B its benchmark.
 */
import { EntityName } from '../../components/entity-name.js';
import { type ReactNode, useMemo } from 'react';
import { RegionSelect } from '../../components/region-select.js';
import { EmptyState, ErrorBanner, LoadingBar, Spinner } from '../../components/status.js';
import { TableExport } from '../../components/table-export.js';
import { chainEntityId, chainToElements } from '../../graph/chain-elements.js';
import { GraphCanvas } from '../../graph/graph-canvas.js';
import { displayName, tierLabel, useI18n, type Translate } from '../../i18n/i18n.js';
import type { UpdateUrlState } from '../../state/use-url-state.js';
import type { UrlState } from '../../state/url-state.js';
import { orgCountText } from '../gaps/gap-text.js';
import { type ChainMap, type GapReport, type GapSegment, useChain, useGaps } from './chain-queries.js';
import '../gaps/gaps.css';
import './compare.css';

/** How A's count in a segment compares with B's, in words. */
export function differenceText(a: number, b: number, t: Translate): string {
  if (a === 0 && b === 0) return t('compare.neither');
  if (b === 0) return t('compare.onlyA');
  if (a === 0) return t('compare.onlyB');
  if (a > b) return t('compare.aMore', { n: a - b });
  if (b > a) return t('compare.bMore', { n: b - a });
  return t('compare.same');
}

const rowClass = (s: GapSegment) =>
  s.count === s.benchmarkCount ? '' : s.count === 0 || s.benchmarkCount === 0 ? 'diff diff-only' : 'diff';

export function CompareView({
  state,
  update,
  onShowEntity,
  modeSwitch,
}: {
  state: UrlState;
  update: UpdateUrlState;
  onShowEntity: (id: string) => void;
  /** The chain view's 产业链 / 对比 switch, shown first in the toolbar. */
  modeSwitch: ReactNode;
}) {
  const { t, lang } = useI18n();
  const a = state.region;
  const b = state.benchmark;
  const both = a !== null && b !== null;
  const ab = useGaps(both ? a : null, b);
  const ba = useGaps(both ? b : null, a);
  const chainA = useChain(both ? a : null);
  const chainB = useChain(both ? b : null);
  const report = both ? (ab.data?.gaps ?? null) : null;
  const error = ab.error ?? ba.error ?? chainA.error ?? chainB.error;
  const nameA = report ? displayName(report.region, lang) : '';
  const nameB = report?.benchmark ? displayName(report.benchmark, lang) : '';
  const columns = [
    { header: t('gaps.segment'), value: (s: GapSegment) => displayName(s.segment, lang) },
    { header: t('gaps.tier'), value: (s: GapSegment) => tierLabel(s.tier, lang) },
    { header: t('compare.colA', { name: nameA }), value: (s: GapSegment) => s.count },
    { header: `${t('compare.colA', { name: nameA })} · ${t('gaps.segment')}`, value: (s: GapSegment) => orgCountText(s.byType, t, lang) },
    { header: t('compare.colB', { name: nameB }), value: (s: GapSegment) => s.benchmarkCount },
    {
      header: `${t('compare.colB', { name: nameB })} · ${t('gaps.segment')}`,
      value: (s: GapSegment) => orgCountText(s.benchmarkByType, t, lang),
    },
    { header: t('compare.diff'), value: (s: GapSegment) => s.count - s.benchmarkCount },
    { header: t('gaps.status'), value: (s: GapSegment) => differenceText(s.count, s.benchmarkCount, t) },
  ];

  return (
    <div className="compare-view" data-testid="compare-view">
      <div className="canvas-toolbar">
        {modeSwitch}
        <RegionSelect label={t('compare.regionA')} value={a} onChange={(region) => update({ region })} exclude={b} testId="compare-a" />
        <RegionSelect
          label={t('compare.regionB')}
          value={b}
          onChange={(benchmark) => update({ benchmark })}
          exclude={a}
          testId="compare-b"
        />
      </div>
      {!both ? (
        <div className="pane-section">
          <EmptyState title={t('compare.pick')} testId="compare-empty" />
        </div>
      ) : (
        <div className="compare-body">
          <div className="pane-scroll compare-table-pane">
            {error && (
              <div className="pane-section">
                <ErrorBanner
                  error={error}
                  onRetry={() => {
                    ab.reload();
                    ba.reload();
                    chainA.reload();
                    chainB.reload();
                  }}
                />
              </div>
            )}
            {!report && ab.loading && <Spinner />}
            {report && (
              <div className={`pane-section ${ab.loading ? 'stale' : ''}`}>
                <div className="panel-heading">
                  <span>{t('compare.title', { a: nameA, b: nameB })}</span>
                </div>
                <p className="small muted">{t('compare.note')}</p>
                <div className="table-toolbar">
                  <span className="small muted">
                    {t('compare.totals', { a: orgCountText(report.totals, t, lang), b: orgCountText(report.benchmarkTotals, t, lang) })}
                  </span>
                  <TableExport columns={columns} rows={report.segments} name={t('compare.exportName', { a: nameA, b: nameB })} />
                </div>
                <table className="data-table compare-table" data-testid="compare-table">
                  <thead>
                    <tr>
                      <th>{t('gaps.segment')}</th>
                      <th>{t('gaps.tier')}</th>
                      <th>{t('compare.colA', { name: nameA })}</th>
                      <th>{t('compare.colB', { name: nameB })}</th>
                      <th>{t('compare.diff')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.segments.map((s) => (
                      <tr
                        key={s.segment.id}
                        className={rowClass(s)}
                        data-segment={s.segment.id}
                        data-differs={s.count !== s.benchmarkCount}
                      >
                        <td>
                          <EntityName entity={s.segment} />
                        </td>
                        <td>{tierLabel(s.tier, lang)}</td>
                        <td className="org-count">{orgCountText(s.byType, t, lang)}</td>
                        <td className="org-count">{orgCountText(s.benchmarkByType, t, lang)}</td>
                        <td className="diff-cell">{differenceText(s.count, s.benchmarkCount, t)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </div>
          <div className="compare-maps">
            <CompareMap
              label={t('compare.colA', { name: nameA })}
              chain={chainA.data?.chain ?? null}
              against={report}
              loading={chainA.loading || ab.loading}
              onShowEntity={onShowEntity}
              testId="compare-canvas-a"
            />
            <CompareMap
              label={t('compare.colB', { name: nameB })}
              chain={chainB.data?.chain ?? null}
              against={ba.data?.gaps ?? null}
              loading={chainB.loading || ba.loading}
              onShowEntity={onShowEntity}
              testId="compare-canvas-b"
            />
          </div>
        </div>
      )}
    </div>
  );
}

function CompareMap({
  label,
  chain,
  against,
  loading,
  onShowEntity,
  testId,
}: {
  label: string;
  chain: ChainMap | null;
  against: GapReport | null;
  loading: boolean;
  onShowEntity: (id: string) => void;
  testId: string;
}) {
  const { lang } = useI18n();
  const elements = useMemo(
    () => (chain ? chainToElements({ chain, gaps: against, lang, maxPerSegment: 4, showBenchmark: true }) : []),
    [chain, against, lang],
  );
  return (
    <section className="canvas-area compare-map">
      <div className="compare-map-label">{label}</div>
      <GraphCanvas
        elements={elements}
        layout="chain"
        layoutKey={`${chain?.region?.id ?? ''}|${against?.benchmark?.id ?? ''}|${lang}|${Boolean(against)}`}
        onExpand={(id) => {
          const entity = chainEntityId(id);
          if (entity !== null) onShowEntity(entity);
        }}
        testId={testId}
      >
        <LoadingBar active={loading} />
      </GraphCanvas>
    </section>
  );
}
