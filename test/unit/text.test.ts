/**
 * text.ts builds opencc-js's conversions from shared phrase tables (one per dictionary group, a Map
 * of keys instead of opencc-js's Map per trie node) instead of calling its `Converter`, which builds
 * its own trie of every group: the answers must be the same.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { PhraseTable, toSimplified, traditionalForms } from '../../server/domain/text.js';

const root = path.resolve(import.meta.dirname, '..', '..');

/** The seed's source articles, line by line, and each line in the traditional forms readers type. */
function samples(): string[] {
  const dir = path.join(root, 'seed', 'sources');
  const lines = fs
    .readdirSync(dir)
    .flatMap((f) => fs.readFileSync(path.join(dir, f), 'utf8').split('\n'))
    .map((l) => l.trim())
    .filter(Boolean);
  const tw = OpenCC.Converter({ from: 'cn', to: 'tw' });
  const hk = OpenCC.Converter({ from: 'cn', to: 'hk' });
  return [...lines, ...lines.map(tw), ...lines.map(hk), '乾隆皇帝', '頭髮', '後來', '著名的', '裡面', '台積電', '麵包', '瞭解'];
}

describe('Chinese conversions from shared phrase tables', () => {
  const texts = samples();
  it('simplify exactly as opencc-js (Taiwan, then Hong Kong forms → mainland)', () => {
    const t2s = OpenCC.Converter({ from: 'tw', to: 'cn' });
    const hk2s = OpenCC.Converter({ from: 'hk', to: 'cn' });
    expect(texts.length).toBeGreaterThan(200);
    const differing = texts.filter((t) => toSimplified(t) !== hk2s(t2s(t)));
    expect(differing).toEqual([]);
    expect(toSimplified('上海醫藥集團股份有限公司')).toBe('上海医药集团股份有限公司');
  });

  it('give the same traditional forms as opencc-js (mainland → Taiwan, Hong Kong)', () => {
    const s2tw = OpenCC.Converter({ from: 'cn', to: 'tw' });
    const s2hk = OpenCC.Converter({ from: 'cn', to: 'hk' });
    const simplified = texts.slice(0, 400).map((t) => hk2sRef(t));
    const differing = simplified.filter(
      (s) => JSON.stringify(traditionalForms(s)) !== JSON.stringify([...new Set([s2tw(s), s2hk(s)])].filter((t) => t !== s)),
    );
    expect(differing).toEqual([]);
    expect(traditionalForms('上海医药集团')).toContain('上海醫藥集團');
  });
});

const hk2sRef = OpenCC.Converter({ from: 'hk', to: 'cn' });

/** Every key of every dictionary the four conversions use (the longest-match cases are all in here). */
function dictionaryKeys(): string[] {
  const keys = new Set<string>();
  const walk = (d: unknown): void => {
    if (typeof d === 'string') for (const line of d.split('|')) keys.add(line.split(' ')[0]);
    else if (Array.isArray(d)) d.forEach(walk);
  };
  const configs = (OpenCC.Locale as unknown as { configs: Record<string, unknown> }).configs;
  for (const name of ['tw2s', 'hk2s', 's2tw', 's2hk']) walk(Object.values(configs[name] as object));
  return [...keys].filter(Boolean);
}

describe('Chinese conversions over every dictionary key', () => {
  const keys = dictionaryKeys();
  // Each key alone, and keys run together (a longer key may start inside the one before it).
  const texts = [...keys, ...Array.from({ length: Math.ceil(keys.length / 7) }, (_, i) => keys.slice(i * 7, i * 7 + 7).join(''))];
  const t2s = OpenCC.Converter({ from: 'tw', to: 'cn' });
  const s2tw = OpenCC.Converter({ from: 'cn', to: 'tw' });
  const s2hk = OpenCC.Converter({ from: 'cn', to: 'hk' });

  it('simplify each as opencc-js does', () => {
    expect(keys.length).toBeGreaterThan(50_000);
    expect(texts.filter((t) => toSimplified(t) !== hk2sRef(t2s(t))).slice(0, 5)).toEqual([]);
  });

  it('give each the traditional forms opencc-js gives', () => {
    const differing = texts.filter(
      (s) => JSON.stringify(traditionalForms(s)) !== JSON.stringify([...new Set([s2tw(s), s2hk(s)])].filter((t) => t !== s)),
    );
    expect(differing.slice(0, 5)).toEqual([]);
  });

  it('step over ideographic description sequences and astral characters as opencc-js does', () => {
    for (const t of ['⿰木每樹', '⿱⿰木木木體', '𠮷野家醫院', '⿰', '藥⿲']) {
      expect(toSimplified(t)).toBe(hk2sRef(t2s(t)));
      expect(traditionalForms(t)).toEqual([...new Set([s2tw(t), s2hk(t)])].filter((x) => x !== t));
    }
  });
});

describe("PhraseTable against opencc-js's Trie on made-up dictionaries", () => {
  const long = '长'.repeat(300);
  const dicts: [string, string][][] = [
    [
      ['\uD840', 'HALF'], // a lone high surrogate: never half of a pair in the text
      ['𠀀', 'PAIR'],
      ['甲乙', 'AB1'],
      [long, 'LONG'],
    ],
    [
      ['甲乙', 'AB2'], // the first dictionary's wins
      ['甲乙丙', 'ABC'],
      ['乙', 'B'],
    ],
  ];
  const texts = ['\uD840\uDC00甲乙丙', '甲乙丁', `x${long}长`, '\uD840x', '乙甲', '⿰甲乙甲乙', ''];

  it('converts and segments as the trie does', () => {
    const trie = new OpenCC.Trie();
    trie.loadDictGroup(dicts);
    const table = new PhraseTable(dicts);
    for (const t of texts) {
      expect(table.convert(t), t).toBe(trie.convert(t));
      expect(table.segment(t), t).toEqual((trie as unknown as { segment(s: string): string[] }).segment(t));
    }
    expect(table.convert(`${long}甲乙丙`)).toBe('LONGABC');
  });

  it('refuses an entry that is not a pair', () => {
    expect(() => new PhraseTable([['ab' as unknown as [string, string]]])).toThrow(TypeError);
  });
});
