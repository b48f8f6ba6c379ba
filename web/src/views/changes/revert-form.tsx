/**
 * Reverting a change set (editors): a required note, then `revertChange`. A CONFLICT (facts changed
 * again since) is explained, naming what changed as far as the change set's own revisions tell.
 */
import { useState } from 'react';
import { ErrorBanner } from '../../components/status.js';
import type { FeedChangeSetFieldsFragment } from '../../gql/graphql.js';
import { useI18n } from '../../i18n/i18n.js';
import { useRevertChange } from './change-queries.js';

export function RevertForm({
  changeSetId,
  labels,
  defaultNote = '',
  onCancel,
  onDone,
}: {
  changeSetId: string;
  /** What each fact the change set touched is called (target id → label), to name those changed since. */
  labels?: ReadonlyMap<string, string>;
  defaultNote?: string;
  onCancel?: () => void;
  onDone: (revert: FeedChangeSetFieldsFragment) => void;
}) {
  const { t } = useI18n();
  const [note, setNote] = useState(defaultNote);
  const revert = useRevertChange();
  const conflict = revert.error?.code === 'CONFLICT';
  const changed = conflict && Array.isArray(revert.error?.details.changed) ? (revert.error.details.changed as unknown[]).map(String) : [];
  return (
    <form
      className="revert-form"
      data-testid="revert-form"
      onSubmit={(e) => {
        e.preventDefault();
        revert.mutate({ id: changeSetId, note: note.trim() }, { onSuccess: (r) => onDone(r.revertChange.changeSet) });
      }}
    >
      <p className="muted small">{t('changes.revertExplain')}</p>
      <label className="field">
        <span>{t('changes.revertNote')}</span>
        <textarea
          rows={2}
          value={note}
          required
          placeholder={t('changes.revertNotePlaceholder')}
          onChange={(e) => setNote(e.target.value)}
          data-testid="revert-note"
        />
      </label>
      <div className="form-actions">
        <button type="submit" className="btn btn-danger" disabled={!note.trim() || revert.isPending} data-testid="revert-confirm">
          {t('changes.revertConfirm')}
        </button>
        {onCancel && (
          <button type="button" className="btn" onClick={onCancel}>
            {t('changes.cancel')}
          </button>
        )}
      </div>
      {conflict && (
        <div className="error-banner" role="alert" data-code="CONFLICT">
          <span className="error-icon" aria-hidden>
            !
          </span>
          <span className="error-text">
            {t('changes.conflict')}
            {changed.length > 0 && (
              <span className="error-detail">
                {t('changes.conflictChanged')} {changed.map((id) => labels?.get(id) ?? id).join(t('changes.listSep'))}
              </span>
            )}
          </span>
        </div>
      )}
      {revert.error && !conflict && <ErrorBanner error={revert.error} />}
    </form>
  );
}
