/** Loading, error and empty states shared by the views. */
import type { ReactNode } from 'react';
import type { GraphQLRequestError } from '../api/graphql-client.js';
import { useI18n, type Lang, type Translate } from '../i18n/i18n.js';
import { fieldLabel } from '../views/edit/field-labels.js';

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

/** Refusal reasons (`extensions.reason`) worded in both languages; their numbers come from the details too. */
const REASONS = [
  'PASSWORD_TOO_SHORT',
  'PASSWORD_TOO_LONG',
  'PASSWORD_IS_USERNAME',
  'USERNAME_INVALID',
  'USERNAME_TAKEN',
  'UNKNOWN_REGION',
  'FIRST_USER_ADMIN',
  'LAST_ADMIN',
  'OWN_ACCOUNT',
  'WRONG_PASSWORD',
  'PASSWORD_UNCHANGED',
  'OUT_OF_SCOPE',
  'DUPLICATE',
] as const;
type Reason = (typeof REASONS)[number];
const isReason = (r: unknown): r is Reason => typeof r === 'string' && (REASONS as readonly string[]).includes(r);

/**
 * What follows the code's sentence: the refusal's reason in the reader's words when it is a known
 * one; else in English the server's explanation (it writes English), in Chinese only what its
 * structured details say — the field at fault — never the English message.
 */
export function errorDetail(error: GraphQLRequestError, lang: Lang, t: Translate): string | null {
  const code = isKnown(error.code) ? error.code : 'UNKNOWN';
  if (!EXPLAINED.has(code) && code !== 'UNKNOWN') return null;
  const { reason } = error.details;
  if (isReason(reason)) {
    const vars = Object.fromEntries(
      Object.entries(error.details).filter((e): e is [string, string | number] => typeof e[1] === 'string' || typeof e[1] === 'number'),
    );
    return t(`lang.reason.${reason}`, vars);
  }
  if (lang === 'en') return error.message;
  const field = typeof error.details.field === 'string' ? error.details.field.replace(/\.\d+$/, '') : null;
  if (!field) return null;
  const label = fieldLabel(field, t, lang);
  return label === t('edit.field.other') ? null : t('lang.error.field', { field: label });
}

/**
 * The one way an error reaches the user: a sentence in the UI's language chosen by the error's code
 * (never by parsing its message), then the detail above.
 */
export function ErrorBanner({ error, onRetry, onDismiss }: { error: GraphQLRequestError; onRetry?: () => void; onDismiss?: () => void }) {
  const { t, lang } = useI18n();
  const code = isKnown(error.code) ? error.code : 'UNKNOWN';
  const detail = errorDetail(error, lang, t);
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
