/** Translation: t(key, vars) for the current language, plus labels of the model's codes (types, kinds, tiers). */
import { createContext, useContext } from 'react';
import {
  CHAIN_TIER_LABELS,
  ENTITY_KIND_LABELS,
  ENTITY_LABELS,
  type Lang,
  RELATION_KIND_LABELS,
  RELATION_LABELS,
  ROLE_LABELS,
  type ChainTier,
  type EntityKind,
  type EntityType,
  type RelationKind,
  type RelationType,
  type Role,
} from '../../../shared/model/index.js';
import { en } from './en.js';
import { zh, type MessageKey } from './zh.js';

export type { Lang, MessageKey };

export const MESSAGES: Record<Lang, Record<MessageKey, string>> = { zh, en };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  const table = MESSAGES[lang];
  return (key, vars) => {
    const text = table[key] ?? zh[key] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
  };
}

export const entityTypeLabel = (type: EntityType, lang: Lang): string => ENTITY_LABELS[type][lang];
export const relationLabel = (type: RelationType, lang: Lang): string => RELATION_LABELS[type][lang];
export const tierLabel = (tier: ChainTier, lang: Lang): string => CHAIN_TIER_LABELS[tier][lang];
export const entityKindLabel = (kind: EntityKind, lang: Lang): string => ENTITY_KIND_LABELS[kind][lang];
export const roleLabel = (role: Role, lang: Lang): string => ROLE_LABELS[role][lang];
export const relationKindLabel = (kind: RelationKind, lang: Lang): string => RELATION_KIND_LABELS[kind][lang];

const MODEL_LABELS: Record<string, Record<Lang, string>> = {
  ...ENTITY_LABELS,
  ...RELATION_LABELS,
  ...ENTITY_KIND_LABELS,
  ...RELATION_KIND_LABELS,
  ...CHAIN_TIER_LABELS,
};

/** The label of any code of the model (a type, kind or tier) met as a plain value, e.g. in a query result; null otherwise. */
export const modelCodeLabel = (value: string, lang: Lang): string | null =>
  Object.hasOwn(MODEL_LABELS, value) ? MODEL_LABELS[value][lang] : null;

/** A timestamp (ISO 8601) as a reader of `lang` writes date and time. */
export const formatTime = (iso: string, lang: Lang): string => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { hour12: false });
};

/** The display name of an entity: the English name in English when there is one. */
export const displayName = (e: { name: string; nameEn?: string | null }, lang: Lang): string =>
  lang === 'en' && e.nameEn?.trim() ? e.nameEn.trim() : e.name;

const CJK = '\\u3000-\\u303f\\u3400-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef';
/** A run of Chinese: from a Chinese character to the last one before Latin words resume (digits, brackets and dots inside it kept). */
const CHINESE_RUN = new RegExp(`[${CJK}](?:[${CJK}0-9()·./\\- ]*[${CJK}])?`, 'g');

/** Text with Chinese characters in it (CJK ideographs or full-width punctuation). */
export const hasChinese = (text: string | null | undefined): boolean => !!text && new RegExp(`[${CJK}]`).test(text);

/** A text cut into its Chinese runs and the rest (an English sentence naming Chinese-only organisations). */
export function chineseRuns(text: string): { text: string; zh: boolean }[] {
  const out: { text: string; zh: boolean }[] = [];
  let at = 0;
  for (const m of text.matchAll(CHINESE_RUN)) {
    if (m.index > at) out.push({ text: text.slice(at, m.index), zh: false });
    out.push({ text: m[0], zh: true });
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push({ text: text.slice(at), zh: false });
  return out;
}

/** Chinese text in an English page: it says so (lang="zh-CN" in the DOM, a marker or label on screen). */
export const onlyInChinese = (text: string | null | undefined, lang: Lang): boolean => lang === 'en' && hasChinese(text);

/** A reason written in Chinese, inside an English sentence: said to be in Chinese only. */
export const reasonText = (reason: string, t: Translate, lang: Lang): string =>
  onlyInChinese(reason, lang) ? t('lang.reasonInline', { text: reason }) : reason;

/**
 * An entity's name for a reader of `lang`, and whether it is the Chinese name standing in for an
 * English one nobody recorded (so the screen can say so rather than pass it off as a translation).
 */
export const entityName = (e: { name: string; nameEn?: string | null }, lang: Lang): { text: string; zhOnly: boolean } => {
  const text = displayName(e, lang);
  return { text, zhOnly: onlyInChinese(text, lang) };
};

export interface I18n {
  lang: Lang;
  t: Translate;
}

export const I18nContext = createContext<I18n>({ lang: 'zh', t: translator('zh') });
export const useI18n = (): I18n => useContext(I18nContext);
