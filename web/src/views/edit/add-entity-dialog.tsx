/**
 * Adding an organisation: a form generated from the model (type, its kinds, where it is, its chain
 * segments, its profile), with duplicate warnings as the name is typed. A confident match must be
 * dismissed ("another organisation") before the new one can be saved.
 */
import { useState, type FormEvent } from 'react';
import { ENTITY_TYPES, isValidCreditCode, type EntityType } from '../../../../shared/model/index.js';
import { useDebounced } from '../../components/use-debounced.js';
import { entityTypeLabel, useI18n } from '../../i18n/i18n.js';
import { ChangeFooter } from './change-footer.js';
import { DuplicateWarnings } from './duplicate-warnings.js';
import { CONFIDENT_MATCH, submitChange, useCreateEntity, useSimilarNames } from './edit-api.js';
import { EntityPicker, type Picked } from './entity-picker.js';
import {
  BasicFields,
  emptyValues,
  ENTITY_FORM_FIELDS,
  hasProfile,
  inputOf,
  ProfileFields,
  type EntityFormValues,
} from './entity-fields.js';
import { Field } from './field.js';
import { Modal } from './modal.js';
import { emptySource, sourceReady, toSourceInput } from './source-picker.js';

/** Chain segments are the reference chain, curated in the seed; every other type can be added. */
const CREATABLE: readonly EntityType[] = ENTITY_TYPES.filter((t) => t !== 'ChainSegment');
const WITH_SEGMENTS: readonly EntityType[] = ['Enterprise', 'Hospital'];
/** How long the name must rest before duplicates are looked up. */
const DUPLICATE_DEBOUNCE_MS = 300;

export interface AddEntityDialogProps {
  onClose: () => void;
  onCreated: (id: string) => void;
  /** Show an existing entity instead (a duplicate the person recognised). */
  onOpenExisting: (id: string) => void;
}

export function AddEntityDialog({ onClose, onCreated, onOpenExisting }: AddEntityDialogProps) {
  const { t, lang } = useI18n();
  const [type, setType] = useState<EntityType>('Enterprise');
  const [values, setValues] = useState<EntityFormValues>(emptyValues);
  const [location, setLocation] = useState<Picked[]>([]);
  const [segments, setSegments] = useState<Picked[]>([]);
  const [source, setSource] = useState(emptySource);
  const [note, setNote] = useState('');
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const create = useCreateEntity();

  const name = useDebounced(values.name.trim(), DUPLICATE_DEBOUNCE_MS);
  const code = values.creditCode.trim().toUpperCase();
  const similar = useSimilarNames(name || null, type, null, hasProfile(type) && isValidCreditCode(code) ? code : null);
  const matches = name ? (similar.data?.similarNames ?? []) : [];
  const pending = matches.filter((m) => !dismissed.has(m.entity.id));
  const blocking = pending.some((m) => m.score >= CONFIDENT_MATCH);
  const ready = values.name.trim() !== '' && sourceReady(source) && !blocking;

  const changeType = (next: EntityType) => {
    setType(next);
    // A kind belongs to its type; segments only to enterprises and hospitals.
    setValues((v) => ({ ...v, kind: '' }));
    if (!WITH_SEGMENTS.includes(next)) setSegments([]);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!ready) return;
    submitChange(
      create,
      {
        input: inputOf(type, values),
        placement: { locatedIn: location[0]?.id ?? null, segments: WITH_SEGMENTS.includes(type) ? segments.map((s) => s.id) : [] },
        note: note.trim(),
        source: toSourceInput(source),
      },
      (r) => r.createEntity.entity && onCreated(r.createEntity.entity.id),
    );
  };

  return (
    <Modal title={t('edit.add.title')} onClose={onClose} testId="add-entity">
      <form className="edit-form" onSubmit={submit}>
        <div className="form-grid">
          <Field label={t('edit.field.type')} required field="type" error={create.error}>
            <select value={type} onChange={(e) => changeType(e.target.value as EntityType)} data-testid="field-type">
              {CREATABLE.map((x) => (
                <option key={x} value={x}>
                  {entityTypeLabel(x, lang)}
                </option>
              ))}
            </select>
          </Field>
          <div className="form-grid-spacer" aria-hidden />
          <BasicFields
            type={type}
            values={values}
            onChange={setValues}
            error={create.error}
            afterName={
              <>
                <DuplicateWarnings
                  matches={pending}
                  onOpen={onOpenExisting}
                  onDismiss={() => setDismissed(new Set([...dismissed, ...pending.map((m) => m.entity.id)]))}
                />
                {matches.length > 0 && pending.length === 0 && (
                  <p className="dup-dismissed" data-testid="duplicates-dismissed">
                    {t('edit.dup.dismissed', { n: matches.length })}
                  </p>
                )}
              </>
            }
          />
          <h4 className="form-subtitle span-2">{t('edit.add.placement')}</h4>
          <EntityPicker
            label={t('edit.add.location')}
            types={['Park', 'Region']}
            value={location}
            onChange={setLocation}
            placeholder={t('edit.add.locationPlaceholder')}
            field="locatedIn"
            error={create.error}
            testId="pick-location"
            wide={!WITH_SEGMENTS.includes(type)}
          />
          {WITH_SEGMENTS.includes(type) && (
            <EntityPicker
              label={t('edit.add.segments')}
              types={['ChainSegment']}
              value={segments}
              onChange={setSegments}
              multiple
              placeholder={t('edit.add.segmentsPlaceholder')}
              field="segments"
              error={create.error}
              testId="pick-segments"
            />
          )}
          {hasProfile(type) && (
            <>
              <h4 className="form-subtitle span-2">{t('edit.profileOptional')}</h4>
              <ProfileFields values={values} onChange={setValues} error={create.error} />
            </>
          )}
        </div>
        <ChangeFooter
          source={{ value: source, onChange: setSource }}
          note={note}
          onNote={setNote}
          error={create.error}
          busy={create.isPending}
          ready={ready}
          blockedReason={blocking ? t('edit.dup.blocked') : null}
          submitLabel={t('edit.add.submit')}
          onCancel={onClose}
          shownFields={[...ENTITY_FORM_FIELDS, 'type', 'locatedIn', 'segments']}
        />
      </form>
    </Modal>
  );
}
