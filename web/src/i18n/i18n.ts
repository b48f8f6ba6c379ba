/** Translation: t(key, vars) for the current language, plus names of entities and types. */
import { createContext, useContext } from 'react';
import { ENTITY_LABELS, RELATION_LABELS, type EntityType, type RelationType } from '../../../server/domain/model.js';
import type { Lang } from '../state/url-state.js';
import { en } from './en.js';
import { zh, type MessageKey } from './zh.js';

export const MESSAGES: Record<Lang, Record<MessageKey, string>> = { zh, en };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  const table = MESSAGES[lang];
  return (key, vars) => {
    const text = table[key] ?? zh[key] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
  };
}

export const entityTypeLabel = (type: EntityType, lang: Lang): string => ENTITY_LABELS[type]?.[lang] ?? type;
export const relationLabel = (type: RelationType, lang: Lang): string => RELATION_LABELS[type]?.[lang] ?? type;

/** The display name of an entity: the English name in English when there is one. */
export const displayName = (e: { name: string; nameEn?: string | null }, lang: Lang): string =>
  lang === 'en' && e.nameEn ? e.nameEn : e.name;

export interface I18n {
  lang: Lang;
  t: Translate;
}

export const I18nContext = createContext<I18n>({ lang: 'zh', t: translator('zh') });
export const useI18n = (): I18n => useContext(I18nContext);
