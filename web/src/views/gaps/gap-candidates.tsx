import type { EntityRef } from '../../api/fragments.js';
import { gapReason } from '../../i18n/analysis-text.js';
import { displayName, useI18n } from '../../i18n/i18n.js';
import type { GapCandidate } from '../chain/chain-queries.js';

/** Candidates that could fill a gap, with why; a click opens the candidate in Explore. */
export function GapCandidates({
  segment,
  candidates,
  onShowEntity,
}: {
  segment: EntityRef;
  candidates: readonly GapCandidate[];
  onShowEntity: (id: string) => void;
}) {
  const { t, lang } = useI18n();
  if (candidates.length === 0) return <span className="muted small">{t('gaps.noCandidates')}</span>;
  return (
    <ul className="plain-list candidates">
      {candidates.map((c) => (
        <li key={c.entity.id} className="candidate">
          <button type="button" className="entity-link" onClick={() => onShowEntity(c.entity.id)} data-candidate={c.entity.id}>
            {displayName(c.entity, lang)}
          </button>
          <span className="score">{c.score.toFixed(2)}</span>
          <div className="candidate-reason">{gapReason(c, segment, t, lang)}</div>
        </li>
      ))}
    </ul>
  );
}
