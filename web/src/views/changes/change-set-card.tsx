/**
 * One change set in the feed: when, who, how, why, from which source, what it changed in counts;
 * expandable to every fact's diff; for editors, revert it. A reverted one says so and links to the revert.
 */
import { useState } from 'react';
import { ZhText } from '../../components/entity-name.js';
import { ErrorBanner, Spinner } from '../../components/status.js';
import type { FeedChangeSetFieldsFragment } from '../../gql/graphql.js';
import { formatTime, useI18n } from '../../i18n/i18n.js';
import { CHANGE_KIND_LABELS, DOCUMENT_KIND_LABELS } from '../../../../shared/model/curation.js';
import { REVISIONS_SHOWN, useChangeSet } from './change-queries.js';
import { aboutEntities, countsPhrase, totalCount } from './change-text.js';
import { RevertForm } from './revert-form.js';
import { RevisionList, revisionLabels } from './revision-list.js';
import { authorName } from '../edit/history-list.js';

export interface ChangeSetCardProps {
  cs: FeedChangeSetFieldsFragment;
  canRevert: boolean;
  onShowEntity: (id: string) => void;
  onOpenChangeSet: (id: string) => void;
  defaultOpen?: boolean;
}

export function ChangeSetCard({ cs, canRevert, onShowEntity, onOpenChangeSet, defaultOpen = false }: ChangeSetCardProps) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(defaultOpen);
  const [reverting, setReverting] = useState(false);
  const [revertedBy, setRevertedBy] = useState<string | null>(null);
  const detail = useChangeSet(open || reverting ? cs.id : null);
  const revisions = detail.data?.changeSet?.revisions ?? [];
  const reverted = cs.revertedBy ?? revertedBy;
  const phrase = countsPhrase(cs.counts, lang, t) || t('changes.nothingChanged');
  const total = totalCount(cs.counts);
  const doc = cs.document;
  const about = aboutEntities(cs.about);
  return (
    <article className={`change-card ${reverted ? 'is-reverted' : ''}`} data-testid="change-set" data-id={cs.id} data-kind={cs.kind}>
      <header className="change-head">
        <span className={`kind-badge kind-${cs.kind.toLowerCase()}`}>{CHANGE_KIND_LABELS[cs.kind][lang]}</span>
        <time className="change-time" dateTime={cs.at} title={cs.at}>
          {formatTime(cs.at, lang)}
        </time>
        <span className="change-author" title={t('changes.by')}>
          {authorName(cs.author, t)}
        </span>
        {reverted && (
          <span className="reverted-tag" data-testid="reverted-tag">
            {t('changes.reverted')}
          </span>
        )}
      </header>
      <p className="change-note">{cs.note || <span className="muted">{t('changes.noNote')}</span>}</p>
      {about.length > 0 && (
        <p className="change-about" data-testid="change-about">
          <span className="muted">{t('changes.about')}</span>{' '}
          {about.map((e, i) => (
            <span key={e.id}>
              {i > 0 && t('changes.aboutSeparator')}
              <button type="button" className="entity-link" onClick={() => onShowEntity(e.id)}>
                <ZhText text={e.name} />
              </button>
            </span>
          ))}
          {total > cs.about.length && <span className="muted">{t('changes.aboutMore')}</span>}
        </p>
      )}
      <p className="change-counts" data-testid="change-counts">
        {phrase}
      </p>
      {doc && (
        <p className="change-source small">
          <span className="muted">{t('changes.source')}</span> <span className="doc-kind">{DOCUMENT_KIND_LABELS[doc.kind][lang]}</span>{' '}
          {doc.url ? (
            <a href={doc.url} target="_blank" rel="noreferrer noopener">
              {doc.title}
            </a>
          ) : (
            <span>{doc.title}</span>
          )}
          {doc.date && <span className="muted"> · {doc.date}</span>}
          {doc.publisher && <span className="muted"> · {doc.publisher}</span>}
        </p>
      )}
      <div className="change-actions">
        <button type="button" className="link-btn" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="change-expand">
          {open ? t('changes.collapse') : t('changes.expand')}
        </button>
        {reverted && (
          <button type="button" className="link-btn" onClick={() => onOpenChangeSet(reverted)}>
            {t('changes.viewRevert')}
          </button>
        )}
        {cs.reverts && (
          <span className="small">
            <span className="muted">{t('changes.revertOf')}</span>{' '}
            <button type="button" className="link-btn" onClick={() => onOpenChangeSet(cs.reverts!)}>
              {t('changes.viewReverted')}
            </button>
          </span>
        )}
        {canRevert && !reverted && !reverting && (
          <button type="button" className="btn btn-small btn-danger-quiet" onClick={() => setReverting(true)} data-testid="change-revert">
            {t('changes.revert')}
          </button>
        )}
      </div>
      {reverting && !reverted && (
        <RevertForm
          changeSetId={cs.id}
          labels={revisionLabels(revisions, lang)}
          onCancel={() => setReverting(false)}
          onDone={(r) => {
            setReverting(false);
            setRevertedBy(r.id);
          }}
        />
      )}
      {revertedBy && (
        <p className="muted small" role="status">
          {t('changes.revertDone')}
        </p>
      )}
      {open && (
        <div className="change-detail">
          {detail.error && <ErrorBanner error={detail.error} onRetry={detail.reload} />}
          {!detail.data && detail.loading && <Spinner />}
          {detail.data && <RevisionList revisions={revisions} onShowEntity={onShowEntity} />}
          {detail.data && total > REVISIONS_SHOWN && (
            <p className="muted small">{t('changes.revisionsShown', { shown: REVISIONS_SHOWN, total })}</p>
          )}
        </div>
      )}
    </article>
  );
}
