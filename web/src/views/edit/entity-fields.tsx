/**
 * An entity's editable fields as a form model (texts as typed), the controls for them, and what to
 * send: a new entity's input (the filled fields) or an edit's patch (the changed fields only).
 */
import {
  COMMON_QUALIFICATIONS,
  entityKindsOf,
  isValidCreditCode,
  PROFILE_FIELD_LABELS,
  type EntityKind,
  type EntityType,
  type ProfileField,
} from '../../../../shared/model/index.js';
import type { ReactNode } from 'react';
import type { GraphQLRequestError } from '../../api/graphql-client.js';
import type { EntityInput, EntityPatch } from '../../gql/graphql.js';
import { entityKindLabel, useI18n } from '../../i18n/i18n.js';
import type { EntityDetails } from '../explore/entity-details.js';
import { ChipInput } from './chip-input.js';
import { Field } from './field.js';

/** Types that are organisations: they have a company profile. */
export const ORGANISATION_TYPES: readonly EntityType[] = ['Enterprise', 'Park', 'Hospital', 'University', 'Alliance', 'Government'];
export const hasProfile = (type: EntityType) => ORGANISATION_TYPES.includes(type);

export interface EntityFormValues {
  name: string;
  nameEn: string;
  aliases: string[];
  kind: string;
  description: string;
  creditCode: string;
  registeredCapital: string;
  founded: string;
  address: string;
  website: string;
  contact: string;
  headcount: string;
  qualifications: string[];
  products: string[];
}

type TextKey = Exclude<keyof EntityFormValues, 'aliases' | 'qualifications' | 'products' | 'kind' | 'headcount'>;
const LIST_KEYS = ['aliases', 'qualifications', 'products'] as const;

export const emptyValues = (): EntityFormValues => ({
  name: '',
  nameEn: '',
  aliases: [],
  kind: '',
  description: '',
  creditCode: '',
  registeredCapital: '',
  founded: '',
  address: '',
  website: '',
  contact: '',
  headcount: '',
  qualifications: [],
  products: [],
});

export const valuesOf = (e: EntityDetails): EntityFormValues => ({
  name: e.name,
  nameEn: e.nameEn ?? '',
  aliases: [...e.aliases],
  kind: e.kind ?? '',
  description: e.description ?? '',
  creditCode: e.creditCode ?? '',
  registeredCapital: e.registeredCapital ?? '',
  founded: e.founded ?? '',
  address: e.address ?? '',
  website: e.website ?? '',
  contact: e.contact ?? '',
  headcount: e.headcount == null ? '' : String(e.headcount),
  qualifications: [...e.qualifications],
  products: [...e.products],
});

const headcountOf = (s: string): number | null => (s.trim() === '' ? null : Number(s.trim()));
const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The fields that differ, as the API takes them: a text emptied is null (cleared). */
export function patchOf(before: EntityFormValues, after: EntityFormValues): EntityPatch {
  const patch: EntityPatch = {};
  const texts: TextKey[] = ['name', 'nameEn', 'description', 'creditCode', 'registeredCapital', 'founded', 'address', 'website', 'contact'];
  for (const k of texts) {
    if (before[k].trim() !== after[k].trim()) patch[k] = after[k].trim() || (k === 'name' ? '' : null);
  }
  for (const k of LIST_KEYS) if (!sameList(before[k], after[k])) patch[k] = after[k];
  if (before.kind !== after.kind) patch.kind = (after.kind || null) as EntityKind | null;
  if (before.headcount.trim() !== after.headcount.trim()) patch.headcount = headcountOf(after.headcount);
  return patch;
}

/** The values an edit changed (to carry them over onto a newer version after a conflict). */
export function changedValues(before: EntityFormValues, after: EntityFormValues): Partial<EntityFormValues> {
  const patch = patchOf(before, after);
  return Object.fromEntries(Object.keys(patch).map((k) => [k, after[k as keyof EntityFormValues]])) as Partial<EntityFormValues>;
}

/** A new entity's input: the filled fields (profile fields only for organisations). */
export function inputOf(type: EntityType, v: EntityFormValues): EntityInput {
  const input: EntityInput = { type, name: v.name.trim() };
  if (v.nameEn.trim()) input.nameEn = v.nameEn.trim();
  if (v.aliases.length) input.aliases = v.aliases;
  if (v.kind) input.kind = v.kind as EntityKind;
  if (v.description.trim()) input.description = v.description.trim();
  if (!hasProfile(type)) return input;
  for (const k of ['creditCode', 'registeredCapital', 'founded', 'address', 'website', 'contact'] as const) {
    if (v[k].trim()) input[k] = v[k].trim();
  }
  if (v.headcount.trim()) input.headcount = headcountOf(v.headcount);
  if (v.qualifications.length) input.qualifications = v.qualifications;
  if (v.products.length) input.products = v.products;
  return input;
}

export interface FieldsProps {
  type: EntityType;
  values: EntityFormValues;
  onChange: (next: EntityFormValues) => void;
  error: GraphQLRequestError | null;
  /** Shown right under the name (duplicate warnings). */
  afterName?: ReactNode;
}

/** The fields every entity has: name, English name, aliases, kind (of its type), description. */
export function BasicFields({ type, values, onChange, error, afterName }: FieldsProps) {
  const { t, lang } = useI18n();
  const set = (patch: Partial<EntityFormValues>) => onChange({ ...values, ...patch });
  const kinds = entityKindsOf(type) as EntityKind[];
  return (
    <>
      <Field label={t('edit.field.name')} required field="name" error={error} wide>
        <input value={values.name} onChange={(e) => set({ name: e.target.value })} data-testid="field-name" autoComplete="off" />
      </Field>
      {afterName && <div className="span-2">{afterName}</div>}
      <Field label={t('edit.field.nameEn')} field="nameEn" error={error}>
        <input value={values.nameEn} onChange={(e) => set({ nameEn: e.target.value })} lang="en" />
      </Field>
      {kinds.length > 0 && (
        <Field label={t('edit.field.kind')} field="kind" error={error}>
          <select value={values.kind} onChange={(e) => set({ kind: e.target.value })} data-testid="field-kind">
            <option value="">{t('edit.unspecified')}</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {entityKindLabel(k, lang)}
              </option>
            ))}
          </select>
        </Field>
      )}
      <Field label={t('edit.field.aliases')} field="aliases" error={error} wide group hint={t('edit.chipHint')}>
        <ChipInput
          values={values.aliases}
          onChange={(aliases) => set({ aliases })}
          label={t('edit.field.aliases')}
          placeholder={t('edit.aliasesPlaceholder')}
          testId="field-aliases"
        />
      </Field>
      <Field label={t('edit.field.description')} field="description" error={error} wide>
        <textarea rows={3} value={values.description} onChange={(e) => set({ description: e.target.value })} />
      </Field>
    </>
  );
}

const profileLabel = (f: ProfileField, lang: 'zh' | 'en') => PROFILE_FIELD_LABELS[f][lang];

/** The company profile (unified social credit code, capital, founding date …). */
export function ProfileFields({ values, onChange, error }: Omit<FieldsProps, 'type' | 'afterName'>) {
  const { t, lang } = useI18n();
  const set = (patch: Partial<EntityFormValues>) => onChange({ ...values, ...patch });
  const code = values.creditCode.trim();
  const codeHint = code && !isValidCreditCode(code) ? t('edit.creditCodeInvalid') : undefined;
  return (
    <>
      <Field label={profileLabel('creditCode', lang)} field="creditCode" error={error} hint={codeHint}>
        <input
          value={values.creditCode}
          onChange={(e) => set({ creditCode: e.target.value })}
          maxLength={18}
          autoComplete="off"
          spellCheck={false}
          className="mono"
        />
      </Field>
      <Field label={profileLabel('registeredCapital', lang)} field="registeredCapital" error={error}>
        <input
          value={values.registeredCapital}
          placeholder={t('edit.capitalPlaceholder')}
          onChange={(e) => set({ registeredCapital: e.target.value })}
        />
      </Field>
      <Field label={profileLabel('founded', lang)} field="founded" error={error} hint={t('edit.partialDateHint')}>
        <input value={values.founded} placeholder={t('edit.datePlaceholder')} onChange={(e) => set({ founded: e.target.value })} />
      </Field>
      <Field label={profileLabel('headcount', lang)} field="headcount" error={error}>
        <input
          type="number"
          min={0}
          step={1}
          inputMode="numeric"
          value={values.headcount}
          onChange={(e) => set({ headcount: e.target.value })}
        />
      </Field>
      <Field label={profileLabel('address', lang)} field="address" error={error} wide>
        <input value={values.address} onChange={(e) => set({ address: e.target.value })} />
      </Field>
      <Field label={profileLabel('website', lang)} field="website" error={error}>
        <input
          type="url"
          inputMode="url"
          value={values.website}
          placeholder={t('edit.websitePlaceholder')}
          onChange={(e) => set({ website: e.target.value })}
        />
      </Field>
      <Field label={profileLabel('contact', lang)} field="contact" error={error}>
        <input value={values.contact} onChange={(e) => set({ contact: e.target.value })} />
      </Field>
      <Field label={profileLabel('qualifications', lang)} field="qualifications" error={error} wide group>
        <ChipInput
          values={values.qualifications}
          onChange={(qualifications) => set({ qualifications })}
          label={profileLabel('qualifications', lang)}
          suggestions={COMMON_QUALIFICATIONS}
          placeholder={t('edit.qualificationsPlaceholder')}
        />
      </Field>
      <Field label={profileLabel('products', lang)} field="products" error={error} wide group>
        <ChipInput values={values.products} onChange={(products) => set({ products })} label={profileLabel('products', lang)} />
      </Field>
    </>
  );
}

/** The API names of the fields above (a refusal naming one is shown next to it). */
export const ENTITY_FORM_FIELDS = [
  'name',
  'nameEn',
  'aliases',
  'kind',
  'description',
  'creditCode',
  'registeredCapital',
  'founded',
  'headcount',
  'address',
  'website',
  'contact',
  'qualifications',
  'products',
] as const;
