/** An applied article: what its change set did, a link to it in the changes view, and reverting it. */
import { useEffect, useRef } from 'react';
import type { FeedChangeSetFieldsFragment } from '../../gql/graphql.js';
import { AppliedChangeSet, type AppliedChangeSetText } from '../changes/applied-change-set.js';

const DONE_TEXT: AppliedChangeSetText = {
  applied: 'review.applied',
  reverted: 'review.reverted',
  didWhat: 'review.didWhat',
  viewChangeSet: 'review.viewChangeSet',
  revert: 'review.revert',
};

export function ReviewDone({ changeSet }: { changeSet: FeedChangeSetFieldsFragment }) {
  const box = useRef<HTMLElement>(null);
  // Applying happens at the foot of a long list: scroll the pane (not the page, whose header would
  // scroll away with scrollIntoView) back to what it did.
  // On a phone the page itself scrolls, under a sticky header: bring the confirmation into sight below it.
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const pane = el.closest('.pane-scroll');
    if (pane) pane.scrollTop = 0;
    const headerBottom = document.querySelector('.app-header')?.getBoundingClientRect().bottom ?? 0;
    const top = el.getBoundingClientRect().top;
    if (top < headerBottom || top > window.innerHeight - 80) window.scrollBy({ top: top - headerBottom - 8 });
  }, []);
  return (
    <section ref={box} className="import-done review-done" data-testid="review-done">
      <AppliedChangeSet changeSet={changeSet} text={DONE_TEXT} testIdPrefix="review" />
    </section>
  );
}
