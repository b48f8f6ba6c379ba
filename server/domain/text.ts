/** Chinese text helpers for search: simplified/traditional forms and pinyin (opencc-js, pinyin-pro). */
import { Locale } from 'opencc-js';
import { pinyin } from 'pinyin-pro';

type DictLike = string | readonly (readonly [string, string])[];
type DictGroup = readonly DictLike[];
/** One of opencc-js's preset conversions (Locale.configs; normalizationChain is not in its types). */
interface Preset {
  normalizationChain?: readonly DictGroup[];
  segmentation?: DictLike | DictGroup;
  conversionChain: readonly DictGroup[];
}

/**
 * One dictionary group as opencc-js's `Trie` answers it (the longest key at each position, the first
 * dictionary of the group winning a key several define), held as one Map from key to replacement:
 * opencc-js keeps a Map per trie node, ~200k Maps for the four conversions (a heap snapshot of the
 * 100k server: ~80 MB, the largest single item on its heap); this holds the same keys in ~10 MB.
 * A lookup tries the key lengths from the longest any key starting with that character has.
 */
export class PhraseTable {
  private readonly values = new Map<string, string>();
  /** The longest key starting with each BMP code unit (0: none), and with any other. */
  private readonly longest = new Int32Array(0x10000);
  private longestAstral = 0;

  constructor(dicts: DictGroup) {
    // As opencc-js loads a group: in reverse, so the first dictionary's replacement is the one kept.
    for (const d of [...dicts].reverse()) {
      const pairs: readonly (readonly unknown[])[] = typeof d === 'string' ? d.split('|').map((line) => line.split(' ')) : d;
      for (const pair of pairs) {
        const [key, value] = Array.isArray(pair) ? pair : [];
        if (typeof key !== 'string' || typeof value !== 'string') throw new TypeError(`not a dictionary entry: ${String(key)}`);
        if (!key) continue; // opencc-js's trie never matches an empty key
        this.values.set(key, value);
        const c = key.charCodeAt(0);
        const len = key.length;
        if (c >= 0xd800 && c <= 0xdbff) this.longestAstral = Math.max(this.longestAstral, len);
        else if (this.longest[c] < len) this.longest[c] = len;
      }
    }
  }

  /** The end of the longest key at `i` and its replacement, or null. */
  private match(s: string, i: number): { end: number; value: string } | null {
    const c = s.charCodeAt(i);
    const max = Math.min(c >= 0xd800 && c <= 0xdbff ? this.longestAstral : this.longest[c], s.length - i);
    for (let len = max; len > 0; len--) {
      // opencc-js walks code points: a match never ends between the two halves of a pair.
      const last = s.charCodeAt(i + len - 1);
      if (last >= 0xd800 && last <= 0xdbff && i + len < s.length && (s.charCodeAt(i + len) & 0xfc00) === 0xdc00) continue;
      const value = this.values.get(s.slice(i, i + len));
      if (value !== undefined) return { end: i + len, value };
    }
    return null;
  }

  /** opencc-js's `Trie.convert`: each longest match replaced, the rest kept. */
  convert(s: string): string {
    return this.split(s, true).join('');
  }

  /** opencc-js's `Trie.segment`: each longest match its own segment, the text between them one each. */
  segment(s: string): string[] {
    return this.split(s, false);
  }

  private split(s: string, replace: boolean): string[] {
    const out: string[] = [];
    let from = -1;
    for (let i = 0; i < s.length;) {
      const m = this.match(s, i);
      if (m) {
        if (from >= 0) out.push(s.slice(from, i));
        from = -1;
        out.push(replace ? m.value : s.slice(i, m.end));
        i = m.end;
      } else {
        if (from < 0) from = i;
        i += unmatchedLength(s, i);
      }
    }
    if (from >= 0) out.push(s.slice(from));
    return out;
  }
}

/** As opencc-js steps over text no key matches: a code point, or a whole ideographic description sequence. */
function unmatchedLength(s: string, i: number): number {
  const end = descriptionSequenceEnd(s, i);
  return end > i ? end - i : codePointLength(s, i);
}

function codePointLength(s: string, i: number): number {
  return (s.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
}

function descriptionArity(cp: number): number {
  if (cp >= 0x2ff0 && cp <= 0x2ff1) return 2;
  if (cp >= 0x2ff2 && cp <= 0x2ff3) return 3;
  if (cp >= 0x2ff4 && cp <= 0x2fff) return 2;
  return 0;
}

function descriptionSequenceEnd(s: string, i: number): number {
  const arity = descriptionArity(s.codePointAt(i) ?? 0);
  if (arity === 0) return 0;
  let end = i + codePointLength(s, i);
  for (let n = 0; n < arity; n++) {
    if (end >= s.length) return 0;
    const child = descriptionSequenceEnd(s, end);
    end = child || end + codePointLength(s, end);
  }
  return end;
}

/** Each distinct dictionary group's table, built once and shared by the converters that use it. */
const tables = new Map<string, PhraseTable>();
const dictIds = new Map<DictLike, number>();
function tableOf(dicts: DictGroup): PhraseTable {
  const key = dicts.map((d) => dictIds.get(d) ?? (dictIds.set(d, dictIds.size), dictIds.size - 1)).join(',');
  let table = tables.get(key);
  if (!table) {
    table = new PhraseTable(dicts);
    tables.set(key, table);
  }
  return table;
}

/**
 * A converter exactly as opencc-js's `Converter` builds it for this preset (normalise, segment, then
 * each group of the chain over the segments), but with the tables shared and compact: `Converter`
 * builds its own trie of every dictionary group, so the four conversions held the phrase dictionaries
 * twice each (segmentation and conversion) and the normalisation table four times, ~80 MB of heap;
 * shared tries were still ~80 MB at 100k (Maps per node), and PhraseTable holds them in a few MB.
 * test/unit/text.test.ts checks the output against Converter's.
 */
function presetConverter(name: string): (s: string) => string {
  const preset = (Locale.configs as Record<string, Preset>)[name];
  if (!preset) throw new Error(`opencc-js has no preset ${name}`);
  const normalise = (preset.normalizationChain ?? []).map(tableOf);
  // As opencc-js reads it: a list of dictionaries is a group, anything else one dictionary.
  const seg = preset.segmentation;
  const segmenter = !seg
    ? null
    : tableOf(Array.isArray(seg) && seg.every((d) => typeof d === 'string') ? (seg as DictGroup) : [seg as DictLike]);
  const chain = preset.conversionChain.map(tableOf);
  return (s) => {
    const text = normalise.reduce((t, table) => table.convert(t), s);
    const parts = segmenter ? segmenter.segment(text) : [text];
    return chain.reduce((ps, table) => ps.map((p) => table.convert(p)), parts).join('');
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

/** The shared strings `interned` hands out; bounded, so values from the store can never grow it without limit. */
const pool = new Map<string, string>();
const POOL_MAX = 4096;

/**
 * One copy of a short, often repeated value (an entity type, kind or tier read from the store): each
 * row read brings its own copy, and indexes of 100k entities kept ~90k copies of "Enterprise" alone.
 */
export function interned(s: string): string {
  const held = pool.get(s);
  if (held !== undefined) return held;
  if (pool.size < POOL_MAX && s.length <= 64) pool.set(s, s);
  return s;
}
