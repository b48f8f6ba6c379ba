/**
 * Relations from patterns, each with the span of its evidence (the quote is made from it):
 * - a name inside a name (闵行区浦江镇商会: 商会 LOCATED_IN 浦江镇 LOCATED_IN 闵行区; 复旦大学附属…医院
 *   AFFILIATED_WITH 复旦大学; 闵行区委组织部 PART_OF 闵行区委);
 * - titles: SERVES_IN with the title as role;
 * - events: venue (LOCATED_IN), `A举办B` (ORGANISES), who 出席 / 参加 / 主持 / 分享 / was 现场 or
 *   会上 (PARTICIPATES_IN), `由…指导` (GUIDES), `…主办` / `…协办、承办` (ORGANISES host / co_host);
 * - membership: labelled lists (召集单位: / 成员单位: …, the alliance named just before), `X副会长单位Y`,
 *   `X单位包括…`, `ROLE由ORG担任`, `A加入B`, `…等X成员代表` (the bodies of the people listed);
 * - `A下设B、C` / `A组建B` / `设立…` (PART_OF), `A成立B` (ORGANISES: the founding of B);
 * - signings: `A、B与C…签约`, `A、B、C等…签约`, `A与B、C签署X备忘录及Y协议` (SIGNED, first-named → each
 *   counterparty, one per kind: 备忘录 memorandum, 共建 co_building, 投资意向 investment_intent, else agreement);
 * - `X…集聚 / 引进培育 A、B等企业`, `A落户 / 位于B`, `X内布局有Y` (LOCATED_IN);
 * - a Shanghai district in the city, when the text names both (inferred: the administrative division).
 * Every relation respects RELATION_ENDPOINTS; one that would not is not proposed.
 */
import { RELATION_ENDPOINTS, type RelationKind, type RelationType } from '../domain/model.js';
import { containerRelation, type NameLink } from './names.js';
import { overlaps, type Mention } from './mention.js';
import { TITLES } from './lexicon.js';
import type { Sentence, Span } from './types.js';

export interface RawRelation {
  type: RelationType;
  from: Mention;
  to: Mention;
  role?: string;
  kind?: RelationKind;
  topic?: string;
  date?: string;
  span: Span;
  rule: string;
  inferred?: boolean;
  reason?: string;
}

export interface OfficeMention {
  person: Mention;
  title: string;
  body: Mention | null;
  span: Span;
}

export interface EventMention {
  event: Mention;
  venue: Mention | null;
  organiser: Mention | null;
  sentence: Sentence;
}

export interface RelationInput {
  text: string;
  sentences: readonly Sentence[];
  /** Names proposed at the top level (not inside another), persons and events included, in text order. */
  top: readonly Mention[];
  links: readonly NameLink[];
  offices: readonly OfficeMention[];
  events: readonly EventMention[];
  /** The article's date: the "as of" date of memberships and offices. */
  date: string | null;
}

const MEMBER_LABEL = /(召集单位|成员单位|理事单位|会员单位|常务理事单位|发起单位|副会长单位|会长单位|监事单位|首批成员)[::]/g;
const INLINE_LABEL = /(副会长单位|会长单位|理事单位|会员单位|成员单位)/g;
const PARTICIPATION = /出席|参加|参与(?:活动|会议|论坛)|与会|现场|会上|主持|做了分享|作了分享|致辞|发言/;

function allowed(type: RelationType, from: Mention, to: Mention): boolean {
  if (from === to || from.name === to.name) return false;
  const [fromTypes, toTypes] = RELATION_ENDPOINTS[type] ?? [null, null];
  if (fromTypes && !fromTypes.includes(from.type)) return false;
  if (toTypes && !toTypes.includes(to.type)) return false;
  if (type === 'ORGANISES' || type === 'GUIDES') return to.type === 'Event' || to.type === 'Alliance';
  if (type === 'MEMBER_OF') return to.type === 'Alliance' && !['Person', 'Event', 'Region'].includes(from.type);
  if (type === 'SIGNED') return from.type !== 'Person' && from.type !== 'Event' && to.type !== 'Person' && to.type !== 'Event';
  return true;
}

function signedKinds(words: string): RelationKind[] {
  const kinds: RelationKind[] = [];
  if (/备忘录/.test(words)) kinds.push('memorandum');
  if (/共建/.test(words)) kinds.push('co_building');
  if (/投资/.test(words)) kinds.push('investment_intent');
  if (!kinds.length || /合作协议|战略合作|框架协议/.test(words.replace(/共建协议/g, ''))) kinds.push('agreement');
  return [...new Set(kinds)];
}

class Finder {
  readonly out: RawRelation[] = [];
  private readonly orgs: Mention[];

  /** Names inside names too: what a bare 商会 / 基地 may refer back to. */
  private readonly named: Mention[];

  constructor(private readonly input: RelationInput) {
    this.orgs = input.top.filter((m) => m.type !== 'Person' && m.type !== 'Event');
    this.named = [...this.orgs, ...input.links.map((l) => l.inner)].sort((a, b) => a.end - b.end);
  }

  private add(r: RawRelation): void {
    if (allowed(r.type, r.from, r.to)) this.out.push(r);
  }

  private orgsIn(from: number, to: number): Mention[] {
    return this.orgs.filter((m) => m.start >= from && m.end <= to);
  }

  private personsIn(from: number, to: number): Mention[] {
    return this.input.top.filter((m) => m.type === 'Person' && m.start >= from && m.end <= to);
  }

  /** The event a sentence speaks of: the last one named up to its end, else the first of the text. */
  private eventAt(position: number): Mention | null {
    const events = this.input.top.filter((m) => m.type === 'Event');
    return events.filter((e) => e.start < position).pop() ?? events[0] ?? null;
  }

  private latestAlliance(before: number, within = 400): Mention | null {
    return this.orgs.filter((m) => m.type === 'Alliance' && m.end <= before && before - m.end <= within).pop() ?? null;
  }

  run(): RawRelation[] {
    this.names();
    this.titles();
    this.eventFacts();
    for (const s of this.input.sentences) {
      this.participation(s);
      this.founded(s);
      this.guidesAndHosts(s);
      this.signings(s);
      this.memberships(s);
      this.parts(s);
      this.locations(s);
    }
    this.labelledLists();
    this.districtsInCity();
    return this.out;
  }

  private names(): void {
    for (const { outer, inner } of this.input.links) {
      const type = containerRelation(outer, inner);
      if (!type) continue;
      const role = type === 'MEMBER_OF' ? '所属商会' : undefined;
      this.add({ type, from: outer, to: inner, role, span: { start: Math.min(outer.start, inner.start), end: outer.end }, rule: 'name' });
    }
  }

  private titles(): void {
    for (const o of this.input.offices)
      if (o.body)
        this.add({
          type: 'SERVES_IN',
          from: o.person,
          to: o.body,
          role: o.title,
          date: this.input.date ?? undefined,
          span: { start: o.span.start, end: o.person.end },
          rule: 'title',
        });
  }

  private eventFacts(): void {
    for (const e of this.input.events) {
      // 松江区生物医药产业集群—东华大学对接推进会: the parties a meeting is between take part in it.
      // X成立大会 / X成立仪式: X was founded at the event.
      const founding = /成立(?:大会|仪式)/.exec(e.event.name);
      if (founding) {
        const at = e.event.start + founding.index;
        const founded = this.named.filter((m) => m.end === at && m.start >= e.event.start && m.type === 'Alliance').pop();
        if (founded) this.add({ type: 'PARTICIPATES_IN', from: founded, to: e.event, role: '成立', span: e.event, rule: 'founded' });
      }
      if (/—|与/.test(e.event.name))
        for (const o of this.named.filter((m) => m.start >= e.event.start && m.end <= e.event.end && m.type !== 'Region'))
          this.add({ type: 'PARTICIPATES_IN', from: o, to: e.event, span: e.event, rule: 'event-parties' });
      if (e.venue) this.add({ type: 'LOCATED_IN', from: e.event, to: e.venue, span: e.sentence, rule: 'venue' });
      if (e.organiser) this.add({ type: 'ORGANISES', from: e.organiser, to: e.event, kind: 'host', span: e.sentence, rule: 'holds' });
    }
  }

  /** 成立X at an event (a heading, or 同步成立): X was founded there (PARTICIPATES_IN, role 成立). */
  private founded(s: Sentence): void {
    if (!/成立/.test(s.text) || /成立仪式|成立大会/.test(s.text)) return;
    const event = this.eventAt(s.end);
    if (!event || event.start >= s.start) return;
    const founding = /成立(?:了)?([^,,。;;]{0,40})/g;
    for (let m = founding.exec(s.text); m; m = founding.exec(s.text)) {
      const at = s.start + m.index + m[0].length - m[1].length;
      for (const o of this.orgsIn(at, at + m[1].length).slice(0, 1))
        if (o.type === 'Alliance') this.add({ type: 'PARTICIPATES_IN', from: o, to: event, role: '成立', span: s, rule: 'founded' });
    }
  }

  private participation(s: Sentence): void {
    const hit = PARTICIPATION.exec(s.text);
    if (!hit) return;
    const event = this.eventAt(s.end);
    if (!event) return;
    const bodies = new Set(this.input.offices.map((o) => o.body).filter((b): b is Mention => Boolean(b)));
    const chair = /主持/.exec(s.text);
    for (const p of this.personsIn(s.start, s.end)) {
      const role = chair && s.start + chair.index === p.end ? '主持' : undefined;
      this.add({ type: 'PARTICIPATES_IN', from: p, to: event, role, span: s, rule: 'participation' });
    }
    for (const o of this.orgsIn(s.start, s.end)) {
      if (bodies.has(o) || overlaps(o, event) || this.input.events.some((e) => e.venue === o)) continue;
      this.add({ type: 'PARTICIPATES_IN', from: o, to: event, span: s, rule: 'participation' });
    }
  }

  private guidesAndHosts(s: Sentence): void {
    const re = /(指导|联合主办|主办|协办|承办|牵头)(?!下|单位)/g;
    let clauseStart = s.start;
    for (let m = re.exec(s.text); m; m = re.exec(s.text)) {
      const at = s.start + m.index;
      const before = this.input.text.slice(clauseStart, at);
      const by = Math.max(before.lastIndexOf('由'), before.lastIndexOf(','), before.lastIndexOf(','));
      const from = by >= 0 ? clauseStart + by + 1 : clauseStart;
      const event = this.eventAt(s.end);
      if (event) {
        const type: RelationType = m[1] === '指导' ? 'GUIDES' : 'ORGANISES';
        const kind: RelationKind | undefined = type === 'GUIDES' ? undefined : /协办|承办/.test(m[1]) ? 'co_host' : 'host';
        for (const o of this.orgsIn(from, at)) this.add({ type, from: o, to: event, kind, span: s, rule: 'hosts' });
      }
      clauseStart = at + m[1].length;
    }
  }

  private signings(s: Sentence): void {
    // The last signing word: 签约活动现场,A、B与C…签约 is one signing, stated at its end.
    const signs = [...s.text.matchAll(/签约|签署|签订/g)];
    const sign = signs[signs.length - 1];
    if (!sign || sign.index === undefined) return;
    const signAt = s.start + sign.index;
    // 等12家企业集中签约落户张江科学城: they signed to settle there, not with each other.
    const settle = /^(?:签约|签署|签订)(?:落户|入驻)/.exec(this.input.text.slice(signAt));
    if (settle) {
      const place = this.orgs.find((o) => o.start >= signAt + settle[0].length && o.start <= signAt + settle[0].length + 1);
      const clause = this.input.text.slice(s.start, signAt);
      const from = s.start + Math.max(clause.lastIndexOf(','), clause.lastIndexOf(','), clause.lastIndexOf('。')) + 1;
      if (place) for (const o of this.orgsIn(from, signAt)) this.add({ type: 'LOCATED_IN', from: o, to: place, span: s, rule: 'settled' });
      return;
    }
    const text = this.input.text;
    const withAt = text.slice(s.start, signAt).lastIndexOf('与');
    const clauseStart = s.start + Math.max(0, text.slice(s.start, signAt).lastIndexOf('。') + 1);
    const parties = this.orgsIn(clauseStart, signAt);
    let first: Mention[];
    let counter: Mention[];
    if (withAt >= 0) {
      first = parties.filter((m) => m.end <= s.start + withAt);
      counter = parties.filter((m) => m.start > s.start + withAt);
    } else {
      first = parties.slice(0, 1);
      counter = parties.slice(1);
    }
    const tail = /^[^,,。;;]*/.exec(text.slice(signAt))?.[0] ?? '';
    const head = /[^,,。;;]*$/.exec(text.slice(clauseStart, signAt))?.[0] ?? '';
    const words = `${head}${tail}`;
    const topic = tail.replace(/^(?:签约|签署|签订)(?:了)?/, '') || head.replace(/.*(?:进行了?|开展)/, '');
    for (const kind of signedKinds(words))
      for (const a of first)
        for (const b of counter) this.add({ type: 'SIGNED', from: a, to: b, kind, topic: topic || undefined, span: s, rule: 'signing' });
  }

  private memberships(s: Sentence): void {
    const text = this.input.text;
    INLINE_LABEL.lastIndex = 0;
    for (let m = INLINE_LABEL.exec(s.text); m; m = INLINE_LABEL.exec(s.text)) {
      const at = s.start + m.index;
      const end = at + m[0].length;
      if (text[end] === ':' || text[end] === ':') continue;
      const member = this.orgs.find((o) => o.start === end);
      const owner =
        this.orgs.filter((o) => o.end === at).pop() ?? (text.slice(at - 2, at) === '商会' ? this.latestOfName(at, /商会$/) : null);
      if (member && owner)
        this.add({
          type: 'MEMBER_OF',
          from: member,
          to: owner,
          role: m[1],
          date: this.input.date ?? undefined,
          span: s,
          rule: 'member-label',
        });
    }
    const incl = /(?:成员)?单位包括|成员包括|成员有/.exec(s.text);
    if (incl) {
      const at = s.start + incl.index;
      const owner = this.orgs.filter((o) => o.end <= at && o.type === 'Alliance').pop() ?? this.latestAlliance(at);
      const stop = text.indexOf(',', at + incl[0].length);
      for (const o of this.orgsIn(at, stop > 0 && stop < s.end ? stop : s.end))
        if (owner)
          this.add({
            type: 'MEMBER_OF',
            from: o,
            to: owner,
            role: '成员单位',
            date: this.input.date ?? undefined,
            span: s,
            rule: 'member-list',
          });
    }
    // 首席执行长由X担任 / 联盟由X担任理事长单位: X holds that place in the alliance (clause by clause).
    let clauseAt = s.start;
    for (const clause of s.text.split(/(?<=[,,;;])/)) {
      const served = /^(.{0,20}?)由(.{2,40}?)担任([^,,。;;]{0,8})/.exec(clause);
      if (served) {
        const after = /^\p{Script=Han}{1,6}单位/u.exec(served[3])?.[0];
        const role = TITLES.find((t) => served[1].endsWith(t.title))?.title ?? after;
        const at = clauseAt + served[1].length + 1;
        const org = this.orgsIn(at, at + served[2].length)[0];
        const owner = this.latestAlliance(at);
        if (role && org && owner)
          this.add({ type: 'MEMBER_OF', from: org, to: owner, role, date: this.input.date ?? undefined, span: s, rule: 'role-held' });
      }
      clauseAt += clause.length;
    }
    const join = /加入/.exec(s.text);
    if (join) {
      const at = s.start + join.index;
      const a = this.orgs.filter((o) => o.end === at).pop();
      const b = this.orgs.find((o) => o.start >= at + 2 && o.start <= at + 4);
      if (a && b)
        this.add({ type: 'MEMBER_OF', from: a, to: b, role: '成员单位', date: this.input.date ?? undefined, span: s, rule: 'join' });
    }
    const reps = /等(.{2,24}?)成员代表/.exec(s.text);
    if (reps) {
      const at = s.start + reps.index;
      const owner = this.orgsIn(at, at + reps[0].length).find((o) => o.type === 'Alliance');
      if (owner)
        for (const o of this.input.offices)
          if (
            o.person.start >= s.start &&
            o.person.end <= at &&
            o.body &&
            o.body.type === 'Alliance' &&
            o.body !== owner &&
            o === this.lastOffice(o.person)
          )
            this.add({
              type: 'MEMBER_OF',
              from: o.body,
              to: owner,
              role: '成员单位',
              date: this.input.date ?? undefined,
              span: s,
              rule: 'representatives',
            });
    }
  }

  /** The district (or town) mentioned last before a position, or first in the text. */
  private places(before: number, kind: 'district' | 'town'): Mention | null {
    const regions = this.named.filter((m) => m.type === 'Region' && m.kind === kind);
    return regions.filter((m) => m.end <= before).pop() ?? regions[0] ?? null;
  }

  private lastOffice(person: Mention): OfficeMention | undefined {
    return this.input.offices.filter((o) => o.person === person).pop();
  }

  private latestOfName(before: number, name: RegExp): Mention | null {
    return this.named.filter((m) => m.end <= before && name.test(m.name)).pop() ?? null;
  }

  private parts(s: Sentence): void {
    const text = this.input.text;
    const verbs = /下设|组建|设立|成立了?/g;
    for (let m = verbs.exec(s.text); m; m = verbs.exec(s.text)) {
      const at = s.start + m.index;
      const after = at + m[0].length;
      const stop = (() => {
        const i = text.slice(after, s.end).search(/[,,。;;]/);
        return i < 0 ? s.end : after + i;
      })();
      const targets = this.orgsIn(after, stop).filter((o) => o.type === 'Alliance');
      if (m[0].startsWith('成立')) {
        if (/^(?:仪式|大会|活动)/.test(text.slice(after))) continue;
        const founder = this.orgs.filter((o) => o.end <= at && o.start >= s.start).pop();
        for (const t of targets.slice(0, 1))
          if (founder && at - founder.end <= 6)
            this.add({ type: 'ORGANISES', from: founder, to: t, kind: 'host', span: s, rule: 'founding' });
        continue;
      }
      const parent =
        m[0] === '设立'
          ? this.orgs.find((o) => o.start >= s.start && o.end <= at && o.type === 'Alliance')
          : this.orgs.filter((o) => o.end === at).pop();
      if (parent) for (const t of targets) this.add({ type: 'PART_OF', from: t, to: parent, span: s, rule: 'part' });
    }
  }

  private locations(s: Sentence): void {
    const text = this.input.text;
    const gather = /集聚了?|引进培育|引进|落户/.exec(s.text);
    if (gather) {
      const at = s.start + gather.index;
      const place = this.orgs.filter((o) => o.start >= s.start && o.end <= at && (o.type === 'Region' || o.type === 'Park')).pop();
      const stop = text.indexOf('等', at);
      if (place)
        for (const o of this.orgsIn(at, stop > 0 && stop < s.end ? stop : s.end))
          if (o.type === 'Enterprise') this.add({ type: 'LOCATED_IN', from: o, to: place, span: s, rule: 'gathered' });
    }
    const inside = /(.{0,8}?)内(?:布局|设|建)有/.exec(s.text);
    if (inside) {
      const at = s.start + inside.index;
      const host =
        this.orgsIn(at, at + inside[0].length).pop() ?? this.latestOfName(at + inside[0].length, new RegExp(`${inside[1].slice(-2)}$`));
      const after = at + inside[0].length;
      const guest = this.orgs.find((o) => o.start >= after && o.start <= after + 2);
      if (host && guest) this.add({ type: 'LOCATED_IN', from: guest, to: host, span: s, rule: 'inside' });
    }
    // 上海交通大学、华东师范大学等驻区高校: in the district the text is about.
    const stationed = /等驻(区|镇)/.exec(s.text);
    if (stationed) {
      const at = s.start + stationed.index;
      const place = this.places(at, stationed[1] === '区' ? 'district' : 'town');
      const from = Math.max(s.start, text.lastIndexOf(',', at), text.lastIndexOf(',', at));
      if (place) for (const o of this.orgsIn(from, at)) this.add({ type: 'LOCATED_IN', from: o, to: place, span: s, rule: 'stationed' });
    }
    const where = /位于|落户于?/.exec(s.text);
    if (where) {
      const at = s.start + where.index;
      const a = this.orgs.filter((o) => o.end <= at && at - o.end <= 1 && o.start >= s.start).pop();
      const b = this.orgs.find((o) => o.start >= at + where[0].length && o.start <= at + where[0].length + 1);
      if (a && b) this.add({ type: 'LOCATED_IN', from: a, to: b, span: s, rule: 'located' });
    }
  }

  /** 召集单位:… 成员单位:… — members of the alliance named just before the list. */
  private labelledLists(): void {
    const text = this.input.text;
    const labels: { at: number; end: number; role: string }[] = [];
    MEMBER_LABEL.lastIndex = 0;
    for (let m = MEMBER_LABEL.exec(text); m; m = MEMBER_LABEL.exec(text))
      labels.push({ at: m.index, end: m.index + m[0].length, role: m[1] });
    labels.forEach((label, i) => {
      const lineEnd = text.indexOf('\n', label.end);
      const stop = Math.min(labels[i + 1]?.at ?? text.length, lineEnd < 0 ? text.length : lineEnd);
      const owner = this.latestAlliance(labels[0].at, 600);
      if (!owner) return;
      for (const o of this.orgsIn(label.end, stop))
        this.add({
          type: 'MEMBER_OF',
          from: o,
          to: owner,
          role: label.role,
          date: this.input.date ?? undefined,
          span: { start: label.at, end: o.end },
          rule: 'member-list',
        });
    });
  }

  private districtsInCity(): void {
    const all = [...this.input.top, ...this.input.links.map((l) => l.inner)];
    const city = all.find((m) => m.type === 'Region' && m.kind === 'city');
    if (!city) return;
    const seen = new Set<string>();
    for (const d of all) {
      if (d.type !== 'Region' || d.kind !== 'district' || seen.has(d.name)) continue;
      seen.add(d.name);
      this.add({ type: 'LOCATED_IN', from: d, to: city, span: d, rule: 'division', inferred: true, reason: '上海市辖区(行政区划)' });
    }
  }
}

export function findRelations(input: RelationInput): RawRelation[] {
  return new Finder(input).run();
}
