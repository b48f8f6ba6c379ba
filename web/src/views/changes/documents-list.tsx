/** Source documents, newest first: what each is, who published it, how many facts cite it, and which entities. */
import { EntityName } from '../../components/entity-name.js';
import { Fragment, useState } from 'react';
import { ErrorBanner, Spinner } from '../../components/status.js';
import { TypeBadge } from '../../components/type-badge.js';
import { useDebounced } from '../../components/use-debounced.js';
import type { DocumentKind } from '../../gql/graphql.js';
import { formatTime, useI18n } from '../../i18n/i18n.js';
import { DOCUMENT_KINDS, DOCUMENT_KIND_LABELS } from '../../../../shared/model/curation.js';
import { DOCUMENT_ENTITIES, DOCUMENTS_SHOWN, useDocumentEntities, useDocuments } from './change-queries.js';

export function DocumentsList({ onShowEntity }: { onShowEntity: (id: string) => void }) {
  const { t, lang } = useI18n();
  const [kind, setKind] = useState<DocumentKind | ''>('');
  const [text, setText] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const query = useDebounced(text.trim(), 300);
  const docs = useDocuments(kind || null, query);
  const list = docs.data?.documents ?? [];
  return (
    <div data-testid="documents">
      <div className="canvas-toolbar feed-filters">
        <label className="toolbar-group">
          <span className="toolbar-label">{t('docs.kind')}</span>
          <select
            className="inline"
            value={kind}
            onChange={(e) => setKind(e.target.value as DocumentKind | '')}
            data-testid="documents-kind"
          >
            <option value="">{t('docs.anyKind')}</option>
            {DOCUMENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {DOCUMENT_KIND_LABELS[k][lang]}
              </option>
            ))}
          </select>
        </label>
        <label className="toolbar-group">
          <span className="toolbar-label">{t('docs.search')}</span>
          <input
            type="search"
            className="inline text-inline"
            value={text}
            placeholder={t('docs.searchPlaceholder')}
            onChange={(e) => setText(e.target.value)}
            data-testid="documents-search"
          />
        </label>
      </div>
      <div className="pane-section">
        {docs.error && <ErrorBanner error={docs.error} onRetry={docs.reload} />}
        {!docs.data && docs.loading && <Spinner />}
        {docs.data && list.length === 0 && <p className="muted">{t('docs.none')}</p>}
        {list.length > 0 && (
          <div className="table-scroll">
            <table className="data-table documents-table" data-testid="documents-table">
              <thead>
                <tr>
                  <th>{t('docs.title')}</th>
                  <th>{t('docs.kind')}</th>
                  <th>{t('docs.date')}</th>
                  <th>{t('docs.publisher')}</th>
                  <th className="num">{t('docs.facts')}</th>
                  <th aria-label={t('docs.citing')} />
                </tr>
              </thead>
              <tbody>
                {list.map((d) => (
                  <Fragment key={d.id}>
                    <tr data-testid="document-row" data-id={d.id}>
                      <td className="doc-title">
                        {d.url ? (
                          <a href={d.url} target="_blank" rel="noreferrer noopener" title={t('docs.open')}>
                            {d.title}
                          </a>
                        ) : (
                          d.title
                        )}
                        {d.createdBy && d.createdAt && (
                          <div className="muted small">
                            {t('docs.addedBy', { author: d.createdBy, time: formatTime(d.createdAt, lang) })}
                          </div>
                        )}
                      </td>
                      <td className="nowrap">{DOCUMENT_KIND_LABELS[d.kind][lang]}</td>
                      <td className="nowrap">{d.date ?? ''}</td>
                      <td>{d.publisher ?? ''}</td>
                      <td className="num nowrap">
                        {t(d.factCount === 1 ? 'docs.factCountOne' : 'docs.factCount', { count: d.factCount })}
                      </td>
                      <td className="nowrap">
                        <button
                          type="button"
                          className="link-btn"
                          aria-expanded={open === d.id}
                          onClick={() => setOpen(open === d.id ? null : d.id)}
                          data-testid="document-expand"
                        >
                          {open === d.id ? t('docs.collapse') : t('docs.expand')}
                        </button>
                      </td>
                    </tr>
                    {open === d.id && (
                      <tr className="doc-entities-row">
                        <td colSpan={6}>
                          <CitingEntities id={d.id} factCount={d.factCount} onShowEntity={onShowEntity} />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {list.length >= DOCUMENTS_SHOWN && <p className="muted small">{t('docs.shown', { count: DOCUMENTS_SHOWN })}</p>}
      </div>
    </div>
  );
}

function CitingEntities({ id, factCount, onShowEntity }: { id: string; factCount: number; onShowEntity: (id: string) => void }) {
  const { t } = useI18n();
  const q = useDocumentEntities(id);
  const entities = q.data?.document?.entities ?? [];
  if (q.error) return <ErrorBanner error={q.error} onRetry={q.reload} />;
  if (!q.data) return <Spinner />;
  if (entities.length === 0) return <p className="muted small">{factCount > 0 ? t('docs.onlyRelations') : t('docs.noCiting')}</p>;
  return (
    <div className="doc-entities" data-testid="document-entities">
      <span className="muted small">{t('docs.citing')}</span>
      <ul className="entity-chips">
        {entities.map((e) => (
          <li key={e.id}>
            <button type="button" className="entity-link" onClick={() => onShowEntity(e.id)}>
              <EntityName entity={e} />
            </button>
            <TypeBadge type={e.type} />
          </li>
        ))}
      </ul>
      {entities.length >= DOCUMENT_ENTITIES && <p className="muted small">{t('docs.citingShown', { count: DOCUMENT_ENTITIES })}</p>}
    </div>
  );
}
