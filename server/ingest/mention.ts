/**
 * A mention: one place in the cleaned text where the extractor found a name, with the name it
 * proposes (a qualified form for 区委 / 镇人大 …), its type and how it was found. Mentions are
 * grouped into entity proposals at the end (extract.ts).
 */
import type { EntityKind, EntityType } from '../domain/model.js';
import type { GazetteerEntry } from './gazetteer.js';
import type { EntitySource } from './types.js';

export interface Mention {
  start: number;
  end: number;
  /** The name proposed: the text, or the text qualified by its context (区委 → 闵行区委). */
  name: string;
  type: EntityType;
  kind?: EntityKind;
  found: EntitySource;
  /** Entities of the graph with exactly this name or alias (gazetteer hits). */
  entries?: readonly GazetteerEntry[];
  /** Other forms of the name in the text (the party-branch form, the part after ·). */
  aliases?: string[];
}

export const HAN_CHAR = /\p{Script=Han}/u;

export function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

export function contains(outer: { start: number; end: number }, inner: { start: number; end: number }): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** Mentions in text order, longer first at the same start. */
export function byPosition(a: Mention, b: Mention): number {
  return a.start - b.start || b.end - a.end;
}
