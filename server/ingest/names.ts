/**
 * New names by their suffix: a run of name characters ending in 有限公司 / 医院 / 联盟 / 镇 … (see
 * lexicon.ts), cut on the left where a verb or preposition ends the words before it (作为, 成立,
 * 在, 由 …; 与 / 和 / 及 only right after a complete name, since 生物与医学工程学院 holds one).
 *
 * A clause is cut into names by their suffixes, so a list without separators reads as one name
 * per party suffix (002's 召集单位:浦江镇党委浦锦街道党工委上海思路迪…党委). A party suffix of an
 * organisation that is not a territorial body makes the organisation the proposal (its party form
 * an alias), as the seed models it; a territorial one (浦江镇党委, 松江经开区党工委) is a body of
 * its own. The names inside a name (东华大学 in 东华大学生物与医学工程学院党委, 闵行区 in
 * 闵行区浦江镇商会) are proposed too when they can contain it, with the link between the two.
 */
import type { EntityKind, EntityType } from '../domain/model.js';
import type { PlaceContext } from './context.js';
import type { GazetteerHit } from './gazetteer.js';
import {
  ALLIANCE_MARKER,
  CITY,
  DISTRICT_SHORT,
  GENERIC_LEAD,
  INNER_BREAKS,
  LEAD_BREAKS,
  ORDINAL_CUT,
  SHANGHAI_DISTRICTS,
  SPECIALIST,
  STRONG_BREAK_CHARS,
  SUFFIXES_BY_LENGTH,
  WEAK_BREAK_CHARS,
  type SuffixRule,
} from './lexicon.js';
import type { Mention } from './mention.js';

export interface NameLink {
  outer: Mention;
  inner: Mention;
}

export interface ScanInput {
  text: string;
  hits: readonly GazetteerHit[];
  /** Positions not to read as names (titles and person names). */
  mask: Uint8Array;
  places: PlaceContext;
}

export interface ScanResult {
  mentions: Mention[];
  links: NameLink[];
}

interface Occurrence {
  start: number;
  end: number;
  rule: SuffixRule;
}

const BOUNDARY = new Set([...',，。;；:：!！?？、\n“”"‘’《》【】[]{}|/ \t·—–-']);
/** Bracketed inserts that belong to a company name: 至本医疗科技(上海)有限公司. */
const INSERT = /^(?:上海|中国|北京|集团|香港|苏州|杭州|深圳|广州|天津|南京|江苏|浙江|美国|亚太)$/;
/** A party committee of these is a body of its own (as resolution.ts TERRITORIAL). */
const TERRITORIAL = /(?:[^园院]区|镇|乡|县|街道|市|村)$/;
const REGION_PREFIX = new RegExp(`^(?:${[...SHANGHAI_DISTRICTS, ...DISTRICT_SHORT.keys(), CITY, '上海'].join('|')})`);

/** A brand's unit: 美敦力大中华区研发中心 is 美敦力's. */
const BRAND_UNIT = /^(\p{Script=Han}{2,8}?)(?:大中华区|中国区|亚太区|全球|中国)(?:研发中心|总部|研究院|创新中心)$/u;

/** Clauses: runs between boundaries; a bracket is a boundary unless it holds an insert. */
export function clauses(text: string): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') {
      const close = text.indexOf(')', i);
      if (close > i && close - i <= 8 && INSERT.test(text.slice(i + 1, close))) {
        i = close;
        continue;
      }
    }
    if (BOUNDARY.has(c) || c === '(' || c === ')') {
      if (i > start) out.push([start, i]);
      start = i + 1;
    }
  }
  if (text.length > start) out.push([start, text.length]);
  return out;
}

function occurrencesIn(text: string, start: number, end: number, mask: Uint8Array): Occurrence[] {
  const out: Occurrence[] = [];
  for (let i = start; i < end; i++) {
    if (mask[i]) continue;
    const rule = SUFFIXES_BY_LENGTH.find(
      (r) => text.startsWith(r.suffix, i) && i + r.suffix.length <= end && !mask.subarray(i, i + r.suffix.length).some(Boolean),
    );
    if (!rule || notASuffixHere(text, i, rule)) continue;
    out.push({ start: i, end: i + rule.suffix.length, rule });
    i += rule.suffix.length - 1;
  }
  return out;
}

/** Words that end in a suffix but name no body: 商协会, 医药业, 科创中心, 划片区 (only 东/南/西/北/中片区 are bodies). */
function notASuffixHere(text: string, i: number, rule: SuffixRule): boolean {
  const before = text.slice(Math.max(0, i - 2), i);
  if (rule.suffix === '协会' && before.endsWith('商')) return true;
  if (rule.suffix === '药业' && before.endsWith('医')) return true;
  if (rule.suffix === '中心' && before === '科创') return true;
  if (rule.suffix === '片区' && !/[东南西北中]$/.test(before)) return true;
  // 科学会堂, 会议中心大厅: a venue's word, not a body's suffix.
  if (/^[堂馆厅楼]/.test(text[i + rule.suffix.length] ?? '')) return true;
  return false;
}

/** A gap of these between two suffixes makes the second a description (市工商联部分所属商会). */
const GAP_GENERIC = /^(?:部分|所属|直属|下属|异地|相关|各|该|其)+$/;

const QUANTITY = /\d+[个家名项所]|[一二三四五六七八九十两][个家名项所]/;

function isStrongBreak(text: string, i: number): boolean {
  return STRONG_BREAK_CHARS.includes(text[i]) && !(text[i] === '在' && text[i + 1] === '线');
}

/** Does the text between two suffixes end the name before it? (A gap of generic words, 部分所属, does too.) */
function breaksBetween(text: string, from: number, to: number, mask: Uint8Array): boolean {
  const gap = text.slice(from, to);
  if (mask.subarray(from, to).some(Boolean) || QUANTITY.test(gap)) return true;
  if (INNER_BREAKS.some((w) => gap.includes(w))) return true;
  if (gap && GAP_GENERIC.test(gap)) return true;
  for (let i = from; i < to; i++) if (isStrongBreak(text, i)) return true;
  return WEAK_BREAK_CHARS.includes(text[from]);
}

function genericEnd(text: string, from: number, to: number): number {
  let at = from;
  for (;;) {
    const w = GENERIC_LEAD.find((g) => text.startsWith(g, at) && at + g.length <= to);
    if (!w) return at;
    at += w.length;
  }
}

function typeOf(rule: SuffixRule, name: string): { type: EntityType; kind?: EntityKind } {
  if (rule.type === 'Government' && rule.kind === 'agency' && ALLIANCE_MARKER.test(name.slice(0, -rule.suffix.length)))
    return { type: 'Alliance', kind: 'committee' };
  if (rule.type === 'Hospital' && rule.kind === 'hospital' && SPECIALIST.test(name)) return { type: 'Hospital', kind: 'specialist' };
  if (rule.suffix === '联盟' && /党建/.test(name)) return { type: 'Alliance', kind: 'party_alliance' };
  return { type: rule.type, kind: rule.kind };
}

/** What a container may be to what it contains, by their types; null: not a container. */
export function containerRelation(outer: Mention, inner: Mention): 'LOCATED_IN' | 'PART_OF' | 'AFFILIATED_WITH' | 'MEMBER_OF' | null {
  const o = outer.type;
  const i = inner.type;
  if (o === 'Person' || o === 'Event') return null;
  if (i === 'Region') {
    if (inner.kind === 'city' && !(o === 'Alliance' || o === 'Government' || o === 'Region')) return null;
    return 'LOCATED_IN';
  }
  if (o === 'Hospital' && i === 'University') return 'AFFILIATED_WITH';
  if (o === 'Park' && i === 'Park') return 'LOCATED_IN';
  if (o === 'Alliance' && i === 'Alliance')
    return /商会$/.test(outer.name) && /工商联|工商业联合会$/.test(inner.name) ? 'MEMBER_OF' : 'PART_OF';
  if (o === i) return 'PART_OF';
  if (o === 'Government' && i === 'Park') return 'PART_OF';
  return null;
}

interface NameCut {
  start: number;
  /** Qualified name when the text shortened it (镇党委 → 浦江镇党委). */
  qualified: string | null;
}

class Scanner {
  readonly mentions: Mention[] = [];
  readonly links: NameLink[] = [];
  private readonly hitEnds = new Set<number>();

  constructor(private readonly input: ScanInput) {
    for (const h of input.hits) this.hitEnds.add(h.end);
    for (const d of input.places.districts()) this.hitEnds.add(d.end);
  }

  run(): ScanResult {
    const { text, mask } = this.input;
    for (const [cs, ce] of clauses(text)) {
      const occs = occurrencesIn(text, cs, ce, mask);
      let ns = cs;
      occs.forEach((occ, k) => {
        if (occ.start < ns) return;
        const next = occs[k + 1];
        // 联盟基地, 商会基地: the base of a body (作为…联盟基地), not a park named after it.
        const adjacent = next && next.start === occ.end && !(next.rule.suffix === '基地' && occ.rule.type === 'Alliance');
        const ends =
          !next ||
          (!adjacent && (occ.rule.role === 'party' || occ.rule.role === 'company' || breaksBetween(text, occ.end, next.start, mask)));
        if (!ends) return;
        this.emit(
          ns,
          occ.end,
          occs.filter((o) => o.start >= ns && o.end <= occ.end),
        );
        ns = occ.end;
      });
    }
    this.mergeDotted();
    return { mentions: this.mentions, links: this.links };
  }

  /** Where the name ending with these suffixes starts (left cuts), and its qualified form. */
  private cut(start: number, occs: Occurrence[]): NameCut {
    const { text, places } = this.input;
    const last = occs[occs.length - 1];
    let cut = start;
    const lead = ORDINAL_CUT.exec(text.slice(cut, last.start));
    if (lead) cut += lead[0].length;
    for (const w of INNER_BREAKS) {
      const at = text.lastIndexOf(w, last.start - w.length);
      if (at >= cut) cut = at + w.length;
    }
    for (let i = last.start - 1; i >= cut; i--)
      if (isStrongBreak(text, i)) {
        cut = i + 1;
        break;
      }
    const quantity = QUANTITY.exec(text.slice(cut, last.start));
    if (quantity) cut += quantity.index + quantity[0].length;
    for (let i = last.start - 1; i >= cut; i--) {
      if (!WEAK_BREAK_CHARS.includes(text[i]) || (i === cut && text[cut - 1] === '、')) continue;
      // 上海和元生物技术: a place, then the 和 of a trade name.
      if (/^(?:上海|北京|中国)$/.test(text.slice(cut, i)) || DISTRICT_SHORT.has(text.slice(cut, i))) continue;
      // 与 / 和 / 及 end a name before them, or begin the text when nothing before them is a name
      // (东华大学生物与医学工程学院 keeps its 与: 大学 comes before it).
      const afterName =
        (i === cut && text[cut - 1] !== '、') ||
        this.hitEnds.has(i) ||
        occs.some((o) => o.end === i) ||
        !occs.some((o) => o.end <= i && o.start >= cut);
      if (afterName) {
        cut = i + 1;
        break;
      }
    }
    for (let moved = true; moved;) {
      moved = false;
      const w = LEAD_BREAKS.find((b) => text.startsWith(b, cut) && cut + b.length < last.end);
      if (w) {
        cut += w.length;
        moved = true;
      } else if (
        cut < last.start &&
        (STRONG_BREAK_CHARS.includes(text[cut]) || (WEAK_BREAK_CHARS.includes(text[cut]) && text[cut - 1] !== '、'))
      ) {
        cut++;
        moved = true;
      }
    }
    const head = text.slice(cut, last.end);
    const rest = head.replace(/^(?:区|镇|市|街道)/, '');
    const shortened =
      rest !== head &&
      rest.length > 0 &&
      !/^(?:市|区)级/.test(head) &&
      (SUFFIXES_BY_LENGTH.some((r) => rest.startsWith(r.suffix) || head.startsWith(r.suffix)) || /^(?:人民政府|政府|人大|委)/.test(rest)) &&
      !REGION_PREFIX.test(text.slice(cut));
    const qualified = shortened ? places.qualify(text.slice(cut, last.end), cut) : null;
    return { start: cut, qualified };
  }

  private emit(start: number, end: number, allOccs: Occurrence[]): void {
    const { start: cut, qualified } = this.cut(start, allOccs);
    const occs = allOccs.filter((o) => o.start >= cut);
    if (!occs.length) return;
    const last = occs[occs.length - 1];
    if (last.rule.role === 'party') return this.emitParty(cut, end, occs, qualified);
    const m = this.named(cut, end, occs, qualified);
    if (m) this.addWithInner(m, occs);
  }

  /** A name ending in a non-party suffix, or null when it is a description (生物医药产业联盟). */
  private named(cut: number, end: number, occs: Occurrence[], qualified: string | null): Mention | null {
    const { text } = this.input;
    const last = occs[occs.length - 1];
    let start = cut;
    if (!qualified) {
      const g = genericEnd(text, cut, last.start);
      const first = occs[0];
      if (g >= first.start && !this.hitEnds.has(first.end)) return null;
      if (
        last.rule.role === 'sub' &&
        !occs.some((o) => o !== last && o.rule.type !== 'Region') &&
        !this.input.hits.some((h) => h.end <= last.start && h.start >= cut && h.entries.some((e) => e.type !== 'Region'))
      )
        return null;
      if (last.rule.type === 'Region' && occs.length === 1 && last.start - cut > 3) start = last.start - 2;
      // 服务浦江镇: the known 浦江镇, unless what precedes it is a name itself (浦江 + 智谷园区).
      const known = this.input.hits.find((h) => h.end === end && h.start > start);
      const prefixIsName =
        known &&
        (REGION_PREFIX.test(text.slice(start, known.start)) || this.input.hits.some((h) => h.start === start && h.end <= known.start));
      if (known && !prefixIsName && !occs.some((o) => o.end <= known.start)) start = known.start;
    }
    const name = qualified ?? text.slice(start, end);
    if ([...name].length < 2) return null;
    return { start, end, name, ...typeOf(last.rule, name), found: qualified ? 'context' : 'suffix' };
  }

  private emitParty(cut: number, end: number, occs: Occurrence[], qualified: string | null): void {
    const { text } = this.input;
    const party = occs[occs.length - 1];
    const full = qualified ?? text.slice(cut, end);
    const base = full.slice(0, full.length - party.rule.suffix.length);
    if (!base) return;
    if (party.rule.suffix === '党工委' || TERRITORIAL.test(base)) {
      const m: Mention = {
        start: cut,
        end,
        name: full,
        type: 'Government',
        kind: 'party_committee',
        found: qualified ? 'context' : 'suffix',
      };
      this.addWithInner(m, occs);
      return;
    }
    const baseOccs = occs.slice(0, -1);
    const inner = baseOccs.length ? this.named(cut, party.start, baseOccs, null) : null;
    if (inner) {
      const coreEnd = inner.end;
      inner.end = end;
      inner.aliases = [full];
      this.addWithInner(inner, baseOccs, coreEnd);
      return;
    }
    const alliance = /产业|集群|联盟|党建/.test(base);
    const m: Mention = {
      start: cut,
      end,
      name: full,
      type: alliance ? 'Alliance' : 'Enterprise',
      kind: alliance ? 'party_alliance' : undefined,
      found: 'suffix',
    };
    this.addWithInner(m, occs);
  }

  /**
   * Adds a name and the names inside it that can contain it, chained (each in the next larger):
   * 闵行区 ⊂ 闵行区工商联 ⊂ 闵行区工商联生物医药产业联盟. `coreEnd` is where the name ends before a
   * party suffix; a qualified name's inner names are qualified the same way.
   */
  private addWithInner(m: Mention, occs: Occurrence[], coreEnd = m.end): void {
    this.mentions.push(m);
    const { text } = this.input;
    const prefix = m.found === 'context' ? m.name.slice(0, Math.max(0, m.name.length - (m.end - m.start))) : '';
    const chain: Mention[] = prefix ? [] : this.regionPrefixes(m);
    for (const [k, o] of occs.entries()) {
      if (o.end >= coreEnd || o.start < m.start) continue;
      if (o.rule.role === 'company' && occs[k + 1]?.start === o.end) continue;
      const { type, kind } = typeOf(o.rule, text.slice(m.start, o.end));
      if (o.rule.role === 'party' || (o.rule.role === 'sub' && !chain.length)) continue;
      if (type !== 'Region' && genericEnd(text, m.start, o.start) >= o.start && !this.hitEnds.has(o.end)) continue;
      let start = m.start;
      if (type === 'Region') {
        const outerRegion = chain.filter((c) => c.type === 'Region' && c.end <= o.start).pop();
        if (outerRegion) start = outerRegion.end;
      }
      const name = (start === m.start ? prefix : '') + text.slice(start, o.end);
      if ([...name].length < 2) continue;
      chain.push({ start, end: o.end, name, type, kind, found: 'inner' });
    }
    for (const h of this.input.hits) {
      if (h.start !== m.start || h.end >= coreEnd || chain.some((c) => c.end === h.end)) continue;
      chain.push({ start: h.start, end: h.end, name: h.text, type: h.entries[0].type, found: 'inner', entries: h.entries });
    }
    const brand = BRAND_UNIT.exec(m.name);
    if (brand && !prefix && !chain.some((c) => c.end === m.start + brand[1].length))
      chain.push({ start: m.start, end: m.start + brand[1].length, name: brand[1], type: 'Enterprise', found: 'inner' });
    if (prefix) {
      const place = this.contextPlace(m, prefix);
      if (place) chain.push(place);
    }
    chain.sort((a, b) => a.end - b.end || b.start - a.start);
    let outer: Mention = m;
    for (let i = chain.length - 1; i >= 0; i--) {
      const inner = chain[i];
      if (!containerRelation(outer, inner)) continue;
      this.mentions.push(inner);
      this.links.push({ outer, inner });
      // A body is also in the nearest place its name gives (静安区委统战部 LOCATED_IN 静安区).
      if (outer !== m && outer.type !== 'Region' && inner.type !== 'Region') {
        const region = chain
          .slice(0, i)
          .reverse()
          .find((c) => c.type === 'Region');
        if (region && containerRelation(m, region) === 'LOCATED_IN') this.links.push({ outer: m, inner: region });
      }
      outer = inner;
    }
  }

  /** The place a shortened name was completed from (区委 → 闵行区委: 闵行区), as a mention over the short name. */
  private contextPlace(m: Mention, prefix: string): Mention | null {
    const d = this.input.places.at('district', m.start);
    const t = this.input.places.at('town', m.start);
    const s = this.input.places.at('subdistrict', m.start);
    if (prefix === CITY.replace(/市$/, '')) return { start: m.start, end: m.end, name: CITY, type: 'Region', kind: 'city', found: 'inner' };
    const place = [s, t, d].find((p) => p && prefix === p.name.replace(/(?:区|镇|街道)$/, ''));
    if (!place) return null;
    const kind = place.level === 'district' ? 'district' : place.level === 'town' ? 'town' : 'subdistrict';
    return { start: m.start, end: m.end, name: place.name, type: 'Region', kind, found: 'inner' };
  }

  /** 上海市 / a district / a town at the start of a name, as region mentions. */
  private regionPrefixes(m: Mention): Mention[] {
    const { text } = this.input;
    const out: Mention[] = [];
    let at = m.start;
    const city = /^上海市?/.exec(text.slice(at, m.end));
    if (city && !DISTRICT_SHORT.has(text.slice(at, at + 2))) {
      out.push({ start: at, end: at + city[0].length, name: CITY, type: 'Region', kind: 'city', found: 'inner' });
      at += city[0].length;
    }
    const district = [...SHANGHAI_DISTRICTS].find((d) => text.startsWith(d, at) && at + d.length < m.end);
    if (district) out.push({ start: at, end: at + district.length, name: district, type: 'Region', kind: 'district', found: 'inner' });
    return out;
  }

  /** 上海市口腔医院·复旦大学附属口腔医院: one organisation, the second name an alias. */
  private mergeDotted(): void {
    const { text } = this.input;
    for (const a of this.mentions) {
      if (text[a.end] !== '·' || a.found === 'inner') continue;
      const b = this.mentions.find((m) => m.start === a.end + 1 && m.found !== 'inner' && m.type === a.type);
      if (!b) continue;
      a.aliases = [...(a.aliases ?? []), b.name];
      b.name = a.name;
      b.kind = a.kind;
    }
  }
}

export function scanNames(input: ScanInput): ScanResult {
  return new Scanner(input).run();
}

/** Type (and base name, for a party form of an organisation) of a whole name, by its suffix. */
export function classifyName(name: string): { name: string; type: EntityType; kind?: EntityKind; aliases: string[] } | null {
  const rule = SUFFIXES_BY_LENGTH.find((r) => name.endsWith(r.suffix) && name.length > r.suffix.length);
  if (!rule) return null;
  if (rule.role !== 'party') return { name, ...typeOf(rule, name), aliases: [] };
  const base = name.slice(0, -rule.suffix.length);
  if (rule.suffix === '党工委' || TERRITORIAL.test(base)) return { name, type: 'Government', kind: 'party_committee', aliases: [] };
  const inner = classifyName(base);
  if (inner) return { ...inner, aliases: [name] };
  const alliance = /产业|集群|联盟|党建/.test(base);
  return { name, type: alliance ? 'Alliance' : 'Enterprise', kind: alliance ? 'party_alliance' : undefined, aliases: [] };
}
