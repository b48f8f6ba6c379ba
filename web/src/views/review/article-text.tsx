/** The article's cleaned text with every proposal's names highlighted, coloured by entity type; a click selects the proposal. */
import { useEffect, useMemo, useRef } from 'react';
import { ENTITY_STYLE } from '../../graph/styles.js';
import { entityTypeLabel, useI18n } from '../../i18n/i18n.js';
import { outcomeOf, textRuns, type Choices } from './review-model.js';
import type { IngestJob } from './review-queries.js';

export function ArticleText({
  job,
  choices,
  selected,
  onSelect,
}: {
  job: IngestJob;
  choices: Choices;
  selected: string | null;
  onSelect: (key: string) => void;
}) {
  const { t, lang } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const runs = useMemo(() => textRuns(job.text, job.entities), [job.text, job.entities]);
  const byKey = useMemo(() => new Map(job.entities.map((p) => [p.key, p])), [job.entities]);

  useEffect(() => {
    if (!selected) return;
    const mark = box.current?.querySelector(`mark[data-key="${CSS.escape(selected)}"]`);
    mark?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [selected]);

  return (
    <section className="review-article" aria-label={t('review.article')}>
      <p className="muted small">{t('review.articleHint')}</p>
      <div className="review-text" ref={box} data-testid="review-article-text">
        {runs.map((r) => {
          const text = job.text.slice(r.start, r.end);
          const p = r.key ? byKey.get(r.key) : undefined;
          if (!p) return <span key={r.start}>{text}</span>;
          const type = choices[p.key]?.type ?? p.type;
          return (
            <mark
              key={r.start}
              data-key={p.key}
              data-testid="review-mark"
              data-outcome={outcomeOf(p, choices)}
              className={`review-mark ${selected === p.key ? 'selected' : ''}`}
              style={{ ['--mark' as string]: ENTITY_STYLE[type]?.color ?? '#777' }}
              title={entityTypeLabel(type, lang)}
              role="button"
              tabIndex={0}
              onClick={() => onSelect(p.key)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  onSelect(p.key);
                }
              }}
            >
              {text}
            </mark>
          );
        })}
      </div>
    </section>
  );
}
