import { DOCUMENT_KIND_LABELS } from '../../../shared/model/index.js';
import type { Source } from '../api/fragments.js';
import { ZhText } from './entity-name.js';
import { onlyInChinese, useI18n } from '../i18n/i18n.js';

/** Only web addresses become links (a stored URL is checked by the server; this is a second lock against javascript: and the like). */
const safeHref = (url: string | null | undefined): string | null => (url && /^https?:\/\//i.test(url) ? url : null);

/**
 * One source of a fact: the quote, and the document it comes from (title, date, and its kind unless an
 * article, as most are), linked to the original when its address is known.
 */
export function SourceQuote({ source }: { source: Source }) {
  const { t, lang } = useI18n();
  const href = safeHref(source.url);
  const title = source.title ?? source.document;
  // A staff note is its own quote: its title repeats it, so only its kind and date follow.
  const repeats = source.title != null && source.title === source.quote;
  // In English a Chinese quote is labelled as such (it is the source's own words, not translated).
  const zhQuote = onlyInChinese(source.quote, lang);
  return (
    <figure className="source-quote" data-testid="source-quote">
      {zhQuote && (
        <div className="quote-lang" data-testid="quote-lang">
          {t('lang.quoteFromZh')}
        </div>
      )}
      <blockquote lang={zhQuote ? 'zh-CN' : undefined}>{source.quote}</blockquote>
      <figcaption>
        {!repeats && (
          <>
            {t('details.quoteFrom')}{' '}
            <cite>
              {href ? (
                <a href={href} target="_blank" rel="noopener noreferrer" className="source-link">
                  <ZhText text={title} />
                </a>
              ) : (
                <ZhText text={title} />
              )}
            </cite>
          </>
        )}
        {source.kind && source.kind !== 'article' && (
          <span className="source-kind">
            {repeats ? '' : ' · '}
            {DOCUMENT_KIND_LABELS[source.kind][lang]}
          </span>
        )}
        {source.date && <span className="source-date"> · {source.date}</span>}
      </figcaption>
    </figure>
  );
}
