/** Retracting an entity (with its relations) from the graph, with a source and why; a restore brings both back. */
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n.js';
import { useFetchEntityDetails, type EntityDetails } from '../explore/entity-details.js';
import { ChangeFooter } from './change-footer.js';
import { submitChange, useRetractEntity } from './edit-api.js';
import { emptySource, sourceReady, toSourceInput } from './source-picker.js';

export interface EntityRetractFormProps {
  entity: EntityDetails;
  onDone: (changeSetId: string) => void;
  onCancel: () => void;
}

export function EntityRetractForm({ entity, onDone, onCancel }: EntityRetractFormProps) {
  const { t } = useI18n();
  const [source, setSource] = useState(emptySource);
  const [note, setNote] = useState('');
  const retract = useRetractEntity();
  const fetchFresh = useFetchEntityDetails();
  const relations = entity.relations.reduce((n, g) => n + g.count, 0);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!sourceReady(source)) return;
    submitChange(retract, { id: entity.id, expectedVersion: entity.version, note: note.trim(), source: toSourceInput(source) }, (r) =>
      onDone(r.retractEntity.changeSet.id),
    );
  };
  return (
    <form
      className="edit-form inline-form danger-zone"
      onSubmit={submit}
      data-testid="entity-retract-form"
      aria-label={t('edit.retract.title')}
    >
      <h3 className="section-title">{t('edit.retract.title')}</h3>
      <p className="form-explain">{t('edit.retract.explain', { n: relations })}</p>
      <ChangeFooter
        source={{ value: source, onChange: setSource }}
        note={note}
        onNote={setNote}
        error={retract.error}
        busy={retract.isPending}
        ready={sourceReady(source)}
        submitLabel={t('edit.retract.submit')}
        onCancel={onCancel}
        onReload={() => {
          retract.reset();
          void fetchFresh(entity.id);
        }}
        danger
      />
    </form>
  );
}
