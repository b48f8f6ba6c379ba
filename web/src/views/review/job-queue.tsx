/** The review queue: articles by status, newest first; choosing one opens its review. */
import { INGEST_STATUSES, INGEST_STATUS_LABELS } from '../../../../shared/model/curation.js';
import { ErrorBanner, Spinner } from '../../components/status.js';
import type { IngestStatus } from '../../gql/graphql.js';
import { formatTime, useI18n } from '../../i18n/i18n.js';
import { useIngestJobs } from './review-queries.js';
import { authorName } from '../edit/history-list.js';

export function JobQueue({
  status,
  onStatus,
  selected,
  onSelect,
}: {
  status: IngestStatus | null;
  onStatus: (status: IngestStatus | null) => void;
  selected: string | null;
  onSelect: (id: string) => void;
}) {
  const { t, lang } = useI18n();
  const jobs = useIngestJobs(status);
  const list = jobs.data?.ingestJobs ?? [];
  return (
    <section className="review-queue" data-testid="review-queue">
      <div className="review-queue-head">
        <h3>{t('review.queue')}</h3>
        <select
          className="inline"
          value={status ?? ''}
          aria-label={t('review.queue')}
          onChange={(e) => onStatus((e.target.value || null) as IngestStatus | null)}
          data-testid="review-status"
        >
          <option value="">{t('review.anyStatus')}</option>
          {INGEST_STATUSES.map((s) => (
            <option key={s} value={s}>
              {INGEST_STATUS_LABELS[s][lang]}
            </option>
          ))}
        </select>
      </div>
      {jobs.error && <ErrorBanner error={jobs.error} onRetry={jobs.reload} />}
      {!jobs.data && jobs.loading && <Spinner />}
      {jobs.data && list.length === 0 && <p className="muted small">{t('review.queueEmpty')}</p>}
      <ul className="review-jobs">
        {list.map((j) => (
          <li key={j.id}>
            <button
              type="button"
              className={`review-job ${selected === j.id ? 'active' : ''}`}
              aria-current={selected === j.id ? 'true' : undefined}
              onClick={() => onSelect(j.id)}
              data-testid="review-job"
              data-id={j.id}
              data-status={j.status}
            >
              <span className="review-job-title">{j.title}</span>
              <span className={`status-tag status-${j.status}`}>{INGEST_STATUS_LABELS[j.status][lang]}</span>
              <span className="muted small">{t('review.proposalCount', { entities: j.entityCount, relations: j.relationCount })}</span>
              <span className="muted small">
                {t('review.by', { user: authorName(j.createdBy, t), time: formatTime(j.createdAt, lang) })}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
