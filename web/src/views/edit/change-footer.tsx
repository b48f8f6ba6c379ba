/**
 * The end of every change form: where the facts come from (when the API asks for a source), why the
 * change is made (a note, may be empty), what went wrong, and the buttons.
 */
import type { GraphQLRequestError } from '../../api/graphql-client.js';
import { useI18n } from '../../i18n/i18n.js';
import { Field } from './field.js';
import { FormError } from './form-errors.js';
import { SOURCE_FIELDS, SourcePicker, type SourceDraft } from './source-picker.js';

export interface ChangeFooterProps {
  /** Left out for the changes the API takes without a source (restore, merge, revert). */
  source?: { value: SourceDraft; onChange: (next: SourceDraft) => void };
  note: string;
  onNote: (note: string) => void;
  error: GraphQLRequestError | null;
  busy: boolean;
  /** False while something required is missing (the submit button says so by being disabled). */
  ready: boolean;
  submitLabel: string;
  onCancel: () => void;
  /** Fields the form shows their own errors next to. */
  shownFields?: readonly string[];
  onReload?: () => void;
  danger?: boolean;
  /** Why the submit button is disabled, when it is not just a missing field. */
  blockedReason?: string | null;
}

export function ChangeFooter(props: ChangeFooterProps) {
  const { t } = useI18n();
  const { source, note, onNote, error, busy, ready, submitLabel, onCancel, shownFields = [], onReload, danger, blockedReason } = props;
  return (
    <div className="change-footer">
      {source && <SourcePicker value={source.value} onChange={source.onChange} error={error} />}
      <Field label={t('edit.note')} field="note" error={error} wide>
        <textarea
          rows={2}
          value={note}
          placeholder={t('edit.notePlaceholder')}
          onChange={(e) => onNote(e.target.value)}
          data-testid="change-note"
        />
      </Field>
      <FormError error={error} shownFields={[...shownFields, 'note', ...(source ? SOURCE_FIELDS : [])]} onReload={onReload} />
      {blockedReason ? (
        <p className="form-blocked" data-testid="form-blocked">
          {blockedReason}
        </p>
      ) : (
        !ready && !busy && <p className="form-hint">{t('edit.fillRequired')}</p>
      )}
      <div className="edit-actions">
        <button
          type="submit"
          className={`btn ${danger ? 'btn-danger' : 'btn-primary'}`}
          disabled={busy || !ready}
          data-testid="change-submit"
        >
          {busy ? t('edit.saving') : submitLabel}
        </button>
        <button type="button" className="btn" onClick={onCancel} disabled={busy}>
          {t('edit.cancel')}
        </button>
      </div>
    </div>
  );
}
