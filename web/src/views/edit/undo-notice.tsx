/** What was just retracted or merged, with its undo (restore, revert the merge), until dismissed or the next change. */
import { useI18n } from '../../i18n/i18n.js';
import { submitChange, useRestoreEntity, useRevertChange } from './edit-api.js';
import { FormError } from './form-errors.js';

export type Undo =
  | { kind: 'restore'; id: string; name: string }
  | { kind: 'unmerge'; changeSetId: string; keepName: string; goneName: string; goneId: string };

export interface UndoNoticeProps {
  undo: Undo;
  onDone: (undo: Undo) => void;
  onDismiss: () => void;
}

export function UndoNotice({ undo, onDone, onDismiss }: UndoNoticeProps) {
  const { t } = useI18n();
  const restore = useRestoreEntity();
  const revert = useRevertChange();
  const busy = restore.isPending || revert.isPending;
  const act = () => {
    if (undo.kind === 'restore') submitChange(restore, { id: undo.id, note: '' }, () => onDone(undo));
    else submitChange(revert, { id: undo.changeSetId, note: '' }, () => onDone(undo));
  };
  return (
    <div className="undo-notice" role="status" data-testid="undo-notice">
      <span className="undo-text">
        {undo.kind === 'restore'
          ? t('edit.notice.retracted', { name: undo.name })
          : t('edit.notice.merged', { gone: undo.goneName, keep: undo.keepName })}
      </span>
      <button type="button" className="btn btn-small" onClick={act} disabled={busy} data-testid="undo-action">
        {undo.kind === 'restore' ? t('edit.notice.restore') : t('edit.notice.unmerge')}
      </button>
      <button type="button" className="link-btn" onClick={onDismiss} aria-label={t('common.close')}>
        ×
      </button>
      <FormError error={restore.error ?? revert.error} shownFields={[]} />
    </div>
  );
}
