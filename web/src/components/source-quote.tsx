import type { Source } from '../api/fragments.js';
import { useI18n } from '../i18n/i18n.js';

/** One source of a fact: the quote, and the document (title, date) it comes from. */
export function SourceQuote({ source }: { source: Source }) {
  const { t } = useI18n();
  return (
    <figure className="source-quote" data-testid="source-quote">
      <blockquote>{source.quote}</blockquote>
      <figcaption>
        {t('details.quoteFrom')} <cite title={source.document}>{source.title ?? source.document}</cite>
        {source.date && <span className="source-date"> · {source.date}</span>}
      </figcaption>
    </figure>
  );
}
