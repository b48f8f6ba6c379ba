/** 我的工作 / My work: the caller's open leads that are overdue, due soon, and their next actions. */
import { ErrorBanner, Spinner } from '../../components/status.js';
import { useI18n, type MessageKey } from '../../i18n/i18n.js';
import { LeadCard } from './lead-card.js';
import { useMyWork, type Lead } from './lead-queries.js';

export function MyWork() {
  const { t } = useI18n();
  const work = useMyWork();
  const w = work.data?.myWork;
  if (work.error) return <ErrorBanner error={work.error} onRetry={work.reload} />;
  if (!w) return <Spinner />;
  const part = (key: 'overdue' | 'dueSoon' | 'nextActions', title: MessageKey, empty: MessageKey, list: readonly Lead[]) => (
    <section className={`my-work-part my-work-${key}`} data-testid={`my-work-${key}`}>
      <h3>
        {t(title)} <span className="muted small">{list.length}</span>
      </h3>
      {list.length === 0 ? <p className="muted small">{t(empty)}</p> : list.map((l) => <LeadCard key={l.id} lead={l} />)}
    </section>
  );
  return (
    <div className="my-work" data-testid="my-work">
      {part('overdue', 'leads.mine.overdue', 'leads.mine.noneOverdue', w.overdue)}
      {part('dueSoon', 'leads.mine.dueSoon', 'leads.mine.noneDueSoon', w.dueSoon)}
      {part('nextActions', 'leads.mine.next', 'leads.mine.noneNext', w.nextActions)}
    </div>
  );
}
