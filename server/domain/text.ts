/** Chinese text helpers for search: simplified/traditional forms and pinyin (opencc-js, pinyin-pro). */
import * as OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';

const t2s = OpenCC.Converter({ from: 'tw', to: 'cn' });
const hk2s = OpenCC.Converter({ from: 'hk', to: 'cn' });
const s2tw = OpenCC.Converter({ from: 'cn', to: 'tw' });
const s2hk = OpenCC.Converter({ from: 'cn', to: 'hk' });

/** Traditional (Taiwan forms, as seed/normalise.ts, then Hong Kong variants) → simplified. */
export function toSimplified(s: string): string {
  return hk2s(t2s(s));
}

/** The traditional forms a reader may type for a simplified name. */
export function traditionalForms(s: string): string[] {
  return [...new Set([s2tw(s), s2hk(s)])].filter((t) => t !== s);
}

const HAN = /[\u3400-\u9fff]/;

/** Full pinyin without tones or spaces, and initials; empty for text without Chinese. */
export function pinyinKeys(s: string): { full: string; initials: string } | null {
  if (!HAN.test(s)) return null;
  const full = pinyin(s, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true }).join('');
  const initials = pinyin(s, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('');
  return { full: full.toLowerCase().replace(/\s+/g, ''), initials: initials.toLowerCase().replace(/\s+/g, '') };
}

/** What a search compares: simplified, lower-case, no whitespace, half-width brackets. */
export function searchForm(s: string): string {
  return toSimplified(s)
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/[\s\u3000]+/g, '')
    .toLowerCase();
}

/** The stored search key of an entity: every form it can be found under, separated by '|'. */
export function buildSearchKey(name: string, aliases: string[], nameEn?: string | null): string {
  const forms = new Set<string>();
  const names = [name, ...aliases];
  for (const n of names) {
    forms.add(searchForm(n));
    for (const t of traditionalForms(n)) forms.add(t.replace(/\s+/g, '').toLowerCase());
  }
  if (nameEn) forms.add(nameEn.toLowerCase().replace(/\s+/g, ''));
  for (const n of names) {
    const p = pinyinKeys(n);
    if (p) {
      forms.add(p.full);
      forms.add(p.initials);
    }
  }
  return `|${[...forms].filter(Boolean).join('|')}|`;
}
