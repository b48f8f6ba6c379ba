/**
 * Step 4: a required note, then the import is written as one change set; then what it did, a link to
 * it in the changes view, and reverting it as a whole.
 */
import { useState } from 'react';
import { ErrorBanner } from '../../components/status.js';
import type { ColumnMappingInput, FeedChangeSetFieldsFragment, RowDecision } from '../../gql/graphql.js';
import { useI18n } from '../../i18n/i18n.js';
import { changeSetHref, openChangeSet } from '../changes/change-link.js';
import { countsPhrase } from '../changes/change-text.js';
import { RevertForm } from '../changes/revert-form.js';
import { useApplyImport, type ImportFile } from './import-queries.js';
import { PlanTotals, type Totals } from './plan-step.js';

/** "新增 17 个机构、更新 1 个机构、跳过 2 行" from the dry run's totals. */
function planPhrase(totals: Totals, t: ReturnType<typeof useI18n>['t']): string {
  const parts: string[] = [];
  if (totals.create) parts.push(t('import.willCreate', { count: totals.create }));
  if (totals.update) parts.push(t('import.willUpdate', { count: totals.update }));
  if (totals.skip) parts.push(t('import.willSkip', { count: totals.skip }));
  return parts.join(t('changes.listSep'));
}

export function ApplyStep({
  file,
  mapping,
  decisions,
  totals,
  onBack,
  onApplied,
}: {
  file: ImportFile;
  mapping: ColumnMappingInput[];
  decisions: RowDecision[];
  totals: Totals;
  onBack: () => void;
  onApplied: (changeSet: FeedChangeSetFieldsFragment) => void;
}) {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  const apply = useApplyImport();
  return (
    <section className="import-step" data-testid="import-apply">
      <PlanTotals totals={totals} />
      <p>{t('import.canApply', { summary: planPhrase(totals, t) })}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          apply.mutate({ file: file.id, mapping, decisions, note: note.trim() }, { onSuccess: (r) => onApplied(r.applyImport.changeSet) });
        }}
      >
        <label className="field">
          <span>{t('import.applyNote')}</span>
          <textarea
            rows={2}
            required
            value={note}
            placeholder={t('import.applyNotePlaceholder')}
            onChange={(e) => setNote(e.target.value)}
            data-testid="apply-note"
          />
        </label>
        {apply.error && <ErrorBanner error={apply.error} />}
        <div className="step-actions">
          <button type="button" className="btn" onClick={onBack} disabled={apply.isPending}>
            {t('import.backToPlan')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={!note.trim() || apply.isPending} data-testid="apply-submit">
            {apply.isPending ? t('import.applying') : t('import.apply')}
          </button>
        </div>
      </form>
    </section>
  );
}

export function ImportDone({ changeSet, onAnother }: { changeSet: FeedChangeSetFieldsFragment; onAnother: () => void }) {
  const { t, lang } = useI18n();
  const [reverting, setReverting] = useState(false);
  const [revert, setRevert] = useState<FeedChangeSetFieldsFragment | null>(null);
  const link = (id: string, label: string, testId: string) => (
    <a
      href={changeSetHref(id)}
      data-testid={testId}
      onClick={(e) => {
        e.preventDefault();
        openChangeSet(id);
      }}
    >
      {label}
    </a>
  );
  return (
    <section className="import-step import-done" data-testid="import-done">
      <h3 className="done-title">{revert ? t('import.reverted') : t('import.done')}</h3>
      <p data-testid="import-done-counts">{t('import.didWhat', { summary: countsPhrase(changeSet.counts, lang, t) })}</p>
      <p className="step-actions">
        {link(changeSet.id, t('import.viewChangeSet'), 'import-changeset-link')}
        {revert && link(revert.id, t('changes.viewRevert'), 'import-revert-link')}
      </p>
      {!revert && !reverting && (
        <button type="button" className="btn btn-danger-quiet" onClick={() => setReverting(true)} data-testid="import-revert">
          {t('import.revertImport')}
        </button>
      )}
      {reverting && !revert && (
        <RevertForm
          changeSetId={changeSet.id}
          onCancel={() => setReverting(false)}
          onDone={(r) => {
            setReverting(false);
            setRevert(r);
          }}
        />
      )}
      <p>
        <button type="button" className="btn" onClick={onAnother}>
          {t('import.another')}
        </button>
      </p>
    </section>
  );
}
