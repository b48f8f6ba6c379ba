/**
 * Step 3, the dry run: what applying would do (totals) and every row, errors first — where and why,
 * a possible duplicate's match to decide on, an update's changed fields. Nothing is written.
 */
import { EntityName } from '../../components/entity-name.js';
import { useState } from 'react';
import { ErrorBanner, LoadingBar, Spinner } from '../../components/status.js';
import { TypeBadge } from '../../components/type-badge.js';
import type { ColumnMappingInput, ImportDecision, ImportDryRunQuery, RowDecision } from '../../gql/graphql.js';
import { useI18n } from '../../i18n/i18n.js';
import { IMPORT_FIELD_LABELS, MATCH_REASON_LABELS } from '../../../../shared/model/curation.js';
import { formatUrlState, parseUrlState } from '../../state/url-state.js';
import { fieldLabel } from '../changes/change-text.js';
import { PLAN_PAGE, useImportPlan, type ImportFile } from './import-queries.js';
import { issueText } from './import-text.js';
import { FileSummary, SheetWarnings } from './mapping-step.js';

type Plan = ImportDryRunQuery['importPlan'];
type PlanRow = Plan['rows'][number];
export type Totals = Plan['totals'];

/** An entity in Explore, in a new tab: leaving this view would lose the import in progress. */
const exploreHref = (id: string) =>
  formatUrlState({ ...parseUrlState(window.location.search), view: 'explore', ids: [id], sel: id, path: null });

const TOTALS: { key: keyof Omit<Totals, '__typename'>; tone: string }[] = [
  { key: 'rows', tone: '' },
  { key: 'create', tone: 'good' },
  { key: 'update', tone: 'info' },
  { key: 'possibleDuplicate', tone: 'warn' },
  { key: 'error', tone: 'bad' },
  { key: 'skip', tone: '' },
  { key: 'warnings', tone: 'warn' },
];

export function PlanTotals({ totals }: { totals: Totals }) {
  const { t } = useI18n();
  return (
    <dl className="plan-totals" data-testid="plan-totals">
      {TOTALS.map(({ key, tone }) => (
        <div key={key} className={`total total-${tone} ${totals[key] === 0 ? 'zero' : ''}`} data-total={key}>
          <dt>{t(`import.total.${key}`)}</dt>
          <dd>{totals[key].toLocaleString()}</dd>
        </div>
      ))}
    </dl>
  );
}

export interface PlanStepProps {
  file: ImportFile;
  mapping: ColumnMappingInput[];
  decisions: RowDecision[];
  onDecide: (row: number, decision: ImportDecision | null, target?: string | null) => void;
  onBackToMapping: () => void;
  onUploadAgain: () => void;
  onNext: (totals: Totals) => void;
}

export function PlanStep({ file, mapping, decisions, onDecide, onBackToMapping, onUploadAgain, onNext }: PlanStepProps) {
  const { t, lang } = useI18n();
  const [pages, setPages] = useState(1);
  const first = useImportPlan(file.id, mapping, decisions, 0);
  const plan = first.data?.importPlan;
  return (
    <section className="import-step" data-testid="import-plan">
      <FileSummary file={file} onReplace={onUploadAgain} />
      <LoadingBar active={first.loading} />
      {first.error && <ErrorBanner error={first.error} onRetry={first.reload} />}
      {!plan && first.loading && <Spinner label={t('import.checking')} />}
      {plan && (
        <div className={first.stale ? 'stale' : ''}>
          <PlanTotals totals={plan.totals} />
          {plan.missingFields.length > 0 && (
            <p className="form-problem" role="alert">
              {t('import.missingFields', {
                fields: plan.missingFields.map((f) => IMPORT_FIELD_LABELS[f][lang]).join(t('changes.listSep')),
              })}
            </p>
          )}
          <SheetWarnings file={file} />
          <div className="table-scroll">
            <table className="data-table plan-table" data-testid="plan-table">
              <thead>
                <tr>
                  <th className="num">{t('import.row')}</th>
                  <th>{t('import.name')}</th>
                  <th>{t('import.result')}</th>
                  <th>{t('import.detail')}</th>
                  <th>{t('import.decision')}</th>
                </tr>
              </thead>
              <PlanRows rows={plan.rows} decisions={decisions} onDecide={onDecide} />
              {Array.from({ length: pages - 1 }, (_, i) => (
                <MorePlanRows
                  key={i}
                  file={file}
                  mapping={mapping}
                  decisions={decisions}
                  offset={(i + 1) * PLAN_PAGE}
                  onDecide={onDecide}
                />
              ))}
            </table>
          </div>
          {plan.totals.rows > pages * PLAN_PAGE && (
            <div className="more-rows">
              <span className="muted small">
                {t('import.rowsShown', { shown: (pages * PLAN_PAGE).toLocaleString(), total: plan.totals.rows.toLocaleString() })}
              </span>{' '}
              <button type="button" className="btn btn-small" onClick={() => setPages(pages + 1)}>
                {t('import.moreRows')}
              </button>
            </div>
          )}
          {!plan.canApply && (
            <p className="form-problem" data-testid="cannot-apply">
              {plan.totals.error + plan.totals.possibleDuplicate > 0
                ? t('import.cannotApply', { errors: plan.totals.error, pending: plan.totals.possibleDuplicate })
                : t('import.nothingToApply')}
            </p>
          )}
        </div>
      )}
      <div className="step-actions">
        <button type="button" className="btn" onClick={onBackToMapping} data-testid="plan-back">
          {t('import.backToMapping')}
        </button>
        <button type="button" className="btn" onClick={onUploadAgain} data-testid="plan-upload-again">
          {t('import.uploadFixed')}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          disabled={!plan?.canApply || first.stale || first.loading}
          onClick={() => plan && onNext(plan.totals)}
          data-testid="plan-next"
        >
          {t('import.step.apply')}
        </button>
      </div>
    </section>
  );
}

const decisionOf = (decisions: readonly RowDecision[], row: number) => decisions.find((d) => d.row === row)?.decision ?? null;

function MorePlanRows({
  file,
  mapping,
  decisions,
  offset,
  onDecide,
}: {
  file: ImportFile;
  mapping: ColumnMappingInput[];
  decisions: RowDecision[];
  offset: number;
  onDecide: PlanStepProps['onDecide'];
}) {
  const page = useImportPlan(file.id, mapping, decisions, offset);
  if (page.error)
    return (
      <tbody>
        <tr>
          <td colSpan={5}>
            <ErrorBanner error={page.error} onRetry={page.reload} />
          </td>
        </tr>
      </tbody>
    );
  if (!page.data)
    return (
      <tbody>
        <tr>
          <td colSpan={5}>
            <Spinner />
          </td>
        </tr>
      </tbody>
    );
  return <PlanRows rows={page.data.importPlan.rows} decisions={decisions} onDecide={onDecide} />;
}

function PlanRows({
  rows,
  decisions,
  onDecide,
}: {
  rows: readonly PlanRow[];
  decisions: readonly RowDecision[];
  onDecide: PlanStepProps['onDecide'];
}) {
  return (
    <tbody>
      {rows.map((r) => (
        <PlanRowView key={r.row} r={r} decision={decisionOf(decisions, r.row)} onDecide={onDecide} />
      ))}
    </tbody>
  );
}

function PlanRowView({ r, decision, onDecide }: { r: PlanRow; decision: ImportDecision | null; onDecide: PlanStepProps['onDecide'] }) {
  const { t, lang } = useI18n();
  const skipped = decision === 'skip';
  // A decided row shows what it will do; an error row stays an error until it is skipped.
  const shownAction = skipped ? 'skip' : decision && r.action !== 'error' ? decision : r.action;
  const updates = shownAction === 'update';
  const errors = r.issues.filter((i) => i.severity === 'error');
  const warnings = r.issues.filter((i) => i.severity === 'warning' && i.code !== 'POSSIBLE_DUPLICATE');
  return (
    <tr
      className={`plan-row action-${shownAction} ${skipped ? 'is-skipped' : ''}`}
      data-testid="plan-row"
      data-row={r.row}
      data-action={r.action}
      data-decision={decision ?? ''}
    >
      <td className="num nowrap">{r.row}</td>
      <td className="plan-name">
        {r.name ?? <span className="muted">{t('import.noName')}</span>} {r.type && <TypeBadge type={r.type} />}
      </td>
      <td className="nowrap">
        <span className={`action-badge action-badge-${shownAction}`}>{t(`importAction.${shownAction}`)}</span>
      </td>
      <td className="plan-detail">
        {[...errors, ...warnings].map((i, k) => (
          <div key={k} className={`issue issue-${i.severity}`} data-testid="plan-issue" data-code={i.code}>
            {i.column && <span className="issue-where">{t('import.issueColumn', { column: i.column })}</span>}
            {i.value && <span className="cell-value">{t('import.issueValue', { value: i.value })}</span>}
            <span className="issue-why">{issueText(i.code, i.relatedRow, t)}</span>
          </div>
        ))}
        {r.match && (r.action === 'possible_duplicate' || r.action === 'update') && (
          <div className="plan-match" data-testid="plan-match">
            <span className="muted">{updates ? t('import.updateOf') : t('import.matchIntro')}</span>{' '}
            <a href={exploreHref(r.match.entity.id)} target="_blank" rel="noreferrer">
              <EntityName entity={r.match.entity} />
            </a>{' '}
            <span className="score">{t('import.matchScore', { score: Math.round(r.match.score * 100) })}</span>{' '}
            <span className="muted small">· {MATCH_REASON_LABELS[r.match.reason][lang]}</span>
          </div>
        )}
        {updates && (
          <div className="muted small">
            {r.changes.length
              ? t('import.updates', { fields: r.changes.map((f) => fieldLabel(f, lang, t)).join(t('changes.listSep')) })
              : t('import.noFieldChanges')}
          </div>
        )}
      </td>
      <td>
        <DecisionPicker r={r} decision={decision} onDecide={onDecide} />
      </td>
    </tr>
  );
}

function DecisionPicker({ r, decision, onDecide }: { r: PlanRow; decision: ImportDecision | null; onDecide: PlanStepProps['onDecide'] }) {
  const { t } = useI18n();
  const target = r.match?.entity.id ?? null;
  const choose = (v: string) => {
    if (!v) return onDecide(r.row, null);
    const d = v as ImportDecision;
    onDecide(r.row, d, d === 'update' ? target : null);
  };
  // What the row does without a decision is the first, empty choice.
  const options: { value: string; label: string }[] =
    r.action === 'error'
      ? [
          { value: '', label: t('import.decide.fix') },
          { value: 'skip', label: t('import.decide.skipRow') },
        ]
      : r.action === 'possible_duplicate'
        ? [
            { value: '', label: t('import.decide.pending') },
            { value: 'create', label: t('import.decide.create') },
            ...(target ? [{ value: 'update', label: t('import.decide.update') }] : []),
            { value: 'skip', label: t('import.decide.skip') },
          ]
        : r.action === 'update'
          ? [
              { value: '', label: t('importAction.update') },
              { value: 'create', label: t('import.decide.create') },
              { value: 'skip', label: t('import.decide.skip') },
            ]
          : [
              { value: '', label: t('import.decide.import') },
              { value: 'skip', label: t('import.decide.skip') },
            ];
  return (
    <select
      className={`inline decision ${r.action === 'possible_duplicate' && !decision ? 'needs-decision' : ''}`}
      value={decision ?? ''}
      aria-label={t('import.rowNo', { row: r.row })}
      data-testid="plan-decision"
      onChange={(e) => choose(e.target.value)}
    >
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
