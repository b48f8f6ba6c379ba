/** Chain: a region's enterprises on the biomedicine chain, left to right, with gaps marked. */
import { EntityName } from '../../components/entity-name.js';
import type { Core } from 'cytoscape';
import type { EntityRef } from '../../api/fragments.js';
import { type ReactNode, useMemo, useRef, useState } from 'react';
import { ExportMenu } from '../../components/export-menu.js';
import { RegionSelect } from '../../components/region-select.js';
import { EmptyState, ErrorBanner, LoadingBar, Spinner } from '../../components/status.js';
import { TypeBadge } from '../../components/type-badge.js';
import { chainEntityId, chainToElements, splitMemberNodeId } from '../../graph/chain-elements.js';
import { GraphCanvas } from '../../graph/graph-canvas.js';
import { fitView } from '../../graph/layouts.js';
import { GAP_COLORS, GAP_FILL, NEITHER_BOX } from '../../graph/styles.js';
import { gapStatusLabel } from '../../i18n/analysis-text.js';
import { orgCountText } from '../gaps/gap-text.js';
import { displayName, tierLabel, useI18n } from '../../i18n/i18n.js';
import type { UpdateUrlState } from '../../state/use-url-state.js';
import type { UrlState } from '../../state/url-state.js';
import { GapCandidates } from '../gaps/gap-candidates.js';
import { type ChainMap, type ChainSegmentCount, type GapSegment, useChain, useGapCandidates, useGaps } from './chain-queries.js';
import { StatusBadge } from '../gaps/status-badge.js';
import { CompareView } from './compare-view.js';
import { FollowButton } from '../watch/follow-button.js';
import '../gaps/gaps.css';
import './compare.css';

type Mode = 'map' | 'compare';

/** The 产业链 / 对比 switch. */
function ModeSwitch({ mode, onChange }: { mode: Mode; onChange: (m: Mode) => void }) {
  const { t } = useI18n();
  return (
    <span className="chain-mode" role="group" aria-label={t('chain.mode')}>
      {(['map', 'compare'] as const).map((m) => (
        <button key={m} type="button" aria-pressed={mode === m} onClick={() => onChange(m)} data-testid={`chain-mode-${m}`}>
          {t(m === 'map' ? 'chain.modeMap' : 'chain.modeCompare')}
        </button>
      ))}
    </span>
  );
}

export function ChainView(props: ChainViewProps) {
  const [mode, setMode] = useState<Mode>('map');
  const modeSwitch = <ModeSwitch mode={mode} onChange={setMode} />;
  return mode === 'compare' ? <CompareView {...props} modeSwitch={modeSwitch} /> : <ChainMapView {...props} modeSwitch={modeSwitch} />;
}

export interface ChainViewProps {
  state: UrlState;
  update: UpdateUrlState;
  onShowEntity: (id: string) => void;
}

function ChainMapView({ state, update, onShowEntity, modeSwitch }: ChainViewProps & { modeSwitch: ReactNode }) {
  const { t, lang } = useI18n();
  const cyRef = useRef<Core | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const chain = useChain(state.region);
  const gaps = useGaps(state.region, state.benchmark);
  const gapReport = state.region ? (gaps.data?.gaps ?? null) : null;

  const elements = useMemo(
    () => (chain.data ? chainToElements({ chain: chain.data.chain, gaps: gapReport, lang, showBenchmark: Boolean(state.benchmark) }) : []),
    [chain.data, gapReport, lang, state.benchmark],
  );
  const segments = useMemo(
    () => new Map((chain.data?.chain.tiers ?? []).flatMap((tr) => tr.segments.map((s) => [s.segment.id, s]))),
    [chain.data],
  );
  const gapOf = useMemo(() => new Map((gapReport?.segments ?? []).map((g) => [g.segment.id, g])), [gapReport]);

  // A click on an enterprise (id "segment::entity") selects its segment and shows the enterprise.
  const [segmentId, entityId] = selected !== null ? splitMemberNodeId(selected) : [null, null];
  const segment = segmentId ? segments.get(segmentId) : undefined;
  const totals = chain.data?.chain.totals ?? [];
  const total = totals.reduce((n, x) => n + x.count, 0);
  const entityIds = [...new Set([...segments.values()].flatMap((s) => s.enterprises.map((e) => e.id)))];

  return (
    <div className="chain-view two-col">
      <section className="canvas-area">
        <div className="canvas-toolbar">
          {modeSwitch}
          <RegionSelect
            label={t('chain.region')}
            value={state.region}
            onChange={(region) => {
              setSelected(null);
              update({ region });
            }}
            emptyLabel={t('common.wholeGraph')}
            testId="chain-region"
          />
          {state.region && <FollowButton target={state.region} kind="REGION" named testId="follow-region" />}
          {state.region && (
            <RegionSelect
              label={t('gaps.benchmark')}
              value={state.benchmark}
              onChange={(benchmark) => update({ benchmark })}
              emptyLabel={t('common.wholeGraph')}
              exclude={state.region}
              testId="chain-benchmark"
            />
          )}
          <div className="toolbar-group" style={{ marginLeft: 'auto' }}>
            {chain.data && (
              <span className="canvas-count" data-testid="chain-totals">
                {orgCountText(totals, t, lang)}
              </span>
            )}
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
            <button type="button" className="btn btn-small" onClick={() => cyRef.current && fitView(cyRef.current)}>
              {t('explore.fit')}
            </button>
            <ExportMenu
              getCy={() => cyRef.current}
              view={entityIds.length ? { ids: entityIds, depth: 1 } : null}
              name={`chain-${state.region ?? 'all'}`}
            />
          </div>
        </div>
        <GraphCanvas
          elements={elements}
          layout="chain"
          layoutKey={`${state.region}|${state.benchmark}|${lang}|${Boolean(gapReport)}`}
          selected={selected}
          onSelect={(id) => setSelected(id && chainEntityId(id) !== null ? id : null)}
          onExpand={(id) => {
            const entity = chainEntityId(id);
            if (entity !== null) onShowEntity(entity);
          }}
          onReady={(cy) => (cyRef.current = cy)}
          testId="chain-canvas"
        >
          <LoadingBar active={chain.loading || gaps.loading} />
          {(chain.error || gaps.error) && (
            <div className="canvas-overlay top">
              <ErrorBanner
                error={(chain.error ?? gaps.error)!}
                onRetry={() => {
                  chain.reload();
                  gaps.reload();
                }}
              />
            </div>
          )}
          {chain.data && total === 0 && (
            <div className="canvas-overlay center">
              <EmptyState title={t('chain.empty')} />
            </div>
          )}
          {gapReport && (
            <div className="canvas-legend">
              <span>
                <span
                  className="legend-swatch"
                  style={{ borderColor: GAP_COLORS.MISSING, borderStyle: 'dashed', background: GAP_FILL.MISSING }}
                />
                {gapStatusLabel('MISSING', t)}
              </span>
              <span>
                <span className="legend-swatch" style={{ borderColor: GAP_COLORS.THIN, background: GAP_FILL.THIN }} />
                {gapStatusLabel('THIN', t)}
              </span>
              <span>
                <span className="legend-swatch" style={{ borderColor: GAP_COLORS.STRONG, borderWidth: 3 }} />
                {gapStatusLabel('STRONG', t)}
              </span>
              <span>
                <span
                  className="legend-swatch"
                  style={{ borderColor: NEITHER_BOX.border, borderStyle: 'dashed', background: NEITHER_BOX.fill }}
                />
                {gapStatusLabel('NEITHER', t)}
              </span>
            </div>
          )}
        </GraphCanvas>
      </section>
      <aside className="side-panel right" data-testid="chain-panel">
        {!chain.data && chain.loading && <Spinner />}
        {segment ? (
          <SegmentDetails
            segment={segment}
            gap={gapOf.get(segment.segment.id) ?? null}
            region={state.region}
            benchmark={state.benchmark}
            highlight={entityId}
            onShowEntity={onShowEntity}
            onBack={() => setSelected(null)}
          />
        ) : (
          chain.data && (
            <ChainSummary
              chain={chain.data.chain}
              gapOf={gapOf}
              benchmark={gapReport?.benchmark ?? null}
              onPick={setSelected}
              onShowEntity={onShowEntity}
            />
          )
        )}
      </aside>
    </div>
  );
}

function ChainSummary({
  chain,
  gapOf,
  benchmark,
  onPick,
  onShowEntity,
}: {
  chain: ChainMap;
  gapOf: Map<string, GapSegment>;
  benchmark: EntityRef | null;
  onPick: (id: string) => void;
  onShowEntity: (id: string) => void;
}) {
  const { t, lang } = useI18n();
  return (
    <div className="chain-summary">
      <div className="panel-heading">
        <span>{chain.region ? displayName(chain.region, lang) : t('common.wholeGraph')}</span>
      </div>
      {gapOf.size > 0 && (
        <p className="muted small">
          {t('chain.gapLegend', { benchmark: benchmark ? displayName(benchmark, lang) : t('common.wholeGraph') })}
        </p>
      )}
      {chain.tiers.map((tier) => (
        <section key={tier.tier} data-tier={tier.tier}>
          <h3 className="section-title">{tierLabel(tier.tier, lang)}</h3>
          <table className="data-table compact" data-testid={`chain-summary-${tier.tier}`}>
            {gapOf.size > 0 && (
              <thead>
                <tr>
                  <th>{t('gaps.segment')}</th>
                  <th className="num">{t('gaps.count')}</th>
                  <th className="num">{t('gaps.benchmarkCount')}</th>
                  <th>{t('gaps.status')}</th>
                </tr>
              </thead>
            )}
            <tbody>
              {tier.segments.map((s) => {
                const gap = gapOf.get(s.segment.id);
                return (
                  <tr key={s.segment.id} className={gap ? `row-${gap.status}` : ''} data-segment={s.segment.id}>
                    <td>
                      <button type="button" className="entity-link" onClick={() => onPick(s.segment.id)}>
                        <EntityName entity={s.segment} />
                      </button>
                    </td>
                    <td className="num" title={orgCountText(s.byType, t, lang)}>
                      {s.count}
                    </td>
                    {gap && <td className="num">{gap.benchmarkCount}</td>}
                    <td>{gap && gap.status !== 'PRESENT' && <StatusBadge status={gap.status} />}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      ))}
      {chain.unclassified.length > 0 && (
        <section>
          <h3 className="section-title">{t('chain.unclassified')}</h3>
          <ul className="plain-list">
            {chain.unclassified.map((e) => (
              <li key={e.id}>
                <button type="button" className="entity-link" onClick={() => onShowEntity(e.id)}>
                  <EntityName entity={e} />
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function SegmentDetails({
  segment,
  gap,
  region,
  benchmark,
  highlight,
  onShowEntity,
  onBack,
}: {
  segment: ChainSegmentCount;
  gap: GapSegment | null;
  region: string | null;
  benchmark: string | null;
  highlight: string | null;
  onShowEntity: (id: string) => void;
  onBack: () => void;
}) {
  const { t, lang } = useI18n();
  const seg = segment.segment;
  const isGap = gap !== null && (gap.status === 'MISSING' || gap.status === 'THIN');
  const cands = useGapCandidates(isGap ? region : null, benchmark, seg.id);
  const list = cands.data?.gapCandidates;
  const places = useMemo(() => new Map((list?.places ?? []).map((p) => [p.id, p])), [list]);
  return (
    <div className="segment-details" data-testid="segment-details">
      <button type="button" className="link-btn" onClick={onBack}>
        ← {t('common.close')}
      </button>
      <div className="details-head">
        <TypeBadge type="ChainSegment" />
        <h2 className="details-name">
          <EntityName entity={seg} />
        </h2>
        <FollowButton target={seg.id} kind="SEGMENT" named testId="follow-segment" />
        <div className="details-alt">
          {tierLabel(segment.tier, lang)} · {orgCountText(segment.byType, t, lang)}
          {gap && <> · {t('chain.benchmarkCount', { n: gap.benchmarkCount })}</>} {gap && <StatusBadge status={gap.status} />}
        </div>
      </div>
      {seg.description && <p className="small">{seg.description}</p>}
      <h3 className="section-title">{t('tab.explore')}</h3>
      {segment.enterprises.length === 0 && <p className="muted">{t('common.none')}</p>}
      <ul className="plain-list">
        {segment.enterprises.map((e) => (
          <li key={e.id} className={e.id === highlight ? 'active' : ''}>
            <button type="button" className="entity-link" onClick={() => onShowEntity(e.id)}>
              <EntityName entity={e} />
            </button>{' '}
            <TypeBadge type={e.type} />
          </li>
        ))}
      </ul>
      {isGap && (
        <>
          <h3 className="section-title">{t('gaps.candidates')}</h3>
          {list ? (
            <GapCandidates segment={seg} candidates={list.candidates} places={places} onShowEntity={onShowEntity} />
          ) : (
            cands.loading && <Spinner />
          )}
        </>
      )}
    </div>
  );
}
