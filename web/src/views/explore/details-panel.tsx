/** The details of the selected entity: properties, its sources, and its relations grouped by type with their quotes. */
import { useState, type ReactNode } from 'react';
import { useGraphQL } from '../../api/query-client.js';
import { keys } from '../../api/query-keys.js';
import { EntitySearch } from '../../components/entity-search.js';
import { SourceQuote } from '../../components/source-quote.js';
import { EmptyState, ErrorBanner, Spinner } from '../../components/status.js';
import { TypeBadge } from '../../components/type-badge.js';
import { graphql } from '../../gql/index.js';
import type { EntityDetailsQuery } from '../../gql/graphql.js';
import { displayName, entityKindLabel, relationKindLabel, relationLabel, tierLabel, useI18n, type MessageKey } from '../../i18n/i18n.js';

const EntityDetailsDocument = graphql(`
  query EntityDetails($id: ID!) {
    entity(id: $id) {
      ...EntityRef
      aliases
      description
      sources {
        ...SourceFields
      }
      relations {
        type
        direction
        count
        items {
          edge {
            ...EdgeRef
            sources {
              ...SourceFields
            }
          }
          other {
            ...EntityRef
          }
        }
      }
    }
  }
`);

type RelationGroup = NonNullable<EntityDetailsQuery['entity']>['relations'][number];

export interface DetailsPanelProps {
  id: string | null;
  onOpen: (id: string) => void;
  onExpand: (id: string) => void;
  onPathTo: (from: string, to: string) => void;
  onPartners: (id: string) => void;
}

function RelationGroupView({ group, onOpen }: { group: RelationGroup; onOpen: (id: string) => void }) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(group.items.length <= 8);
  return (
    <section className="relation-group" data-relation={group.type}>
      <button type="button" className="relation-group-head" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        <span className="caret">{open ? '▾' : '▸'}</span>
        <span className="relation-name">{relationLabel(group.type, lang)}</span>
        <span className="relation-dir">{group.direction === 'OUT' ? t('details.out') : t('details.in')}</span>
        <span className="count-pill">{group.count}</span>
      </button>
      {open && (
        <ul className="relation-items">
          {group.items.map(({ edge, other }) => (
            <li key={edge.id} className="relation-item">
              <div className="relation-line">
                <button type="button" className="entity-link" onClick={() => onOpen(other.id)}>
                  {displayName(other, lang)}
                </button>
                <TypeBadge type={other.type} />
                {edge.inferred && (
                  <span className="inferred-tag" title={edge.reason ?? ''}>
                    {t('common.inferred')}
                  </span>
                )}
              </div>
              {(edge.role || edge.kind || edge.topic || edge.date) && (
                <div className="relation-props">
                  {edge.role && <span>{edge.role}</span>}
                  {edge.kind && <span>{relationKindLabel(edge.kind, lang)}</span>}
                  {edge.topic && <span>{edge.topic}</span>}
                  {edge.date && <span>{edge.date}</span>}
                </div>
              )}
              {edge.inferred && edge.reason && (
                <div className="relation-reason">
                  {t('details.reason')}:{edge.reason}
                </div>
              )}
              {edge.sources.map((s, i) => (
                <SourceQuote key={i} source={s} />
              ))}
            </li>
          ))}
          {group.count > group.items.length && (
            <li className="muted small">{t('details.other', { n: group.count - group.items.length })}</li>
          )}
        </ul>
      )}
    </section>
  );
}

function Prop({ label, children }: { label: MessageKey; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <>
      <dt>{t(label)}</dt>
      <dd>{children}</dd>
    </>
  );
}

export function DetailsPanel({ id, onOpen, onExpand, onPathTo, onPartners }: DetailsPanelProps) {
  const { t, lang } = useI18n();
  const { data, error, loading, reload } = useGraphQL(keys.entityDetails(id ?? ''), EntityDetailsDocument, id ? { id } : null);
  if (!id) return <EmptyState title={t('details.empty')} testId="details-empty" />;
  if (error) return <ErrorBanner error={error} onRetry={reload} />;
  const e = data?.entity;
  if (!e || e.id !== id) return <Spinner />;
  const canPartner = e.type === 'Enterprise' || e.type === 'Park';
  return (
    <div className={`details ${loading ? 'stale' : ''}`} data-testid="details" data-entity-id={e.id}>
      <div className="details-head">
        <TypeBadge type={e.type} />
        <h2 className="details-name">{displayName(e, lang)}</h2>
        {lang === 'en' && e.nameEn && <div className="details-alt">{e.name}</div>}
        {lang === 'zh' && e.nameEn && <div className="details-alt">{e.nameEn}</div>}
      </div>
      <div className="details-actions">
        <button type="button" className="btn btn-small" onClick={() => onExpand(e.id)}>
          {t('details.expand')}
        </button>
        {canPartner && (
          <button type="button" className="btn btn-small" onClick={() => onPartners(e.id)}>
            {t('details.partners')}
          </button>
        )}
      </div>
      <div className="details-path">
        <EntitySearch
          placeholder={t('details.pathPlaceholder')}
          onPick={(target) => onPathTo(e.id, target.id)}
          testId="path-search"
          className="compact"
        />
      </div>
      <dl className="props">
        {e.kind && <Prop label="details.kind">{entityKindLabel(e.kind, lang)}</Prop>}
        {e.tier && <Prop label="details.tier">{tierLabel(e.tier, lang)}</Prop>}
        {e.aliases.length > 0 && <Prop label="details.aliases">{e.aliases.join('、')}</Prop>}
        {e.description && <Prop label="details.description">{e.description}</Prop>}
      </dl>
      <h3 className="section-title">{t('details.sources')}</h3>
      {e.sources.length === 0 ? (
        <p className="muted">{t('details.noSources')}</p>
      ) : (
        e.sources.map((s, i) => <SourceQuote key={i} source={s} />)
      )}
      <h3 className="section-title">{t('details.relations')}</h3>
      {e.relations.length === 0 && <p className="muted">{t('details.noRelations')}</p>}
      {e.relations.map((g) => (
        <RelationGroupView key={`${g.type}:${g.direction}`} group={g} onOpen={onOpen} />
      ))}
    </div>
  );
}
