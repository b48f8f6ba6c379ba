/**
 * Merging a duplicate: pick it (the names resolution finds for this one first, or any of the same
 * type by search), see what the merge will do (which name stays, the aliases added, the relations
 * moved, the profile filled in), then merge with both versions. A merge can be undone (revert).
 */
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { MATCH_REASON_LABELS } from '../../../../shared/model/index.js';
import { EntitySearch } from '../../components/entity-search.js';
import { ErrorBanner, Spinner } from '../../components/status.js';
import { TypeBadge } from '../../components/type-badge.js';
import { displayName, useI18n } from '../../i18n/i18n.js';
import { useEntityDetails, type EntityDetails } from '../explore/entity-details.js';
import { ChangeFooter } from './change-footer.js';
import { invalidateGraphData, submitChange, useMergeEntities, useSimilarNames } from './edit-api.js';
import { fieldLabel } from './field-labels.js';
import { Modal } from './modal.js';

/** Profile fields the one kept takes from the merged one where it has none (as the server does). */
const FILLED = [
  'nameEn',
  'description',
  'creditCode',
  'registeredCapital',
  'founded',
  'address',
  'website',
  'contact',
  'headcount',
] as const;
const blank = (v: unknown) => v === null || v === undefined || v === '';

export interface MergePreview {
  aliases: string[];
  moved: number;
  filled: string[];
  dropped: number;
}

/** What merging `gone` into `keep` will do. */
export function mergePreview(keep: EntityDetails, gone: EntityDetails): MergePreview {
  const aliases = [...new Set([gone.name, ...gone.aliases])].filter((a) => a !== keep.name && !keep.aliases.includes(a));
  const between = gone.relations.flatMap((g) => g.items).filter((i) => i.other.id === keep.id).length;
  const total = gone.relations.reduce((n, g) => n + g.count, 0);
  const filled: string[] = FILLED.filter((f) => blank(keep[f]) && !blank(gone[f]));
  if (gone.qualifications.some((q) => !keep.qualifications.includes(q))) filled.push('qualifications');
  if (gone.products.some((p) => !keep.products.includes(p))) filled.push('products');
  return { aliases, moved: total - between, filled, dropped: between };
}

export interface MergeDialogProps {
  entity: EntityDetails;
  onClose: () => void;
  onMerged: (merge: { keep: EntityDetails; gone: EntityDetails; changeSetId: string }) => void;
}

export function MergeDialog({ entity, onClose, onMerged }: MergeDialogProps) {
  const { t, lang } = useI18n();
  const [otherId, setOtherId] = useState<string | null>(null);
  const [keepThis, setKeepThis] = useState(true);
  const [note, setNote] = useState('');
  const similar = useSimilarNames(entity.name, entity.type, entity.id);
  const other = useEntityDetails(otherId);
  const merge = useMergeEntities();
  const client = useQueryClient();
  const o = other.data?.entity?.id === otherId ? (other.data?.entity ?? null) : null;
  const [keep, gone] = keepThis ? [entity, o] : [o, entity];
  const preview = keep && gone ? mergePreview(keep, gone) : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!keep || !gone) return;
    submitChange(
      merge,
      { keepId: keep.id, mergeId: gone.id, keepVersion: keep.version, mergeVersion: gone.version, note: note.trim() },
      (r) => onMerged({ keep, gone, changeSetId: r.mergeEntities.changeSet.id }),
    );
  };

  return (
    <Modal title={t('edit.merge.title', { name: displayName(entity, lang) })} onClose={onClose} testId="merge-dialog">
      {!otherId && (
        <div className="merge-pick">
          <h3 className="form-subtitle">{t('edit.merge.candidates')}</h3>
          {similar.loading && !similar.data && <Spinner />}
          {similar.error && <ErrorBanner error={similar.error} onRetry={similar.reload} />}
          {similar.data && similar.data.similarNames.length === 0 && <p className="muted">{t('edit.merge.noCandidates')}</p>}
          <ul className="dup-list">
            {similar.data?.similarNames.map((m) => (
              <li key={m.entity.id} className="dup-item" data-id={m.entity.id}>
                <div className="dup-line">
                  <span className="dup-name">{displayName(m.entity, lang)}</span>
                  <TypeBadge type={m.entity.type} />
                  <span className="dup-score">{t('edit.dup.score', { pct: Math.round(m.score * 100) })}</span>
                </div>
                <div className="dup-reason">{MATCH_REASON_LABELS[m.reason][lang]}</div>
                <button type="button" className="btn btn-small" onClick={() => setOtherId(m.entity.id)}>
                  {t('edit.merge.pick')}
                </button>
              </li>
            ))}
          </ul>
          <h3 className="form-subtitle">{t('edit.merge.search')}</h3>
          <EntitySearch
            types={[entity.type]}
            placeholder={t('edit.merge.searchPlaceholder')}
            className="compact"
            onPick={(s) => s.id !== entity.id && setOtherId(s.id)}
            testId="merge-search"
          />
        </div>
      )}
      {otherId && !o && (other.error ? <ErrorBanner error={other.error} onRetry={other.reload} /> : <Spinner />)}
      {otherId && o && keep && gone && preview && (
        <form className="edit-form" onSubmit={submit} data-testid="merge-preview">
          <div className="merge-choice" role="radiogroup" aria-label={t('edit.merge.whichStays')}>
            <p className="form-subtitle">{t('edit.merge.whichStays')}</p>
            {[entity, o].map((x) => (
              <label key={x.id} className={`merge-option ${keep.id === x.id ? 'active' : ''}`}>
                <input type="radio" name="merge-keep" checked={keep.id === x.id} onChange={() => setKeepThis(x.id === entity.id)} />
                <span className="merge-option-name">{x.name}</span>
                <span className="muted small">{t('edit.merge.relationsCount', { n: x.relations.reduce((n, g) => n + g.count, 0) })}</span>
              </label>
            ))}
          </div>
          <dl className="props merge-summary">
            <dt>{t('edit.merge.staysName')}</dt>
            <dd data-testid="merge-keep-name">{keep.name}</dd>
            <dt>{t('edit.merge.newAliases')}</dt>
            <dd>
              {preview.aliases.length ? (
                <span className="tag-list">
                  {preview.aliases.map((a) => (
                    <span key={a} className="tag added">
                      {a}
                    </span>
                  ))}
                </span>
              ) : (
                t('common.none')
              )}
            </dd>
            <dt>{t('edit.merge.moved')}</dt>
            <dd data-testid="merge-moved">{t('edit.merge.movedCount', { n: preview.moved })}</dd>
            {preview.dropped > 0 && (
              <>
                <dt>{t('edit.merge.dropped')}</dt>
                <dd>{t('edit.merge.droppedCount', { n: preview.dropped })}</dd>
              </>
            )}
            <dt>{t('edit.merge.filled')}</dt>
            <dd>{preview.filled.length ? preview.filled.map((f) => fieldLabel(f, t, lang)).join('、') : t('common.none')}</dd>
          </dl>
          <p className="form-explain">{t('edit.merge.explain', { gone: gone.name, keep: keep.name })}</p>
          <button type="button" className="link-btn" onClick={() => setOtherId(null)}>
            {t('edit.merge.pickAnother')}
          </button>
          <ChangeFooter
            note={note}
            onNote={setNote}
            error={merge.error}
            busy={merge.isPending}
            ready
            submitLabel={t('edit.merge.submit')}
            onCancel={onClose}
            onReload={() => {
              merge.reset();
              void invalidateGraphData(client);
            }}
          />
        </form>
      )}
    </Modal>
  );
}
