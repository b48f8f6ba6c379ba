/**
 * Names that only a list tells apart:
 * - companies by short name in `以A、B、C为代表的…企业` and `引进培育A、B、C等…企业`;
 * - a shared head word distributed over a list, `静安、虹口、宝山、嘉定4个区工商联` (静安区工商联 …),
 *   `虹领服务、金融服务2个专委会`, `东部、南部、北部等区域链` — each item named in full, its span
 *   the item's.
 */
import { DISTRICT_SHORT, INNER_BREAKS, SUFFIXES_BY_LENGTH } from './lexicon.js';
import { HAN_CHAR, type Mention } from './mention.js';
import type { Sentence } from './types.js';

const ITEM = '[\\p{Script=Han}A-Za-z0-9]{2,12}';
const COMPANY_LISTS = [
  new RegExp(`以((?:${ITEM}、)+${ITEM})为代表的[^,,。;;]{0,12}(?:企业|公司|药企)`, 'gu'),
  new RegExp(`(?:引进培育|引进|培育|集聚了?|包括|拥有|汇聚了?)((?:${ITEM}、)+${ITEM})等[^,,。;;]{0,16}(?:企业|公司|药企)`, 'gu'),
];
const NUMBER = '(?:\\d+|[两二三四五六七八九十]+)';
const DISTRIBUTED = new RegExp(`((?:${ITEM}、)+${ITEM})(?:等)?(${NUMBER}个|等)([\\p{Script=Han}]{1,8})`, 'gu');

/** The items of a 、-list; the first loses what a verb before it left on it (分片设立东部 → 东部). */
function items(list: string, at: number): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  let start = at;
  for (const part of list.split('、')) {
    let text = part;
    let s = start;
    if (!out.length)
      for (const w of INNER_BREAKS) {
        const i = text.lastIndexOf(w);
        if (i >= 0 && i + w.length < text.length) {
          s += i + w.length;
          text = text.slice(i + w.length);
        }
      }
    out.push({ text, start: s });
    start += part.length + 1;
  }
  return out;
}

/** The head word distributed, if it names a kind of body (ends with a suffix, or 区 + one). */
function head(word: string): string | null {
  for (let n = 2; n <= word.length; n++) {
    const w = word.slice(0, n);
    const rule = SUFFIXES_BY_LENGTH.find((r) => w.endsWith(r.suffix));
    if (rule && rule.type !== 'Region') return w;
  }
  return null;
}

export function findListNames(sentences: readonly Sentence[]): Mention[] {
  const out: Mention[] = [];
  for (const s of sentences) {
    for (const re of COMPANY_LISTS) {
      re.lastIndex = 0;
      for (let m = re.exec(s.text); m; m = re.exec(s.text)) {
        const listStart = s.start + m.index + m[0].indexOf(m[1]);
        for (const it of items(m[1], listStart))
          if (HAN_CHAR.test(it.text))
            out.push({ start: it.start, end: it.start + it.text.length, name: it.text, type: 'Enterprise', found: 'list' });
      }
    }
    DISTRIBUTED.lastIndex = 0;
    for (let m = DISTRIBUTED.exec(s.text); m; m = DISTRIBUTED.exec(s.text)) {
      const word = head(m[3]);
      if (!word) continue;
      const listStart = s.start + m.index;
      for (const it of items(m[1], listStart)) {
        // 静安、虹口…4个区工商联: 静安区工商联; 东部、南部等区域链: 东部区域链.
        const name =
          it.text +
          (word.startsWith('区') && !DISTRICT_SHORT.has(it.text) && /^区(?:委|工商联|政府|人民政府)/.test(word) ? word.slice(1) : word);
        out.push({ start: it.start, end: it.start + it.text.length, name, type: 'Alliance', found: 'list', aliases: [] });
      }
    }
  }
  return out;
}
