/**
 * The district briefing (区域简报): one page a leader can read, printed (A4, no app chrome, a section
 * per page) or downloaded as Word or Excel. Everything is drawn from one model (briefing-model.ts)
 * built off the same cached answers as the Chain, Gaps, Key players and Changes views.
 */
import { useEffect, useMemo, useState } from 'react';
import { RegionSelect } from '../../components/region-select.js';
import { EmptyState, ErrorBanner, Spinner } from '../../components/status.js';
import { saveBlob } from '../../export/export.js';
import { tableFileName, workbookXlsx } from '../../export/table-export.js';
import { chainToElements } from '../../graph/chain-elements.js';
import { useI18n } from '../../i18n/i18n.js';
import type { UpdateUrlState } from '../../state/use-url-state.js';
import type { UrlState } from '../../state/url-state.js';
import { useChain, useGapCandidates, useGaps } from '../chain/chain-queries.js';
import { useChangesPage } from '../changes/change-queries.js';
import { briefingDocx } from './briefing-docx.js';
import { briefingTables, buildBriefing, type BriefingModel, type BriefingTable, type Cell } from './briefing-model.js';
import { useBriefing, useBriefingLeads } from './briefing-queries.js';
import { drawChainPicture, releasePicture, type ChainPicture } from './chain-picture.js';
import './briefing.css';

/** Enterprises named inside a segment of the printed chain (the tables list them all). */
const MEMBERS_PER_SEGMENT = 4;

export interface BriefingViewProps {
  state: UrlState;
  update: UpdateUrlState;
}

export function BriefingView({ state, update }: BriefingViewProps) {
  const { t, lang } = useI18n();
  const { region, benchmark } = state;
  const chain = useChain(region);
  const gaps = useGaps(region, benchmark);
  const cands = useGapCandidates(region, benchmark);
  const extras = useBriefing(region, benchmark);
  const leadList = useBriefingLeads(region);
  const changes = useChangesPage({ region, type: null, author: null, kind: null }, null);
  const [now] = useState(() => new Date());
  const [busy, setBusy] = useState<'docx' | 'xlsx' | null>(null);
  const [failed, setFailed] = useState(false);

  const chainData = region ? chain.data?.chain : undefined;
  const report = region ? gaps.data?.gaps : undefined;
  const candidates = region ? cands.data?.gapCandidates : undefined;
  const more = region ? extras.data : undefined;
  const feed = changes.data?.changes.items;
  const leads = region ? leadList.data?.leads : undefined;
  const model = useMemo(
    () =>
      chainData && report && candidates && more && leads && feed
        ? buildBriefing({ chain: chainData, gaps: report, candidates, extras: more, leads, changes: feed, now, lang, t })
        : null,
    [chainData, report, candidates, more, leads, feed, now, lang, t],
  );

  const elements = useMemo(
    () => (chainData && report ? chainToElements({ chain: chainData, gaps: report, lang, maxPerSegment: MEMBERS_PER_SEGMENT }) : null),
    [chainData, report, lang],
  );
  const [picture, setPicture] = useState<ChainPicture | null>(null);
  const alt = model ? t('briefing.chainAlt', { region: model.region }) : '';
  useEffect(() => {
    if (!elements) return;
    let live = true;
    let drawn: ChainPicture | null = null;
    void drawChainPicture(elements, alt).then((p) => {
      if (live) setPicture((drawn = p));
      else releasePicture(p);
    });
    return () => {
      live = false;
      releasePicture(drawn);
    };
  }, [elements, alt]);

  useEffect(() => {
    if (model) document.title = model.title;
  }, [model]);

  const error = chain.error ?? gaps.error ?? cands.error ?? extras.error ?? leadList.error ?? changes.error;
  const reload = () => [chain, gaps, cands, extras, leadList, changes].forEach((q) => q.reload());

  const download = async (format: 'docx' | 'xlsx') => {
    if (!model) return;
    setBusy(format);
    setFailed(false);
    try {
      const blob =
        format === 'docx'
          ? await briefingDocx(model, picture, lang)
          : await workbookXlsx(
              briefingTables(model).map((tb) => ({
                name: tb.title,
                columns: tb.columns.map((header, i) => ({ header, value: (r: Cell[]) => r[i] })),
                rows: tb.rows,
              })),
            );
      // The table exports' file name (stem and date), with the briefing's extension.
      saveBlob(tableFileName(model.fileStem, 'xlsx', now).replace(/\.xlsx$/, `.${format}`), blob);
    } catch {
      setFailed(true);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="briefing-view" data-testid="briefing-view">
      <div className="canvas-toolbar briefing-toolbar">
        <button type="button" className="btn btn-small" onClick={() => update({ view: 'gaps' })}>
          ← {t('briefing.back')}
        </button>
        <RegionSelect label={t('briefing.region')} value={region} onChange={(r) => update({ region: r })} testId="briefing-region" />
        <RegionSelect
          label={t('gaps.benchmark')}
          value={benchmark}
          onChange={(b) => update({ benchmark: b })}
          emptyLabel={t('common.wholeGraph')}
          exclude={region}
          testId="briefing-benchmark"
        />
        <div className="toolbar-group briefing-actions">
          <button
            type="button"
            className="btn btn-small"
            disabled={!model || !picture}
            onClick={() => window.print()}
            data-testid="briefing-print"
          >
            {t('briefing.print')}
          </button>
          <button
            type="button"
            className="btn btn-small"
            disabled={!model || !picture || busy !== null}
            onClick={() => void download('docx')}
            data-testid="briefing-docx"
          >
            {busy === 'docx' ? t('briefing.working') : t('briefing.word')}
          </button>
          <button
            type="button"
            className="btn btn-small"
            disabled={!model || busy !== null}
            onClick={() => void download('xlsx')}
            data-testid="briefing-xlsx"
          >
            {busy === 'xlsx' ? t('briefing.working') : t('briefing.excel')}
          </button>
          {failed && (
            <span role="alert" className="table-export-error">
              {t('briefing.failed')}
            </span>
          )}
        </div>
      </div>
      {!region ? (
        <div className="pane-section">
          <EmptyState title={t('briefing.pickRegion')} testId="briefing-empty" />
        </div>
      ) : error ? (
        <div className="pane-section">
          <ErrorBanner error={error} onRetry={reload} />
        </div>
      ) : !model ? (
        <div className="pane-section">
          <Spinner />
        </div>
      ) : (
        <BriefingPage model={model} picture={picture} />
      )}
    </div>
  );
}

function BriefingPage({ model, picture }: { model: BriefingModel; picture: ChainPicture | null }) {
  const { t } = useI18n();
  return (
    <article className="briefing-page" data-testid="briefing" data-ready={picture ? 'true' : 'false'}>
      <header className="briefing-cover">
        <h1 className="briefing-title">{model.title}</h1>
        <dl className="briefing-meta">
          {model.cover.map((line) => (
            <div key={line.label}>
              <dt>{line.label}</dt>
              <dd>{line.value}</dd>
            </div>
          ))}
        </dl>
        <nav className="briefing-contents" aria-label={model.contentsLabel}>
          <h2>{model.contentsLabel}</h2>
          <ol>
            {model.sections.map((s) => (
              <li key={s.id}>
                <a href={`#briefing-${s.id}`}>{s.heading}</a>
              </li>
            ))}
          </ol>
        </nav>
      </header>
      {model.sections.map((s) => (
        <section key={s.id} id={`briefing-${s.id}`} className="briefing-section" data-section={s.id}>
          <h2>{s.heading}</h2>
          {s.blocks.map((b, i) =>
            b.kind === 'text' ? (
              <p key={i} className={b.muted ? 'muted' : undefined}>
                {b.text}
              </p>
            ) : b.kind === 'table' ? (
              <Table key={i} table={b.table} />
            ) : (
              <figure key={i} className="briefing-chain" data-testid="briefing-chain">
                {picture ? (
                  // On a phone the picture is small: a tap opens it at full size.
                  <a href={picture.url} target="_blank" rel="noreferrer">
                    <img src={picture.url} alt={picture.alt} width={picture.width} height={picture.height} />
                  </a>
                ) : (
                  <Spinner />
                )}
                {!picture && <figcaption className="muted">{t('briefing.chainDrawing')}</figcaption>}
              </figure>
            ),
          )}
        </section>
      ))}
    </article>
  );
}

function Table({ table }: { table: BriefingTable }) {
  const total = table.widths.reduce((a, b) => a + b, 0);
  return (
    <table className={`briefing-table ${table.columns.length <= 2 ? 'narrow' : ''}`} data-table={table.id}>
      <caption>{table.title}</caption>
      <colgroup>
        {table.widths.map((w, i) => (
          <col key={i} style={{ width: `${((w / total) * 100).toFixed(1)}%` }} />
        ))}
      </colgroup>
      <thead>
        <tr>
          {table.columns.map((c) => (
            <th key={c}>{c}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((r, ri) => (
          <tr key={ri} className={table.tones?.[ri] ? `row-${table.tones[ri]}` : undefined}>
            {r.map((c, ci) => (
              <td key={ci} className={typeof c === 'number' ? 'num' : undefined}>
                {table.id === 'sources' && ci === 4 && c ? (
                  <a href={String(c)} target="_blank" rel="noreferrer noopener">
                    {c}
                  </a>
                ) : (
                  c
                )}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
