/**
 * Lead deadlines with the clock frozen: working days Mon–Fri in Asia/Shanghai, each rule's start
 * (stage entered or last activity), and the status a user sees at a given moment. Times are written
 * in Shanghai time (+08:00); 2026-11-27 is a Friday.
 */
import { describe, expect, it } from 'vitest';
import { addWorkingDays, nextActionStatus, shanghaiWeekStart, slaOf } from '../../server/domain/leads/sla.js';
import { DEFAULT_SLA_RULES, type LeadStage } from '../../server/domain/leads/types.js';

const t = (s: string) => Date.parse(`${s}+08:00`);
const iso = (ms: number) => new Date(ms).toISOString();

describe('working days in Shanghai', () => {
  it.each([
    ['Friday 17:00 + 1 → Monday 17:00', '2026-11-27T17:00:00', 1, '2026-11-30T17:00:00'],
    ['Monday 10:00 + 1 → Tuesday 10:00', '2026-11-30T10:00:00', 1, '2026-12-01T10:00:00'],
    ['Wednesday 09:00 + 3 → Monday 09:00', '2026-11-25T09:00:00', 3, '2026-11-30T09:00:00'],
    ['Monday 10:00 + 5 (a week) → next Monday 10:00', '2026-11-30T10:00:00', 5, '2026-12-07T10:00:00'],
    ['Thursday 08:00 + 10 (two weeks) → Thursday 08:00', '2026-11-26T08:00:00', 10, '2026-12-10T08:00:00'],
    ['Saturday 10:00 + 1 → Tuesday 00:00 (counted from Monday 00:00)', '2026-11-28T10:00:00', 1, '2026-12-01T00:00:00'],
    ['Sunday 23:30 + 0 → Monday 00:00', '2026-11-29T23:30:00', 0, '2026-11-30T00:00:00'],
    // 00:30 in Shanghai is still the previous day in UTC: the weekday is Shanghai's.
    ['Saturday 00:30 Shanghai (Friday in UTC) + 1 → Tuesday 00:00', '2026-11-28T00:30:00', 1, '2026-12-01T00:00:00'],
    ['Friday 23:30 Shanghai + 1 → Monday 23:30', '2026-11-27T23:30:00', 1, '2026-11-30T23:30:00'],
  ])('%s', (_, start, days, due) => {
    expect(iso(addWorkingDays(t(start), days))).toBe(iso(t(due)));
  });

  it('starts a week on Monday 00:00 Shanghai', () => {
    expect(iso(shanghaiWeekStart(t('2026-11-29T23:59:00')))).toBe(iso(t('2026-11-23T00:00:00')));
    expect(iso(shanghaiWeekStart(t('2026-11-30T00:00:00')))).toBe(iso(t('2026-11-30T00:00:00')));
  });
});

describe('a lead’s deadline under the default rules', () => {
  const lead = (stage: LeadStage, entered: string, activity = entered) => ({
    stage,
    stageEnteredAt: iso(t(entered)),
    lastActivityAt: iso(t(activity)),
  });
  it.each([
    // stage, entered, last activity, now, deadline, status, rule
    ['LEAD', '2026-11-27T17:00:00', null, '2026-11-27T18:00:00', '2026-11-30T17:00:00', 'ON_TRACK', 'RESPOND'],
    ['LEAD', '2026-11-27T17:00:00', null, '2026-11-30T09:00:00', '2026-11-30T17:00:00', 'DUE_SOON', 'RESPOND'],
    ['LEAD', '2026-11-27T17:00:00', null, '2026-11-30T17:00:00', '2026-11-30T17:00:00', 'DUE_SOON', 'RESPOND'],
    ['LEAD', '2026-11-27T17:00:00', null, '2026-11-30T17:00:01', '2026-11-30T17:00:00', 'OVERDUE', 'RESPOND'],
    ['ASSESSMENT', '2026-11-25T09:00:00', null, '2026-11-27T12:00:00', '2026-11-30T09:00:00', 'ON_TRACK', 'ASSESS'],
    ['ASSESSMENT', '2026-11-25T09:00:00', null, '2026-11-29T12:00:00', '2026-11-30T09:00:00', 'DUE_SOON', 'ASSESS'],
    ['VISIT', '2026-11-30T10:00:00', null, '2026-12-07T10:30:00', '2026-12-07T10:00:00', 'OVERDUE', 'FEEDBACK'],
    // Progress is due two weeks after the last activity, not after entering the stage.
    ['NEGOTIATION', '2026-11-02T10:00:00', '2026-11-26T08:00:00', '2026-12-01T08:00:00', '2026-12-10T08:00:00', 'ON_TRACK', 'PROGRESS'],
    ['NEGOTIATION', '2026-11-02T10:00:00', '2026-11-26T08:00:00', '2026-12-09T09:00:00', '2026-12-10T08:00:00', 'DUE_SOON', 'PROGRESS'],
    ['SIGNED', '2026-11-02T10:00:00', '2026-11-02T10:00:00', '2026-12-01T08:00:00', '2026-11-16T10:00:00', 'OVERDUE', 'PROGRESS'],
  ] as const)('%s entered %s, last activity %s, at %s: due %s, %s (%s)', (stage, entered, activity, now, due, status, kind) => {
    const sla = slaOf(lead(stage, entered, activity ?? entered), DEFAULT_SLA_RULES, t(now));
    expect(sla && { deadline: iso(sla.deadline), status: sla.status, kind: sla.rule.kind }).toEqual({
      deadline: iso(t(due)),
      status,
      kind,
    });
  });

  it.each(['PRODUCTION', 'ON_HOLD', 'ABANDONED'] as const)('runs no deadline in %s', (stage) => {
    expect(slaOf(lead(stage, '2026-01-01T00:00:00'), DEFAULT_SLA_RULES, t('2026-12-01T00:00:00'))).toBeNull();
  });

  it('follows an admin’s rules: a stage without a rule has no deadline, a longer rule a later one', () => {
    const rules = [{ stage: 'LEAD' as const, kind: 'RESPOND' as const, workingDays: 2, clock: 'STAGE_ENTERED' as const, dueSoonHours: 4 }];
    const sla = slaOf(lead('LEAD', '2026-11-27T17:00:00'), rules, t('2026-11-30T17:00:00'));
    expect(sla && { deadline: iso(sla.deadline), status: sla.status }).toEqual({
      deadline: iso(t('2026-12-01T17:00:00')),
      status: 'ON_TRACK',
    });
    expect(slaOf(lead('CONTACT', '2026-11-27T17:00:00'), rules, t('2026-12-30T17:00:00'))).toBeNull();
  });

  it.each([
    ['2026-12-01T10:00:00', '2026-12-01T10:00:01', 'OVERDUE'],
    ['2026-12-01T10:00:00', '2026-11-30T12:00:00', 'DUE_SOON'],
    ['2026-12-03T10:00:00', '2026-11-30T10:00:00', 'ON_TRACK'],
  ] as const)('a next action due %s, at %s, is %s', (due, now, status) => {
    expect(nextActionStatus(iso(t(due)), 'CONTACT', t(now))).toBe(status);
    expect(nextActionStatus(iso(t(due)), 'ABANDONED', t(now))).toBeNull();
  });
});
