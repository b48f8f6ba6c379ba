/**
 * The leads as a table: company, stage, owner, region, segment, next action and its flag; exported as
 * CSV or XLSX with the headers in the UI's language.
 */
import { EmptyState, ErrorBanner, Spinner } from '../../components/status.js';
import { TableExport } from '../../components/table-export.js';
import type { TableColumn } from '../../export/table-export.js';
import type { LeadFilter } from '../../gql/graphql.js';
import { displayName, useI18n } from '../../i18n/i18n.js';
import { LeadName, UrgencyFlag } from './lead-card.js';
import { useLeads, type Lead } from './lead-queries.js';
import { leadName, shanghaiTime } from './lead-text.js';

export function LeadsList({ filter }: { filter: LeadFilter }) {
  const { t, lang } = useI18n();
  const leads = useLeads(filter);
  const page = leads.data?.leads;
  if (leads.error) return <ErrorBanner error={leads.error} onRetry={leads.reload} />;
  if (!page) return <Spinner />;
  if (page.items.length === 0) return <EmptyState title={t('leads.none')} testId="leads-empty" />;
  const columns: TableColumn<Lead>[] = [
    { header: t('leads.col.company'), value: (l) => leadName(l, lang) },
    { header: t('leads.col.region'), value: (l) => displayName(l.region, lang) },
    { header: t('leads.col.segment'), value: (l) => (l.segment ? displayName(l.segment, lang) : '') },
    { header: t('leads.col.stage'), value: (l) => t(`leads.stage.${l.stage}`) },
    { header: t('leads.col.owner'), value: (l) => l.owner },
    { header: t('leads.col.next'), value: (l) => l.nextAction ?? '' },
    { header: t('leads.col.due'), value: (l) => (l.dueAt ? shanghaiTime(l.dueAt, lang) : '') },
    { header: t('leads.col.urgency'), value: (l) => (l.urgency ? t(`leads.urgency.${l.urgency}`) : '') },
    { header: t('leads.field.investment'), value: (l) => l.estimatedInvestment ?? '' },
    { header: t('leads.field.area'), value: (l) => l.area ?? '' },
  ];
  return (
    <>
      <div className="leads-list-head">
        <p className="muted small leads-count">
          {page.total > page.items.length
            ? t('leads.countCapped', { n: page.items.length, total: page.total })
            : t('leads.count', { n: page.total })}
        </p>
        <TableExport columns={columns} rows={[...page.items]} name={t('leads.list.exportName')} />
      </div>
      <div className="table-scroll">
        <table className="data-table leads-table" data-testid="leads-table">
          <thead>
            <tr>
              <th>{t('leads.col.company')}</th>
              <th>{t('leads.col.stage')}</th>
              <th>{t('leads.col.owner')}</th>
              <th>{t('leads.col.region')}</th>
              <th>{t('leads.col.segment')}</th>
              <th>{t('leads.col.next')}</th>
              <th>{t('leads.col.flag')}</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((l) => (
              <tr key={l.id} data-lead={l.id} data-urgency={l.urgency ?? ''}>
                <td>
                  <LeadName lead={l} />
                </td>
                <td>
                  <span className={`stage-chip stage-${l.stage}`}>{t(`leads.stage.${l.stage}`)}</span>
                </td>
                <td>{l.owner}</td>
                <td>{displayName(l.region, lang)}</td>
                <td>{l.segment ? displayName(l.segment, lang) : '—'}</td>
                <td className="small">
                  {l.nextAction ?? '—'}
                  {l.dueAt && <div className="muted">{t('leads.dueIs', { due: shanghaiTime(l.dueAt, lang) })}</div>}
                </td>
                <td className="lead-flag-cell">
                  <UrgencyFlag lead={l} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
