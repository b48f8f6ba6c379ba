/** Domain-level input checks shared by the resolvers and the /export route; each failure is BAD_USER_INPUT naming the argument. */
import { badInput } from './errors.js';
import { LANGS, type Lang } from './model.js';

export function checkLimit(value: number, name = 'limit', max = 1000): number {
  if (!Number.isInteger(value) || value <= 0 || value > max) {
    throw badInput(`${name} must be between 1 and ${max}, got ${value}`, { argument: name });
  }
  return value;
}

export function checkRange(value: number, name: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badInput(`${name} must be between ${min} and ${max}, got ${value}`, { argument: name });
  }
  return value;
}

export function checkText(value: string, name: string): string {
  if (value.trim() === '') throw badInput(`${name} must not be empty`, { argument: name });
  if (value.length > 200) throw badInput(`${name} must be at most 200 characters`, { argument: name });
  return value;
}

/** Longer than any id the seed or the bench makes; a longer one names nothing, and is not echoed back. */
export const MAX_ID_LENGTH = 200;

/** An entity id: a non-empty string of at most MAX_ID_LENGTH characters. */
export function checkId(id: unknown, name = 'id'): string {
  if (typeof id !== 'string' || id.trim() === '') throw badInput(`${name} must be a non-empty id`, { argument: name });
  if (id.length > MAX_ID_LENGTH) throw badInput(`${name} must be at most ${MAX_ID_LENGTH} characters`, { argument: name });
  return id;
}

export function checkIds(ids: readonly unknown[], name = 'ids', max = 100): string[] {
  if (!Array.isArray(ids) || ids.length === 0) throw badInput(`${name} must name at least one entity`, { argument: name });
  if (ids.length > max) throw badInput(`${name} may name at most ${max} entities`, { argument: name });
  return ids.map((id) => checkId(id, name));
}

/** A whole number written in text (a query string's `depth`); its range is checked where it is used. */
export function parseInteger(raw: string, name: string): number {
  if (!/^\d{1,9}$/.test(raw.trim())) throw badInput(`${name} must be a whole number, got "${raw}"`, { argument: name });
  return Number(raw);
}

/** A language of the UI and of export labels (zh, en), in any case. */
export function checkLang(raw: string, name = 'lang'): Lang {
  const lang = raw.trim().toLowerCase();
  if (!(LANGS as readonly string[]).includes(lang))
    throw badInput(`${name} must be one of ${LANGS.join(', ')}, got "${raw}"`, { argument: name });
  return lang as Lang;
}
