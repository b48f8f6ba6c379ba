/** The proposed relations: type, from → to by the names they will have, role, sentence; accept / reject, blocked when an end is rejected. */
import { relationLabel, useI18n } from '../../i18n/i18n.js';
import { finalName, outcomeKey, relationBlocked, type Choices, type RelationChoices, type ReviewPhase } from './review-model.js';
import type { IngestJob } from './review-queries.js';
import type { IngestDecision } from '../../gql/graphql.js';

export function RelationList({
  job,
  choices,
  phase = 'open',
  relationChoices,
  onChoose,
  onSelectEntity,
}: {
  job: IngestJob;
  choices: Choices;
  phase?: ReviewPhase;
  relationChoices: RelationChoices;
  onChoose: (index: number, decision: IngestDecision | null) => void;
  onSelectEntity: (key: string) => void;
}) {
  const { t, lang } = useI18n();
  const byKey = new Map(job.entities.map((p) => [p.key, p]));
  const name = (key: string) => {
    const p = byKey.get(key);
    return p ? finalName(p, choices) : key;
  };
  if (job.relations.length === 0) return <p className="muted small">{t('review.relationsEmpty')}</p>;
  return (
    <ul className="review-relations" data-testid="review-relations">
      {job.relations.map((r) => {
        const blocked = relationBlocked(r, byKey, choices);
        const decision = blocked ? null : (relationChoices[r.index] ?? null);
        const outcome = blocked ? 'reject' : (decision ?? 'pending');
        return (
          <li
            key={r.index}
            className={`proposal outcome-${outcome}`}
            data-testid="relation-proposal"
            data-index={r.index}
            data-outcome={outcome}
          >
            <div className="proposal-head">
              <span className="relation-type">{relationLabel(r.type, lang)}</span>
              {phase !== 'closed' && <span className={`proposal-state state-${outcome}`}>{t(outcomeKey(outcome, phase))}</span>}
            </div>
            <div className="relation-ends">
              <button type="button" className="link-btn" onClick={() => onSelectEntity(r.from)}>
                {name(r.from)}
              </button>
              <span aria-hidden> → </span>
              <button type="button" className="link-btn" onClick={() => onSelectEntity(r.to)}>
                {name(r.to)}
              </button>
            </div>
            {r.role && <div className="muted small">{t('review.role', { role: r.role })}</div>}
            <blockquote className="proposal-quote">{r.quote}</blockquote>
            <div className="proposal-actions">
              <button
                type="button"
                className={`btn btn-small ${decision === 'accept' ? 'btn-primary' : ''}`}
                aria-pressed={decision === 'accept'}
                disabled={Boolean(blocked)}
                title={blocked ? t(`review.blocked.${blocked}`) : undefined}
                onClick={() => onChoose(r.index, decision === 'accept' ? null : 'accept')}
                data-testid="relation-accept"
              >
                {t('review.accept')}
              </button>
              <button
                type="button"
                className={`btn btn-small ${decision === 'reject' ? 'btn-danger-quiet active' : ''}`}
                aria-pressed={decision === 'reject'}
                disabled={Boolean(blocked)}
                onClick={() => onChoose(r.index, decision === 'reject' ? null : 'reject')}
                data-testid="relation-reject"
              >
                {t('review.reject')}
              </button>
            </div>
            {blocked && (
              <p className="relation-blocked small" data-testid="relation-blocked">
                {t(`review.blocked.${blocked}`)}
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
