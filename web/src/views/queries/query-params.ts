/** Saved-query parameters: typed values from the strings of a form (and the URL), and back. */
import type { ParamType, QueryParam } from '../../api/types.js';

export type ParamInput = 'number' | 'checkbox' | 'date' | 'text' | 'entity';

export function inputKind(type: ParamType): ParamInput {
  if (type === 'int' || type === 'float') return 'number';
  if (type === 'boolean') return 'checkbox';
  if (type === 'date') return 'date';
  if (type === 'id') return 'entity';
  return 'text';
}

/** The form value of a parameter: the one typed so far, else its default, as a string. */
export function formValue(p: QueryParam, typed: Record<string, string>): string {
  if (p.name in typed) return typed[p.name];
  if (p.default === null || p.default === undefined) return '';
  return typeof p.default === 'string' ? p.default : JSON.stringify(p.default);
}

export class ParamError extends Error {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
  }
}

/** Converts form strings to the JSON the server expects; empty values are left out (the default applies). */
export function toParamValues(params: QueryParam[], typed: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of params) {
    const raw = formValue(p, typed).trim();
    if (raw === '') continue;
    const t = p.type;
    if (t === 'int') {
      if (!/^-?\d+$/.test(raw)) throw new ParamError(p.name, `${p.name}: "${raw}" is not a whole number`);
      out[p.name] = Number(raw);
    } else if (t === 'float') {
      const n = Number(raw);
      if (!Number.isFinite(n)) throw new ParamError(p.name, `${p.name}: "${raw}" is not a number`);
      out[p.name] = n;
    } else if (t === 'boolean') {
      out[p.name] = raw === 'true';
    } else if (t === 'string[]' || t === 'id[]') {
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
