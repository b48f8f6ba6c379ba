/**
 * A change's errors where the person will look: a BAD_USER_INPUT naming a field (details.field) next
 * to that field, a CONFLICT as "someone else changed it" with a reload, anything else as a banner.
 */
import type { GraphQLRequestError } from '../../api/graphql-client.js';
import { ErrorBanner } from '../../components/status.js';
import { modelCodeLabel, useI18n, type Lang, type MessageKey, type Translate } from '../../i18n/i18n.js';

/** The field a refused change names (`details.field`), or null. */
export function errorField(error: GraphQLRequestError | null): string | null {
  if (!error || (error.code !== 'BAD_USER_INPUT' && error.code !== 'NOT_FOUND')) return null;
  // A list item's refusal ("aliases.2") is shown at its list.
  return typeof error.details.field === 'string' ? error.details.field.replace(/\.\d+$/, '') : null;
}

/** Code-shaped words of a server message: type names (Enterprise), relation types (MEMBER_OF), kinds (party_alliance). */
const CODE_WORD = /\b(?:[A-Z][a-z]+(?:[A-Z][a-z]+)*|[A-Z]{2,}(?:_[A-Z]+)*|[a-z]+(?:_[a-z]+)+)\b/g;

/** The server's explanation (English: none in Chinese) without its leading "field:", model codes in the reader's language. */
export const serverText = (message: string, lang: Lang): string =>
  lang === 'zh' ? '' : message.replace(/^[\w.]+:\s*/, '').replace(CODE_WORD, (w) => modelCodeLabel(w, lang) ?? w);

/** A sentence of our own for the fields whose refusals have one cause; the server's words follow. */
const FIELD_MESSAGES: Record<string, MessageKey> = {
  role: 'edit.error.role',
  from: 'edit.error.ends',
  to: 'edit.error.ends',
  'source.note': 'edit.error.sourceNote',
  'source.url': 'edit.error.sourceUrl',
  'source.quote': 'edit.error.sourceQuote',
  'source.document': 'edit.error.sourceDocument',
  'source.date': 'edit.error.date',
  founded: 'edit.error.date',
  date: 'edit.error.date',
  website: 'edit.error.website',
  creditCode: 'edit.error.creditCode',
  name: 'edit.error.name',
};

/** The refusal of `field` (or one of `field`), next to it. */
export function FieldError({ error, field }: { error: GraphQLRequestError | null; field: string | readonly string[] }) {
  const { t, lang } = useI18n();
  const f = errorField(error);
  if (!error || !f || !(typeof field === 'string' ? f === field : field.includes(f))) return null;
  return (
    <p className="field-error" role="alert" data-field={f}>
      {FIELD_MESSAGES[f] ? t(FIELD_MESSAGES[f]) : t('edit.error.field')}
      <span className="error-detail">{serverText(error.message, lang)}</span>
    </p>
  );
}

/** A revert refused because its facts changed since, or because it was reverted already; else an edit overtaken by another. */
function conflictText(error: GraphQLRequestError, t: Translate): string {
  const changed = error.details.changed;
  if (Array.isArray(changed)) return t('edit.conflictRevert', { n: changed.length });
  if (typeof error.details.revertedBy === 'string') return t('edit.conflictReverted');
  return t('edit.conflict');
}

export interface FormErrorProps {
  error: GraphQLRequestError | null;
  /** Fields this form shows their own errors next to (those are not repeated here). */
  shownFields: readonly string[];
  /** After a CONFLICT: read the entity again. */
  onReload?: () => void;
}

/** The errors not shown next to a field: a conflict with its reload, or a banner. */
export function FormError({ error, shownFields, onReload }: FormErrorProps) {
  const { t, lang } = useI18n();
  if (!error) return null;
  if (error.code === 'CONFLICT') {
    return (
      <div className="error-banner edit-conflict" role="alert" data-code="CONFLICT">
        <span className="error-icon" aria-hidden>
          !
        </span>
        <span className="error-text">{conflictText(error, t)}</span>
        {onReload && (
          <button type="button" className="btn btn-small" onClick={onReload} data-testid="conflict-reload">
            {t('edit.reload')}
          </button>
        )}
      </div>
    );
  }
  const f = errorField(error);
  if (f && shownFields.includes(f)) return <p className="form-error-hint">{t('edit.error.seeField')}</p>;
  if (error.code === 'BAD_USER_INPUT' && error.details.reason === 'DUPLICATE') {
    return (
      <p className="field-error" role="alert">
        {t('edit.error.duplicateRelation')}
      </p>
    );
  }
  if (error.code === 'BAD_USER_INPUT') {
    return (
      <p className="field-error" role="alert" data-code={error.code}>
        {t('error.BAD_USER_INPUT')}
        <span className="error-detail">{serverText(error.message, lang)}</span>
      </p>
    );
  }
  return <ErrorBanner error={error} />;
}
