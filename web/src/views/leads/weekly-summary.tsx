/**
 * The weekly summary of one owner (Monday to Monday, Shanghai): leads by stage, created, stage moves,
 * interactions by kind, overdue now, and the owner's leads as a table to export (CSV / XLSX). The
 * owner is picked among those who have leads the caller sees (and the caller).
 */
import { useState } from 'react';
import { EmptyState, ErrorBanner, Spinner } from '../../components/status.js';
import { TableExport } from '../../components/table-export.js';
import type { TableColumn } from '../../export/table-export.js';
import { displayName, useI18n } from '../../i18n/i18n.js';
import { LeadName, UrgencyFlag } from './lead-card.js';
import { useLeads, useWeeklySummary, type Lead } from './lead-queries.js';
import { leadName, muOf, shanghaiDate, shanghaiTime, shanghaiToday, urgencyText } from './lead-text.js';

export function WeeklySummaryView({ me }: { me: string | null }) {
  const { t, lang } = useI18n();
  const [owner, setOwner] = useState(me ?? '');
  const [weekOf, setWeekOf] = useState(shanghaiToday());
  // The unfiltered list's data (the list view's own cache entry): who owns leads.
  const leads = useLeads({ stage: null, owner: null, region: null, segment: null, overdue: null });
  const owners = [
    ...new Set([...(me ? [me] : []), ...(leads.data?.leads.items.map((l) => l.owner) ?? []), ...(owner ? [owner] : [])]),
  ].sort((a, b) => a.localeCompare(b));
  const summary = useWeeklySummary(owner || null, weekOf || null);
  const w = summary.data?.weeklySummary;
  const overdue = new Set(w?.overdue.map((l) => l.id) ?? []);
  const columns: TableColumn<Lead>[] = [
    { header: t('leads.col.company'), value: (l) => leadName(l, lang) },
    { header: t('leads.col.stage'), value: (l) => t(`leads.stage.${l.stage}`) },
    { header: t('leads.col.region'), value: (l) => displayName(l.region, lang) },
    { header: t('leads.col.segment'), value: (l) => (l.segment ? displayName(l.segment, lang) : '') },
    { header: t('leads.col.next'), value: (l) => l.nextAction ?? '' },
    { header: t('leads.col.due'), value: (l) => (l.dueAt ? shanghaiTime(l.dueAt, lang) : '') },
    { header: t('leads.col.flag'), value: (l) => urgencyText(l, t, lang) ?? '' },
    { header: t('leads.field.investment'), value: (l) => l.estimatedInvestment ?? '' },
    { header: t('leads.field.area'), value: (l) => l.area ?? '' },
    { header: t('leads.col.mu'), value: (l) => (l.area ? muOf(l.area) : '') },
  ];
  return (
    <div className="weekly" data-testid="weekly-summary">
      <div className="lead-filters">
        <label className="toolbar-group">
          <span className="toolbar-label">{t('leads.weekly.owner')}</span>
          <select className="inline" value={owner} onChange={(e) => setOwner(e.target.value)} data-testid="weekly-owner">
            {!owner && <option value="">…</option>}
            {owners.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </label>
        <label className="toolbar-group">
          <span className="toolbar-label">{t('leads.weekly.weekOf')}</span>
          <input className="inline" type="date" value={weekOf} onChange={(e) => setWeekOf(e.target.value)} data-testid="weekly-week" />
        </label>
      </div>
      {summary.error && <ErrorBanner error={summary.error} onRetry={summary.reload} />}
      {!w && !summary.error && <Spinner />}
      {w && (
        <>
          <h3 className="weekly-title">
            {t('leads.weekly.title', {
              owner: w.owner,
              from: shanghaiDate(w.weekStart, lang),
              to: shanghaiDate(new Date(Date.parse(w.weekEnd) - 1).toISOString(), lang),
            })}
          </h3>
          <ul className="weekly-figures" data-testid="weekly-figures">
            <li>
              <strong>{w.created}</strong> {t('leads.weekly.created')}
            </li>
            <li>
              <strong>{w.moves.length}</strong> {t('leads.weekly.moved', { n: w.moved })}
            </li>
            <li>
              <strong>{w.interactions}</strong> {t('leads.weekly.interactions')}
              {w.interactionsByKind.some((k) => k.count > 0) && (
                <span className="muted small">
                  {' '}
                  {t('leads.weekly.byKind', {
                    list: w.interactionsByKind
                      .filter((k) => k.count > 0)
                      .map((k) => `${t(`leads.kind.${k.kind}`)} ${k.count}`)
                      .join(t('leads.listSeparator')),
                  })}
                </span>
              )}
            </li>
            <li className={w.overdue.length ? 'weekly-overdue' : ''}>
              <strong>{w.overdue.length}</strong> {t('leads.weekly.overdue')}
            </li>
          </ul>
          <div className="weekly-stages">
            {w.byStage
              .filter((s) => s.count > 0)
              .map((s) => (
                <span key={s.stage} className={`stage-chip stage-${s.stage}`}>
                  {t(`leads.stage.${s.stage}`)} {s.count}
                </span>
              ))}
          </div>
          {w.moves.length > 0 && (
            <>
              <h4>{t('leads.weekly.movesTitle')}</h4>
              <ul className="plain-list weekly-moves">
                {w.moves.map((m) => (
                  <li key={m.id} className="small">
                    {shanghaiTime(m.at, lang)} · {m.actor} ·{' '}
                    {t('leads.history.move', {
                      from: m.fromStage ? t(`leads.stage.${m.fromStage}`) : '—',
                      to: m.toStage ? t(`leads.stage.${m.toStage}`) : '—',
                    })}
                    {(() => {
                      const l = w.leads.find((x) => x.id === m.lead);
                      return l ? ` · ${leadName(l, lang)}` : '';
                    })()}
                    {m.note && <span className="muted"> · {m.note}</span>}
                  </li>
                ))}
              </ul>
            </>
          )}
          <div className="weekly-table-head">
            <h4>{t('leads.weekly.leadsTitle')}</h4>
            <TableExport columns={columns} rows={[...w.leads]} name={t('leads.weekly.exportName', { owner: w.owner })} />
          </div>
          {w.leads.length === 0 ? (
            <EmptyState title={t('leads.none')} />
          ) : (
            <div className="table-scroll">
              <table className="data-table leads-table" data-testid="weekly-table">
                <thead>
                  <tr>
                    <th>{t('leads.col.company')}</th>
                    <th>{t('leads.col.stage')}</th>
                    <th>{t('leads.col.next')}</th>
                    <th>{t('leads.col.flag')}</th>
                  </tr>
                </thead>
                <tbody>
                  {w.leads.map((l) => (
                    <tr key={l.id} data-overdue={overdue.has(l.id) ? 'true' : 'false'}>
                      <td>
                        <LeadName lead={l} />
                      </td>
                      <td>
                        <span className={`stage-chip stage-${l.stage}`}>{t(`leads.stage.${l.stage}`)}</span>
                      </td>
                      <td className="small">{l.nextAction ?? '—'}</td>
                      <td className="lead-flag-cell">
                        <UrgencyFlag lead={l} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </div>
  );
}
