/**
 * A refused lead change in the reader's words: the domain's reason (NOT_OWNER, OUT_OF_SCOPE,
 * NOT_A_CANDIDATE, ALREADY_IN_GRAPH, NOT_A_LINK …) or CONFLICT has its own sentence; any other code
 * reads as the shared error banner does.
 */
import type { GraphQLRequestError } from '../../api/graphql-client.js';
import { ErrorBanner } from '../../components/status.js';
import { useI18n } from '../../i18n/i18n.js';

export const LEAD_REASONS = [
  'NOT_OWNER',
  'OUT_OF_SCOPE',
  'NOT_A_CANDIDATE',
  'ALREADY_IN_GRAPH',
  'TARGET_RETRACTED',
  'TARGET_REQUIRED',
  'NOT_AN_ORGANISATION',
  'NOT_A_LINK',
  'NOT_ASSIGNABLE',
  'REASON_REQUIRED',
  'SAME_STAGE',
  'CLOSED_STAGE',
  'DUPLICATE_STAGE',
] as const;
type LeadReason = (typeof LEAD_REASONS)[number];
const isLeadReason = (r: unknown): r is LeadReason => typeof r === 'string' && (LEAD_REASONS as readonly string[]).includes(r);

export function LeadError({ error, onDismiss }: { error: GraphQLRequestError; onDismiss?: () => void }) {
  const { t } = useI18n();
  const reason = error.details.reason;
  if (error.code !== 'CONFLICT' && !isLeadReason(reason)) return <ErrorBanner error={error} onDismiss={onDismiss} />;
  const text = error.code === 'CONFLICT' ? t('leads.error.CONFLICT') : t(`leads.error.${reason as LeadReason}`);
  return (
    <div className="error-banner" role="alert" data-code={error.code} data-reason={isLeadReason(reason) ? reason : undefined}>
      <span className="error-icon" aria-hidden>
        !
      </span>
      <span className="error-text">{text}</span>
      {onDismiss && (
        <button type="button" className="btn btn-small" onClick={onDismiss}>
          {t('common.close')}
        </button>
      )}
    </div>
  );
}
