import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { translator } from './i18n.js';
import { zh } from './zh.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n', () => {
  it('has a non-empty English text for every Chinese key', () => {
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) expect(en[key].trim(), key).not.toBe('');
  });

  it('uses the same placeholders in both languages', () => {
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) expect(placeholders(en[key]), key).toEqual(placeholders(zh[key]));
  });

  it('fills placeholders', () => {
    expect(translator('zh')('explore.nodes', { nodes: 3, edges: 2 })).toBe('3 个节点 · 2 条关系');
    expect(translator('en')('explore.nodes', { nodes: 3, edges: 2 })).toBe('3 nodes · 2 relations');
  });
});
