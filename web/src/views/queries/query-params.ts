/** Saved-query parameters: typed values from the strings of a form (and the URL), and back. */
import type { QueryParamType } from '../../gql/graphql.js';

/** What the form needs of a saved query's parameter. */
export interface QueryParam {
  name: string;
  type: QueryParamType;
  default?: unknown;
}

export type ParamInput = 'number' | 'checkbox' | 'date' | 'text' | 'entity';

export function inputKind(type: QueryParamType): ParamInput {
  if (type === 'INT' || type === 'FLOAT') return 'number';
  if (type === 'BOOLEAN') return 'checkbox';
  if (type === 'DATE') return 'date';
  if (type === 'ID') return 'entity';
  return 'text';
}

/** The form value of a parameter: the one typed so far, else its default, as a string. */
export function formValue(p: QueryParam, typed: Record<string, string>): string {
  if (p.name in typed) return typed[p.name];
  if (p.default === null || p.default === undefined) return '';
  return typeof p.default === 'string' ? p.default : JSON.stringify(p.default);
}

/** A form value the parameter's type cannot take; the view words it from `reason`. */
export class ParamError extends Error {
  constructor(
    readonly param: string,
    readonly reason: 'notInt' | 'notNumber',
    readonly value: string,
  ) {
    super(`${param}: "${value}" is not ${reason === 'notInt' ? 'a whole number' : 'a number'}`);
  }
}

/** Converts form strings to the JSON the server expects; empty values are left out (the default applies). */
export function toParamValues(params: readonly QueryParam[], typed: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of params) {
    const raw = formValue(p, typed).trim();
    if (raw === '') continue;
    const t = p.type;
    if (t === 'INT') {
      if (!/^-?\d+$/.test(raw)) throw new ParamError(p.name, 'notInt', raw);
      out[p.name] = Number(raw);
    } else if (t === 'FLOAT') {
      const n = Number(raw);
      if (!Number.isFinite(n)) throw new ParamError(p.name, 'notNumber', raw);
      out[p.name] = n;
    } else if (t === 'BOOLEAN') {
      out[p.name] = raw === 'true';
    } else if (t === 'STRING_LIST' || t === 'ID_LIST') {
      out[p.name] = raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    } else {
      out[p.name] = raw;
    }
  }
  return out;
}
