/** English strings for what is only in Chinese (names, quotes, reasons) and for errors' structured details; spread into en.ts. */
import type { langZh } from './lang.zh.js';

export const langEn: Record<keyof typeof langZh, string> = {
  'lang.zhOnlyChip': '中',
  'lang.noEnglishName': 'No English name recorded',
  'lang.nameZhOnly': 'Name in Chinese only',
  'lang.quoteFromZh': 'Quote from the Chinese source',
  'lang.reasonZhOnly': 'Reason (Chinese only):',
  'lang.reasonInline': 'reason in Chinese only — {text}',
  'lang.descriptionZhOnly': 'Description (Chinese only)',
  'lang.error.field': 'Field: {field}',
};
