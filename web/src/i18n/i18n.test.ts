import { describe, expect, it } from 'vitest';
import { ENTITY_LABELS, ENTITY_TYPES, RELATION_LABELS, RELATION_TYPES } from '../../../server/domain/model.js';
import { en } from './en.js';
import { translator } from './i18n.js';
import { zh } from './zh.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n', () => {
  it('has an English text for every Chinese key, and no extra keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) expect(en[key].trim(), key).not.toBe('');
  });

  it('uses the same placeholders in both languages', () => {
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) expect(placeholders(en[key]), key).toEqual(placeholders(zh[key]));
  });

  it('fills placeholders', () => {
    expect(translator('zh')('explore.nodes', { nodes: 3, edges: 2 })).toBe('3 个节点 · 2 条关系');
    expect(translator('en')('explore.nodes', { nodes: 3, edges: 2 })).toBe('3 nodes · 2 relations');
  });

  it('names every entity and relation type in both languages', () => {
    for (const t of ENTITY_TYPES) expect(ENTITY_LABELS[t].zh && ENTITY_LABELS[t].en).toBeTruthy();
    for (const t of RELATION_TYPES) expect(RELATION_LABELS[t].zh && RELATION_LABELS[t].en).toBeTruthy();
  });
});
