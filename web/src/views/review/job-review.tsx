/**
 * Reviewing one article: its text with the proposals highlighted beside the proposals grouped as new,
 * matched and to confirm (each decided on its own or all of a group at once), the relations, and a
 * required note to apply them as one change set — or discard the article.
 */
import { useMemo, useState } from 'react';
import { INGEST_STATUS_LABELS } from '../../../../shared/model/curation.js';
import { ErrorBanner, Spinner } from '../../components/status.js';
import type { EntityType, IngestDecision } from '../../gql/graphql.js';
import { entityTypeLabel, useI18n } from '../../i18n/i18n.js';
import { ArticleText } from './article-text.js';
import { ProposalCard } from './proposal-card.js';
import { RelationList } from './relation-list.js';
import { ReviewDone } from './review-done.js';
import {
  decisionsOf,
  GROUPS,
  groupOf,
  outcomeOf,
  pendingCount,
  type Choices,
  type EntityChoice,
  type RelationChoices,
  type ReviewPhase,
} from './review-model.js';
import { useApplyIngest, useDiscardIngest, useIngestJob, type IngestJob } from './review-queries.js';

export function JobReview({ id }: { id: string }) {
  const job = useIngestJob(id);
  if (job.error) return <ErrorBanner error={job.error} onRetry={job.reload} />;
  const data = job.data?.ingestJob;
  if (!data) return <Spinner />;
  // A new article starts with no decisions.
  return <JobReviewBody key={data.id} job={data} />;
}

function JobReviewBody({ job }: { job: IngestJob }) {
  const { t, lang } = useI18n();
  const [choices, setChoices] = useState<Choices>({});
  const [relationChoices, setRelationChoices] = useState<RelationChoices>({});
  const [selected, setSelected] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const apply = useApplyIngest();
  const discard = useDiscardIngest();
  const open = job.status === 'open';
  // Applied here: the decisions on screen are what was written. Reopened later, they are not known.
  const phase: ReviewPhase = open ? 'open' : job.status === 'applied' && apply.isSuccess ? 'applied' : 'closed';

  const groups = useMemo(() => GROUPS.map((g) => ({ group: g, items: job.entities.filter((p) => groupOf(p) === g) })), [job.entities]);
  // "All of a kind": every proposal of one entity type at once (all the people, all the events …).
  const kinds = useMemo(() => {
    const byType = new Map<EntityType, string[]>();
    for (const p of job.entities) {
      const keys = byType.get(p.type);
      if (keys) keys.push(p.key);
      else byType.set(p.type, [p.key]);
    }
    return [...byType.entries()].sort((a, b) => b[1].length - a[1].length);
  }, [job.entities]);
  const pending = pendingCount(job, choices);
  const decisions = decisionsOf(job, choices, relationChoices);
  const accepted = job.entities.filter((p) => outcomeOf(p, choices) === 'accept').length;

  const choose = (key: string, choice: EntityChoice | null) =>
    setChoices((cs) => {
      const next = { ...cs };
      if (choice) next[key] = choice;
      else delete next[key];
      return next;
    });
  const chooseAll = (keys: string[], decision: IngestDecision) =>
    setChoices((cs) => {
      const next = { ...cs };
      for (const k of keys) next[k] = decision === 'accept' ? { ...cs[k], decision } : { decision };
      return next;
    });
  const chooseRelation = (index: number, decision: IngestDecision | null) =>
    setRelationChoices((rs) => {
      const next = { ...rs };
      if (decision) next[index] = decision;
      else delete next[index];
      return next;
    });

  return (
    <div className="review-job-view" data-testid="review-job-view" data-status={job.status}>
      <header className="review-job-head">
        <h3 data-testid="review-job-title">{job.title}</h3>
        <span className={`status-tag status-${job.status}`}>{INGEST_STATUS_LABELS[job.status][lang]}</span>
        {(job.publisher || job.date) && (
          <span className="muted small">{t('review.published', { publisher: job.publisher ?? '', date: job.date ?? '' })}</span>
        )}
        {job.url && (
          <a href={job.url} target="_blank" rel="noreferrer noopener" className="small">
            {t('review.openOriginal')}
          </a>
        )}
      </header>
      {open && <p className="not-written">{t('review.notWritten')}</p>}
      {job.status === 'discarded' && <p className="muted">{t('review.discarded')}</p>}
      {job.changeSet && <ReviewDone changeSet={job.changeSet} />}
      {/* Decisions are not kept with the article: an applied or discarded one reopened shows its proposals only. */}
      <div className={`review-columns ${open ? '' : 'read-only'} ${Object.keys(choices).length ? '' : 'undecided'}`}>
        <ArticleText job={job} choices={choices} selected={selected} onSelect={setSelected} />
        <div className="review-proposals">
          {job.warnings.length > 0 && (
            <details className="review-warnings">
              <summary>{t('review.warnings')}</summary>
              <ul>
                {job.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            </details>
          )}
          <h4>{t('review.proposals')}</h4>
          {open && kinds.length > 1 && (
            <div className="proposal-kinds" data-testid="proposal-kinds">
              <span className="muted small">{t('review.byType')}</span>
              {kinds.map(([type, keys]) => (
                <span key={type} className="proposal-kind" data-type={type}>
                  {entityTypeLabel(type, lang)} <span className="muted">({keys.length})</span>
                  <button type="button" className="link-btn small" data-testid="type-accept-all" onClick={() => chooseAll(keys, 'accept')}>
                    {t('review.acceptAll')}
                  </button>
                  <button type="button" className="link-btn small" data-testid="type-reject-all" onClick={() => chooseAll(keys, 'reject')}>
                    {t('review.rejectAll')}
                  </button>
                </span>
              ))}
            </div>
          )}
          {groups.map(({ group, items }) => (
            <section key={group} className="proposal-group" data-testid="proposal-group" data-group={group}>
              <div className="proposal-group-head">
                <h5>
                  {t(`review.group.${group}`)} <span className="muted">({items.length})</span>
                </h5>
                {open && items.length > 0 && (
                  <span className="proposal-group-actions">
                    <button
                      type="button"
                      className="link-btn small"
                      onClick={() =>
                        chooseAll(
                          items.map((p) => p.key),
                          'accept',
                        )
                      }
                      data-testid="group-accept-all"
                    >
                      {t('review.acceptAll')}
                    </button>
                    <button
                      type="button"
                      className="link-btn small"
                      onClick={() =>
                        chooseAll(
                          items.map((p) => p.key),
                          'reject',
                        )
                      }
                      data-testid="group-reject-all"
                    >
                      {t('review.rejectAll')}
                    </button>
                  </span>
                )}
              </div>
              {items.length === 0 && <p className="muted small">{t('review.groupEmpty')}</p>}
              <ul className="proposal-list">
                {items.map((p) => (
                  <ProposalCard
                    key={p.key}
                    proposal={p}
                    choices={choices}
                    phase={phase}
                    selected={selected === p.key}
                    onSelect={() => setSelected(p.key)}
                    onChoose={(c) => choose(p.key, c)}
                  />
                ))}
              </ul>
            </section>
          ))}
          <h4>{t('review.relations')}</h4>
          <RelationList
            job={job}
            choices={choices}
            phase={phase}
            relationChoices={relationChoices}
            onChoose={chooseRelation}
            onSelectEntity={setSelected}
          />
          {open && (
            <form
              className="review-apply"
              data-testid="review-apply"
              onSubmit={(e) => {
                e.preventDefault();
                apply.mutate({ id: job.id, ...decisions, note: note.trim() });
              }}
            >
              <p className={pending ? 'review-pending' : 'review-ready'} data-testid="review-summary">
                {pending
                  ? t('review.pending', { count: pending })
                  : t('review.ready', { entities: accepted, relations: decisions.relations.length })}
              </p>
              <label className="field">
                <span>{t('review.note')}</span>
                <textarea
                  rows={2}
                  required
                  value={note}
                  placeholder={t('review.notePlaceholder')}
                  onChange={(e) => setNote(e.target.value)}
                  data-testid="review-note"
                />
              </label>
              {apply.error && <ErrorBanner error={apply.error} />}
              {discard.error && <ErrorBanner error={discard.error} />}
              <div className="step-actions">
                <button
                  type="button"
                  className="btn btn-danger-quiet"
                  disabled={discard.isPending || apply.isPending}
                  onClick={() => {
                    if (window.confirm(t('review.discardConfirm'))) discard.mutate({ id: job.id });
                  }}
                  data-testid="review-discard"
                >
                  {t('review.discard')}
                </button>
                <button
                  type="submit"
                  className="btn btn-primary"
                  disabled={pending > 0 || !note.trim() || apply.isPending}
                  data-testid="review-apply-submit"
                >
                  {apply.isPending ? t('review.applying') : t('review.apply')}
                </button>
              </div>
            </form>
          )}
        </div>
      </div>
    </div>
  );
}
