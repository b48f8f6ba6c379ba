/**
 * The search index: every entity's names in memory, ranked as search has always ranked them, without
 * a scan of the store or pinyin computed per request.
 *
 * Ranks (ties: shorter name first, then the name in Chinese collation order):
 *   0 exact name · 1 exact alias · 2 name prefix · 3 alias prefix · 4 pinyin or initials exact ·
 *   5 pinyin or initials prefix (4 and 5 for Latin-letter queries only) · 6 inside the name ·
 *   7 inside any other stored form (a traditional form, the English name, an alias, pinyin) —
 *   and only when these give fewer than `limit`, suggestions for a mistyped query:
 *   8 homophones (the query's pinyin is a name's pinyin or starts it: 思路笛 → 思路迪) ·
 *   9 one edit away from a name, an alias or their pinyin (queries of two characters or more).
 *
 * Structures: sorted arrays of names, aliases and pinyin keys (exact and prefix ranks are a binary
 * search), character-bigram postings over the stored search key (ranks 6–7: the postings of the
 * query's rarest bigram, verified with `includes`), and terms by length (rank 9). What is matched
 * is the stored search key (`buildSearchKey`, the property the store's CONTAINS scan read), so the
 * index finds what the store did.
 *
 * Changes: an entity that changes gets a new slot; the old one is left dead in the arrays and
 * skipped. New slots are merged into the sorted arrays at once but kept out of the bigram postings,
 * in a short list scanned per query, until the next build. `stale()` says when a rebuild pays.
 */
import type { EntityType } from './model.js';
import { HAN, pinyinKeys, pinyinKeysByCharacter, sameString, searchForm } from './text.js';

export interface SearchRecord {
  id: string;
  type: EntityType;
  name: string;
  aliases: string[];
  nameEn: string | null;
  /** The stored search key (`buildSearchKey`). */
  search: string;
  /** As stored (unchecked): the answer decodes them as a read from the store does. */
  kind?: string | null;
  tier?: string | null;
}

/** What the index keeps of an entity to answer with: the fields a search result list shows. */
export interface SearchRef {
  id: string;
  type: EntityType;
  name: string;
  nameEn: string | null;
  aliases: readonly string[];
  kind: string | null;
  tier: string | null;
}

export interface SearchHit {
  id: string;
  rank: number;
}

/** Suggestion ranks: below every match of the query as typed. */
export const HOMOPHONE_RANK = 8;
export const TYPO_RANK = 9;

type Pinyin = { full: string; initials: string };

interface Doc extends SearchRef {
  /** The search forms of the name, then of each alias. */
  forms: string[];
  key: string;
  /**
   * The pinyin keys (full and initials) of its names that have Chinese characters, each between two
   * PINYIN_SEP: a prefix match of any is an `includes` of SEP + query. One string, not an object and
   * two strings per name (600k strings at 100k, 37 MB of heap; now ~8).
   */
  pinyin: string;
  /** Its pinyin keys are in the stored key too, so a pinyin prefix match is a key match. */
  pinyinStored: boolean;
  /** Replaced or retracted: skipped wherever its slot still appears. */
  dead: boolean;
}

/** Parallel arrays sorted by term (code-unit order); an entry whose slot is dead is skipped. */
class SortedTerms {
  terms: string[] = [];
  slots: number[] = [];

  static of(pairs: [string, number][]): SortedTerms {
    pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
    const t = new SortedTerms();
    t.terms = pairs.map((p) => p[0]);
    t.slots = pairs.map((p) => p[1]);
    return t;
  }

  private lowerBound(q: string): number {
    let lo = 0;
    let hi = this.terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.terms[mid] < q) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(term: string, slot: number): void {
    const at = this.lowerBound(term);
    this.terms.splice(at, 0, term);
    this.slots.splice(at, 0, slot);
  }

  /** How many entries start with `q` (exact: equal it). */
  count(q: string, exact: boolean): number {
    const from = this.lowerBound(q);
    let lo = from;
    let hi = this.terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (exact ? this.terms[mid] === q : this.terms[mid].startsWith(q)) lo = mid + 1;
      else hi = mid;
    }
    return lo - from;
  }

  /** Calls `fn` for each entry whose term starts with `q` (exact only: equals `q`). */
  each(q: string, exact: boolean, fn: (slot: number, term: string) => void): void {
    for (let i = this.lowerBound(q); i < this.terms.length; i++) {
      const t = this.terms[i];
      if (exact ? t !== q : !t.startsWith(q)) break;
      fn(this.slots[i], t);
    }
  }
}

/** Whether `a` and `b` are at most one insertion, deletion or substitution apart. */
export function oneEditApart(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  if (la - lb > 1 || lb - la > 1) return false;
  const m = Math.min(la, lb);
  let i = 0;
  while (i < m && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === m) return true;
  let j = 0;
  while (j < m - i && a.charCodeAt(la - 1 - j) === b.charCodeAt(lb - 1 - j)) j++;
  return i + j >= Math.max(la, lb) - 1;
}

/** Which of 32 buckets the term's characters fall in, one bit each. */
function charMask(term: string): number {
  let m = 0;
  for (let i = 0; i < term.length; i++) {
    const c = term.charCodeAt(i);
    m |= 1 << (c >= 97 && c <= 122 ? c - 97 : Math.imul(c, 0x9e3779b1) >>> 27);
  }
  return m;
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

const LATIN = /^[a-z0-9]+$/;
const collator = new Intl.Collator('zh');

export interface IndexQuery {
  types?: readonly EntityType[] | null;
  limit: number;
}

/**
 * One rank: what offers its entities (an entity of a better rank may be offered too: it is skipped),
 * how many offers that makes at most, and, where it is cheap, whether an entity belongs to it — then
 * a large bucket is read by walking the tie order until the answer is full instead of in full.
 */
type Step =
  | {
      rank: number;
      size: () => number;
      source: (offer: (slot: number) => void) => void;
      member?: (d: Doc) => boolean;
    }
  | {
      rank: number;
      /**
       * Its first `room` eligible entities in tie order, and fewer only when it has no more: a bucket
       * whose source yields in tie order (the bigram postings) stops as soon as the answer is full.
       */
      inOrder: (eligible: (slot: number) => boolean, room: number) => number[];
    };

/** A bucket with more offers than this many per place left is walked in tie order when it can be. */
const WALK_FACTOR = 50;

export class SearchIndex {
  private docs: Doc[] = [];
  private readonly slotOf = new Map<string, number>();
  private names = new SortedTerms();
  private aliases = new SortedTerms();
  private pinyinFull = new SortedTerms();
  private pinyinInitials = new SortedTerms();
  /** Character bigram (two code units as one number) → slots whose search key holds it, from the build. */
  private bigrams = new Map<number, Int32Array>();
  /** Slots added since the build: not in `bigrams`, scanned per query. */
  private recent: number[] = [];
  /** Names, aliases and their full pinyin by length, for one-edit suggestions. */
  private byLength = new Map<number, { terms: string[]; slots: number[]; masks: number[] }>();
  /** Slots by tie order (shorter name, then Chinese collation), and each slot's place in it. */
  private ordered: number[] = [];
  private order: number[] = [];
  /** Per slot, the query stamp that took it into the answer / the bucket stamp that offered it. */
  private taken = new Int32Array(0);
  private offered = new Int32Array(0);
  private stamp = 0;
  private live = 0;
  private dead = 0;

  constructor(records: Iterable<SearchRecord>) {
    const names: [string, number][] = [];
    const aliases: [string, number][] = [];
    const full: [string, number][] = [];
    const initials: [string, number][] = [];
    const grams = new Map<number, number[]>();
    // Slots are given in tie order (the last record of an id wins), so the bigram postings — built
    // in slot order — list their entities in tie order too: the substring ranks read them from the
    // start and stop once the answer is full, instead of checking every entity with the bigram.
    const latest = new Map<string, SearchRecord>();
    for (const r of records) {
      latest.delete(r.id);
      latest.set(r.id, r);
    }
    const made = [...latest.values()].map(makeDoc).sort((a, b) => tieOrder(a.doc.name, b.doc.name));
    for (const { doc, pinyin } of made) {
      const slot = this.docs.length;
      this.docs.push(doc);
      this.slotOf.set(doc.id, slot);
      this.live++;
      this.eachTerm(doc, pinyin, slot, (list, term) =>
        (list === 'names' ? names : list === 'aliases' ? aliases : list === 'full' ? full : initials).push([term, slot]),
      );
      const key = doc.key;
      for (let i = 0; i + 1 < key.length; i++) {
        const a = key.charCodeAt(i);
        const b = key.charCodeAt(i + 1);
        if (a === BAR || b === BAR) continue;
        const g = (a * 0x10000 + b) | 0;
        const l = grams.get(g);
        if (!l) grams.set(g, [slot]);
        else if (l[l.length - 1] !== slot) l.push(slot);
      }
    }
    this.names = SortedTerms.of(names);
    this.aliases = SortedTerms.of(aliases);
    this.pinyinFull = SortedTerms.of(full);
    this.pinyinInitials = SortedTerms.of(initials);
    for (const [g, l] of grams) this.bigrams.set(g, Int32Array.from(l));
    this.ordered = this.docs.map((_, slot) => slot);
    this.order = [...this.ordered];
    this.grow();
  }

  /** The entity's fields a search answer shows, as the index has them (null: not in the index). */
  ref(id: string): SearchRef | null {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return null;
    const { type, name, nameEn, aliases, kind, tier } = this.docs[slot];
    return { id, type, name, nameEn, aliases, kind, tier };
  }

  /** Live entities. */
  get size(): number {
    return this.live;
  }

  /** Enough changes since the build that a rebuild is cheaper than carrying them. */
  stale(): boolean {
    return this.recent.length > 5000 || this.dead > Math.max(5000, this.live / 5);
  }

  /** Adds an entity, or replaces the one with its id. */
  add(r: SearchRecord): void {
    this.remove(r.id);
    const slot = this.docs.length;
    const { doc, pinyin } = makeDoc(r);
    this.docs.push(doc);
    this.slotOf.set(r.id, slot);
    this.live++;
    this.recent.push(slot);
    this.eachTerm(doc, pinyin, slot, (list, term) => {
      const terms =
        list === 'names' ? this.names : list === 'aliases' ? this.aliases : list === 'full' ? this.pinyinFull : this.pinyinInitials;
      terms.insert(term, slot);
    });
    this.placeInOrder(slot);
    this.grow();
  }

  remove(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.slotOf.delete(id);
    this.kill(slot);
  }

  private kill(slot: number): void {
    const d = this.docs[slot];
    if (!d.dead) {
      d.dead = true;
      this.live--;
      this.dead++;
    }
  }

  private grow(): void {
    if (this.taken.length >= this.docs.length) return;
    const size = Math.max(1024, Math.ceil(this.docs.length * 1.25));
    const taken = new Int32Array(size);
    taken.set(this.taken);
    this.taken = taken;
    const offered = new Int32Array(size);
    offered.set(this.offered);
    this.offered = offered;
  }

  /** Puts a new slot in the tie order: between its neighbours, renumbering when there is no room. */
  private placeInOrder(slot: number): void {
    const { docs, ordered, order } = this;
    const name = docs[slot].name;
    let lo = 0;
    let hi = ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (tieOrder(docs[ordered[mid]].name, name) <= 0) lo = mid + 1;
      else hi = mid;
    }
    ordered.splice(lo, 0, slot);
    const before = lo > 0 ? order[ordered[lo - 1]] : -1;
    const after = lo + 1 < ordered.length ? order[ordered[lo + 1]] : before + 2;
    const between = (before + after) / 2;
    if (between > before && between < after) order[slot] = between;
    else ordered.forEach((s, i) => (order[s] = i));
  }

  private eachTerm(
    doc: Doc,
    pinyin: ({ full: string; initials: string } | null)[],
    slot: number,
    put: (list: 'names' | 'aliases' | 'full' | 'initials', term: string) => void,
  ): void {
    doc.forms.forEach((f, i) => {
      put(i === 0 ? 'names' : 'aliases', f);
      this.byLengthPut(f, slot);
      const p = pinyin[i];
      if (p) {
        put('full', p.full);
        put('initials', p.initials);
        if (p.full !== f) this.byLengthPut(p.full, slot);
      }
    });
  }

  private byLengthPut(term: string, slot: number): void {
    let l = this.byLength.get(term.length);
    if (!l) this.byLength.set(term.length, (l = { terms: [], slots: [], masks: [] }));
    l.terms.push(term);
    l.slots.push(slot);
    l.masks.push(charMask(term));
  }

  /** Ranked hits for a query already in search form (`searchForm`). */
  search(q: string, opts: IndexQuery): SearchHit[] {
    const out: SearchHit[] = [];
    if (!q) return out;
    const types = opts.types?.length ? new Set(opts.types) : null;
    const { docs, taken } = this;
    const query = ++this.stamp;
    const eligible = (slot: number) => {
      const d = docs[slot];
      return !d.dead && taken[slot] !== query && !(types && !types.has(d.type));
    };
    for (const step of this.steps(q)) {
      const room = opts.limit - out.length;
      let found: number[];
      let full: boolean;
      if ('inOrder' in step) {
        found = step.inOrder(eligible, room);
        full = found.length >= room;
      } else ({ found, full } = this.bucket(step, eligible, room));
      for (const slot of found) {
        taken[slot] = query;
        out.push({ id: docs[slot].id, rank: step.rank });
      }
      if (full) break;
    }
    return out;
  }

  /** A step's best `room` entities: walked in tie order when that is cheap, else all offered and the best kept. */
  private bucket(
    step: Extract<Step, { source: unknown }>,
    eligible: (slot: number) => boolean,
    room: number,
  ): { found: number[]; full: boolean } {
    // A large bucket with many members fills the answer from the first entities in tie order; a
    // walk that has not filled it after as many entities as the source would offer means a
    // sparse bucket, read from its source (at worst twice the work, at best a few entities).
    const size = step.member ? step.size() : 0;
    const walked = step.member && size > room * WALK_FACTOR ? this.walk(step.member, eligible, room, size) : null;
    if (walked) return { found: walked, full: true };
    const { offered, order } = this;
    const bucket = ++this.stamp;
    const heap = new BoundedHeap(order, room);
    let count = 0;
    step.source((slot) => {
      if (!eligible(slot) || offered[slot] === bucket) return;
      offered[slot] = bucket;
      count++;
      heap.push(slot);
    });
    return { found: heap.sorted(), full: count >= room };
  }

  /** The first `room` members in tie order, if they come within `budget` entities (what the source would cost). */
  private walk(member: (d: Doc) => boolean, eligible: (slot: number) => boolean, room: number, budget: number): number[] | null {
    const { docs, ordered } = this;
    const found: number[] = [];
    const end = Math.min(ordered.length, budget);
    for (let i = 0; i < end; i++) {
      const slot = ordered[i];
      if (eligible(slot) && member(docs[slot]) && found.push(slot) >= room) return found;
    }
    return null;
  }

  /** The ranks, best first. */
  private steps(q: string): Step[] {
    const docs = this.docs;
    // Pinyin is read from the name, not stored: only what the stored key also finds counts (it
    // always does unless a stored name differs from its search form, e.g. in full-width brackets).
    const inKey = (d: Doc) => d.pinyinStored || d.key.includes(q);
    const pinyin = (exact: boolean): Step => ({
      rank: exact ? 4 : 5,
      size: () => this.pinyinFull.count(q, exact) + this.pinyinInitials.count(q, exact),
      source: (offer) => {
        const stored = (slot: number) => inKey(docs[slot]) && offer(slot);
        this.pinyinFull.each(q, exact, stored);
        this.pinyinInitials.each(q, exact, stored);
      },
      // Latin-letter queries only (LATIN): never the separator.
      member: (d) => d.pinyin.includes(exact ? `${PINYIN_SEP}${q}${PINYIN_SEP}` : `${PINYIN_SEP}${q}`) && inKey(d),
    });
    const terms = (rank: number, list: SortedTerms, exact: boolean, member: (d: Doc) => boolean): Step => ({
      rank,
      size: () => list.count(q, exact),
      source: (offer) => list.each(q, exact, offer),
      member,
    });
    const aliasIs = (d: Doc, test: (f: string) => boolean) => d.forms.some((f, i) => i > 0 && test(f));
    let found: ReturnType<SearchIndex['containing']> | null = null;
    const containing = () => (found ??= this.containing(q));
    return [
      terms(0, this.names, true, (d) => d.forms[0] === q),
      terms(1, this.aliases, true, (d) => aliasIs(d, (f) => f === q)),
      terms(2, this.names, false, (d) => d.forms[0].startsWith(q)),
      terms(3, this.aliases, false, (d) => aliasIs(d, (f) => f.startsWith(q))),
      ...(LATIN.test(q) ? [pinyin(true), pinyin(false)] : []),
      { rank: 6, inOrder: (eligible, room) => containing()((d) => d.forms[0].includes(q), eligible, room) },
      { rank: 7, inOrder: (eligible, room) => containing()(() => true, eligible, room) },
      ...this.suggestions(q),
    ];
  }

  /** Homophones, then names, aliases or pinyin one edit away: for two characters or more. */
  private suggestions(q: string): Step[] {
    if ([...q].length < 2) return [];
    const spoken = HAN.test(q) ? pinyinKeys(q)?.full : undefined;
    const near = spoken ? [q, spoken] : [q];
    const lists = (term: string) => [term.length - 1, term.length, term.length + 1].flatMap((len) => this.byLength.get(len) ?? []);
    const homophones: Step[] = spoken
      ? [
          {
            rank: HOMOPHONE_RANK,
            size: () => this.pinyinFull.count(spoken, false),
            source: (offer) => this.pinyinFull.each(spoken, false, offer),
          },
        ]
      : [];
    return [
      ...homophones,
      {
        rank: TYPO_RANK,
        size: () => near.reduce((n, term) => lists(term).reduce((m, l) => m + l.terms.length, n), 0),
        source: (offer) => {
          for (const term of near) {
            // One edit changes at most two bits of the character mask: most terms fail that test alone.
            const mask = charMask(term);
            for (const l of lists(term)) {
              const { terms, slots, masks } = l;
              for (let i = 0; i < terms.length; i++) {
                if (popcount(masks[i] ^ mask) <= 2 && oneEditApart(term, terms[i])) offer(slots[i]);
              }
            }
          }
        },
      },
    ];
  }

  /**
   * The entities whose search key contains `q`, first in tie order: from the postings of its rarest
   * bigram (narrowed by the next rarest while many are left), each verified with `includes` once
   * per query — rank 7 walks what rank 6 verified before it reads on.
   */
  private containing(q: string): (also: (d: Doc) => boolean, eligible: (slot: number) => boolean, room: number) => number[] {
    const { docs, order, ordered } = this;
    const lists: Int32Array[] = [];
    for (let i = 0; i + 1 < q.length; i++) {
      lists.push(this.bigrams.get((q.charCodeAt(i) * 0x10000 + q.charCodeAt(i + 1)) | 0) ?? new Int32Array(0));
    }
    lists.sort((a, b) => a.length - b.length);
    let postings: Int32Array | null = lists[0] ?? null;
    for (let i = 1; i < lists.length && postings && postings.length > 256; i++) postings = intersect(postings, lists[i]);
    // The postings are in tie order (slots were given in it at the build); with no bigram (a
    // one-character query) every entity is a candidate, in tie order.
    const candidates: ArrayLike<number> = postings ?? ordered;
    const verified: number[] = [];
    let cursor = 0;
    const next = (): number | undefined => {
      while (cursor < candidates.length) {
        const slot = candidates[cursor++];
        const d = docs[slot];
        if (!d.dead && d.key.includes(q)) return (verified.push(slot), slot);
      }
      return undefined;
    };
    return (also, eligible, room) => {
      const found: number[] = [];
      if (room <= 0) return found;
      // Slots added since the build are not in the postings: merged in at their places.
      const late = postings
        ? this.recent.filter((slot) => eligible(slot) && also(docs[slot]) && docs[slot].key.includes(q)).sort((a, b) => order[a] - order[b])
        : [];
      let j = 0;
      for (let i = 0; ; i++) {
        const slot = i < verified.length ? verified[i] : next();
        if (slot === undefined) break;
        while (j < late.length && order[late[j]] < order[slot]) if (found.push(late[j++]) >= room) return found;
        if (eligible(slot) && also(docs[slot]) && found.push(slot) >= room) return found;
      }
      while (j < late.length && found.length < room) found.push(late[j++]);
      return found;
    };
  }
}

const BAR = '|'.charCodeAt(0);

/** The slots in both ascending lists. */
function intersect(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(Math.min(a.length, b.length));
  let n = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] < b[j]) i++;
    else if (a[i] > b[j]) j++;
    else {
      out[n++] = a[i];
      i++;
      j++;
    }
  }
  return out.subarray(0, n);
}

/** Shorter name first, then Chinese collation (what search has always ordered ties by). */
function tieOrder(a: string, b: string): number {
  return a.length - b.length || collator.compare(a, b);
}

/** The `capacity` slots of least tie order seen, kept as a max-heap on their place. */
class BoundedHeap {
  private readonly items: number[] = [];

  constructor(
    private readonly order: number[],
    readonly capacity: number,
  ) {}

  push(slot: number): void {
    const { items, order } = this;
    if (this.capacity <= 0) return;
    if (items.length < this.capacity) {
      items.push(slot);
      let i = items.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (order[items[parent]] >= order[items[i]]) break;
        [items[parent], items[i]] = [items[i], items[parent]];
        i = parent;
      }
      return;
    }
    if (order[slot] >= order[items[0]]) return;
    items[0] = slot;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let top = i;
      if (l < items.length && order[items[l]] > order[items[top]]) top = l;
      if (r < items.length && order[items[r]] > order[items[top]]) top = r;
      if (top === i) break;
      [items[top], items[i]] = [items[i], items[top]];
      i = top;
    }
  }

  /** Its slots, best first. */
  sorted(): number[] {
    return [...this.items].sort((a, b) => this.order[a] - this.order[b]);
  }
}

const NO_ALIASES: readonly string[] = [];

/** Between a doc's pinyin keys (Doc.pinyin). */
const PINYIN_SEP = '\u0001';

function joinPinyin(keys: readonly (Pinyin | null)[]): string {
  const parts = keys.flatMap((p) => (p ? [p.full, p.initials] : []));
  // One join: a flat string (a template literal around it would hold a chain of three, ~100k of them).
  return parts.length ? ['', ...parts, ''].join(PINYIN_SEP) : '';
}

function makeDoc(r: SearchRecord): { doc: Doc; pinyin: ({ full: string; initials: string } | null)[] } {
  // A form equal to its name is that string (most names): one copy held, not two.
  const forms = [r.name, ...r.aliases].map((n) => sameString(searchForm(n), n));
  const key = r.search || '|';
  let pinyinStored = true;
  const pinyin = forms.map((f) => {
    // The stored key holds pinyin-pro's reading; read character by character when that agrees.
    const guess = pinyinKeysByCharacter(f);
    if (!guess || (key.includes(`|${guess.full}|`) && key.includes(`|${guess.initials}|`))) return guess;
    const p = pinyinKeys(f);
    if (p && !(key.includes(`|${p.full}|`) && key.includes(`|${p.initials}|`))) pinyinStored = false;
    return p;
  });
  const doc = {
    id: r.id,
    type: r.type,
    name: r.name,
    nameEn: r.nameEn,
    aliases: r.aliases.length ? r.aliases : NO_ALIASES,
    kind: r.kind ?? null,
    tier: r.tier ?? null,
    forms,
    key,
    pinyin: joinPinyin(pinyin),
    pinyinStored,
    dead: false,
  };
  return { doc, pinyin };
}
