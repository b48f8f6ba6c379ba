/**
 * A change set just applied (an import, an article): what it did, a link to it in the changes view,
 * and reverting it with a note (then a link to the revert). Each step words it with its own messages
 * and test ids.
 */
import { useState } from 'react';
import type { FeedChangeSetFieldsFragment } from '../../gql/graphql.js';
import { useI18n, type MessageKey } from '../../i18n/i18n.js';
import { changeSetHref, openChangeSet } from './change-link.js';
import { countsPhrase } from './change-text.js';
import { RevertForm } from './revert-form.js';

export interface AppliedChangeSetText {
  /** Title while it stands. */
  applied: MessageKey;
  /** Title once reverted. */
  reverted: MessageKey;
  /** "{summary}" of what it did. */
  didWhat: MessageKey;
  viewChangeSet: MessageKey;
  /** The button that opens the revert form. */
  revert: MessageKey;
}

export function AppliedChangeSet({
  changeSet,
  text,
  testIdPrefix,
}: {
  changeSet: FeedChangeSetFieldsFragment;
  text: AppliedChangeSetText;
  /** `import` → import-done-counts, import-changeset-link, import-revert-link, import-revert. */
  testIdPrefix: string;
}) {
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
  return (
    <>
      <h3 className="done-title">{reverted ? t(text.reverted) : t(text.applied)}</h3>
      <p data-testid={`${testIdPrefix}-done-counts`}>{t(text.didWhat, { summary: countsPhrase(changeSet.counts, lang, t) })}</p>
      <p className="step-actions">
        {link(changeSet.id, t(text.viewChangeSet), `${testIdPrefix}-changeset-link`)}
        {revert && link(revert.id, t('changes.viewRevert'), `${testIdPrefix}-revert-link`)}
      </p>
      {!reverted && !reverting && (
        <button type="button" className="btn btn-danger-quiet" onClick={() => setReverting(true)} data-testid={`${testIdPrefix}-revert`}>
          {t(text.revert)}
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
    </>
  );
}
