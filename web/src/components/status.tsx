/** Loading, error and empty states shared by the views. */
import type { ReactNode } from 'react';
import type { GraphQLRequestError } from '../api/graphql-client.js';
import { useI18n } from '../i18n/i18n.js';

/** The codes an error can carry that have their own message (the rest read as UNKNOWN). */
const KNOWN_CODES = [
  'NETWORK',
  'HTTP_ERROR',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'FORBIDDEN',
  'CONFLICT',
  'RESOURCE_LIMIT',
  'UNAUTHENTICATED',
  'TIMEOUT',
  'SERVICE_UNAVAILABLE',
  'GRAPHQL_VALIDATION_FAILED',
  'INTERNAL_SERVER_ERROR',
] as const;
type KnownCode = (typeof KNOWN_CODES)[number];
const isKnown = (code: string): code is KnownCode => (KNOWN_CODES as readonly string[]).includes(code);

export function LoadingBar({ active }: { active: boolean }) {
  const { t } = useI18n();
  return active ? <div className="loading-bar" role="progressbar" aria-label={t('common.loading')} /> : null;
}

export function Spinner({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div className="spinner-row" role="status">
      <span className="spinner" aria-hidden />
      {label ?? t('common.loading')}
    </div>
  );
}

/** Codes whose server message says what was wrong with the request (which argument, which id, the engine's Cypher error). */
const EXPLAINED = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'FORBIDDEN', 'CONFLICT', 'GRAPHQL_VALIDATION_FAILED']);

/**
 * The one way an error reaches the user: a sentence in the UI's language chosen by the error's code
 * (never by parsing its message); where the server explains the request's fault, that explanation
 * follows as a detail.
 */
export function ErrorBanner({ error, onRetry, onDismiss }: { error: GraphQLRequestError; onRetry?: () => void; onDismiss?: () => void }) {
  const { t } = useI18n();
  const code = isKnown(error.code) ? error.code : 'UNKNOWN';
  const detail = EXPLAINED.has(code) || code === 'UNKNOWN' ? error.message : null;
  return (
    <div className="error-banner" role="alert" data-code={error.code}>
      <span className="error-icon" aria-hidden>
        !
      </span>
      <span className="error-text">
        {t(`error.${code}`)}
        {detail && <span className="error-detail">{detail}</span>}
      </span>
      {onRetry && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
      {onDismiss && (
        <button type="button" className="link-btn" onClick={onDismiss} title={t('common.close')}>
          ×
        </button>
      )}
    </div>
  );
}

export function EmptyState({ title, children, testId }: { title: string; children?: ReactNode; testId?: string }) {
  return (
    <div className="empty-state" data-testid={testId}>
      <div className="empty-title">{title}</div>
      {children && <div className="empty-body">{children}</div>}
    </div>
  );
}
