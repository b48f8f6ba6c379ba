/**
 * Article → proposals: the entities the text names (each resolved against the graph: the entity it
 * most likely is, with score and reason, or new) and the relations it states, each with the
 * sentence that says so. Pure: no store, no GraphQL; nothing is written here.
 *
 * Order: clean (clean.ts) → the graph's names (gazetteer.ts, Aho-Corasick) → places the text names
 * (context.ts) → people by title (people.ts) → new names by suffix, around the people (names.ts)
 * → names in lists (lists.ts) → events (events.ts) → one reading of the text: the longest name
 * wins where two overlap, names inside a name are kept only as its parts → short forms of the new
 * names found again (北片区, 春芝堂, a person's bare name) → grouped into entities and resolved with
 * NameIndex.resolve → relations (relations.ts).
 */
import { normaliseOrgName, NameIndex, type NameRecord } from '../domain/curation/resolution.js';
import type { NameMatch } from '../domain/curation/types.js';
import { cleanArticle, sentenceAt } from './clean.js';
import { PlaceContext } from './context.js';
import { findEvents } from './events.js';
import { Gazetteer, type GazetteerHit } from './gazetteer.js';
import { findListNames } from './lists.js';
import { byPosition, contains, overlaps, type Mention } from './mention.js';
import { classifyName, scanNames, type NameLink } from './names.js';
import { findPeople } from './people.js';
import { findRelations, type EventMention, type OfficeMention, type RawRelation } from './relations.js';
import { localForms, tradeName } from './short-names.js';
import { CITY, DISTRICT_SHORT, SHANGHAI_DISTRICTS, SUFFIXES_BY_LENGTH } from './lexicon.js';
import type { ArticleInput, CleanArticle, EntityProposal, IngestWarning, Proposals, RelationProposal, Span } from './types.js';

/** A match at or above this score is proposed as the entity; below, it is only a candidate. */
export const MATCH_THRESHOLD = 0.85;
/** A quote longer than this is cut to the clause (or a window) around its evidence. */
const MAX_QUOTE = 160;

/** What names the graph has: a prebuilt Gazetteer (best), the records, or a bare NameIndex. */
export type NameSource = Gazetteer | NameIndex | readonly NameRecord[];

function toGazetteer(names: NameSource, warnings: IngestWarning[]): Gazetteer {
  if (names instanceof Gazetteer) return names;
  if (names instanceof NameIndex) {
    warnings.push({
      code: 'NO_GAZETTEER',
      message: 'Only a NameIndex was given: names already in the graph are resolved but not searched for in the text. Pass a Gazetteer.',
    });
    return new Gazetteer([], names);
  }
  return new Gazetteer(names);
}

/** Extracts proposals from an article as pasted or uploaded (cleaning it first). */
export function extract(article: ArticleInput, names: NameSource): Proposals {
  const cleaned = cleanArticle(article);
  if (!cleaned.ok) return { text: '', article: null, error: cleaned.error, entities: [], relations: [], warnings: [] };
  return extractClean(cleaned.article, names, { date: article.date ?? cleaned.article.metadata.date });
}

const SOURCE_RANK: Record<string, number> = { graph: 0, suffix: 1, title: 1, context: 2, list: 2, inner: 3, lexicon: 4, event: 5 };

function hitMention(h: GazetteerHit): Mention {
  return { start: h.start, end: h.end, name: h.text, type: h.entries[0].type, found: 'graph', entries: h.entries };
}

/** One reading: longest first, a known name over a rule's at the same span (taking its type). */
function selectTop(candidates: Mention[], blocked: readonly Mention[]): Mention[] {
  const sorted = [...candidates].sort((a, b) => b.end - b.start - (a.end - a.start) || SOURCE_RANK[a.found] - SOURCE_RANK[b.found]);
  const kept: Mention[] = [];
  for (const m of sorted) {
    if (blocked.some((b) => overlaps(b, m))) continue;
    const same = kept.find((k) => k.start === m.start && k.end === m.end);
    if (same) {
      if (m.entries && !same.entries) {
        same.entries = m.entries;
        same.type = m.entries[0].type;
      }
      if (!m.entries && same.entries && same.name !== m.name && m.name.length > 1) same.aliases = [...(same.aliases ?? []), m.name];
      continue;
    }
    if (kept.some((k) => overlaps(k, m))) continue;
    kept.push(m);
  }
  return kept.sort(byPosition);
}

interface Grouped {
  mentions: Mention[];
  name: string;
  matches: NameMatch[];
}

function quoteFor(article: CleanArticle, span: Span): string {
  const s = sentenceAt(article.sentences, span.start) ?? sentenceAt(article.sentences, Math.max(0, span.end - 1));
  if (!s) return article.text.slice(span.start, span.end);
  if (s.text.length <= MAX_QUOTE) return s.text;
  const text = article.text;
  const lo = Math.max(s.start, Math.min(span.start, span.end - 1));
  let start = lo;
  while (start > s.start && !',,;;::'.includes(text[start - 1])) start--;
  let end = span.end;
  while (end < s.end && !',,;;。'.includes(text[end])) end++;
  if (end - start > MAX_QUOTE) {
    start = Math.max(start, span.start - 40);
    end = Math.min(end, Math.max(span.end + 40, start + 20));
  }
  return text.slice(start, end);
}

/** Extracts proposals from a cleaned article. */
export function extractClean(article: CleanArticle, names: NameSource, options: { date?: string | null } = {}): Proposals {
  const warnings: IngestWarning[] = [];
  const gaz = toGazetteer(names, warnings);
  const text = article.text;
  // Chain segments are the graph's own classification, never named by an article.
  const hits = gaz
    .find(text)
    .map((h) => ({ ...h, entries: h.entries.filter((e) => e.type !== 'ChainSegment') }))
    .filter((h) => h.entries.length > 0);
  const places = new PlaceContext(text, hits);
  const people = findPeople(text, places);
  const scan = scanNames({ text, hits, mask: people.mask, places });
  const listed = findListNames(article.sentences).map((m) => {
    const c = m.found === 'list' && m.type !== 'Enterprise' ? classifyName(m.name) : null;
    return c ? { ...m, name: c.name, type: c.type, kind: c.kind } : m;
  });
  const eventFindings = findEvents(article.sentences);

  const persons = selectTop([...people.persons, ...hits.filter((h) => h.entries[0].type === 'Person').map(hitMention)], []);
  const bodyMentions = officeBodies(people.offices, text);
  const districtMentions: Mention[] = places
    .districts()
    .map((d) => ({ start: d.start, end: d.end, name: d.name, type: 'Region', kind: 'district', found: 'lexicon' }));
  // The city where nothing longer names it (上海南部 is a direction, not the city).
  const cityMentions: Mention[] = [...text.matchAll(/上海市?(?![南北东西]部)/g)].map((m) => ({
    start: m.index ?? 0,
    end: (m.index ?? 0) + m[0].length,
    name: CITY,
    type: 'Region',
    kind: 'city',
    found: 'lexicon',
  }));
  const orgCandidates = [
    ...cityMentions,
    ...hits.filter((h) => h.entries[0].type !== 'Person' && h.entries[0].type !== 'Event').map(hitMention),
    ...scan.mentions.filter((m) => m.found !== 'inner'),
    ...listed,
    ...bodyMentions,
    ...districtMentions,
  ];
  let top = selectTop(orgCandidates, persons);

  // Short forms of new names and people's bare names, found again where nothing else was read.
  const local = localForms(top, persons, scan.links, text);
  const extraOrgs = local.filter((m) => m.type !== 'Person' && ![...top, ...persons].some((t) => overlaps(t, m)));
  top = selectTop([...top, ...extraOrgs], persons);
  const allPersons = selectTop([...persons, ...local.filter((m) => m.type === 'Person')], top);

  const events = selectTop(
    [...eventFindings.map((e) => e.event), ...hits.filter((h) => h.entries[0].type === 'Event').map(hitMention)],
    [],
  );
  const links = [...keptLinks(scan.links, top)];
  links.push(...placeLinks(top, links));
  const inner = [...new Set(links.map((l) => l.inner))];
  const all = [...top, ...inner, ...allPersons, ...events];

  const groups = mergeGroups(groupMentions(all, gaz.index), links);
  const entityOf = new Map<Mention, EntityProposal>();
  const entities: EntityProposal[] = [];
  const ordered = [...groups.values()].sort(
    (a, b) => Math.min(...a.mentions.map((m) => m.start)) - Math.min(...b.mentions.map((m) => m.start)),
  );
  for (const g of ordered) {
    const first = [...g.mentions].sort(byPosition)[0];
    const best = g.matches[0];
    const match = best && best.score >= MATCH_THRESHOLD ? { id: best.id, name: best.name, score: best.score, reason: best.reason } : null;
    // The text's own form too, where it is the name (not a title's 区长 or a shortened 区委).
    const surface = (m: Mention) =>
      m.found === 'inner' || m.found === 'context' || m.found === 'title' || m.found === 'list' ? [] : [text.slice(m.start, m.end)];
    const aliases = [...new Set(g.mentions.flatMap((m) => [m.name, ...(m.aliases ?? []), ...surface(m)]))].filter(
      (a) => a !== g.name && a.length > 1,
    );
    const p: EntityProposal = {
      key: `e${entities.length + 1}`,
      name: g.name,
      type: first.type,
      ...(first.kind ? { kind: first.kind } : {}),
      aliases,
      match,
      candidates: g.matches.slice(0, 3),
      quote: quoteFor(article, first),
      spans: spansOf(g.mentions),
      found: first.found,
    };
    entities.push(p);
    for (const m of g.mentions) entityOf.set(m, p);
  }

  const offices: OfficeMention[] = people.offices.flatMap((o) => {
    const person = allPersons.find((p) => p.start === o.person.start);
    if (!person) return [];
    const body = o.bodySpan
      ? (all.find((m) => m.start === o.bodySpan?.start && m.end === o.bodySpan.end && m.type !== 'Person') ?? null)
      : null;
    return [{ person, title: o.title, body: body ?? lastBody(people.offices, o, all), span: o.span }];
  });
  const eventMentions: EventMention[] = eventFindings.flatMap((f) => {
    const event = events.find((e) => e.name === f.event.name) ?? events.find((e) => overlaps(e, f.event));
    if (!event) return [];
    // The venue is the name the place ends with (上海张江科学会堂 names no body: no venue).
    const venue = f.venue ? (top.filter((m) => contains(f.venue as Span, m) && m.end === f.venue?.end).pop() ?? null) : null;
    const organiser = f.organiser ? (top.filter((m) => contains(f.organiser as Span, m)).pop() ?? null) : null;
    return [{ event, venue, organiser, sentence: f.sentence }];
  });
  const raw = findRelations({
    text,
    sentences: article.sentences,
    top: [...top, ...allPersons, ...events].sort(byPosition),
    links,
    offices,
    events: eventMentions,
    date: options.date ?? null,
  });
  return { text, article, error: null, entities, relations: toProposals(raw, entityOf, article), warnings };
}

/** Where an entity is mentioned: each stretch once, none inside another of the same entity. */
function spansOf(mentions: readonly Mention[]): Span[] {
  const spans = [...new Map(mentions.map((m) => [`${m.start}:${m.end}`, { start: m.start, end: m.end }])).values()];
  return spans
    .filter((s) => !spans.some((o) => o !== s && contains(o, s) && o.end - o.start > s.end - s.start))
    .sort((a, b) => a.start - b.start);
}

/** Mentions for the bodies that titles name (区委 → 闵行区委), where no name was read there. */
function officeBodies(offices: ReturnType<typeof findPeople>['offices'], text: string): Mention[] {
  const out: Mention[] = [];
  for (const o of offices) {
    if (!o.body || !o.bodySpan) continue;
    if (out.some((m) => m.start === o.bodySpan?.start && m.end === o.bodySpan.end)) continue;
    const c = classifyName(o.body);
    const surface = text.slice(o.bodySpan.start, o.bodySpan.end);
    out.push({
      ...o.bodySpan,
      name: c?.name ?? o.body,
      type: c?.type ?? 'Enterprise',
      kind: c?.kind,
      aliases: c?.aliases,
      found: surface === o.body ? 'title' : 'context',
    });
  }
  return out;
}

/** An item without a body of its own holds its title in the body of the item before it. */
function lastBody(offices: ReturnType<typeof findPeople>['offices'], o: (typeof offices)[number], all: Mention[]): Mention | null {
  const same = offices.filter((x) => x.person === o.person && x.bodySpan && x.span.start < o.span.start).pop();
  if (!same?.bodySpan) return null;
  return all.find((m) => m.start === same.bodySpan?.start && m.end === same.bodySpan.end && m.type !== 'Person') ?? null;
}

/** Links whose outer name was read (an outer inside a longer known name passes its links to it). */
function keptLinks(links: readonly NameLink[], top: readonly Mention[]): NameLink[] {
  const kept = new Set<Mention>(top);
  const out: NameLink[] = [];
  const byOuter = new Map<Mention, NameLink[]>();
  for (const l of links) byOuter.set(l.outer, [...(byOuter.get(l.outer) ?? []), l]);
  const visit = (outer: Mention, as: Mention) => {
    for (const l of byOuter.get(outer) ?? []) {
      out.push({ outer: as, inner: l.inner });
      kept.add(l.inner);
      visit(l.inner, l.inner);
    }
  };
  for (const t of top) {
    visit(t, t);
    for (const [outer] of byOuter)
      if (outer !== t && !top.includes(outer) && contains(t, outer) && outer.type === t.type && outer.found !== 'inner') visit(outer, t);
  }
  return out.filter((l) => !overlaps(l.inner, l.outer) || l.inner.end <= l.outer.end);
}

const PLACE_LEAD = new RegExp(
  `^(?:${[...SHANGHAI_DISTRICTS, ...[...DISTRICT_SHORT.keys()].map((s) => `${s}(?=区)`), CITY, '上海'].join('|')})`,
);

/** Names that start with a place and were read without their parts (lists, titles, short forms): the place link. */
function placeLinks(top: readonly Mention[], links: readonly NameLink[]): NameLink[] {
  const out: NameLink[] = [];
  for (const m of top) {
    if (m.type === 'Region' || m.type === 'Person' || m.type === 'Event' || links.some((l) => l.outer === m)) continue;
    const district = SHANGHAI_DISTRICTS.find((d) => m.name.startsWith(d) || m.name.startsWith(d.replace(/新?区$/, '') + '区'));
    const city = /^上海市?/.test(m.name) && (m.type === 'Alliance' || m.type === 'Government');
    if (district && m.name !== district)
      out.push({ outer: m, inner: { start: m.start, end: m.end, name: district, type: 'Region', kind: 'district', found: 'inner' } });
    else if (city && !/^上海市?$/.test(m.name))
      out.push({ outer: m, inner: { start: m.start, end: m.end, name: CITY, type: 'Region', kind: 'city', found: 'inner' } });
  }
  return out;
}

/**
 * A form specific enough to identify a body: a name of two characters or more before its suffix,
 * not starting where a shortened name does (工商联 of 静安区工商联, 委统战部 of 虹口区委统战部 are not).
 */
function specific(form: string): boolean {
  const rule = SUFFIXES_BY_LENGTH.find((r) => form.endsWith(r.suffix));
  if (!rule || /^[区镇市委]/.test(form)) return false;
  return [...form.slice(0, -rule.suffix.length)].length >= 2;
}

/** The forms a new name is also known by: without its leading place, a park without 园区, its tail after a part. */
function identityKeys(g: Grouped, links: readonly NameLink[]): string[] {
  const keys = new Set<string>();
  const type = g.mentions[0].type;
  for (const m of g.mentions)
    for (const n of [m.name, ...(m.aliases ?? [])]) {
      const forms = [n, n.replace(PLACE_LEAD, '')];
      if (type === 'Park') forms.push(...forms.map((f) => f.replace(/园区$/, '')));
      for (const f of forms) if (f === n || specific(f)) keys.add(`${type}|${normaliseOrgName(f) || f}`);
    }
  for (const l of links) {
    if (!g.mentions.includes(l.outer) || l.inner.start !== l.outer.start || !l.outer.name.startsWith(l.inner.name)) continue;
    const tail = l.outer.name.slice(l.inner.name.length);
    if (specific(tail)) keys.add(`${type}|${normaliseOrgName(tail) || tail}`);
  }
  // A company's trade name of three characters or more (思路迪 for 上海思路迪生物医学科技有限公司).
  if (type === 'Enterprise')
    for (const m of g.mentions) {
      const trade = tradeName(m.name);
      if (trade) keys.add(`${type}|${trade}`);
    }
  return [...keys];
}

/**
 * One group per entity: groups of new names that share a form (闵行区浦江镇商会 / 浦江镇商会) are
 * merged, and a party committee only ever read inside a department's name and unknown to the graph
 * (静安区委 in 静安区委统战部) is not proposed on its own.
 */
function mergeGroups(groups: Map<string, Grouped>, links: NameLink[]): Map<string, Grouped> {
  const list = [...groups.values()].filter((g) => {
    const lone = !g.matches.some((m) => m.score >= MATCH_THRESHOLD) && g.mentions.every((m) => m.found === 'inner');
    if (!(lone && g.mentions[0].type === 'Government' && g.mentions[0].kind === 'party_committee')) return true;
    for (let i = links.length - 1; i >= 0; i--) if (g.mentions.includes(links[i].inner)) links.splice(i, 1);
    return false;
  });
  const owner = new Map<string, Grouped>();
  const merged = new Map<Grouped, Grouped>();
  const find = (g: Grouped): Grouped => {
    let r = g;
    while (merged.has(r)) r = merged.get(r) as Grouped;
    return r;
  };
  for (const g of list) {
    const confident = g.matches[0] && g.matches[0].score >= MATCH_THRESHOLD;
    const keys = confident ? [`id:${g.matches[0].id}`] : identityKeys(g, links);
    for (const k of keys) {
      const other = owner.get(k);
      if (!other) {
        owner.set(k, g);
        continue;
      }
      const a = find(other);
      const b = find(g);
      if (a === b) continue;
      a.mentions.push(...b.mentions);
      if (b.name.length > a.name.length) a.name = b.name;
      merged.set(b, a);
    }
  }
  const out = new Map<string, Grouped>();
  list.forEach((g, i) => {
    if (!merged.has(g)) out.set(String(i), g);
  });
  return out;
}

function groupMentions(all: Mention[], index: NameIndex): Map<string, Grouped> {
  const groups = new Map<string, Grouped>();
  const cache = new Map<string, NameMatch[]>();
  for (const m of all) {
    const cacheKey = `${m.type}|${m.name}`;
    let matches = cache.get(cacheKey);
    if (!matches) {
      matches = index.resolve({ name: m.name, type: m.type }, 3);
      if (m.entries) {
        const ids = new Set(m.entries.map((e) => e.id));
        matches.sort((a, b) => Number(ids.has(b.id)) - Number(ids.has(a.id)) || b.score - a.score);
      }
      cache.set(cacheKey, matches);
    }
    const best = matches[0];
    const key =
      best && best.score >= MATCH_THRESHOLD
        ? `id:${best.id}`
        : m.type === 'Person'
          ? `p:${m.name}`
          : `n:${m.type}|${normaliseOrgName(m.name) || m.name}`;
    const g = groups.get(key);
    if (!g) groups.set(key, { mentions: [m], name: m.name, matches });
    else {
      g.mentions.push(m);
      if (m.name.length > g.name.length) g.name = m.name;
    }
  }
  return groups;
}

function toProposals(raw: RawRelation[], entityOf: Map<Mention, EntityProposal>, article: CleanArticle): RelationProposal[] {
  const out: RelationProposal[] = [];
  const seen = new Set<string>();
  for (const r of raw) {
    const from = entityOf.get(r.from);
    const to = entityOf.get(r.to);
    if (!from || !to || from === to) continue;
    const id = [r.type, from.key, to.key, r.role ?? '', r.kind ?? ''].join('|');
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({
      type: r.type,
      from: from.key,
      to: to.key,
      ...(r.role ? { role: r.role } : {}),
      ...(r.kind ? { kind: r.kind } : {}),
      ...(r.topic ? { topic: r.topic } : {}),
      ...(r.date ? { date: r.date } : {}),
      quote: quoteFor(article, r.span),
      span: { start: r.span.start, end: r.span.end },
      rule: r.rule,
      ...(r.inferred ? { inferred: true, reason: r.reason } : {}),
    });
  }
  return out;
}
