/**
 * A lead whose target was retracted from the graph: its owner, collaborators or an admin point it at
 * the organisation that replaces it (updateLead patch target), found through the entity search.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n.js';
import { EntityPicker, type Picked } from '../edit/entity-picker.js';
import { LeadError } from './lead-error.js';
import { reloadLeads, useUpdateLead, type Lead } from './lead-queries.js';

export function RepointForm({ lead }: { lead: Lead }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const update = useUpdateLead();
  const [picked, setPicked] = useState<Picked[]>([]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const target = picked[0];
    if (!target) return;
    update.mutate(
      { id: lead.id, expectedVersion: lead.version, patch: { target: target.id } },
      {
        onError: (err) => {
          if (err.code === 'CONFLICT') void reloadLeads(client);
        },
      },
    );
  };
  return (
    <form className="edit-form lead-repoint" onSubmit={submit} data-testid="lead-repoint">
      <EntityPicker
        label={t('leads.repoint.label')}
        hint={t('leads.repoint.hint')}
        types={['Enterprise', 'Hospital', 'University', 'Park']}
        value={picked}
        onChange={setPicked}
        testId="lead-repoint-picker"
        wide
      />
      {update.error && <LeadError error={update.error} />}
      <div className="form-actions">
        <button
          type="submit"
          className="btn btn-primary"
          disabled={picked.length === 0 || update.isPending}
          data-testid="lead-repoint-save"
        >
          {update.isPending ? t('leads.saving') : t('leads.repoint.save')}
        </button>
      </div>
    </form>
  );
}
