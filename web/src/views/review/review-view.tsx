/**
 * Articles (editors): paste or choose a news article, and the names and relations it states are
 * proposed; review them against the highlighted text and apply the accepted ones as one sourced
 * change set. The chosen article is kept in the address (`job`), so a review can be shared.
 */
import { useState } from 'react';
import type { IngestStatus } from '../../gql/graphql.js';
import { useI18n } from '../../i18n/i18n.js';
import { ArticleForm } from './article-form.js';
import { JobQueue } from './job-queue.js';
import { JobReview } from './job-review.js';

const linkedJob = (): string | null => new URLSearchParams(window.location.search).get('job') || null;

/** Writes the chosen article into the address without a new history entry. */
function rememberJob(id: string | null) {
  const p = new URLSearchParams(window.location.search);
  if (id) p.set('job', id);
  else p.delete('job');
  const query = p.toString();
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${query ? `?${query}` : ''}`);
}

export function ReviewView() {
  const { t } = useI18n();
  const [job, setJob] = useState<string | null>(linkedJob);
  const [status, setStatus] = useState<IngestStatus | null>('open');
  const select = (id: string | null) => {
    setJob(id);
    rememberJob(id);
  };
  return (
    <div className="review-view pane" style={{ flex: 1 }} data-testid="review-view">
      <div className="canvas-toolbar import-toolbar">
        <h2 className="import-title">{t('review.title')}</h2>
        <button type="button" className="btn btn-small" onClick={() => select(null)} disabled={job === null} data-testid="review-new">
          {t('review.newArticle')}
        </button>
      </div>
      <div className={`review-layout ${job ? 'has-job' : ''}`}>
        <aside className="review-side">
          <JobQueue status={status} onStatus={setStatus} selected={job} onSelect={select} />
        </aside>
        <div className="review-main pane-scroll">
          <div className="pane-section">
            {job ? (
              <>
                <button type="button" className="link-btn small review-back" onClick={() => select(null)}>
                  ← {t('review.back')}
                </button>
                <JobReview id={job} />
              </>
            ) : (
              <ArticleForm onQueued={select} />
            )}
          </div>
        </div>
      </div>
    </div>
  );
}
