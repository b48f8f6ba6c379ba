/**
 * The facts one change set touched, each with what changed: an entity or relation (its name linking
 * into Explore), what was done to it, and its fields before and after (lists as items added and removed).
 */
import { useState } from 'react';
import { useEntityRef } from '../../api/entity-ref.js';
import { ZhText } from '../../components/entity-name.js';
import type { FeedChangeSetQuery } from '../../gql/graphql.js';
import { displayName, relationLabel, useI18n } from '../../i18n/i18n.js';
import { REVISION_OP_LABELS } from '../../../../shared/model/curation.js';
import { fieldLabel, isList, listDiff, shownField, valueText } from './change-text.js';

export type Revision = NonNullable<FeedChangeSetQuery['changeSet']>['revisions'][number];
type Field = Revision['fields'][number];

const isDefault = (v: unknown) => v === null || v === undefined || v === false || v === '' || (Array.isArray(v) && v.length === 0);

function EntityButton({ id, name, onShowEntity }: { id: string | null; name: string; onShowEntity: (id: string) => void }) {
  if (!id) return <ZhText text={name} />;
  return (
    <button type="button" className="entity-link" onClick={() => onShowEntity(id)}>
      <ZhText text={name} />
    </button>
  );
}

function MergedInto({ id, onShowEntity }: { id: string; onShowEntity: (id: string) => void }) {
  const { t, lang } = useI18n();
  const ref = useEntityRef(id);
  const entity = ref.data?.entity;
  return (
    <span className="rev-merged">
      {t('changes.mergedInto')}{' '}
      <EntityButton id={id} name={entity ? displayName(entity, lang) : t('common.loading')} onShowEntity={onShowEntity} />
    </span>
  );
}

function FieldRow({ op, field }: { op: Revision['op']; field: Field }) {
  const { t, lang } = useI18n();
  const label = fieldLabel(field.field, lang, t);
  if (isList(field.before, field.after)) {
    const { added, removed } = listDiff(field.before, field.after);
    if (added.length === 0 && removed.length === 0) return null;
    return (
      <tr>
        <th scope="row" title={field.field}>
          {label}
        </th>
        <td>
          {added.map((v, i) => (
            <span key={`a${i}`} className="diff-item diff-added" title={t('changes.added')}>
              + {valueText(field.field, v, lang, t)}
            </span>
          ))}
          {removed.map((v, i) => (
            <span key={`r${i}`} className="diff-item diff-removed" title={t('changes.removed')}>
              − {valueText(field.field, v, lang, t)}
            </span>
          ))}
        </td>
      </tr>
    );
  }
  const created = field.before === null || field.before === undefined;
  return (
    <tr>
      <th scope="row" title={field.field}>
        {label}
      </th>
      <td className={op === 'UPDATE' && created ? 'diff-after' : ''}>
        {!created && (
          <>
            <span className="diff-before">{valueText(field.field, field.before, lang, t)}</span>
            <span className="diff-arrow" aria-hidden>
              {' '}
              {t('changes.arrow')}{' '}
            </span>
          </>
        )}
        <span className={created ? '' : 'diff-after'}>{valueText(field.field, field.after, lang, t)}</span>
      </td>
    </tr>
  );
}

function RevisionItem({
  rev,
  entityNames,
  onShowEntity,
}: {
  rev: Revision;
  entityNames: ReadonlyMap<string, string>;
  onShowEntity: (id: string) => void;
}) {
  const { t, lang } = useI18n();
  // The server names a relation's end from the graph; an end retracted since (an import reverted)
  // comes back as its id, so the change set's own revision of that entity names it instead.
  const endName = (id: string | null | undefined, name: string | null | undefined) =>
    (name && name !== id ? name : id ? entityNames.get(id) : null) ?? t('changes.unknownEnd');
  // A retraction or restore brings back or takes away the whole fact: its fields say nothing more.
  // A new fact's defaults (not inferred, no products) say nothing either.
  const fields =
    rev.op === 'CREATE' || rev.op === 'UPDATE'
      ? rev.fields.filter((f) => shownField(rev.target, f.field) && (rev.op === 'UPDATE' || !isDefault(f.after)))
      : [];
  return (
    <li className="revision" data-op={rev.op} data-target={rev.target}>
      <div className="revision-head">
        <span className={`op-badge op-${rev.op.toLowerCase()}`}>{REVISION_OP_LABELS[rev.op][lang]}</span>
        {rev.target === 'ENTITY' ? (
          <>
            <span className="muted small">{t('changes.opEntity')}</span>
            <EntityButton id={rev.targetId} name={rev.label} onShowEntity={onShowEntity} />
          </>
        ) : (
          <>
            <span className="muted small">{rev.relationType ? relationLabel(rev.relationType, lang) : t('changes.opRelation')}</span>
            <EntityButton id={rev.fromId ?? null} name={endName(rev.fromId, rev.fromName)} onShowEntity={onShowEntity} />
            <span aria-hidden>{t('changes.arrow')}</span>
            <EntityButton id={rev.toId ?? null} name={endName(rev.toId, rev.toName)} onShowEntity={onShowEntity} />
          </>
        )}
        {rev.mergedInto && <MergedInto id={rev.mergedInto} onShowEntity={onShowEntity} />}
      </div>
      {fields.length > 0 && (
        <table className="diff-table">
          <tbody>
            {fields.map((f) => (
              <FieldRow key={f.field} op={rev.op} field={f} />
            ))}
          </tbody>
        </table>
      )}
    </li>
  );
}

/** Revisions listed before "show all" (an import has one per row and relation). */
const FIRST_SHOWN = 20;

export function RevisionList({ revisions, onShowEntity }: { revisions: readonly Revision[]; onShowEntity: (id: string) => void }) {
  const { t } = useI18n();
  const [all, setAll] = useState(false);
  const entityNames = new Map(revisions.filter((r) => r.target === 'ENTITY').map((r) => [r.targetId, r.label]));
  const shown = all ? revisions : revisions.slice(0, FIRST_SHOWN);
  return (
    <>
      <ul className="revision-list" data-testid="revisions">
        {shown.map((r) => (
          <RevisionItem key={r.id} rev={r} entityNames={entityNames} onShowEntity={onShowEntity} />
        ))}
      </ul>
      {shown.length < revisions.length && (
        <button type="button" className="btn btn-small show-all-revisions" onClick={() => setAll(true)}>
          {t('changes.showAllRevisions', { count: revisions.length })}
        </button>
      )}
    </>
  );
}

/** What each fact is called, for naming the facts a revert found changed since. */
export function revisionLabels(revisions: readonly Revision[], lang: 'zh' | 'en'): Map<string, string> {
  return new Map(
    revisions.map((r) => [
      r.targetId,
      r.target === 'RELATION' && r.relationType
        ? `${relationLabel(r.relationType, lang)} ${r.fromName ?? ''} → ${r.toName ?? ''}`
        : r.label,
    ]),
  );
}
