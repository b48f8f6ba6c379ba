/**
 * People next to their titles, and the bodies the titles are held in.
 *
 * `区委常委、统战部部长吴继华`: a person (a common surname and one or two more characters) right
 * after a title (lexicon.ts TITLES), and before it a chain of 、-separated items, each a body and a
 * title. The body of an item is what precedes its title plus the part of the title that names it
 * (区委书记 → 区委, 镇长 → 镇人民政府), read in full from the places the text names (区委 → 闵行区委);
 * an item with no body of its own (党组成员、副主席) holds its title in the body before it, and a
 * bare department (统战部) is the department of the party committee before it.
 *
 * Also `——上海鹏晨智谷科技发展有限公司总经理 甘占勇` (a speaker's line) and `张三(董事长)`.
 */
import type { PlaceContext } from './context.js';
import {
  AFTER_NAME,
  COMPOUND_SURNAMES,
  LEAD_BREAKS,
  NOT_A_NAME,
  STRONG_BREAK_CHARS,
  SURNAMES,
  TITLES,
  WEAK_BREAK_CHARS,
  type TitleRule,
} from './lexicon.js';
import { HAN_CHAR, type Mention } from './mention.js';

/** One title a person holds, in a body named by text (resolved to a mention later). */
export interface Office {
  person: Mention;
  title: string;
  /** The body's name in full (qualified), or null when the text names none. */
  body: string | null;
  /** Where the body is named in the text (its span), if it is. */
  bodySpan: { start: number; end: number } | null;
  /** The span of the whole item (body + title). */
  span: { start: number; end: number };
}

export interface PeopleResult {
  persons: Mention[];
  offices: Office[];
  /** Titles and names: not to be read as organisation names. */
  mask: Uint8Array;
}

const ITEM_STOP = new Set([...',，。;；:：!！?？“”"\n·—()']);
const BARE_DEPARTMENT = /^(?:统战部|组织部|宣传部)$/;

/** What precedes a body in an item and is no part of it (服务浦江镇党委副书记 → 浦江镇). */
function trimLead(prefix: string): string {
  let p = prefix.replace(/^[-—–\s]+/, '');
  for (let moved = true; moved;) {
    moved = false;
    const w = LEAD_BREAKS.find((b) => p.startsWith(b) && p.length > b.length);
    if (w) {
      p = p.slice(w.length);
      moved = true;
    } else if (p.length > 1 && (STRONG_BREAK_CHARS + WEAK_BREAK_CHARS).includes(p[0])) {
      p = p.slice(1);
      moved = true;
    }
  }
  return p;
}

/** A person's name starting at i: compound or common surname, then one or two characters. */
export function personAt(text: string, i: number): string | null {
  if (NOT_A_NAME.test(text.slice(i))) return null;
  const compound = COMPOUND_SURNAMES.find((s) => text.startsWith(s, i));
  const surname = compound ?? (SURNAMES.has(text[i]) ? text[i] : null);
  if (!surname) return null;
  const at = i + surname.length;
  if (!HAN_CHAR.test(text[at] ?? '')) return null;
  if (AFTER_NAME.test(text.slice(at + 1))) return text.slice(i, at + 1);
  if (!HAN_CHAR.test(text[at + 1] ?? '')) return text.slice(i, at + 1);
  return text.slice(i, at + 2);
}

function titleEndingAt(text: string, end: number, from: number): TitleRule | null {
  return TITLES.find((t) => end - t.title.length >= from && text.startsWith(t.title, end - t.title.length)) ?? null;
}

interface Item {
  start: number;
  end: number;
  title: TitleRule;
  prefix: string;
}

/** The 、-separated items before a person, right to left: each a body and a title. */
function itemsBefore(text: string, titleStart: number, title: TitleRule): Item[] {
  const items: Item[] = [];
  let end = titleStart + title.title.length;
  let rule: TitleRule | null = title;
  while (rule) {
    const tStart = end - rule.title.length;
    let s = tStart;
    while (s > 0 && !ITEM_STOP.has(text[s - 1]) && text[s - 1] !== '、') s--;
    items.unshift({ start: s, end, title: rule, prefix: trimLead(text.slice(s, tStart).trim()) });
    if (text[s - 1] !== '、') break;
    end = s - 1;
    rule = titleEndingAt(text, end, 0);
  }
  return items;
}

/** The body of an item: its text plus the title's body part, qualified; a bare department joins the body before it. */
function bodyOf(item: Item, before: string | null, places: PlaceContext): string | null {
  const prefix = item.prefix.replace(/^[-—–\s]+/, '');
  const org = item.title.org ?? '';
  // 浦东新区 + 区委 → 浦东新区委; 浦江镇 + 镇人民政府 → 浦江镇人民政府.
  const own = prefix && org && prefix.endsWith(org[0]) && /^[区镇市]/.test(org) ? prefix + org.slice(1) : prefix + org;
  if (!own) return before;
  if (BARE_DEPARTMENT.test(own)) {
    const committee = before && /(?:区委|市委|党委)$/.test(before) ? before : (places.qualify('区委', item.start) ?? '区委');
    return committee + own;
  }
  if (own.startsWith('区人民政府') || own.startsWith('镇人民政府') || own.startsWith('市人民政府') || /^(?:区|镇|市|街道)/.test(own))
    return places.qualify(own, item.start) ?? own;
  return own;
}

/** Finds people by title; see the module comment. */
export function findPeople(text: string, places: PlaceContext): PeopleResult {
  const persons: Mention[] = [];
  const offices: Office[] = [];
  const mask = new Uint8Array(text.length);
  const seen = new Set<number>();
  for (const t of TITLES) {
    for (let at = text.indexOf(t.title); at >= 0; at = text.indexOf(t.title, at + 1)) {
      if (seen.has(at)) continue;
      let n = at + t.title.length;
      if (text[n] === ' ') n++;
      const name = personAt(text, n);
      if (!name) continue;
      const longer = TITLES.find(
        (o) =>
          o.title.length > t.title.length && o.title.endsWith(t.title) && text.startsWith(o.title, at + t.title.length - o.title.length),
      );
      if (longer) continue;
      seen.add(at);
      const person: Mention = { start: n, end: n + name.length, name, type: 'Person', found: 'title' };
      persons.push(person);
      mask.fill(1, n, n + name.length);
      let body: string | null = null;
      let bodySpan: Office['bodySpan'] = null;
      for (const item of itemsBefore(text, at, t)) {
        const tStart = item.end - item.title.title.length;
        mask.fill(1, tStart, item.end);
        body = bodyOf(item, body, places);
        const org = item.title.org ?? '';
        const literal = org && item.title.title.startsWith(org) ? org.length : 0;
        const prefixStart = item.end - item.title.title.length - item.prefix.length;
        if (item.prefix) bodySpan = { start: prefixStart, end: tStart + literal };
        else if (org) bodySpan = { start: tStart, end: literal ? tStart + literal : item.end };
        offices.push({ person, title: item.title.title, body, bodySpan, span: { start: item.start, end: item.end } });
      }
    }
  }
  speakerLines(text, persons, offices, mask);
  return { persons, offices, mask };
}

/** `——上海鹏晨智谷科技发展有限公司总经理 甘占勇` / `——翌圣生物科技上海有限公司 黄卫华`: a speaker named under a quote. */
function speakerLines(text: string, persons: Mention[], offices: Office[], mask: Uint8Array): void {
  const re = /——([^\n,,。]{4,40}?(?:公司|集团|医院|大学|学院|中心|党委|党支部|商会|协会|联盟))\s+(\p{Script=Han}{2,3})/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const nameStart = m.index + m[0].length - m[2].length;
    if (persons.some((p) => p.start === nameStart)) continue;
    const name = personAt(text, nameStart);
    if (!name) continue;
    const person: Mention = { start: nameStart, end: nameStart + name.length, name, type: 'Person', found: 'title' };
    persons.push(person);
    mask.fill(1, person.start, person.end);
    const bodyStart = m.index + 2;
    offices.push({
      person,
      title: '代表',
      body: m[1],
      bodySpan: { start: bodyStart, end: bodyStart + m[1].length },
      span: { start: m.index, end: person.end },
    });
  }
}
