/**
 * Entity resolution: which existing entities a name typed in the edit form, read from an import
 * row or extracted from an article may refer to. It only proposes — every match carries a score and
 * a reason, and a person (or a caller's explicit rule) decides; nothing here merges.
 *
 * The index is pure and in memory: built from NameRecords, kept in sync by the caller with `add` /
 * `remove` after each write. Every lookup is a Map access on a normal form; short-name containment
 * goes through a character-bigram inverted index, so `resolve` never scans all records.
 *
 * Scores (all in [0, 1]; at or above CONFIDENT_MATCH a match is confident, still never merged):
 *
 * | reason      | score       | when                                                               |
 * |-------------|-------------|--------------------------------------------------------------------|
 * | CREDIT_CODE | 1.0         | same unified social credit code (case, spaces and dashes ignored)  |
 * | EXACT_NAME  | 1.0         | the input is the canonical name, character for character           |
 * | ALIAS       | 0.97        | the input is one of the aliases, character for character           |
 * | TRADITIONAL | 0.95        | equal once the input's traditional characters are simplified       |
 * | NORMALISED  | 0.92        | equal after `normaliseOrgName` (上海 prefix, suffixes, width …)    |
 * | ENGLISH     | 0.9         | the input equals the English name (case, spaces, punctuation)      |
 * | SHORT_NAME  | 0.55 – 0.85 | one normal form contains the other, or both share a long lead      |
 * | PINYIN      | 0.7         | same toneless pinyin of the normal form: a homophone (笛 / 迪)     |
 *
 * `matched` is the stored name or alias that matched (the English name for ENGLISH, the stored code
 * for CREDIT_CODE).
 *
 * SHORT_NAME is capped below CONFIDENT_MATCH because containment is also how a part names its whole
 * (美敦力 ⊂ 美敦力大中华区研发中心) and how two firms of one brand look alike. A type mismatch
 * (the caller knows the type and it differs) multiplies the score by TYPE_MISMATCH_FACTOR and caps
 * it below CONFIDENT_MATCH, instead of hiding the entity: 浦江镇 the town and 浦江镇党委 the party
 * committee are different entities that a user should still see side by side.
 */
import { pinyin } from 'pinyin-pro';
import type { EntityType } from '../model.js';
import { sameString, toSimplified } from '../text.js';
import { CONFIDENT_MATCH, type MatchReason, type NameMatch } from './types.js';

/** What the index knows of an entity: its names, nothing else. */
export interface NameRecord {
  id: string;
  type: EntityType;
  name: string;
  aliases: string[];
  nameEn?: string | null;
  creditCode?: string | null;
}

export interface ResolveInput {
  name: string;
  /** The type the caller expects; a different type lowers the score (never above confident). */
  type?: EntityType | null;
  creditCode?: string | null;
  /** The entity being edited, which must not be proposed as its own duplicate. */
  excludeId?: string;
}

/** Fixed scores; SHORT_NAME is computed by `shortNameScore`. */
export const MATCH_SCORE: Readonly<Record<Exclude<MatchReason, 'SHORT_NAME'>, number>> = {
  CREDIT_CODE: 1,
  EXACT_NAME: 1,
  ALIAS: 0.97,
  TRADITIONAL: 0.95,
  NORMALISED: 0.92,
  ENGLISH: 0.9,
  PINYIN: 0.7,
};

/** A match on an entity of another type keeps 80 % of its score (and is never confident). */
export const TYPE_MISMATCH_FACTOR = 0.8;

/** Strongest first: breaks ties between equal scores. */
const REASON_RANK: readonly MatchReason[] = [
  'CREDIT_CODE',
  'EXACT_NAME',
  'ALIAS',
  'TRADITIONAL',
  'NORMALISED',
  'ENGLISH',
  'SHORT_NAME',
  'PINYIN',
];

/**
 * SHORT_NAME score from how much of the longer normal form the shared part covers.
 * Containment (之江生物 ⊂ 之江生物医药科技, 4 of 8): 0.6 + 0.25 × coverage, in (0.6, 0.85).
 * A shared lead of ≥ 4 characters without containment (临港浦江国际科技城 / 临港浦江高科技园):
 * 0.55 + 0.25 × coverage, always below containment of the same length — it is weaker evidence.
 */
export function shortNameScore(shared: number, longer: number, contained: boolean): number {
  return (contained ? 0.6 : 0.55) + 0.25 * (shared / longer);
}

/** A shared lead shorter than this is not evidence (two firms may share a 2-character 字号). */
const MIN_SHARED_LEAD = 4;
/** Substrings of the input looked up as stored names are at most this long. */
const MAX_CONTAINED = 40;

/** Han by UTF-16 code unit: the BMP blocks, and the high surrogates of extensions B–F (one per character). */
function isHanUnit(c: number): boolean {
  return (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xd840 && c <= 0xd8bf);
}

function hanCount(s: string, end = s.length): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (isHanUnit(s.charCodeAt(i))) n++;
  return n;
}

/**
 * Per-character caches. Converting every stored name with OpenCC costs ~5 µs a string (≈1.5 s for
 * 100k records with their aliases); stored names are almost always simplified already, so only a
 * string holding a character that changes on its own goes through the full (phrase-aware) converter.
 * Pinyin is read per character for the same reason (pinyin-pro on whole strings is ~30 µs each):
 * both sides are read the same way, so a polyphone's reading in context does not matter here.
 */
const simplifiesBmp = new Uint8Array(0x10000); // 0 unknown, 1 stays, 2 changes
const simplifiesAstral = new Map<string, boolean>();
const syllableOf = new Map<string, string>();

/** The character starting at code unit i (a surrogate pair is one character). */
function charAt(s: string, i: number): string {
  const c = s.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff ? s.slice(i, i + 2) : s[i];
}

function hasTraditional(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) < 0x3400) continue;
    if (changesWhenSimplified(s, i)) return true;
    if (s.charCodeAt(i) >= 0xd800 && s.charCodeAt(i) <= 0xdbff) i++;
  }
  return false;
}

/** Whether the character at code unit i changes when simplified on its own (cached). */
function changesWhenSimplified(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) {
    if (simplifiesBmp[c] === 0) simplifiesBmp[c] = toSimplified(s[i]) !== s[i] ? 2 : 1;
    return simplifiesBmp[c] === 2;
  }
  const ch = s.slice(i, i + 2);
  let changes = simplifiesAstral.get(ch);
  if (changes === undefined) simplifiesAstral.set(ch, (changes = toSimplified(ch) !== ch));
  return changes;
}

/** NFKC (full-width letters, digits and brackets → half-width), no whitespace, lower case. */
function foldWidthAndCase(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/** Width, case and whitespace folded, traditional characters simplified. */
function simpleForm(s: string): string {
  const folded = foldWidthAndCase(s);
  return hasTraditional(folded) ? toSimplified(folded) : folded;
}

const INSERTS = /\((?:上海|中国|集团)\)/g;
const PUNCTUATION = /[()[\]{}【】〔〕〈〉《》<>“”"'‘’`·•・,，、.。:：;；!！?？\-–—_/\\|]/g;
const PARTY_SUFFIXES = ['联合党支部', '机关党委', '党总支', '党支部', '党委'];
const COMPANY_SUFFIXES = ['股份有限公司', '有限责任公司', '有限公司', '集团', '股份', '公司'];
/**
 * A party committee of a territorial body (浦江镇党委, a district's or a development zone's) is an
 * entity of its own (seed/README.md, "Party organisations"), so its suffix is kept; a park's
 * (园区) or a hospital campus's (院区) is the organisation itself and is stripped.
 */
const TERRITORIAL = /(?:[^园院]区|镇|乡|县|街道|市|村)$/;

function stripSuffix(s: string, suffixes: readonly string[], keep: (rest: string) => boolean): string | null {
  const suffix = suffixes.find((x) => s.endsWith(x));
  if (!suffix) return null;
  const rest = s.slice(0, -suffix.length);
  return rest.length >= 2 && !keep(rest) ? rest : null;
}

/**
 * The normal form of an organisation's name, shared by the edit form, import and ingest:
 * width, case and whitespace folded and traditional characters simplified; the inserts (上海),
 * (中国), (集团) removed, then all brackets and punctuation; 上海市 → 上海 (not in 上海市委, 上海市政府,
 * 上海市场: there 市 belongs to the next word); party-branch suffixes
 * (党支部, 党总支, 党委, 联合党支部, 机关党委 — not after a territorial unit) and company suffixes
 * (股份有限公司, 有限责任公司, 有限公司, 集团, 股份, 公司) stripped repeatedly, with a 上海 left
 * just before a company suffix (翌圣生物科技上海有限公司); finally a leading 上海, unless fewer
 * than three characters would remain (上海大学 and 上海医药 are names, not 大学 and 医药).
 */
export function normaliseOrgName(name: string): string {
  return normaliseSimpleForm(simpleForm(name));
}

function normaliseSimpleForm(simple: string): string {
  let s = simple
    .replace(INSERTS, '')
    .replace(PUNCTUATION, '')
    .replace(/上海市(?![场委政])/g, '上海');
  let company = false;
  for (;;) {
    const party = stripSuffix(s, PARTY_SUFFIXES, (rest) => TERRITORIAL.test(rest));
    const firm = party === null ? stripSuffix(s, COMPANY_SUFFIXES, () => false) : null;
    if (party === null && firm === null) break;
    company ||= firm !== null;
    s = party ?? firm ?? s;
  }
  if (company && s.endsWith('上海') && s.length >= 4) s = s.slice(0, -2);
  if (s.startsWith('上海') && s.length >= 5) s = s.slice(2);
  return s;
}

/** English name key: NFKC, lower case, letters and digits only; null unless Latin without Han. */
function englishKey(s: string): string | null {
  const key = s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
  return /[a-z]/.test(key) && hanCount(key) === 0 ? key : null;
}

function creditKey(s: string | null | undefined): string | null {
  const key = (s ?? '')
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s-]+/g, '');
  return key || null;
}

/** Toneless pinyin of a normal form, one default reading per character; null under 2 Han. */
function pinyinKey(norm: string): string | null {
  if (hanCount(norm) < 2) return null;
  // Joined, not concatenated: a key built with += is kept as a chain of pieces (~300 bytes, not ~50).
  const key: string[] = [];
  for (let i = 0; i < norm.length; i++) {
    const ch = charAt(norm, i);
    i += ch.length - 1;
    if (!isHanUnit(ch.charCodeAt(0))) {
      key.push(ch);
      continue;
    }
    let syllable = syllableOf.get(ch);
    if (syllable === undefined) {
      syllable = pinyin(ch, { toneType: 'none', v: true });
      syllableOf.set(ch, syllable);
    }
    key.push(syllable);
  }
  return key.join('');
}

/** Character bigrams as numbers (two UTF-16 code units): no string to allocate or hash. */
function bigrams(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i + 2 <= s.length; i++) out.push(s.charCodeAt(i) * 0x10000 + s.charCodeAt(i + 1));
  return out;
}

function commonLead(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** One name or alias of an entity, with its lookup forms. */
interface Form {
  entry: Entry;
  /** When it was added: lookups list a key's forms in this order, as they were indexed. */
  seq: number;
  text: string;
  isName: boolean;
  simple: string;
  norm: string;
  /** The entry's first form of its normal form: the one the normal-form indices hold. */
  distinct: boolean;
  /** The normal form's pinyin key, on distinct forms. */
  pinyin: string | null;
}

interface Entry {
  record: NameRecord;
  forms: Form[];
  credit: string | null;
  english: string | null;
  /** Removed or replaced since the sorted lists were built: skipped where they still hold its forms. */
  removed: boolean;
}

const NONE: readonly never[] = [];

/**
 * A Map of keys to lists. Most keys (a name, a normal form) belong to one form, so a lone value is
 * stored as itself and only a shared key gets an array: at 100k records this saves a million small
 * arrays and most of the build's garbage collection. Values are objects, never arrays.
 */
class MultiMap<V extends object> {
  private readonly map = new Map<string, V | V[]>();

  add(key: string, value: V): void {
    const held = this.map.get(key);
    if (held === undefined) this.map.set(key, value);
    else if (Array.isArray(held)) held.push(value);
    else this.map.set(key, [held, value]);
  }

  remove(key: string, value: V): void {
    const held = this.map.get(key);
    if (held === value) this.map.delete(key);
    else if (Array.isArray(held)) {
      const rest = held.filter((v) => v !== value);
      if (rest.length === 1) this.map.set(key, rest[0]);
      else this.map.set(key, rest);
    }
  }

  get(key: string): readonly V[] {
    const held = this.map.get(key);
    return held === undefined ? NONE : Array.isArray(held) ? held : [held];
  }

  /** Each list copied to its length (see NameIndex.trim). */
  trim(): void {
    for (const [key, held] of this.map) if (Array.isArray(held)) this.map.set(key, held.slice());
  }
}

/**
 * Forms by one of their keys (simple, normal or pinyin form) as one list sorted by key, looked up by
 * binary search: a key equal to the query, or (normal forms) starting with it. A Map per key took
 * 4–8 MB per index at 100k entities (an entry and often a key string of its own for each form); the
 * list is 8 bytes a form and holds no strings. Forms added since the build are kept in a MultiMap
 * beside it and removed ones skipped, until the index is rebuilt (`NameIndex.stale`).
 */
class SortedForms {
  private sorted: Form[] = [];
  private readonly added = new MultiMap<Form>();
  private readonly addedList: Form[] = [];

  constructor(private readonly keyOf: (f: Form) => string | null) {}

  /** The build: every form with a key, in the order added (a stable sort keeps it among equal keys). */
  build(forms: readonly Form[]): void {
    const keyOf = this.keyOf;
    this.sorted = forms.filter((f) => keyOf(f) !== null);
    this.sorted.sort((a, b) => {
      const ka = keyOf(a)!;
      const kb = keyOf(b)!;
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
  }

  add(f: Form): void {
    const key = this.keyOf(f);
    if (key === null) return;
    this.added.add(key, f);
    this.addedList.push(f);
  }

  remove(f: Form): void {
    const key = this.keyOf(f);
    if (key === null) return;
    this.added.remove(key, f);
    const i = this.addedList.indexOf(f);
    if (i >= 0) this.addedList.splice(i, 1);
  }

  private lowerBound(q: string): number {
    const { sorted, keyOf } = this;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keyOf(sorted[mid])! < q) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The live forms whose key is `q`, in the order they were added. */
  get(q: string): readonly Form[] {
    const out: Form[] = [];
    const { sorted, keyOf } = this;
    for (let i = this.lowerBound(q); i < sorted.length && keyOf(sorted[i]) === q; i++) if (!sorted[i].entry.removed) out.push(sorted[i]);
    const added = this.added.get(q);
    return added.length ? [...out, ...added] : out;
  }

  /** The live forms whose key starts with `prefix`, in the order they were added. */
  withPrefix(prefix: string): readonly Form[] {
    const out: Form[] = [];
    const { sorted, keyOf } = this;
    for (let i = this.lowerBound(prefix); i < sorted.length && keyOf(sorted[i])!.startsWith(prefix); i++)
      if (!sorted[i].entry.removed) out.push(sorted[i]);
    out.sort((a, b) => a.seq - b.seq);
    for (const f of this.addedList) if (keyOf(f)!.startsWith(prefix)) out.push(f);
    return out;
  }
}

/**
 * Character bigram → the distinct normal forms that hold it, bucketed by length: a short input
 * (生物) is held by a large share of all names, and the best containment matches are the shortest
 * names holding it, so `resolve` reads buckets from short to long and stops once it has enough.
 */
class BigramIndex {
  private readonly map = new Map<number, { count: number; byLength: (Form[] | undefined)[] }>();

  add(form: Form): void {
    const len = form.norm.length;
    for (const g of bigrams(form.norm)) {
      let posting = this.map.get(g);
      if (!posting) this.map.set(g, (posting = { count: 0, byLength: [] }));
      const bucket = (posting.byLength[len] ??= []);
      if (bucket[bucket.length - 1] === form) continue; // a bigram repeated within one name
      bucket.push(form);
      posting.count++;
    }
  }

  remove(form: Form): void {
    for (const g of bigrams(form.norm)) {
      const posting = this.map.get(g);
      const bucket = posting?.byLength[form.norm.length];
      const i = bucket?.indexOf(form) ?? -1;
      if (!posting || !bucket || i < 0) continue;
      bucket[i] = bucket[bucket.length - 1];
      bucket.pop();
      if (--posting.count === 0) this.map.delete(g);
    }
  }

  /** Each posting's lists copied to their length (see NameIndex.trim). */
  trim(): void {
    for (const posting of this.map.values()) posting.byLength = Array.from(posting.byLength, (bucket) => bucket?.slice());
  }

  /** Buckets (index = length) of the forms holding the input's rarest bigram: a superset of its containers. */
  candidates(norm: string): readonly (Form[] | undefined)[] {
    let rarest: { count: number; byLength: (Form[] | undefined)[] } | undefined;
    for (const g of bigrams(norm)) {
      const posting = this.map.get(g);
      if (!posting) return NONE;
      if (!rarest || posting.count < rarest.count) rarest = posting;
    }
    return rarest?.byLength ?? NONE;
  }
}

/** Proposes an entity; true when it was offered at the full score (not excluded, same type). */
type Offer = (entry: Entry, score: number, reason: MatchReason, matched: string) => boolean;

/** Names of entities, looked up by every normal form; see the module comment for the scores. */
export class NameIndex {
  private readonly entries = new Map<string, Entry>();
  private readonly bySimple = new SortedForms((f) => f.simple);
  /** Distinct normal forms: looked up whole, and by their lead (SHORT_NAME). */
  private readonly byNorm = new SortedForms((f) => (f.distinct ? f.norm : null));
  private readonly byBigram = new BigramIndex();
  private readonly byPinyin = new SortedForms((f) => (f.distinct ? f.pinyin : null));
  private readonly byEnglish = new MultiMap<Entry>();
  private readonly byCredit = new MultiMap<Entry>();
  private readonly sortedLists = [this.bySimple, this.byNorm, this.byPinyin];
  private seq = 0;
  /** Records added, replaced or removed since the build. */
  private edits = 0;

  constructor(records: Iterable<NameRecord> = []) {
    // The sorted lists are built once from every form, in the order added; later adds go beside them.
    const forms: Form[] = [];
    for (const r of records) {
      this.drop(r.id);
      const entry = this.entryOf(r);
      this.entries.set(r.id, entry);
      this.index(entry, 'add', false);
      forms.push(...entry.forms);
    }
    const live = forms.filter((f) => !f.entry.removed);
    for (const sorted of this.sortedLists) sorted.build(live);
    this.trim();
  }

  /**
   * After the bulk build, every list grown by push is copied to its length: V8 leaves room to grow
   * (a list of one or two takes ~150 bytes more than it needs), and the 100k graph's index held
   * ~350k such lists, ~50 MB (heap snapshot). Lists an edit changes later grow again, a few.
   */
  private trim(): void {
    for (const e of this.entries.values()) e.forms = e.forms.slice();
    for (const m of [this.byEnglish, this.byCredit]) m.trim();
    this.byBigram.trim();
  }

  get size(): number {
    return this.entries.size;
  }

  /** Enough edits since the build that a rebuild is cheaper than carrying them (and their memory). */
  stale(): boolean {
    return this.edits > Math.max(2000, this.entries.size / 10);
  }

  /** Adds a record, or replaces the one with the same id (so it doubles as upsert). */
  add(record: NameRecord): void {
    this.drop(record.id);
    this.edits++;
    const entry = this.entryOf(record);
    this.entries.set(record.id, entry);
    this.index(entry, 'add', true);
  }

  private entryOf(record: NameRecord): Entry {
    const entry: Entry = {
      record,
      forms: [],
      credit: creditKey(record.creditCode),
      english: record.nameEn ? englishKey(record.nameEn) : null,
      removed: false,
    };
    const norms = new Set<string>();
    for (let i = -1; i < record.aliases.length; i++) {
      const text = (i < 0 ? record.name : record.aliases[i]).trim();
      if (!text || entry.forms.some((f) => f.text === text)) continue;
      // The same string when a form does not change it (most names): one copy held, not three.
      const simple = sameString(simpleForm(text), text);
      const norm = sameString(normaliseSimpleForm(simple), simple);
      const distinct = Boolean(norm) && !norms.has(norm);
      if (distinct) norms.add(norm);
      const form: Form = { entry, seq: this.seq++, text, isName: i < 0, simple, norm, distinct, pinyin: distinct ? pinyinKey(norm) : null };
      entry.forms.push(form);
    }
    return entry;
  }

  /** Removes a record; false if the id was not indexed. */
  remove(id: string): boolean {
    if (!this.drop(id)) return false;
    this.edits++;
    return true;
  }

  private drop(id: string): boolean {
    const entry = this.entries.get(id);
    if (!entry) return false;
    this.index(entry, 'remove', true);
    entry.removed = true;
    this.entries.delete(id);
    return true;
  }

  /** Every index but the sorted lists; those too when `sorted` (after the build). */
  private index(entry: Entry, op: 'add' | 'remove', sorted: boolean): void {
    for (const f of entry.forms) {
      if (sorted) for (const list of this.sortedLists) list[op](f);
      if (f.distinct) this.byBigram[op](f);
    }
    if (entry.english) this.byEnglish[op](entry.english, entry);
    if (entry.credit) this.byCredit[op](entry.credit, entry);
  }

  /** The best `limit` matches, highest score first, at most one per entity. */
  resolve(input: ResolveInput, limit = 5): NameMatch[] {
    const best = new Map<string, NameMatch>();
    const offer: Offer = (entry, base, reason, matched) => {
      const r = entry.record;
      if (r.id === input.excludeId) return false;
      // A chain segment is the reference chain's category, never the same thing as an organisation
      // named after it (上海某医疗器械有限公司 is not the segment 医疗器械): proposed only when asked for.
      if (input.type && (r.type === 'ChainSegment') !== (input.type === 'ChainSegment')) return false;
      const mismatch = Boolean(input.type) && input.type !== r.type;
      const score = Math.round((mismatch ? Math.min(base * TYPE_MISMATCH_FACTOR, CONFIDENT_MATCH - 0.01) : base) * 1000) / 1000;
      const prev = best.get(r.id);
      if (!prev || score > prev.score) best.set(r.id, { id: r.id, name: r.name, type: r.type, score, reason, matched });
      return !mismatch;
    };
    const credit = creditKey(input.creditCode);
    if (credit) for (const e of this.byCredit.get(credit)) offer(e, MATCH_SCORE.CREDIT_CODE, 'CREDIT_CODE', e.record.creditCode ?? credit);
    const text = input.name.trim();
    if (text) this.resolveName(text, offer, limit);
    return [...best.values()].sort(compareMatches).slice(0, limit);
  }

  private resolveName(text: string, offer: Offer, limit: number): void {
    // One map serves EXACT_NAME, ALIAS and TRADITIONAL: equal text implies an equal simple form.
    const folded = foldWidthAndCase(text);
    const simple = hasTraditional(folded) ? toSimplified(folded) : folded;
    for (const f of this.bySimple.get(simple)) {
      const reason = f.text === text ? (f.isName ? 'EXACT_NAME' : 'ALIAS') : simple !== folded ? 'TRADITIONAL' : 'NORMALISED';
      offer(f.entry, MATCH_SCORE[reason], reason, f.text);
    }
    const norm = normaliseOrgName(text);
    if (norm) for (const f of this.byNorm.get(norm)) offer(f.entry, MATCH_SCORE.NORMALISED, 'NORMALISED', f.text);
    const english = englishKey(text);
    if (english) for (const e of this.byEnglish.get(english)) offer(e, MATCH_SCORE.ENGLISH, 'ENGLISH', e.record.nameEn ?? text);
    if (hanCount(norm) >= 2) {
      this.shortNames(norm, offer, limit);
      const key = pinyinKey(norm);
      if (key) for (const f of this.byPinyin.get(key)) if (f.norm !== norm) offer(f.entry, MATCH_SCORE.PINYIN, 'PINYIN', f.text);
    }
  }

  /** SHORT_NAME: the input inside a stored name, a stored name inside the input, a shared lead. */
  private shortNames(norm: string, offer: Offer, limit: number): void {
    // The input inside a stored name, shortest (best covered) first; once `limit` entities were
    // offered at full score, nothing later can score higher (ties at the cut: index order).
    const buckets = this.byBigram.candidates(norm);
    const full = new Set<string>();
    for (let len = norm.length + 1; len < buckets.length && full.size < limit; len++)
      for (const f of buckets[len] ?? NONE) {
        if (f.norm.includes(norm) && offer(f.entry, shortNameScore(norm.length, len, true), 'SHORT_NAME', f.text))
          full.add(f.entry.record.id);
        if (full.size >= limit) break;
      }
    // A stored name inside the input: look its substrings up as normal forms.
    for (let i = 0; i < norm.length - 1; i++)
      for (let j = i + 2; j <= Math.min(norm.length, i + MAX_CONTAINED); j++) {
        const sub = norm.slice(i, j);
        if (sub === norm || hanCount(sub) < 2) continue;
        for (const f of this.byNorm.get(sub)) offer(f.entry, shortNameScore(sub.length, norm.length, true), 'SHORT_NAME', f.text);
      }
    // Neither contains the other, but they share a long lead (the 字号 after 上海 is stripped).
    if (norm.length < MIN_SHARED_LEAD) return;
    for (const f of this.byNorm.withPrefix(norm.slice(0, MIN_SHARED_LEAD))) {
      if (f.norm.includes(norm) || norm.includes(f.norm)) continue;
      const lead = commonLead(norm, f.norm);
      const shorter = Math.min(norm.length, f.norm.length);
      if (2 * lead >= shorter && hanCount(norm, lead) >= 2)
        offer(f.entry, shortNameScore(lead, Math.max(norm.length, f.norm.length), false), 'SHORT_NAME', f.text);
    }
  }
}

function compareMatches(a: NameMatch, b: NameMatch): number {
  return (
    b.score - a.score ||
    REASON_RANK.indexOf(a.reason) - REASON_RANK.indexOf(b.reason) ||
    a.name.length - b.name.length ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}
