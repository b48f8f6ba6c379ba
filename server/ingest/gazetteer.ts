/**
 * Every name and alias in the graph, found in a text in one pass with an Aho-Corasick automaton
 * (modern-ahocorasick: compiled once per graph version, UTF-16 offsets that `slice` reads, all
 * overlapping hits so that the extractor can prefer the longest and see the names inside it).
 *
 * Built from the same NameRecords as the NameIndex that resolves proposals; the lead keeps one per
 * graph version, as name-index.ts does for the NameIndex. Names of one character are left out
 * (区, 镇 would match everywhere), Latin names under three letters too.
 */
import AhoCorasick from 'modern-ahocorasick';
import { NameIndex, type NameRecord } from '../domain/curation/resolution.js';
import type { EntityType } from '../domain/model.js';

export interface GazetteerEntry {
  id: string;
  type: EntityType;
  /** The canonical name (not an alias) matched. */
  isName: boolean;
}

export interface GazetteerHit {
  start: number;
  end: number;
  text: string;
  entries: readonly GazetteerEntry[];
}

const HAN = /\p{Script=Han}/u;

function indexable(form: string): boolean {
  if (HAN.test(form)) return [...form].length >= 2;
  return form.length >= 3;
}

export class Gazetteer {
  readonly index: NameIndex;
  private readonly records = new Map<string, NameRecord>();
  private readonly forms: { text: string; entries: GazetteerEntry[] }[] = [];
  private readonly matcher: AhoCorasick<number> | null;

  /** `index` may be passed when the caller already holds one built from the same records. */
  constructor(records: Iterable<NameRecord>, index?: NameIndex) {
    const byText = new Map<string, { text: string; entries: GazetteerEntry[] }>();
    const list: NameRecord[] = [];
    for (const r of records) {
      list.push(r);
      this.records.set(r.id, r);
      const seen = new Set<string>();
      [r.name, ...r.aliases].forEach((raw, i) => {
        const text = raw.trim();
        if (!text || seen.has(text) || !indexable(text)) return;
        seen.add(text);
        let form = byText.get(text);
        if (!form) byText.set(text, (form = { text, entries: [] }));
        form.entries.push({ id: r.id, type: r.type, isName: i === 0 });
      });
    }
    this.index = index ?? new NameIndex(list);
    this.forms = [...byText.values()];
    this.matcher = this.forms.length ? new AhoCorasick(this.forms.map((f, i) => ({ pattern: f.text, data: i }))) : null;
  }

  get size(): number {
    return this.records.size;
  }

  record(id: string): NameRecord | undefined {
    return this.records.get(id);
  }

  /** Every occurrence of every name and alias, overlapping ones included, in text order. */
  find(text: string): GazetteerHit[] {
    if (!this.matcher) return [];
    return this.matcher
      .search(text, { strategy: 'all' })
      .map((m) => ({ start: m.start, end: m.end, text: m.pattern, entries: this.forms[m.data ?? 0].entries }))
      .sort((a, b) => a.start - b.start || b.end - a.end);
  }
}
