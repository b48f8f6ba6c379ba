/**
 * Step 4: a required note, then the import is written as one change set; then what it did, a link to
 * it in the changes view, and reverting it as a whole.
 */
import { useState } from 'react';
import { ErrorBanner } from '../../components/status.js';
import type { ColumnMappingInput, FeedChangeSetFieldsFragment, RowDecision } from '../../gql/graphql.js';
import { useI18n } from '../../i18n/i18n.js';
import { AppliedChangeSet, type AppliedChangeSetText } from '../changes/applied-change-set.js';
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

const DONE_TEXT: AppliedChangeSetText = {
  applied: 'import.done',
  reverted: 'import.reverted',
  didWhat: 'import.didWhat',
  viewChangeSet: 'import.viewChangeSet',
  revert: 'import.revertImport',
};

export function ImportDone({ changeSet, onAnother }: { changeSet: FeedChangeSetFieldsFragment; onAnother: () => void }) {
  const { t } = useI18n();
  return (
    <section className="import-step import-done" data-testid="import-done">
      <AppliedChangeSet changeSet={changeSet} text={DONE_TEXT} testIdPrefix="import" />
      <p>
        <button type="button" className="btn" onClick={onAnother}>
          {t('import.another')}
        </button>
      </p>
    </section>
  );
}
