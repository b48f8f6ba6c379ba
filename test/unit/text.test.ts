/**
 * text.ts builds opencc-js's conversions from shared tries (one per dictionary group) instead of
 * calling its `Converter`, which builds its own copy of every group: the answers must be the same.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { toSimplified, traditionalForms } from '../../server/domain/text.js';

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

describe('Chinese conversions from shared tries', () => {
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
