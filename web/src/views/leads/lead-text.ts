/** What the leads views say of a lead: its name, its deadline in one sentence, amounts and dates. */
import type { LeadStage, SlaStatus } from '../../gql/graphql.js';
import { displayName, type Lang, type Translate } from '../../i18n/i18n.js';
import type { Lead } from './lead-queries.js';

/** The stages in their order: the pipeline, then the two set aside. */
export const STAGES: readonly LeadStage[] = [
  'LEAD',
  'CONTACT',
  'VISIT',
  'ASSESSMENT',
  'NEGOTIATION',
  'SIGNED',
  'REGISTERED',
  'PRODUCTION',
  'ON_HOLD',
  'ABANDONED',
];
/** Stages a move into needs a reason. */
export const NEEDS_REASON: ReadonlySet<LeadStage> = new Set(['ON_HOLD', 'ABANDONED']);

/** 1 亩 = 666.67 ㎡ (the README's conversion). */
export const SQM_PER_MU = 666.67;
export const muOf = (sqm: number): string => (sqm / SQM_PER_MU).toFixed(1);

/** The lead's company: the target's name, a proposed company's, or the retracted target's id. */
export function leadName(lead: Pick<Lead, 'target' | 'proposedName' | 'targetId' | 'proposal'>, lang: Lang): string {
  if (lead.target) return displayName(lead.target, lang);
  if (lead.proposal?.entity) return displayName(lead.proposal.entity, lang);
  return lead.proposedName ?? lead.targetId ?? '';
}

const ZONE = 'Asia/Shanghai';
/** A time as Shanghai sees it (deadlines are working days there). */
export const shanghaiTime = (iso: string, lang: Lang): string =>
  new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
export const shanghaiDate = (iso: string, lang: Lang): string =>
  new Date(iso).toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
/** Today in Shanghai as YYYY-MM-DD. */
export const shanghaiToday = (): string => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

const RANK: Record<SlaStatus, number> = { ON_TRACK: 0, DUE_SOON: 1, OVERDUE: 2 };

/**
 * The lead's flag in one sentence: which deadline, by which rule, and when — the stage's rule or the
 * next action, whichever made the lead's urgency. Null when nothing is due soon or late.
 */
export function urgencyText(lead: Lead, t: Translate, lang: Lang): string | null {
  return urgencyOf(lead, t, lang)?.text ?? null;
}

/** The flag's sentence and whether it is about the stage's rule or the next action. */
export function urgencyOf(lead: Lead, t: Translate, lang: Lang): { text: string; of: 'rule' | 'next' } | null {
  const u = lead.urgency;
  if (!u || u === 'ON_TRACK') return null;
  const status = t(`leads.urgency.${u}`);
  const slaFirst = lead.sla && RANK[lead.sla.status] >= RANK[lead.nextActionStatus ?? 'ON_TRACK'];
  if (lead.sla && slaFirst) {
    const r = lead.sla.rule;
    const text = t('leads.sla.sentence', {
      status,
      deadline: shanghaiTime(lead.sla.deadline, lang),
      kind: t(`leads.slaKind.${r.kind}`),
      stage: t(`leads.stage.${r.stage}`),
      days: r.workingDays,
      clock: t(`leads.slaClock.${r.clock}`),
    });
    return { text, of: 'rule' };
  }
  if (lead.dueAt)
    return {
      text: t('leads.next.sentence', { status, deadline: shanghaiTime(lead.dueAt, lang), action: lead.nextAction ?? '' }),
      of: 'next',
    };
  return { text: status, of: 'next' };
}
