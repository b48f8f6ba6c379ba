/** An applied article: what its change set did, a link to it in the changes view, and reverting it. */
import { useEffect, useRef, useState } from 'react';
import type { FeedChangeSetFieldsFragment } from '../../gql/graphql.js';
import { useI18n } from '../../i18n/i18n.js';
import { changeSetHref, openChangeSet } from '../changes/change-link.js';
import { countsPhrase } from '../changes/change-text.js';
import { RevertForm } from '../changes/revert-form.js';

export function ReviewDone({ changeSet }: { changeSet: FeedChangeSetFieldsFragment }) {
  const { t, lang } = useI18n();
  const [reverting, setReverting] = useState(false);
  const [revert, setRevert] = useState<FeedChangeSetFieldsFragment | null>(null);
  const link = (id: string, label: string, testId: string) => (
    <a
      href={changeSetHref(id)}
      data-testid={testId}
      onClick={(e) => {
        e.preventDefault();
        openChangeSet(id);
      }}
    >
      {label}
    </a>
  );
  const reverted = revert !== null || Boolean(changeSet.revertedBy);
  const box = useRef<HTMLElement>(null);
  // Applying happens at the foot of a long list: scroll the pane (not the page, whose header would
  // scroll away with scrollIntoView) back to what it did.
  useEffect(() => {
    const pane = box.current?.closest('.pane-scroll');
    if (pane) pane.scrollTop = 0;
  }, []);
  return (
    <section ref={box} className="import-done review-done" data-testid="review-done">
      <h3 className="done-title">{reverted ? t('review.reverted') : t('review.applied')}</h3>
      <p data-testid="review-done-counts">{t('review.didWhat', { summary: countsPhrase(changeSet.counts, lang, t) })}</p>
      <p className="step-actions">
        {link(changeSet.id, t('review.viewChangeSet'), 'review-changeset-link')}
        {revert && link(revert.id, t('changes.viewRevert'), 'review-revert-link')}
      </p>
      {!reverted && !reverting && (
        <button type="button" className="btn btn-danger-quiet" onClick={() => setReverting(true)} data-testid="review-revert">
          {t('review.revert')}
        </button>
      )}
      {reverting && !revert && (
        <RevertForm
          changeSetId={changeSet.id}
          onCancel={() => setReverting(false)}
          onDone={(r) => {
            setReverting(false);
            setRevert(r);
          }}
        />
      )}
    </section>
  );
}
