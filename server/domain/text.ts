/** Chinese text helpers for search: simplified/traditional forms and pinyin (opencc-js, pinyin-pro). */
import { Locale, Trie } from 'opencc-js';
import { pinyin } from 'pinyin-pro';

type DictLike = string | readonly (readonly [string, string])[];
type DictGroup = readonly DictLike[];
/** One of opencc-js's preset conversions (Locale.configs; normalizationChain is not in its types). */
interface Preset {
  normalizationChain?: readonly DictGroup[];
  segmentation?: DictLike | DictGroup;
  conversionChain: readonly DictGroup[];
}

/** Each distinct dictionary group's trie, built once and shared by the converters that use it. */
const tries = new Map<string, Trie>();
const dictIds = new Map<DictLike, number>();
function trieOf(dicts: DictGroup): Trie {
  const key = dicts.map((d) => dictIds.get(d) ?? (dictIds.set(d, dictIds.size), dictIds.size - 1)).join(',');
  let trie = tries.get(key);
  if (!trie) {
    trie = new Trie();
    trie.loadDictGroup(dicts);
    tries.set(key, trie);
  }
  return trie;
}

/**
 * A converter exactly as opencc-js's `Converter` builds it for this preset (normalise, segment, then
 * each group of the chain over the segments), but with the tries shared: `Converter` builds its own
 * trie of every dictionary group, and the four conversions here hold the phrase dictionaries twice
 * each (segmentation and conversion) and the normalisation table four times — ~80 MB of heap, about
 * half of it copies (measured on a heap snapshot; test/unit/text.test.ts checks the output against Converter's).
 */
function presetConverter(name: string): (s: string) => string {
  const preset = (Locale.configs as Record<string, Preset>)[name];
  if (!preset) throw new Error(`opencc-js has no preset ${name}`);
  const normalise = (preset.normalizationChain ?? []).map(trieOf);
  // As opencc-js reads it: a list of dictionaries is a group, anything else one dictionary.
  const seg = preset.segmentation;
  const segmenter = !seg
    ? null
    : trieOf(Array.isArray(seg) && seg.every((d) => typeof d === 'string') ? (seg as DictGroup) : [seg as DictLike]);
  const chain = preset.conversionChain.map(trieOf);
  return (s) => {
    const text = normalise.reduce((t, trie) => trie.convert(t), s);
    const parts = segmenter ? segmenter.segment(text) : [text];
    return chain.reduce((ps, trie) => ps.map((p) => trie.convert(p)), parts).join('');
  };
}

/** Taiwan, Hong Kong → simplified; simplified → Taiwan, Hong Kong (opencc-js's tw→cn, hk→cn, cn→tw, cn→hk). */
const t2s = presetConverter('tw2s');
const hk2s = presetConverter('hk2s');
const s2tw = presetConverter('s2tw');
const s2hk = presetConverter('s2hk');

/** Traditional (Taiwan forms, as seed/normalise.ts, then Hong Kong variants) → simplified. */
export function toSimplified(s: string): string {
  return hk2s(t2s(s));
}

/** Per BMP code unit: 0 not yet known, 1 stays the same when simplified on its own, 2 changes. */
const simplifiesBmp = new Uint8Array(0x10000);

/**
 * Whether OpenCC could change `s`: some character changes when simplified on its own. Text that is
 * already simplified — nearly every stored name — then skips the converter (~20 µs a name).
 */
function mayChangeWhenSimplified(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x2e80) continue;
    if (c >= 0xd800 && c <= 0xdfff) return true;
    if (simplifiesBmp[c] === 0) simplifiesBmp[c] = toSimplified(s[i]) !== s[i] ? 2 : 1;
    if (simplifiesBmp[c] === 2) return true;
  }
  return false;
}

/** The traditional forms a reader may type for a simplified name. */
export function traditionalForms(s: string): string[] {
  return [...new Set([s2tw(s), s2hk(s)])].filter((t) => t !== s);
}

/** A Han character (CJK Extension A and the Unified Ideographs block). */
export const HAN = /[\u3400-\u9fff]/;

/** Full pinyin without tones or spaces, and initials; empty for text without Chinese. */
export function pinyinKeys(s: string): { full: string; initials: string } | null {
  if (!HAN.test(s)) return null;
  const full = pinyin(s, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true }).join('');
  const initials = pinyin(s, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('');
  return { full: full.toLowerCase().replace(/\s+/g, ''), initials: initials.toLowerCase().replace(/\s+/g, '') };
}

/** Each Han character's reading on its own ('' for a character pinyin-pro does not read). */
const readings = new Map<string, string>();

function readingOf(ch: string): string {
  let r = readings.get(ch);
  if (r === undefined) {
    const [p] = pinyin(ch, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
    r = p && p !== ch ? p.toLowerCase() : '';
    readings.set(ch, r);
  }
  return r;
}

/**
 * `pinyinKeys` read character by character, without pinyin-pro's word segmentation (~100× faster):
 * the same answer except where a word reads a character differently (银行 yinhang, not yinxing).
 * Callers that need pinyin-pro's answer check this guess against keys it computed before.
 */
export function pinyinKeysByCharacter(text: string): { full: string; initials: string } | null {
  if (!HAN.test(text)) return null;
  const s = text.replace(/\s+/g, '').toLowerCase();
  // Joined from arrays: a string built by += is a rope that compares ~5× slower when sorted.
  const full: string[] = [];
  const initials: string[] = [];
  for (const ch of s) {
    const r = ch >= '\u3400' && ch <= '\u9fff' ? readingOf(ch) : '';
    full.push(r || ch);
    initials.push(r ? r[0] : ch);
  }
  return { full: full.join(''), initials: initials.join('') };
}

/** What a search compares: simplified, lower-case, no whitespace, half-width brackets. */
export function searchForm(s: string): string {
  return (mayChangeWhenSimplified(s) ? toSimplified(s) : s)
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

/** `derived`, or `original` when they are equal: one string held, not two equal ones (indexes of 100k names). */
export const sameString = (derived: string, original: string): string => (derived === original ? original : derived);
