/** Choosing one or several existing entities of some types (a park or region, chain segments, the other end of a relation) through the entity search. */
import { useId } from 'react';
import type { GraphQLRequestError } from '../../api/graphql-client.js';
import type { EntityRef } from '../../api/fragments.js';
import { EntitySearch } from '../../components/entity-search.js';
import { TypeBadge } from '../../components/type-badge.js';
import type { EntityType } from '../../gql/graphql.js';
import { displayName, useI18n } from '../../i18n/i18n.js';
import { FieldError } from './form-errors.js';

export type Picked = Pick<EntityRef, 'id' | 'type' | 'name' | 'nameEn'>;

export interface EntityPickerProps {
  label: string;
  types: EntityType[];
  value: readonly Picked[];
  onChange: (next: Picked[]) => void;
  /** More than one may be chosen. */
  multiple?: boolean;
  placeholder?: string;
  required?: boolean;
  hint?: string;
  field?: string | readonly string[];
  error?: GraphQLRequestError | null;
  testId?: string;
  wide?: boolean;
}

export function EntityPicker({
  label,
  types,
  value,
  onChange,
  multiple,
  placeholder,
  required,
  hint,
  field,
  error,
  testId,
  wide,
}: EntityPickerProps) {
  const { t, lang } = useI18n();
  const canAdd = multiple || value.length === 0;
  const labelId = useId();
  // Not a <label> around it all: a click on the label would press the first chip's remove button.
  return (
    <div className={`efield${wide ? ' span-2' : ''}`} data-testid={testId} role="group" aria-labelledby={labelId}>
      <span className="efield-label" id={labelId}>
        {label}
        {required && (
          <span className="required" aria-hidden>
            *
          </span>
        )}
      </span>
      {value.length > 0 && (
        <ul className="picked-list">
          {value.map((p) => (
            <li key={p.id} className="picked" data-id={p.id}>
              <span className="picked-name">{displayName(p, lang)}</span>
              <TypeBadge type={p.type} />
              <button
                type="button"
                className="chip-remove"
                aria-label={t('edit.removeItem', { item: displayName(p, lang) })}
                onClick={() => onChange(value.filter((x) => x.id !== p.id))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {canAdd && (
        <label>
          <span className="sr-only">{label}</span>
          <EntitySearch
            types={types}
            placeholder={placeholder}
            className="compact"
            onPick={(s) => {
              if (value.some((x) => x.id === s.id)) return;
              const picked = { id: s.id, type: s.type, name: s.name, nameEn: s.nameEn };
              onChange(multiple ? [...value, picked] : [picked]);
            }}
          />
        </label>
      )}
      {hint && <span className="field-hint">{hint}</span>}
      {field && <FieldError error={error ?? null} field={field} />}
    </div>
  );
}
