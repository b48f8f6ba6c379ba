/**
 * One proposed entity: its name, type and sentence, what it will become (new, or linked to an existing
 * entity), and the reviewer's decision — accept, reject, re-link to another entity, or (a new one)
 * edit its name and type.
 */
import { useEffect, useRef, useState } from 'react';
import { ENTITY_TYPES, type EntityType } from '../../../../shared/model/index.js';
import { MATCH_REASON_LABELS } from '../../../../shared/model/curation.js';
import { EntitySearch } from '../../components/entity-search.js';
import { TypeBadge } from '../../components/type-badge.js';
import { displayName, entityTypeLabel, useI18n } from '../../i18n/i18n.js';
import { groupOf, linkedTo, outcomeKey, outcomeOf, type Choices, type EntityChoice, type ReviewPhase } from './review-model.js';
import type { Proposal } from './review-queries.js';

const EDITABLE_TYPES = ENTITY_TYPES.filter((t) => t !== 'ChainSegment');

export function ProposalCard({
  proposal: p,
  choices,
  phase = 'open',
  selected,
  onSelect,
  onChoose,
}: {
  proposal: Proposal;
  choices: Choices;
  phase?: ReviewPhase;
  selected: boolean;
  onSelect: () => void;
  onChoose: (choice: EntityChoice | null) => void;
}) {
  const { t, lang } = useI18n();
  const [mode, setMode] = useState<'relink' | 'edit' | null>(null);
  const card = useRef<HTMLLIElement>(null);
  const choice = choices[p.key];
  const outcome = outcomeOf(p, choices);
  const link = linkedTo(p, choices);
  const type = choice?.type ?? p.type;
  const isNew = groupOf(p) === 'new';

  useEffect(() => {
    if (selected) card.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [selected]);

  return (
    <li
      ref={card}
      className={`proposal outcome-${outcome} ${selected ? 'selected' : ''}`}
      data-testid="proposal"
      data-key={p.key}
      data-name={p.name}
      data-outcome={outcome}
      onClick={onSelect}
    >
      <div className="proposal-head">
        <span className="proposal-name">{choice?.name ?? p.name}</span>
        <TypeBadge type={type} />
        {phase !== 'closed' && (
          <span className={`proposal-state state-${outcome}`} data-testid="proposal-state">
            {t(outcomeKey(outcome, phase))}
          </span>
        )}
      </div>
      {p.match && (
        <div className="muted small">
          {t('review.matchedAs', {
            name: displayName(p.match.entity, lang),
            reason: MATCH_REASON_LABELS[p.match.reason][lang],
            score: Math.round(p.match.score * 100),
          })}
        </div>
      )}
      {outcome === 'accept' && phase !== 'closed' && (
        <div className="proposal-effect small" data-testid="proposal-effect">
          {phase === 'applied'
            ? link
              ? t('review.linked', { name: displayName(link, lang) })
              : t('review.created')
            : link
              ? t('review.willLink', { name: displayName(link, lang) })
              : t('review.willCreate')}
        </div>
      )}
      <blockquote className="proposal-quote">{p.quote}</blockquote>
      <div className="proposal-actions" onClick={(e) => e.stopPropagation()}>
        <button
          type="button"
          className={`btn btn-small ${outcome === 'accept' && choice ? 'btn-primary' : ''}`}
          aria-pressed={choice?.decision === 'accept'}
          onClick={() => onChoose({ ...choice, decision: 'accept' })}
          data-testid="proposal-accept"
        >
          {t('review.accept')}
        </button>
        <button
          type="button"
          className={`btn btn-small ${outcome === 'reject' ? 'btn-danger-quiet active' : ''}`}
          aria-pressed={choice?.decision === 'reject'}
          onClick={() => onChoose({ decision: 'reject' })}
          data-testid="proposal-reject"
        >
          {t('review.reject')}
        </button>
        <button
          type="button"
          className="link-btn small"
          onClick={() => setMode(mode === 'relink' ? null : 'relink')}
          data-testid="proposal-relink"
        >
          {t('review.relink')}
        </button>
        {isNew && (
          <button
            type="button"
            className="link-btn small"
            onClick={() => setMode(mode === 'edit' ? null : 'edit')}
            data-testid="proposal-edit"
          >
            {t('review.edit')}
          </button>
        )}
        {choice && (
          <button type="button" className="link-btn small muted" onClick={() => onChoose(null)} data-testid="proposal-undo">
            {t('review.undo')}
          </button>
        )}
      </div>
      {mode === 'relink' && (
        <div className="proposal-relink" onClick={(e) => e.stopPropagation()} data-testid="proposal-relink-search">
          <EntitySearch
            className="compact"
            placeholder={t('review.relinkPlaceholder')}
            onPick={(s) => {
              onChoose({ decision: 'accept', target: { id: s.id, type: s.type, name: s.name, nameEn: s.nameEn } });
              setMode(null);
            }}
          />
          <button type="button" className="link-btn small" onClick={() => setMode(null)}>
            {t('review.relinkCancel')}
          </button>
        </div>
      )}
      {mode === 'edit' && (
        <div className="proposal-edit" onClick={(e) => e.stopPropagation()}>
          <label className="field">
            <span>{t('review.editName')}</span>
            <input
              defaultValue={choice?.name ?? p.name}
              onChange={(e) => onChoose({ decision: 'accept', name: e.target.value, type: choice?.type ?? null })}
              data-testid="proposal-edit-name"
            />
          </label>
          <label className="field">
            <span>{t('review.editType')}</span>
            <select
              value={type}
              onChange={(e) => onChoose({ decision: 'accept', name: choice?.name ?? null, type: e.target.value as EntityType })}
              data-testid="proposal-edit-type"
            >
              {EDITABLE_TYPES.map((ty) => (
                <option key={ty} value={ty}>
                  {entityTypeLabel(ty, lang)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="btn btn-small" onClick={() => setMode(null)}>
            {t('review.editDone')}
          </button>
        </div>
      )}
    </li>
  );
}
