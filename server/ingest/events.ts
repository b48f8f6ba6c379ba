/**
 * Events: `[时间,]X在Y举行 / 召开` (X the event, Y its venue) and `A举办B` (B an event word: the
 * event is A's B, 北片区举办碰头会 → 北片区碰头会). A slogan in quotes before the name is left out of
 * the name and kept as an alias (“领航新征程 汇智新动能”闵行区产业集群党建集思汇(生物医药专题)).
 */
import type { EntityKind } from '../domain/model.js';
import type { Sentence, Span } from './types.js';
import type { Mention } from './mention.js';

export interface EventFinding {
  event: Mention;
  /** Where it was held (the text between 在 and 举行), if the sentence says. */
  venue: Span | null;
  /** Who held it (A in A举办B). */
  organiser: Span | null;
  sentence: Sentence;
}

const EVENT_WORD =
  /(?:论坛|峰会|大会|集思汇|沙龙|仪式|典礼|推进会|对接会|碰头会|座谈会|研讨会|交流会|发布会|启动会|报告会|年会|博览会|会议|活动)/;
const LEAD_TIME = /^(?:(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:上午|下午|晚上|晚间|早上)?|近日|日前|今天|昨天|当天|近期|本周|上周|近来)[,,]?/;
const HELD = /在([^,,。;;]{2,40}?)(?:顺利|隆重|成功|正式)?(?:举行|召开|举办|开幕|启动)/;
const HOLDS =
  /([^\s,,。;;、“”"]{2,40}?)举办(?:了)?([^\s,,。;;、“”"]{1,12}?(?:论坛|峰会|大会|沙龙|仪式|推进会|对接会|碰头会|座谈会|研讨会|交流会|发布会|启动会|报告会|年会))/;
const VENUE_TAIL = /(?:大会场|主会场|会场|会议室|报告厅|礼堂|多功能厅|大厅|现场)$/;

export function eventKind(name: string): EntityKind {
  const first = EVENT_WORD.exec(name)?.[0] ?? '';
  if (/论坛|峰会|大会|集思汇/.test(first)) return 'forum';
  if (/沙龙/.test(first)) return 'salon';
  if (/仪式|典礼/.test(first)) return 'ceremony';
  return 'meeting';
}

/** Finds events in the sentences; see the module comment. */
export function findEvents(sentences: readonly Sentence[]): EventFinding[] {
  const out: EventFinding[] = [];
  for (const s of sentences) {
    const held = HELD.exec(s.text);
    if (held) {
      let from = 0;
      const lead = LEAD_TIME.exec(s.text);
      if (lead) from = lead[0].length;
      let name = s.text.slice(from, held.index);
      const slogan = /^“[^”]{1,30}”/.exec(name);
      const aliases = slogan ? [name] : [];
      if (slogan) {
        from += slogan[0].length;
        name = name.slice(slogan[0].length);
      }
      if (name.length >= 4 && EVENT_WORD.test(name) && !/[,,]/.test(name)) {
        const start = s.start + from;
        const venueText = held[1].replace(VENUE_TAIL, '');
        const venueStart = s.start + held.index + 1;
        out.push({
          event: { start, end: start + name.length, name, type: 'Event', kind: eventKind(name), found: 'event', aliases },
          venue: venueText.length >= 2 ? { start: venueStart, end: venueStart + venueText.length } : null,
          organiser: null,
          sentence: s,
        });
      }
    }
    const holds = HOLDS.exec(s.text);
    if (holds) {
      const orgStart = s.start + holds.index;
      const name = holds[1] + holds[2];
      const evStart = orgStart + holds[0].length - holds[2].length;
      out.push({
        event: { start: evStart, end: evStart + holds[2].length, name, type: 'Event', kind: eventKind(name), found: 'event' },
        venue: null,
        organiser: { start: orgStart, end: orgStart + holds[1].length },
        sentence: s,
      });
    }
  }
  return out;
}
