/**
 * Deadlines of leads, pure: no store, no clock of its own (callers pass `now`). Working days are
 * Monday to Friday in Asia/Shanghai (UTC+8 all year, no daylight saving, so a fixed offset is
 * exact). Public holidays and 调休 make-up working days are not modelled. A working day is a whole
 * calendar day: N working days after Friday 17:00 is the N-th working day after it, at 17:00; a start
 * on a weekend counts from the next Monday at 00:00.
 */
import type { LeadRecord, LeadStage, SlaRule, SlaStatus } from './types.js';
import { isOpenStage } from './types.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SHANGHAI_OFFSET = 8 * HOUR;

/** Day of the week in Shanghai, 0 = Sunday. */
export function shanghaiWeekday(ms: number): number {
  return new Date(ms + SHANGHAI_OFFSET).getUTCDay();
}

/** Midnight (Shanghai) of the day `ms` falls on. */
export function shanghaiMidnight(ms: number): number {
  return Math.floor((ms + SHANGHAI_OFFSET) / DAY) * DAY - SHANGHAI_OFFSET;
}

const isWeekend = (ms: number) => {
  const d = shanghaiWeekday(ms);
  return d === 0 || d === 6;
};

/** `start` plus `days` working days, keeping the time of day (a weekend start counts from Monday 00:00). */
export function addWorkingDays(start: number, days: number): number {
  let t = start;
  if (isWeekend(t)) {
    t = shanghaiMidnight(t);
    while (isWeekend(t)) t += DAY;
  }
  for (let left = days; left > 0;) {
    t += DAY;
    if (!isWeekend(t)) left--;
  }
  return t;
}

/** The Monday 00:00 (Shanghai) of the week `ms` falls in. */
export function shanghaiWeekStart(ms: number): number {
  const midnight = shanghaiMidnight(ms);
  return midnight - ((shanghaiWeekday(ms) + 6) % 7) * DAY;
}

export function statusAt(deadline: number, now: number, dueSoonHours: number): SlaStatus {
  if (now > deadline) return 'OVERDUE';
  if (deadline - now <= dueSoonHours * HOUR) return 'DUE_SOON';
  return 'ON_TRACK';
}

export interface Sla {
  rule: SlaRule;
  /** Epoch ms. */
  deadline: number;
  status: SlaStatus;
}

/** The rule of a stage, if any runs there (none in 投产, 搁置 and 放弃). */
export function ruleFor(rules: readonly SlaRule[], stage: LeadStage): SlaRule | null {
  if (!isOpenStage(stage)) return null;
  return rules.find((r) => r.stage === stage) ?? null;
}

/** A lead's deadline under the rules, at `now`; null when no rule runs in its stage. */
export function slaOf(
  lead: Pick<LeadRecord, 'stage' | 'stageEnteredAt' | 'lastActivityAt'>,
  rules: readonly SlaRule[],
  now: number,
): Sla | null {
  const rule = ruleFor(rules, lead.stage);
  if (!rule) return null;
  const from = Date.parse(rule.clock === 'STAGE_ENTERED' ? lead.stageEnteredAt : lead.lastActivityAt);
  const deadline = addWorkingDays(from, rule.workingDays);
  return { rule, deadline, status: statusAt(deadline, now, rule.dueSoonHours) };
}

/** The owner's own next action: OVERDUE once its due time has passed, DUE_SOON within a day of it. */
export function nextActionStatus(dueAt: string | null, stage: LeadStage, now: number): SlaStatus | null {
  if (!dueAt || !isOpenStage(stage)) return null;
  return statusAt(Date.parse(dueAt), now, 24);
}

const RANK: Record<SlaStatus, number> = { ON_TRACK: 0, DUE_SOON: 1, OVERDUE: 2 };

/** The more urgent of two statuses (null: none). */
export function worst(a: SlaStatus | null, b: SlaStatus | null): SlaStatus | null {
  if (!a) return b;
  if (!b) return a;
  return RANK[a] >= RANK[b] ? a : b;
}
