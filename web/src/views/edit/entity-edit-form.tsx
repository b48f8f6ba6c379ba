/**
 * Editing an entity: its fields and profile; sends only what changed, against the version it was
 * loaded at. When someone else changed it meanwhile (CONFLICT), "reload" reads the new version and
 * keeps the person's own changes on top of it.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { toRequestError, type GraphQLRequestError } from '../../api/graphql-client.js';
import { useI18n } from '../../i18n/i18n.js';
import { useFetchEntityDetails, type EntityDetails } from '../explore/entity-details.js';
import { ChangeFooter } from './change-footer.js';
import { invalidateGraphData, submitChange, useUpdateEntity } from './edit-api.js';
import { BasicFields, changedValues, ENTITY_FORM_FIELDS, hasProfile, patchOf, ProfileFields, valuesOf } from './entity-fields.js';
import { emptySource, sourceReady, toSourceInput } from './source-picker.js';

export interface EntityEditFormProps {
  entity: EntityDetails;
  onDone: () => void;
  onCancel: () => void;
}

export function EntityEditForm({ entity, onDone, onCancel }: EntityEditFormProps) {
  const { t } = useI18n();
  // The version the edit is based on, and its values; a reload after a conflict moves both on.
  const [base, setBase] = useState(() => ({ version: entity.version, values: valuesOf(entity) }));
  const [values, setValues] = useState(base.values);
  const [source, setSource] = useState(emptySource);
  const [note, setNote] = useState('');
  const [reloadError, setReloadError] = useState<GraphQLRequestError | null>(null);
  const update = useUpdateEntity();
  const fetchFresh = useFetchEntityDetails();
  const client = useQueryClient();

  const patch = patchOf(base.values, values);
  const changed = Object.keys(patch).length > 0;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!changed || !sourceReady(source)) return;
    submitChange(update, { id: entity.id, expectedVersion: base.version, patch, note: note.trim(), source: toSourceInput(source) }, onDone);
  };

  const reload = async () => {
    setReloadError(null);
    try {
      const fresh = await fetchFresh(entity.id);
      if (!fresh) return onCancel();
      const mine = changedValues(base.values, values);
      const freshValues = valuesOf(fresh);
      setBase({ version: fresh.version, values: freshValues });
      setValues({ ...freshValues, ...mine });
      update.reset();
      // The canvas and the other views show the other person's change too.
      void invalidateGraphData(client);
    } catch (err) {
      setReloadError(toRequestError(err));
    }
  };

  return (
    <form className="edit-form" onSubmit={submit} data-testid="entity-edit-form" aria-label={t('edit.editTitle')}>
      <h3 className="section-title">{t('edit.editTitle')}</h3>
      <div className="form-grid">
        <BasicFields type={entity.type} values={values} onChange={setValues} error={update.error} />
        {hasProfile(entity.type) && (
          <>
            <h4 className="form-subtitle span-2">{t('edit.profile')}</h4>
            <ProfileFields values={values} onChange={setValues} error={update.error} />
          </>
        )}
      </div>
      <ChangeFooter
        source={{ value: source, onChange: setSource }}
        note={note}
        onNote={setNote}
        error={update.error ?? reloadError}
        busy={update.isPending}
        ready={changed && sourceReady(source)}
        blockedReason={changed ? null : t('edit.nothingChanged')}
        submitLabel={t('edit.save')}
        onCancel={onCancel}
        shownFields={ENTITY_FORM_FIELDS}
        onReload={() => void reload()}
      />
    </form>
  );
}
