/**
 * Short forms of names the article introduced, so that a later mention counts as the same entity:
 * the part after a name inside it (上海市工商联商协会工作委员会北片区 → 北片区), the name without its
 * city or district (闵行区浦江镇商会 → 浦江镇商会), a company's trade name (上海春芝堂生物制品有限公司 →
 * 春芝堂, only when three characters or more), and a person's bare name after the title.
 */
import { DISTRICT_SHORT, SHANGHAI_DISTRICTS } from './lexicon.js';
import type { Mention } from './mention.js';
import { classifyName, type NameLink } from './names.js';

const LEAD_PLACE = new RegExp(`^(?:上海市|上海|北京市|北京|${[...SHANGHAI_DISTRICTS, ...DISTRICT_SHORT.keys()].join('|')})`);
const COMPANY_TAIL = /(?:\((?:上海|中国|北京|集团)\))?(?:集团)?(?:股份有限公司|有限责任公司|有限公司|公司)$/;
/** Words of a company name that say what it does, stripped from the end to leave the trade name. */
const INDUSTRY =
  /(?:生物医学|生物医药|生物制品|生物技术|医疗器械|医疗器材|医学|生物|医药|医疗|科技|技术|制造|健康|管理|信息|检测|认证|细胞|工程|企业|发展|软件|孵化器|制品|器材|研发)$/;

/** The trade name alone, when it is distinctive (three characters or more): 思路迪, not 之江. */
export function tradeName(name: string): string | null {
  let core = name.replace(COMPANY_TAIL, '').replace(/\((?:上海|中国|北京|集团)\)/g, '');
  if (core === name) return null;
  core = core.replace(LEAD_PLACE, '').replace(/上海$/, '');
  for (let m = INDUSTRY.exec(core); m && core.length > m[0].length; m = INDUSTRY.exec(core)) core = core.slice(0, -m[0].length);
  return [...core].length >= 3 ? core : null;
}

function formsOf(m: Mention, links: readonly NameLink[]): string[] {
  const forms = new Set<string>();
  for (const l of links) {
    if (l.outer.name !== m.name || !m.name.startsWith(l.inner.name)) continue;
    const tail = m.name.slice(l.inner.name.length);
    if ([...tail].length >= 3 && classifyName(tail)) forms.add(tail);
  }
  const placeless = m.name.replace(LEAD_PLACE, '');
  if (placeless !== m.name && [...placeless].length >= 3 && classifyName(placeless)) forms.add(placeless);
  // Only a distinctive trade name (思路迪, 春芝堂): 之江生物 may be another company than 上海之江生物医药科技.
  const trade = m.type === 'Enterprise' ? tradeName(m.name) : null;
  if (trade) forms.add(trade);
  forms.delete(m.name);
  return [...forms];
}

function occurrences(text: string, form: string): number[] {
  const out: number[] = [];
  for (let at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + form.length)) out.push(at);
  return out;
}

/** Later mentions of the article's own new names and people, by their short forms. */
export function localForms(top: readonly Mention[], persons: readonly Mention[], links: readonly NameLink[], text: string): Mention[] {
  const out: Mention[] = [];
  const done = new Set<string>();
  for (const p of persons) {
    if (done.has(p.name)) continue;
    done.add(p.name);
    for (const at of occurrences(text, p.name))
      out.push({ start: at, end: at + p.name.length, name: p.name, type: 'Person', found: 'context' });
  }
  for (const m of top) {
    if (m.entries || m.type === 'Person' || m.type === 'Event' || m.type === 'Region') continue;
    for (const form of formsOf(m, links)) {
      if (done.has(form)) continue;
      done.add(form);
      for (const at of occurrences(text, form))
        out.push({ start: at, end: at + form.length, name: m.name, type: m.type, kind: m.kind, found: 'context' });
    }
  }
  return out;
}
