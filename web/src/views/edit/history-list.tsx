/**
 * An entity's history, newest first, one card per change: when, who, how (edit, merge, import,
 * revert), why (the note), from which source, and what each of its revisions did (the fields before
 * and after; list items added and removed). Editors can revert a change, and restore a fact whose
 * latest revision retracted it. Works for a retracted entity too.
 */
import { useState, type FormEvent } from 'react';
import { CHANGE_KIND_LABELS, DOCUMENT_KIND_LABELS, REVISION_OP_LABELS, type Lang } from '../../../../shared/model/index.js';
import { EmptyState, ErrorBanner, Spinner } from '../../components/status.js';
import { formatTime, modelCodeLabel, relationLabel, useI18n, type Translate } from '../../i18n/i18n.js';
import { ChangeFooter } from './change-footer.js';
import { submitChange, type Revision, useHistory, useRestoreEntity, useRestoreRelation, useRevertChange } from './edit-api.js';
import { fieldLabel, LIST_FIELDS } from './field-labels.js';

const PAGE = 20;
/** Bookkeeping a diff leaves out: the change's own source is shown once for the whole change. */
const NOT_SHOWN = new Set(['sources', 'lastSeen', 'ord', 'search', 'version', 'updatedAt', 'updatedBy']);
/** A new fact's identity, already in its label. */
const NOT_SHOWN_ON_CREATE = new Set(['type', 'name', 'from', 'to', 'inferred', 'reason']);
const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || v === false || (Array.isArray(v) && v.length === 0);

type FieldChange = Revision['fields'][number];

/** A change's author as people read it: the local-mode user and the seed loader by name, accounts by username. */
export const authorName = (author: string, t: Translate): string =>
  author === 'local' ? t('edit.history.localUser') : author === 'seed' ? t('edit.history.seedUser') : author;

const str = (x: unknown) => (typeof x === 'string' ? x : JSON.stringify(x));

export function formatValue(field: string, v: unknown, t: Translate, lang: Lang): string {
  if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return t('edit.history.empty');
  if (typeof v === 'boolean') return v ? t('edit.yes') : t('edit.no');
  if (field === 'kind' || field === 'type' || field === 'tier') return modelCodeLabel(String(v), lang) ?? String(v);
  if (Array.isArray(v)) return v.map(str).join('、');
  return str(v);
}

/** The items a list field gained and lost. */
export function listDiff(before: unknown, after: unknown): { added: string[]; removed: string[] } {
  const b = Array.isArray(before) ? before.map(str) : [];
  const a = Array.isArray(after) ? after.map(str) : [];
  return { added: a.filter((x) => !b.includes(x)), removed: b.filter((x) => !a.includes(x)) };
}

function DiffRow({ change, created }: { change: FieldChange; created: boolean }) {
  const { t, lang } = useI18n();
  const { field, before, after } = change;
  let value;
  if (LIST_FIELDS.includes(field)) {
    const { added, removed } = listDiff(before, after);
    value = (
      <span className="tag-list">
        {added.map((x) => (
          <span key={`+${x}`} className="tag added" title={t('edit.history.added')}>
            <span className="sr-only">{t('edit.history.added')}</span>+ {x}
          </span>
        ))}
        {removed.map((x) => (
          <span key={`-${x}`} className="tag removed" title={t('edit.history.removed')}>
            <span className="sr-only">{t('edit.history.removed')}</span>− {x}
          </span>
        ))}
      </span>
    );
  } else if (created) {
    value = <ins>{formatValue(field, after, t, lang)}</ins>;
  } else {
    value = (
      <>
        <del>{formatValue(field, before, t, lang)}</del>
        <span className="diff-arrow" aria-label={t('edit.history.becomes')}>
          {' → '}
        </span>
        <ins>{formatValue(field, after, t, lang)}</ins>
      </>
    );
  }
  return (
    <div className="diff-row" data-field={field}>
      <dt>{fieldLabel(field, t, lang)}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function shownFields(r: Revision): FieldChange[] {
  if (r.op === 'RETRACT' || r.op === 'RESTORE') return [];
  return r.fields.filter((f) => {
    if (NOT_SHOWN.has(f.field)) return false;
    if (r.op === 'CREATE') return !NOT_SHOWN_ON_CREATE.has(f.field) && !isEmpty(f.after);
    if (LIST_FIELDS.includes(f.field)) {
      const { added, removed } = listDiff(f.before, f.after);
      return added.length + removed.length > 0;
    }
    return true;
  });
}

/** A note and a confirm button for a change that needs no source (revert, restore). */
function NoteConfirm({
  submitLabel,
  explain,
  mutation,
  onSubmit,
  onCancel,
}: {
  submitLabel: string;
  explain: string;
  mutation: { error: Parameters<typeof ChangeFooter>[0]['error']; isPending: boolean };
  onSubmit: (note: string) => void;
  onCancel: () => void;
}) {
  const [note, setNote] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(note.trim());
  };
  return (
    <form className="edit-form inline-form" onSubmit={submit} aria-label={submitLabel}>
      <p className="form-explain">{explain}</p>
      <ChangeFooter
        note={note}
        onNote={setNote}
        error={mutation.error}
        busy={mutation.isPending}
        ready
        submitLabel={submitLabel}
        onCancel={onCancel}
      />
    </form>
  );
}

/** What every card and revision of one history shares. */
interface HistoryScope {
  /** The newest revision of each fact on the page (so a retraction there is the fact's current state). */
  latestIds: ReadonlySet<string>;
  /** Entity names by id, from the page's own revisions (the server names a retracted entity by its id). */
  names: ReadonlyMap<string, string>;
  canEdit: boolean;
  /** The entity itself is retracted: only it can be restored (its relations come back with it). */
  entityGone: boolean;
  onOpen: (id: string) => void;
  onRestored?: (id: string) => void;
}

function RevisionView({ r, scope }: { r: Revision; scope: HistoryScope }) {
  const { canEdit, onOpen, onRestored } = scope;
  const { t, lang } = useI18n();
  const [restoring, setRestoring] = useState(false);
  const restoreEntity = useRestoreEntity();
  const restoreRelation = useRestoreRelation();
  const restore = r.target === 'ENTITY' ? restoreEntity : restoreRelation;
  const fields = shownFields(r);
  const canRestore =
    canEdit && scope.latestIds.has(r.id) && r.op === 'RETRACT' && !r.mergedInto && !(scope.entityGone && r.target === 'RELATION');
  const endName = (id: string | null | undefined, name: string | null | undefined) =>
    name && name !== id ? name : ((id && scope.names.get(id)) ?? t('edit.history.unknownEntity'));
  return (
    <li className="revision" data-op={r.op} data-target={r.target} data-target-id={r.targetId}>
      <div className="revision-line">
        <span className={`op-tag op-${r.op.toLowerCase()}`}>{REVISION_OP_LABELS[r.op][lang]}</span>
        {r.target === 'RELATION' && r.relationType ? (
          <span className="revision-label">
            <span className="revision-rel">{relationLabel(r.relationType, lang)}</span>
            {endName(r.fromId, r.fromName)}
            {' → '}
            {endName(r.toId, r.toName)}
          </span>
        ) : (
          <span className="revision-label">{r.label}</span>
        )}
      </div>
      {r.mergedInto && r.target === 'ENTITY' && (
        <div className="revision-merged">
          {t('edit.history.mergedInto')}{' '}
          <button type="button" className="entity-link" onClick={() => onOpen(r.mergedInto!)}>
            {t('edit.history.openMerged')}
          </button>
        </div>
      )}
      {fields.length > 0 && (
        <dl className="diff" data-testid="revision-diff">
          {fields.map((f) => (
            <DiffRow key={f.field} change={f} created={r.op === 'CREATE'} />
          ))}
        </dl>
      )}
      {canRestore &&
        (restoring ? (
          <NoteConfirm
            submitLabel={t('edit.history.restore')}
            explain={t(r.target === 'ENTITY' ? 'edit.history.restoreEntityExplain' : 'edit.history.restoreRelationExplain')}
            mutation={restore}
            onCancel={() => setRestoring(false)}
            onSubmit={(note) =>
              r.target === 'ENTITY'
                ? submitChange(restoreEntity, { id: r.targetId, note }, () => {
                    setRestoring(false);
                    onRestored?.(r.targetId);
                  })
                : submitChange(restoreRelation, { id: r.targetId, note }, () => setRestoring(false))
            }
          />
        ) : (
          <button type="button" className="btn btn-small" onClick={() => setRestoring(true)} data-testid="history-restore">
            {t('edit.history.restore')}
          </button>
        ))}
    </li>
  );
}

interface ChangeGroup {
  changeSet: Revision['changeSet'];
  at: string;
  author: string;
  revisions: Revision[];
}

/** Consecutive revisions of one change set make one card, listed in the order they were made. */
function groupByChange(items: readonly Revision[]): ChangeGroup[] {
  const out: ChangeGroup[] = [];
  for (const r of items) {
    const last = out[out.length - 1];
    if (last && last.changeSet.id === r.changeSet.id) last.revisions.unshift(r);
    else out.push({ changeSet: r.changeSet, at: r.at, author: r.author, revisions: [r] });
  }
  return out;
}

function ChangeCard({ group, scope }: { group: ChangeGroup; scope: HistoryScope }) {
  const { canEdit } = scope;
  const { t, lang } = useI18n();
  const [reverting, setReverting] = useState(false);
  const revert = useRevertChange();
  const cs = group.changeSet;
  const doc = cs.document;
  const href = doc?.url && /^https?:\/\//i.test(doc.url) ? doc.url : null;
  const canRevert = canEdit && cs.kind !== 'SEED' && !cs.revertedBy;
  return (
    <li className="history-change" data-change-set={cs.id}>
      <div className="history-head">
        <time dateTime={group.at}>{formatTime(group.at, lang)}</time>
        <span className="history-author">{authorName(group.author, t)}</span>
        {cs.kind !== 'EDIT' && <span className="kind-tag">{CHANGE_KIND_LABELS[cs.kind][lang]}</span>}
        {cs.revertedBy && <span className="kind-tag muted-tag">{t('edit.history.reverted')}</span>}
      </div>
      {cs.note && (
        <p className="history-note" data-testid="history-note">
          <span className="history-note-label">{t('edit.history.why')}</span>
          {cs.note}
        </p>
      )}
      {doc && (
        <p className="history-source">
          <span className="history-note-label">{t('edit.history.source')}</span>
          {href ? (
            <a href={href} target="_blank" rel="noopener noreferrer">
              {doc.title}
            </a>
          ) : (
            doc.title
          )}
          <span className="muted">
            {' · '}
            {DOCUMENT_KIND_LABELS[doc.kind][lang]}
            {doc.date && ` · ${doc.date}`}
          </span>
        </p>
      )}
      <ul className="revision-list">
        {group.revisions.map((r) => (
          <RevisionView key={r.id} r={r} scope={scope} />
        ))}
      </ul>
      {canRevert &&
        (reverting ? (
          <NoteConfirm
            submitLabel={t('edit.history.revert')}
            explain={t('edit.history.revertExplain')}
            mutation={revert}
            onCancel={() => setReverting(false)}
            onSubmit={(note) => submitChange(revert, { id: cs.id, note }, () => setReverting(false))}
          />
        ) : (
          <button type="button" className="link-btn history-revert" onClick={() => setReverting(true)} data-testid="history-revert">
            {t('edit.history.revert')}
          </button>
        ))}
    </li>
  );
}

export interface HistoryListProps {
  entityId: string;
  canEdit: boolean;
  onOpen: (id: string) => void;
  /** An entity was brought back (to put it on the canvas again). */
  onRestored?: (id: string) => void;
  /** The entity is retracted (not merged): it is restored as a whole. */
  entityGone?: boolean;
}

export function HistoryList({ entityId, canEdit, onOpen, onRestored, entityGone = false }: HistoryListProps) {
  const { t } = useI18n();
  const [limit, setLimit] = useState(PAGE);
  const { data, error, loading, reload } = useHistory(entityId, limit);
  if (error) return <ErrorBanner error={error} onRetry={reload} />;
  if (!data) return <Spinner />;
  const items = data.history.items;
  if (items.length === 0) return <EmptyState title={t('edit.history.none')} testId="history-empty" />;
  // The newest revision of each fact on the page: where a retraction is the fact's current state.
  const seen = new Set<string>();
  const latestIds = new Set<string>();
  const names = new Map<string, string>();
  for (const r of items) {
    const key = `${r.target}:${r.targetId}`;
    if (!seen.has(key)) latestIds.add(r.id);
    seen.add(key);
    if (r.target === 'ENTITY' && !names.has(r.targetId)) names.set(r.targetId, r.label);
  }
  const scope: HistoryScope = { latestIds, names, canEdit, entityGone, onOpen, onRestored };
  return (
    <div className={`history ${loading ? 'stale' : ''}`} data-testid="history">
      <ol className="history-list">
        {groupByChange(items).map((g) => (
          <ChangeCard key={g.changeSet.id} group={g} scope={scope} />
        ))}
      </ol>
      {data.history.next && (
        <button type="button" className="btn btn-small" onClick={() => setLimit((n) => n + PAGE)} disabled={loading}>
          {t('edit.history.older')}
        </button>
      )}
    </div>
  );
}
