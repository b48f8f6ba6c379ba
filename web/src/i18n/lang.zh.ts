/** Chinese strings for what is only in Chinese (names, quotes, reasons) and for errors' structured details; spread into zh.ts. */
export const langZh = {
  // Shown in English only; the Chinese UI needs no marker, but every key has its Chinese text.
  'lang.zhOnlyChip': '中',
  'lang.noEnglishName': '没有英文名称',
  'lang.nameZhOnly': '仅有中文名称',
  'lang.quoteFromZh': '引自中文来源',
  'lang.reasonZhOnly': '推断理由：',
  'lang.reasonInline': '{text}',
  'lang.descriptionZhOnly': '简介',
  // A refused request's structured details (extensions), never the server's English message.
  'lang.error.field': '涉及字段：{field}',
} as const;
