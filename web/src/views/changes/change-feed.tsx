/** The recent-changes feed: newest first, filtered by region, entity type, author and kind, paged. */
import { useState } from 'react';
import { can, useViewer } from '../../auth/viewer.js';
import { RegionSelect } from '../../components/region-select.js';
import { ErrorBanner, Spinner } from '../../components/status.js';
import { useDebounced } from '../../components/use-debounced.js';
import type { ChangeKind, EntityType } from '../../gql/graphql.js';
import { entityTypeLabel, useI18n } from '../../i18n/i18n.js';
import { CHANGE_KINDS, CHANGE_KIND_LABELS } from '../../../../shared/model/curation.js';
import { ENTITY_TYPES } from '../../../../shared/model/index.js';
import { useChangeSet, useChangesPage, type ChangeFilter } from './change-queries.js';
import { ChangeSetCard } from './change-set-card.js';

export function ChangeFeed({
  focused,
  onFocus,
  onShowEntity,
}: {
  /** One change set to show alone (a link from an import, a revert's "see the reverted change"). */
  focused: string | null;
  onFocus: (id: string | null) => void;
  onShowEntity: (id: string) => void;
}) {
  const { t, lang } = useI18n();
  const canRevert = can(useViewer().data?.me, 'editor');
  const [region, setRegion] = useState<string | null>(null);
  const [type, setType] = useState<EntityType | ''>('');
  const [kind, setKind] = useState<ChangeKind | ''>('');
  const [author, setAuthor] = useState('');
  // The pages seen so far, by the `after` cursor each was asked with.
  const [pages, setPages] = useState<(string | null)[]>([null]);
  const authorName = useDebounced(author.trim(), 300);
  const filter: ChangeFilter = { region, type: type || null, kind: kind || null, author: authorName || null };
  const filtered = Boolean(region || type || kind || authorName);
  const reset = () => setPages([null]);

  if (focused) return <FocusedChangeSet id={focused} canRevert={canRevert} onFocus={onFocus} onShowEntity={onShowEntity} />;
  return (
    <div data-testid="change-feed">
      <div className="canvas-toolbar feed-filters">
        <RegionSelect
          label={t('changes.region')}
          value={region}
          emptyLabel={t('changes.anyRegion')}
          onChange={(r) => {
            setRegion(r);
            reset();
          }}
          testId="changes-region"
        />
        <label className="toolbar-group">
          <span className="toolbar-label">{t('changes.type')}</span>
          <select
            className="inline"
            value={type}
            data-testid="changes-type"
            onChange={(e) => {
              setType(e.target.value as EntityType | '');
              reset();
            }}
          >
            <option value="">{t('changes.anyType')}</option>
            {ENTITY_TYPES.map((x) => (
              <option key={x} value={x}>
                {entityTypeLabel(x, lang)}
              </option>
            ))}
          </select>
        </label>
        <label className="toolbar-group">
          <span className="toolbar-label">{t('changes.kind')}</span>
          <select
            className="inline"
            value={kind}
            data-testid="changes-kind"
            onChange={(e) => {
              setKind(e.target.value as ChangeKind | '');
              reset();
            }}
          >
            <option value="">{t('changes.anyKind')}</option>
            {CHANGE_KINDS.map((k) => (
              <option key={k} value={k}>
                {CHANGE_KIND_LABELS[k][lang]}
              </option>
            ))}
          </select>
        </label>
        <label className="toolbar-group">
          <span className="toolbar-label">{t('changes.author')}</span>
          <input
            className="inline text-inline"
            value={author}
            placeholder={t('changes.authorPlaceholder')}
            data-testid="changes-author"
            onChange={(e) => {
              setAuthor(e.target.value);
              reset();
            }}
          />
        </label>
      </div>
      <div className="pane-section change-list">
        {pages.map((after, i) => (
          <ChangePage
            key={after ?? 'first'}
            filter={filter}
            filtered={filtered}
            after={after}
            last={i === pages.length - 1}
            canRevert={canRevert}
            onMore={(next) => setPages((p) => [...p, next])}
            onFocus={onFocus}
            onShowEntity={onShowEntity}
          />
        ))}
      </div>
    </div>
  );
}

function ChangePage({
  filter,
  filtered,
  after,
  last,
  canRevert,
  onMore,
  onFocus,
  onShowEntity,
}: {
  filter: ChangeFilter;
  filtered: boolean;
  after: string | null;
  last: boolean;
  canRevert: boolean;
  onMore: (after: string) => void;
  onFocus: (id: string) => void;
  onShowEntity: (id: string) => void;
}) {
  const { t } = useI18n();
  const page = useChangesPage(filter, after);
  const items = page.data?.changes.items ?? [];
  const next = page.data?.changes.next ?? null;
  return (
    <>
      {page.error && <ErrorBanner error={page.error} onRetry={page.reload} />}
      {!page.data && page.loading && <Spinner />}
      {page.data && items.length === 0 && after === null && (
        <p className="muted" data-testid="changes-empty">
          {filtered ? t('changes.none') : t('changes.noneYet')}
        </p>
      )}
      {items.map((cs) => (
        <ChangeSetCard key={cs.id} cs={cs} canRevert={canRevert} onShowEntity={onShowEntity} onOpenChangeSet={onFocus} />
      ))}
      {last && next && (
        <button type="button" className="btn btn-small" onClick={() => onMore(next)}>
          {t('changes.older')}
        </button>
      )}
    </>
  );
}

function FocusedChangeSet({
  id,
  canRevert,
  onFocus,
  onShowEntity,
}: {
  id: string;
  canRevert: boolean;
  onFocus: (id: string | null) => void;
  onShowEntity: (id: string) => void;
}) {
  const { t } = useI18n();
  const detail = useChangeSet(id);
  const cs = detail.data?.changeSet;
  return (
    <div className="pane-section change-list" data-testid="change-focused">
      <div className="focused-head">
        <span className="section-title">{t('changes.focused')}</span>
        <button type="button" className="link-btn" onClick={() => onFocus(null)}>
          {t('changes.backToAll')}
        </button>
      </div>
      {detail.error && <ErrorBanner error={detail.error} onRetry={detail.reload} />}
      {!detail.data && detail.loading && <Spinner />}
      {detail.data && !cs && <p className="muted">{t('changes.notFound')}</p>}
      {cs && <ChangeSetCard key={cs.id} cs={cs} canRevert={canRevert} onShowEntity={onShowEntity} onOpenChangeSet={onFocus} defaultOpen />}
    </div>
  );
}
