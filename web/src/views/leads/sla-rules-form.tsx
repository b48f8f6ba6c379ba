/**
 * The deadline rules (admins): per open stage, what is asked (respond, feedback, assess, progress),
 * in how many working days from entering the stage or from the last activity, and how many hours
 * before the deadline a lead shows as due soon. Saving replaces every rule.
 */
import { useState, type FormEvent } from 'react';
import { ErrorBanner, Spinner } from '../../components/status.js';
import type { LeadStage, SlaClock, SlaKind, SlaRuleInput } from '../../gql/graphql.js';
import { useI18n } from '../../i18n/i18n.js';
import { LeadError } from './lead-error.js';
import { useSetSlaRules, useSlaRules } from './lead-queries.js';
import { STAGES } from './lead-text.js';

const OPEN_STAGES = STAGES.filter((s) => s !== 'PRODUCTION' && s !== 'ON_HOLD' && s !== 'ABANDONED');
const KINDS: SlaKind[] = ['RESPOND', 'FEEDBACK', 'ASSESS', 'PROGRESS'];
const CLOCKS: SlaClock[] = ['STAGE_ENTERED', 'LAST_ACTIVITY'];

export function SlaRulesForm() {
  const rules = useSlaRules();
  if (rules.error) return <ErrorBanner error={rules.error} onRetry={rules.reload} />;
  if (!rules.data) return <Spinner />;
  return (
    <RulesEditor
      initial={rules.data.slaRules.map(({ stage, kind, workingDays, clock, dueSoonHours }) => ({
        stage,
        kind,
        workingDays,
        clock,
        dueSoonHours,
      }))}
    />
  );
}

function RulesEditor({ initial }: { initial: SlaRuleInput[] }) {
  const { t } = useI18n();
  const save = useSetSlaRules();
  const [rows, setRows] = useState<SlaRuleInput[]>(initial);
  const [saved, setSaved] = useState(false);
  const set = (i: number, patch: Partial<SlaRuleInput>) => {
    setSaved(false);
    setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  };
  const free = OPEN_STAGES.filter((s) => !rows.some((r) => r.stage === s));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ rules: rows }, { onSuccess: () => setSaved(true) });
  };
  const num = (v: string) => Math.max(0, Math.round(Number(v) || 0));
  return (
    <form className="sla-rules" onSubmit={submit} data-testid="sla-rules">
      <p className="muted small">{t('leads.rules.intro')}</p>
      <table className="data-table">
        <thead>
          <tr>
            <th>{t('leads.rules.stage')}</th>
            <th>{t('leads.rules.kind')}</th>
            <th>{t('leads.rules.days')}</th>
            <th>{t('leads.rules.clock')}</th>
            <th>{t('leads.rules.dueSoon')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.stage} data-rule={r.stage}>
              <td>
                <select
                  className="inline"
                  value={r.stage}
                  onChange={(e) => set(i, { stage: e.target.value as LeadStage })}
                  aria-label={t('leads.rules.stage')}
                >
                  {OPEN_STAGES.filter((s) => s === r.stage || free.includes(s)).map((s) => (
                    <option key={s} value={s}>
                      {t(`leads.stage.${s}`)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <select
                  className="inline"
                  value={r.kind}
                  onChange={(e) => set(i, { kind: e.target.value as SlaKind })}
                  aria-label={t('leads.rules.kind')}
                >
                  {KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(`leads.slaKind.${k}`)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <input
                  className="inline num-input"
                  type="number"
                  min={1}
                  value={r.workingDays}
                  onChange={(e) => set(i, { workingDays: num(e.target.value) })}
                  aria-label={t('leads.rules.days')}
                />
              </td>
              <td>
                <select
                  className="inline"
                  value={r.clock}
                  onChange={(e) => set(i, { clock: e.target.value as SlaClock })}
                  aria-label={t('leads.rules.clock')}
                >
                  {CLOCKS.map((c) => (
                    <option key={c} value={c}>
                      {t(`leads.slaClockName.${c}`)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <input
                  className="inline num-input"
                  type="number"
                  min={0}
                  value={r.dueSoonHours}
                  onChange={(e) => set(i, { dueSoonHours: num(e.target.value) })}
                  aria-label={t('leads.rules.dueSoon')}
                />
              </td>
              <td>
                <button type="button" className="link-btn danger" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                  {t('leads.rules.remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form-actions">
        {free.length > 0 && (
          <button
            type="button"
            className="btn btn-small"
            onClick={() =>
              setRows([...rows, { stage: free[0], kind: 'PROGRESS', workingDays: 5, clock: 'STAGE_ENTERED', dueSoonHours: 24 }])
            }
          >
            {t('leads.rules.add')}
          </button>
        )}
        <button type="submit" className="btn btn-primary" disabled={save.isPending} data-testid="sla-save">
          {save.isPending ? t('leads.saving') : t('leads.rules.save')}
        </button>
        {saved && <span role="status">{t('leads.rules.saved')}</span>}
      </div>
      {save.error && <LeadError error={save.error} />}
    </form>
  );
}
