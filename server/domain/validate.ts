/** Domain-level input checks shared by the resolvers and the /export route; each failure is BAD_USER_INPUT naming the argument. */
import { badInput } from './errors.js';

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

export function checkIds(ids: readonly string[], name = 'ids', max = 100): string[] {
  if (ids.length === 0) throw badInput(`${name} must name at least one entity`, { argument: name });
  if (ids.length > max) throw badInput(`${name} may name at most ${max} entities`, { argument: name });
  return [...ids];
}
