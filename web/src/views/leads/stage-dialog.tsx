/**
 * Moving a lead to another stage: the note of the move (logged with who and when), and the reason
 * when it is put on hold (搁置) or abandoned (放弃). A move someone else's change beat is CONFLICT:
 * said so, and the leads are read again so the board shows where the lead is now.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { LeadStage } from '../../gql/graphql.js';
import { useI18n } from '../../i18n/i18n.js';
import { Field } from '../edit/field.js';
import { Modal } from '../edit/modal.js';
import { LeadError } from './lead-error.js';
import { reloadLeads, useMoveLeadStage, type Lead } from './lead-queries.js';
import { leadName, NEEDS_REASON } from './lead-text.js';

export function StageDialog({ lead, to, onClose }: { lead: Lead; to: LeadStage; onClose: () => void }) {
  const { t, lang } = useI18n();
  const client = useQueryClient();
  const move = useMoveLeadStage();
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const needsReason = NEEDS_REASON.has(to);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (needsReason && !reason.trim()) return setMissing(true);
    move.mutate(
      { id: lead.id, stage: to, note: note.trim() || null, reason: needsReason ? reason.trim() : null, expectedVersion: lead.version },
      {
        onSuccess: onClose,
        onError: (err) => {
          if (err.code === 'CONFLICT') void reloadLeads(client);
        },
      },
    );
  };
  return (
    <Modal title={t('leads.move.title')} onClose={onClose} testId="stage-dialog">
      <form className="edit-form" onSubmit={submit}>
        <p data-testid="stage-dialog-what">
          {t('leads.move.what', { name: leadName(lead, lang), from: t(`leads.stage.${lead.stage}`), to: t(`leads.stage.${to}`) })}
        </p>
        <div className="form-grid">
          {needsReason && (
            <Field label={t('leads.move.reason')} required wide>
              <textarea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="stage-reason" />
            </Field>
          )}
          <Field label={t('leads.move.note')} wide>
            <textarea rows={3} value={note} onChange={(e) => setNote(e.target.value)} data-testid="stage-note" />
          </Field>
        </div>
        {missing && (
          <p className="form-problem" role="alert">
            {t('leads.move.reasonRequired')}
          </p>
        )}
        {move.error && <LeadError error={move.error} />}
        <div className="form-actions">
          <button
            type="submit"
            className="btn btn-primary"
            disabled={move.isPending || move.error?.code === 'CONFLICT'}
            data-testid="stage-submit"
          >
            {move.isPending ? t('leads.saving') : t('leads.move.submit')}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            {move.error?.code === 'CONFLICT' ? t('common.close') : t('leads.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
