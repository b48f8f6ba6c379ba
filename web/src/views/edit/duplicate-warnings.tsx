/** Existing organisations a name being typed may refer to: each with how sure the match is and why, to open instead, or all dismissed at once. */
import { MATCH_REASON_LABELS } from '../../../../shared/model/index.js';
import { TypeBadge } from '../../components/type-badge.js';
import { displayName, useI18n } from '../../i18n/i18n.js';
import { CONFIDENT_MATCH, type NameMatch } from './edit-api.js';

export interface DuplicateWarningsProps {
  matches: readonly NameMatch[];
  onOpen: (id: string) => void;
  onDismiss: () => void;
}

export function DuplicateWarnings({ matches, onOpen, onDismiss }: DuplicateWarningsProps) {
  const { t, lang } = useI18n();
  if (matches.length === 0) return null;
  const confident = matches.some((m) => m.score >= CONFIDENT_MATCH);
  return (
    <section className={`dup-warnings ${confident ? 'confident' : ''}`} data-testid="duplicate-warnings" aria-live="polite">
      <p className="dup-title">
        <span className="dup-icon" aria-hidden>
          !
        </span>
        {confident ? t('edit.dup.confident') : t('edit.dup.title')}
      </p>
      <ul className="dup-list">
        {matches.map((m) => (
          <li key={m.entity.id} className="dup-item" data-id={m.entity.id}>
            <div className="dup-line">
              <span className="dup-name">{displayName(m.entity, lang)}</span>
              <TypeBadge type={m.entity.type} />
              <span className={`dup-score ${m.score >= CONFIDENT_MATCH ? 'high' : ''}`} title={t('edit.dup.scoreTitle')}>
                {t('edit.dup.score', { pct: Math.round(m.score * 100) })}
              </span>
            </div>
            <div className="dup-reason">
              {MATCH_REASON_LABELS[m.reason][lang]}
              {m.matched !== m.entity.name && <span className="dup-matched">{t('edit.dup.matched', { name: m.matched })}</span>}
            </div>
            <button type="button" className="link-btn" onClick={() => onOpen(m.entity.id)}>
              {t('edit.dup.open')}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="btn btn-small" onClick={onDismiss} data-testid="dismiss-duplicates">
        {t('edit.dup.dismiss')}
      </button>
    </section>
  );
}
