/** SLA rules as an admin sets them: at most one per open stage, whole working days, checked before they replace the old ones. */
import { badInput } from '../errors.js';
import type { GraphStore } from '../../store/types.js';
import { commitLead } from './commit.js';
import { readSlaRules, replaceSlaRules } from './rows.js';
import { isOpenStage, SLA_CLOCKS, SLA_KINDS, type LeadActor, type SlaRule } from './types.js';

export function checkRules(rules: readonly SlaRule[]): SlaRule[] {
  const seen = new Set<string>();
  return rules.map((r, i) => {
    const field = `rules.${i}`;
    if (!isOpenStage(r.stage))
      throw badInput('no deadline runs in 投产, 搁置 or 放弃', { field: `${field}.stage`, reason: 'CLOSED_STAGE' });
    if (seen.has(r.stage)) throw badInput('one rule per stage', { field: `${field}.stage`, reason: 'DUPLICATE_STAGE' });
    seen.add(r.stage);
    if (!SLA_KINDS.includes(r.kind) || !SLA_CLOCKS.includes(r.clock)) throw badInput('unknown rule kind or clock', { field });
    if (!Number.isInteger(r.workingDays) || r.workingDays < 1 || r.workingDays > 250) {
      throw badInput('workingDays: a whole number from 1 to 250', { field: `${field}.workingDays` });
    }
    if (!Number.isInteger(r.dueSoonHours) || r.dueSoonHours < 0 || r.dueSoonHours > 24 * 30) {
      throw badInput('dueSoonHours: a whole number from 0 to 720', { field: `${field}.dueSoonHours` });
    }
    return { stage: r.stage, kind: r.kind, workingDays: r.workingDays, clock: r.clock, dueSoonHours: r.dueSoonHours };
  });
}

/** Replaces every rule (a stage left out has no deadline from then on). */
export async function setSlaRules(store: GraphStore, actor: LeadActor, rules: readonly SlaRule[], now: number): Promise<SlaRule[]> {
  const checked = checkRules(rules);
  return commitLead(store, actor, 'SLA_RULES', now, async (tx, at) => {
    const before = await readSlaRules(tx);
    await replaceSlaRules(tx, checked, at, actor.username);
    return { result: await readSlaRules(tx), target: null, params: { before, after: checked } };
  });
}
