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

/** The message for an error, by its code (never by parsing the message). */
export function useErrorMessage(): (err: GraphQLRequestError) => string {
  const { t } = useI18n();
  return (err) => (isKnown(err.code) ? t(`error.${err.code}`, { message: err.message }) : t('error.UNKNOWN', { message: err.message }));
}

export function ErrorBanner({ error, onRetry }: { error: GraphQLRequestError; onRetry?: () => void }) {
  const { t } = useI18n();
  const message = useErrorMessage();
  return (
    <div className="error-banner" role="alert" data-code={error.code}>
      <span className="error-icon" aria-hidden>
        !
      </span>
      <span className="error-text">{message(error)}</span>
      {onRetry && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          {t('common.retry')}
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

/** "Try:" and a chip per example text, for an empty state. */
export function ExampleChips({ examples, onPick }: { examples: readonly string[]; onPick: (text: string) => void }) {
  const { t } = useI18n();
  return (
    <p className="examples">
      {t('explore.try')}
      {examples.map((x) => (
        <button key={x} type="button" className="chip" onClick={() => onPick(x)}>
          {x}
        </button>
      ))}
    </p>
  );
}
