/** Choosing one or several existing entities of some types (a park or region, chain segments, the other end of a relation) through the entity search. */
import type { GraphQLRequestError } from '../../api/graphql-client.js';
import type { EntityRef } from '../../api/fragments.js';
import { EntitySearch } from '../../components/entity-search.js';
import { TypeBadge } from '../../components/type-badge.js';
import type { EntityType } from '../../gql/graphql.js';
import { displayName, useI18n } from '../../i18n/i18n.js';
import { Field } from './field.js';

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
  return (
    <Field label={label} required={required} hint={hint} field={field} error={error} wide={wide} group testId={testId}>
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
      )}
    </Field>
  );
}
