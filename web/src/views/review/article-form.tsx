/**
 * A new article: its text pasted, or a .txt / .html file read in the browser as text, with title
 * (required), date, URL and publisher → `ingestArticle`. A refused article says why, by its code.
 */
import { useState } from 'react';
import type { GraphQLRequestError } from '../../api/graphql-client.js';
import { ErrorBanner } from '../../components/status.js';
import { useI18n, type MessageKey } from '../../i18n/i18n.js';
import { useIngestArticle } from './review-queries.js';

const REFUSALS = ['EMPTY', 'BINARY', 'ENCODING', 'TOO_LARGE', 'ONLY_FURNITURE'] as const;
type Refusal = (typeof REFUSALS)[number];

const refusalOf = (error: GraphQLRequestError): Refusal | null => {
  const code = error.details.ingestCode;
  return (REFUSALS as readonly unknown[]).includes(code) ? (code as Refusal) : null;
};

const looksLikeHtml = (name: string, text: string) => /\.html?$/i.test(name) || /^\s*<(!doctype|html)/i.test(text);

export function ArticleForm({ onQueued }: { onQueued: (jobId: string) => void }) {
  const { t } = useI18n();
  const [title, setTitle] = useState('');
  const [date, setDate] = useState('');
  const [url, setUrl] = useState('');
  const [publisher, setPublisher] = useState('');
  const [text, setText] = useState('');
  const [html, setHtml] = useState(false);
  const [fileName, setFileName] = useState('');
  const ingest = useIngestArticle();
  const refusal = ingest.error ? refusalOf(ingest.error) : null;

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    const content = await file.text();
    setText(content);
    setHtml(looksLikeHtml(file.name, content));
    setFileName(file.name);
    if (!title.trim()) setTitle(file.name.replace(/\.(txt|html?)$/i, ''));
  };

  return (
    <form
      className="review-form"
      data-testid="review-form"
      onSubmit={(e) => {
        e.preventDefault();
        ingest.mutate(
          {
            input: {
              text,
              html,
              title: title.trim(),
              date: date || null,
              url: url.trim() || null,
              publisher: publisher.trim() || null,
            },
          },
          { onSuccess: (r) => onQueued(r.ingestArticle.id) },
        );
      }}
    >
      <h3>{t('review.form.title')}</h3>
      <p className="muted small">{t('review.form.hint')}</p>
      <div className="review-form-grid">
        <label className="field span-2">
          <span>
            {t('review.form.articleTitle')}
            <span className="required" aria-hidden>
              *
            </span>
          </span>
          <input required value={title} onChange={(e) => setTitle(e.target.value)} data-testid="review-title" />
        </label>
        <label className="field">
          <span>{t('review.form.date')}</span>
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} data-testid="review-date" />
        </label>
        <label className="field">
          <span>{t('review.form.publisher')}</span>
          <input value={publisher} onChange={(e) => setPublisher(e.target.value)} data-testid="review-publisher" />
        </label>
        <label className="field span-2">
          <span>{t('review.form.url')}</span>
          <input type="url" value={url} onChange={(e) => setUrl(e.target.value)} data-testid="review-url" />
        </label>
      </div>
      <label className="field">
        <span>
          {t('review.form.text')}
          <span className="required" aria-hidden>
            *
          </span>
        </span>
        <textarea
          rows={10}
          value={text}
          placeholder={t('review.form.textPlaceholder')}
          onChange={(e) => {
            setText(e.target.value);
            setHtml(false);
            setFileName('');
          }}
          data-testid="review-text"
        />
      </label>
      <div className="step-actions review-form-actions">
        <label className="btn">
          {t('review.form.chooseFile')}
          <input
            type="file"
            className="sr-only"
            accept=".txt,.html,.htm,text/plain,text/html"
            data-testid="review-file"
            onChange={(e) => {
              void readFile(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
        </label>
        {fileName && <span className="muted small">{t('review.form.fileRead', { file: fileName })}</span>}
        <button type="submit" className="btn btn-primary" disabled={!title.trim() || ingest.isPending} data-testid="review-submit">
          {ingest.isPending ? t('review.form.submitting') : t('review.form.submit')}
        </button>
      </div>
      {refusal && (
        <div className="error-banner" role="alert" data-code={refusal} data-testid="review-refused">
          <span className="error-icon" aria-hidden>
            !
          </span>
          <span className="error-text">{t(`review.refused.${refusal}` as MessageKey)}</span>
        </div>
      )}
      {ingest.error && !refusal && <ErrorBanner error={ingest.error} />}
    </form>
  );
}
