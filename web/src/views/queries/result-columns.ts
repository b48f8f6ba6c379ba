/**
 * A query result's columns and cells as a reader sees them: headers in the UI's language (a saved
 * query's aliases have labels; an ad-hoc query's are the analyst's own words), values as the table
 * shows them — the same text goes into the CSV / XLSX export.
 */
import { isEntityType, isRelationType } from '../../../../shared/model/index.js';
import type { EntityRef } from '../../api/fragments.js';
import {
  displayName,
  entityTypeLabel,
  MESSAGES,
  modelCodeLabel,
  relationLabel,
  type Lang,
  type MessageKey,
  type Translate,
} from '../../i18n/i18n.js';

export type ResultEdge = { type: string; source: string; target: string; role?: string | null };

export const isEntity = (v: unknown): v is EntityRef =>
  typeof v === 'object' && v !== null && 'id' in v && 'name' in v && 'type' in v && isEntityType(String((v as EntityRef).type));

export const isEdge = (v: unknown): v is ResultEdge =>
  typeof v === 'object' && v !== null && 'source' in v && 'target' in v && 'type' in v && isRelationType(String((v as ResultEdge).type));

const known = (key: string): key is MessageKey => Object.hasOwn(MESSAGES.zh, key);

/** The header of a column: a saved query's label, else (for a column of entities or relations) what they are. */
export function columnHeader(
  query: string | null,
  column: string,
  rows: readonly Record<string, unknown>[],
  t: Translate,
  lang: Lang,
): string {
  if (query === null) return column;
  for (const key of [`queryCol.${query}.${column}`, `queryCol.${column}`]) if (known(key)) return t(key);
  const values = rows.map((r) => r[column]).filter((v) => v !== null && v !== undefined);
  if (values.length && values.every(isEntity)) {
    const types = new Set(values.map((v) => v.type));
    const [only] = types;
    return types.size === 1 && isEntityType(only) ? entityTypeLabel(only, lang) : t('queryCol.entity');
  }
  if (values.length && values.every(isEdge)) {
    const types = new Set(values.map((v) => v.type));
    const [only] = types;
    return types.size === 1 && isRelationType(only) ? relationLabel(only, lang) : t('queryCol.relation');
  }
  return column;
}

export const edgeText = (e: ResultEdge, lang: Lang): string => {
  const label = isRelationType(e.type) ? relationLabel(e.type, lang) : e.type;
  return e.role ? `${label} · ${e.role}` : label;
};

/** A cell as text: names for entities, labels for codes and relations, 是/否 for booleans. */
export function cellText(value: unknown, t: Translate, lang: Lang): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return t(value ? 'queries.yes' : 'queries.no');
  if (typeof value === 'string') return modelCodeLabel(value, lang) ?? value;
  if (isEntity(value)) return displayName(value, lang);
  if (isEdge(value)) return edgeText(value, lang);
  if (Array.isArray(value)) return value.map((v) => cellText(v, t, lang) ?? '').join('、');
  return JSON.stringify(value);
}
