import { Fragment } from 'react';
import type { EntityRef } from '../../api/fragments.js';
import { EntityName, ZhText } from '../../components/entity-name.js';
import { displayName, useI18n } from '../../i18n/i18n.js';
import type { GapCandidate } from '../chain/chain-queries.js';
import { GapLeadButton } from '../leads/create-lead-dialog.js';
import { shownPlaces, scoreText } from './gap-text.js';

/** Where a candidate is, nearest first, each place named as names are everywhere (in English, marked when only in Chinese). */
function Places({ ids, places }: { ids: readonly string[]; places: Map<string, EntityRef> }) {
  const { t } = useI18n();
  const shown = shownPlaces(ids, places);
  if (!shown.length) return <>{t('gaps.locationUnknown')}</>;
  return (
    <>
      {shown.map((p, i) => (
        <Fragment key={p.id}>
          {i > 0 && ' · '}
          <EntityName entity={p} />
        </Fragment>
      ))}
    </>
  );
}

/**
 * Candidates that could fill a gap, in two rankings: those to attract (placed elsewhere or unknown),
 * then those already or likely in the region. A company group is one candidate with its units; each
 * shows where it is and its score part by part. A click opens the entity in Explore.
 */
export function GapCandidates({
  segment,
  candidates,
  places,
  onShowEntity,
}: {
  segment: EntityRef;
  candidates: readonly GapCandidate[];
  places: Map<string, EntityRef>;
  onShowEntity: (id: string) => void;
}) {
  const { t } = useI18n();
  if (candidates.length === 0) return <span className="muted small">{t('gaps.noCandidates')}</span>;
  const local = candidates.filter((c) => c.locality === 'LOCAL' || c.locality === 'LIKELY_LOCAL');
  const attract = candidates.filter((c) => !local.includes(c));
  return (
    <div className="gap-candidates">
      {attract.length > 0 && <CandidateList segment={segment} list={attract} places={places} onShowEntity={onShowEntity} />}
      {local.length > 0 && (
        <div className="candidates-local" data-testid="candidates-local">
          <div className="candidates-heading">{t('gaps.alreadyLocal')}</div>
          <CandidateList segment={segment} list={local} places={places} onShowEntity={onShowEntity} />
        </div>
      )}
    </div>
  );
}

function CandidateList({
  segment,
  list,
  places,
  onShowEntity,
}: {
  segment: EntityRef;
  list: readonly GapCandidate[];
  places: Map<string, EntityRef>;
  onShowEntity: (id: string) => void;
}) {
  const { t, lang } = useI18n();
  return (
    <ul className="plain-list candidates">
      {list.map((c) => (
        <li key={c.entity.id} className="candidate" data-candidate-row={c.entity.id} data-locality={c.locality}>
          <div className="candidate-head">
            <button type="button" className="entity-link" onClick={() => onShowEntity(c.entity.id)} data-candidate={c.entity.id}>
              <EntityName entity={c.entity} />
            </button>
            {(c.locality === 'LOCAL' || c.locality === 'LIKELY_LOCAL') && (
              <span className={`locality-badge locality-${c.locality}`}>{t(`locality.${c.locality}`)}</span>
            )}
            <span className="score">{c.score.toFixed(2)}</span>
            <GapLeadButton entity={c.entity} segment={c.segment} />
          </div>
          <div className="candidate-place small" data-testid="candidate-place">
            <Places ids={c.location} places={places} />
            {c.locality === 'LIKELY_LOCAL' && (
              <>
                {' · '}
                <ZhText
                  text={t('gaps.likelyLocalWhy', {
                    alliances: c.sharedAlliances
                      .filter((a) => a.local)
                      .map((a) => t('gaps.allianceQuoted', { name: displayName(a.alliance, lang) }))
                      .join(t('gaps.listSeparator')),
                  })}
                />
              </>
            )}
            {c.locality === 'LOCAL' && c.units.some((u) => u.inRegion) && <> · {t('gaps.localWhy')}</>}
          </div>
          {c.units.length > 0 && (
            <details className="candidate-units" data-testid="candidate-units">
              <summary>{t('gaps.units', { n: c.units.length + 1 })}</summary>
              <ul className="plain-list">
                {c.units.map((u) => (
                  <li key={u.entity.id}>
                    <button type="button" className="entity-link" onClick={() => onShowEntity(u.entity.id)}>
                      <EntityName entity={u.entity} />
                    </button>{' '}
                    <span className="muted small">
                      <Places ids={u.location} places={places} />
                      {u.inSegment && ` · ${t('gaps.unitInSegment')}`}
                    </span>
                  </li>
                ))}
              </ul>
            </details>
          )}
          <div className="candidate-reason small muted">
            <ZhText text={scoreText(c, segment, t, lang)} />
          </div>
        </li>
      ))}
    </ul>
  );
}
