/**
 * A feed item as one readable sentence ("ed 修改了 思路迪 的地址、联系方式"), made of text and the
 * entities it names (which the view links into Explore when they are still in the graph); the follows
 * that caught it; the day it belongs to.
 */
import type { FeedItemKind, LeadStage, RelationType, WatchKind } from '../../gql/graphql.js';
import { formatTime, relationLabel, type Lang, type MessageKey, type Translate } from '../../i18n/i18n.js';
import { fieldLabel } from '../changes/change-text.js';
import { authorName } from '../edit/history-list.js';

export interface EntityMention {
  id: string;
  name: string;
  live: boolean;
}

/** A piece of a sentence: text, or an entity to name (a link when live). */
export type SentencePart = string | { entity: EntityMention };

export interface SentenceItem {
  kind: FeedItemKind;
  by: string;
  entity?: EntityMention | null;
  relation?: { type?: RelationType | null; from: EntityMention; to: EntityMention } | null;
  lead?: { name: string; stage: LeadStage; fromStage?: LeadStage | null; toStage?: LeadStage | null } | null;
  fields: readonly string[];
  sourcesChanged: boolean;
}

/** Fills `{name}` slots of a template with text or parts, keeping the text around them. */
export function fillTemplate(template: string, vars: Record<string, SentencePart | SentencePart[]>): SentencePart[] {
  const out: SentencePart[] = [];
  const re = /\{(\w+)\}/g;
  let last = 0;
  for (let m = re.exec(template); m; m = re.exec(template)) {
    if (m.index > last) out.push(template.slice(last, m.index));
    const v = vars[m[1]];
    if (v === undefined) out.push(m[0]);
    else if (Array.isArray(v)) out.push(...v);
    else out.push(v);
    last = m.index + m[0].length;
  }
  if (last < template.length) out.push(template.slice(last));
  // Adjacent texts as one (easier to read back, and to test).
  return out.reduce<SentencePart[]>((acc, p) => {
    const prev = acc[acc.length - 1];
    if (typeof p === 'string' && typeof prev === 'string') acc[acc.length - 1] = prev + p;
    else acc.push(p);
    return acc;
  }, []);
}

/** A lead stage's name, as the leads views write it. */
export const stageLabel = (stage: LeadStage, t: Translate): string => t(`leads.stage.${stage}`);
export const watchKindLabel = (kind: WatchKind, t: Translate): string => t(`watch.kind.${kind}`);

/** The fields an edit changed, in the reader's words, each once. */
export function fieldsText(fields: readonly string[], lang: Lang, t: Translate): string {
  const labels = [...new Set(fields.filter((f) => f !== 'sources').map((f) => fieldLabel(f, lang, t)))];
  return labels.join(t('watch.listSep'));
}

/** The template of a fact change: with the fields named, with sources too, sources alone, or neither. */
function changedKey(on: 'entity' | 'relation', fields: string, sources: boolean): MessageKey {
  if (fields) return sources ? `watch.item.${on}ChangedSources` : `watch.item.${on}Changed`;
  return sources ? `watch.item.${on}Sources` : `watch.item.${on}Touched`;
}

/** The sentence of a feed item. */
export function itemSentence(item: SentenceItem, lang: Lang, t: Translate): SentencePart[] {
  const by = authorName(item.by, t);
  const fields = fieldsText(item.fields, lang, t);
  const sources = item.sourcesChanged || item.fields.includes('sources');
  const rel = item.relation;
  const relation: SentencePart[] = rel
    ? [{ entity: rel.from }, ` —${rel.type ? relationLabel(rel.type, lang) : ''}→ `, { entity: rel.to }]
    : [];
  // A lead's target in the graph, else the name it was proposed under.
  const target: SentencePart = item.entity ? { entity: item.entity } : (item.lead?.name ?? '');
  switch (item.kind) {
    case 'FACT_ADDED':
      if (rel) return fillTemplate(t('watch.item.relationAdded'), { by, relation });
      if (item.entity) return fillTemplate(t('watch.item.entityAdded'), { by, entity: target });
      break;
    case 'FACT_CHANGED':
      if (rel) return fillTemplate(t(changedKey('relation', fields, sources)), { by, relation, fields });
      if (item.entity) return fillTemplate(t(changedKey('entity', fields, sources)), { by, entity: target, fields });
      break;
    case 'FACT_RETRACTED':
      if (rel) return fillTemplate(t('watch.item.relationRetracted'), { by, relation });
      if (item.entity) return fillTemplate(t('watch.item.entityRetracted'), { by, entity: target });
      break;
    case 'LEAD_CREATED':
      // The stage it was opened in (it may have moved on since); not known, none is named.
      if (item.lead?.toStage)
        return fillTemplate(t('watch.item.leadCreated'), { by, entity: target, stage: stageLabel(item.lead.toStage, t) });
      if (item.lead) return fillTemplate(t('watch.item.leadOpened'), { by, entity: target });
      break;
    case 'LEAD_STAGE_CHANGED': {
      const lead = item.lead;
      if (!lead) break;
      const to = stageLabel(lead.toStage ?? lead.stage, t);
      return lead.fromStage
        ? fillTemplate(t('watch.item.leadMoved'), { by, entity: target, from: stageLabel(lead.fromStage, t), to })
        : fillTemplate(t('watch.item.leadEntered'), { by, entity: target, to });
    }
  }
  return fillTemplate(t('watch.item.unknown'), { by });
}

/** "因为你关注了闵行区、思路迪" — the follows that caught an item, by name. */
export function becauseText(matchedBy: readonly { targetName: string }[], t: Translate): string {
  return t('watch.because', { names: [...new Set(matchedBy.map((w) => w.targetName))].join(t('watch.listSep')) });
}

/** The local calendar day of a timestamp, as a key (yyyy-mm-dd). */
export function dayKey(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A day's heading: 今天, 昨天, else the date as the reader writes it. */
export function dayLabel(key: string, now: Date, lang: Lang, t: Translate): string {
  if (key === dayKey(now.toISOString())) return t('watch.today');
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (key === dayKey(yesterday.toISOString())) return t('watch.yesterday');
  const [y, m, d] = key.split('-').map(Number);
  return new Date(y, m - 1, d).toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'short',
  });
}

/** The time of day of an item (the day is its group's heading). */
export function timeOfDay(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return formatTime(iso, lang);
  return d.toLocaleTimeString(lang === 'zh' ? 'zh-CN' : 'en-GB', { hour: '2-digit', minute: '2-digit', hour12: false });
}

/** Items grouped by their local day, newest day first, keeping the feed's order inside a day. */
export function groupByDay<T extends { at: string }>(items: readonly T[]): { day: string; items: T[] }[] {
  const groups: { day: string; items: T[] }[] = [];
  for (const item of items) {
    const day = dayKey(item.at);
    const last = groups[groups.length - 1];
    if (last?.day === day) last.items.push(item);
    else groups.push({ day, items: [item] });
  }
  return groups;
}

/**
 * When the feed counts as read: the time it was loaded (changes arriving while it is read come later),
 * or the newest item shown if the client's clock is behind the server's.
 */
export function readUpTo(loadedAt: string, items: readonly { at: string }[]): string {
  const newest = items.reduce((max, i) => (i.at > max ? i.at : max), '');
  return newest > loadedAt ? newest : loadedAt;
}
