/**
 * Where the text is: the districts, towns and subdistricts it names, in order, so that a name the
 * text shortens (区委, 区工商联, 镇人大, 市工商联, 街道办事处) can be read in full (闵行区委 …) —
 * from the last place of that level named before it, else the first named after it.
 */
import { CITY, DISTRICT_SHORT, SHANGHAI_DISTRICTS, STRONG_BREAK_CHARS, WEAK_BREAK_CHARS } from './lexicon.js';
import type { GazetteerHit } from './gazetteer.js';

export type PlaceLevel = 'district' | 'town' | 'subdistrict';

export interface PlaceAnchor {
  start: number;
  end: number;
  level: PlaceLevel;
  /** The full name (闵行区, 浦江镇, 浦锦街道). */
  name: string;
}

const NOT_IN_PLACE_NAME = new Set([...STRONG_BREAK_CHARS, ...WEAK_BREAK_CHARS, ...'个全各该本每其此这镇区市']);

/** Districts of Shanghai by their full or short name (黄浦 not in 黄浦江). */
function districtAnchors(text: string): PlaceAnchor[] {
  const out: PlaceAnchor[] = [];
  const names = [...SHANGHAI_DISTRICTS, ...DISTRICT_SHORT.keys()].sort((a, b) => b.length - a.length);
  const re = new RegExp(names.join('|'), 'g');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const full = DISTRICT_SHORT.get(m[0]) ?? m[0];
    if (m[0] === '黄浦' && text[m.index + 2] === '江') continue;
    out.push({ start: m.index, end: m.index + m[0].length, level: 'district', name: full });
  }
  return out;
}

/** Towns (浦江镇) and subdistricts (浦锦街道): two name characters before 镇 / 街道. */
function localAnchors(text: string, hits: readonly GazetteerHit[]): PlaceAnchor[] {
  const out: PlaceAnchor[] = [];
  const re = /(\p{Script=Han}{2})(镇|街道)/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if ([...m[1]].some((c) => NOT_IN_PLACE_NAME.has(c))) continue;
    out.push({ start: m.index, end: m.index + m[0].length, level: m[2] === '镇' ? 'town' : 'subdistrict', name: m[0] });
  }
  for (const h of hits) {
    if (!h.entries.some((e) => e.type === 'Region')) continue;
    const level: PlaceLevel | null = h.text.endsWith('街道') ? 'subdistrict' : h.text.endsWith('镇') ? 'town' : null;
    if (level) out.push({ start: h.start, end: h.end, level, name: h.text });
  }
  return out;
}

export class PlaceContext {
  private readonly anchors: PlaceAnchor[];

  constructor(text: string, hits: readonly GazetteerHit[]) {
    this.anchors = [...districtAnchors(text), ...localAnchors(text, hits)].sort((a, b) => a.start - b.start);
  }

  /** The place of a level in force at a position: the last named before it, else the first after. */
  at(level: PlaceLevel, position: number): PlaceAnchor | null {
    let before: PlaceAnchor | null = null;
    let after: PlaceAnchor | null = null;
    for (const a of this.anchors) {
      if (a.level !== level) continue;
      if (a.end <= position) before = a;
      else if (!after) after = a;
    }
    return before ?? after;
  }

  /** Districts named in the text (for region proposals). */
  districts(): readonly PlaceAnchor[] {
    return this.anchors.filter((a) => a.level === 'district');
  }

  /**
   * The full form of a name the text shortens, or null when it is not shortened or the text gives
   * no place to complete it with: 区委 → 闵行区委, 镇人大 → 浦江镇人大, 市工商联 → 上海市工商联,
   * 街道办事处 → 浦锦街道办事处.
   */
  qualify(name: string, position: number): string | null {
    if (name.startsWith('街道')) {
      const sub = this.at('subdistrict', position);
      return sub ? sub.name + name.slice(2) : null;
    }
    if (name.startsWith('区')) {
      const d = this.at('district', position);
      return d ? d.name.replace(/区$/, '') + name : null;
    }
    if (name.startsWith('镇')) {
      const t = this.at('town', position);
      return t ? t.name.replace(/镇$/, '') + name : null;
    }
    if (name.startsWith('市')) return CITY.replace(/市$/, '') + name;
    return null;
  }
}
