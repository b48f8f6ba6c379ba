/**
 * The details of the selected entity in three sections — overview (fields, company profile, sources),
 * relations (grouped by type, with their quotes), history — and, for editors, the ways to change it:
 * edit, add a relation, merge a duplicate, retract; retract or confirm a relation; revert or restore
 * from the history. A retracted entity still shows its history. A relation clicked on the canvas
 * shows instead: its facts (type, direction, role, kind, date; inferred or stated, and why) and the
 * quotes of its sources with their documents.
 */
import { useRef, useState, type ReactNode } from 'react';
import { useEntityRef } from '../../api/entity-ref.js';
import type { EdgeRef } from '../../api/fragments.js';
import { PROFILE_FIELD_LABELS, type ProfileField } from '../../../../shared/model/index.js';
import { EntitySearch } from '../../components/entity-search.js';
import { EntityName, InferredReason, ZhText } from '../../components/entity-name.js';
import { SourceQuote } from '../../components/source-quote.js';
import { EmptyState, ErrorBanner, Spinner } from '../../components/status.js';
import { TypeBadge } from '../../components/type-badge.js';
import {
  displayName,
  entityKindLabel,
  formatTime,
  onlyInChinese,
  relationKindLabel,
  relationLabel,
  tierLabel,
  useI18n,
  type MessageKey,
} from '../../i18n/i18n.js';
import { useHistory } from '../edit/edit-api.js';
import { EntityEditForm } from '../edit/entity-edit-form.js';
import type { Picked } from '../edit/entity-picker.js';
import { EntityRetractForm } from '../edit/entity-retract-form.js';
import { authorName, HistoryList } from '../edit/history-list.js';
import { MergeDialog } from '../edit/merge-dialog.js';
import { RelationActions } from '../edit/relation-actions.js';
import { useEdgeDetails, useEntityDetails, type EntityDetails, type RelationGroup } from './entity-details.js';
import { FollowButton, watchKindOf } from '../watch/follow-button.js';
import { CreateLeadButton } from '../leads/create-lead-dialog.js';
import './paths.css';

export interface DetailsPanelProps {
  id: string | null;
  /** A relation clicked on the canvas: shown instead of the entity until closed. */
  edge?: EdgeRef | null;
  onCloseEdge?: () => void;
  /** The viewer may change the graph (editor and above): the edit controls show. */
  canEdit: boolean;
  onOpen: (id: string) => void;
  onExpand: (id: string) => void;
  onPathTo: (from: string, to: string) => void;
  onPartners: (id: string) => void;
  onAddRelation: (anchor: Picked) => void;
  onRetracted: (retraction: { id: string; name: string; changeSetId: string }) => void;
  onMerged: (merge: { keep: EntityDetails; gone: EntityDetails; changeSetId: string }) => void;
  onRestored: (id: string) => void;
}

function RelationGroupView({
  group,
  self,
  canEdit,
  onOpen,
}: {
  group: RelationGroup;
  self: EntityDetails;
  canEdit: boolean;
  onOpen: (id: string) => void;
}) {
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
          {group.items.map(({ edge, other }) => {
            const [a, b] = group.direction === 'OUT' ? [self, other] : [other, self];
            return (
              <li key={edge.id} className="relation-item" data-edge-id={edge.id} data-other-id={other.id}>
                <div className="relation-line">
                  <button type="button" className="entity-link" onClick={() => onOpen(other.id)}>
                    <EntityName entity={other} />
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
                    {edge.role && <ZhText text={edge.role} />}
                    {edge.kind && <span>{relationKindLabel(edge.kind, lang)}</span>}
                    {edge.topic && <ZhText text={edge.topic} />}
                    {edge.date && <span>{edge.date}</span>}
                  </div>
                )}
                {edge.inferred && edge.reason && <InferredReason reason={edge.reason} />}
                {edge.sources.map((s, i) => (
                  <SourceQuote key={i} source={s} />
                ))}
                {canEdit && (
                  <RelationActions
                    edge={edge}
                    label={`${displayName(a, lang)} —${relationLabel(group.type, lang)}→ ${displayName(b, lang)}`}
                  />
                )}
              </li>
            );
          })}
          {group.count > group.items.length && (
            <li className="muted small">{t('details.other', { n: group.count - group.items.length })}</li>
          )}
        </ul>
      )}
    </section>
  );
}

function Prop({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </>
  );
}

const safeHref = (url: string) => (/^https?:\/\//i.test(url) ? url : `https://${url}`);

/** The company profile fields that are filled in, labelled from the model. */
function ProfileProps({ e }: { e: EntityDetails }) {
  const { lang } = useI18n();
  const label = (f: ProfileField) => PROFILE_FIELD_LABELS[f][lang];
  const tags = (items: readonly string[]) => (
    <span className="tag-list">
      {items.map((x) => (
        <ZhText key={x} className="tag" text={x} />
      ))}
    </span>
  );
  return (
    <>
      {e.creditCode && (
        <Prop label={label('creditCode')}>
          <span className="mono">{e.creditCode}</span>
        </Prop>
      )}
      {e.registeredCapital && <Prop label={label('registeredCapital')}>{e.registeredCapital}</Prop>}
      {e.founded && <Prop label={label('founded')}>{e.founded}</Prop>}
      {e.address && (
        <Prop label={label('address')}>
          <ZhText text={e.address} />
        </Prop>
      )}
      {e.website && (
        <Prop label={label('website')}>
          <a href={safeHref(e.website)} target="_blank" rel="noopener noreferrer" className="break">
            {e.website}
          </a>
        </Prop>
      )}
      {e.contact && <Prop label={label('contact')}>{e.contact}</Prop>}
      {e.headcount != null && <Prop label={label('headcount')}>{e.headcount.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB')}</Prop>}
      {e.qualifications.length > 0 && <Prop label={label('qualifications')}>{tags(e.qualifications)}</Prop>}
      {e.products.length > 0 && <Prop label={label('products')}>{tags(e.products)}</Prop>}
    </>
  );
}

type Section = 'overview' | 'relations' | 'history';
const SECTIONS: { id: Section; label: MessageKey }[] = [
  { id: 'overview', label: 'edit.section.overview' },
  { id: 'relations', label: 'edit.section.relations' },
  { id: 'history', label: 'edit.section.history' },
];

export function DetailsPanel(props: DetailsPanelProps) {
  const { t } = useI18n();
  const { edge, onCloseEdge, onOpen, canEdit } = props;
  if (edge) {
    const close = () => onCloseEdge?.();
    const openEnd = (id: string) => {
      close();
      onOpen(id);
    };
    return <EdgePanel key={edge.id} edge={edge} canEdit={canEdit} onOpen={openEnd} onClose={close} />;
  }
  if (!props.id) return <EmptyState title={t('details.empty')} testId="details-empty" />;
  // One panel per entity: an open form or section state never carries over to another entity.
  return <EntityPanel key={props.id} {...props} id={props.id} />;
}

function EntityPanel(props: DetailsPanelProps & { id: string }) {
  const { id, canEdit, onOpen, onExpand, onPathTo, onPartners, onAddRelation, onRetracted, onMerged, onRestored } = props;
  const { t, lang } = useI18n();
  const { data, error, loading, reload } = useEntityDetails(id);
  const [mode, setMode] = useState<'view' | 'edit' | 'retract'>('view');
  const [merging, setMerging] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);
  const sections = useRef<Partial<Record<Section, HTMLElement | null>>>({});
  // An entity no longer in the graph (retracted, merged) is NOT_FOUND; its history still answers.
  if (error?.code === 'NOT_FOUND' || (data && !data.entity)) {
    return <GonePanel id={id} canEdit={canEdit} onOpen={onOpen} onRestored={onRestored} />;
  }
  if (error) return <ErrorBanner error={error} onRetry={reload} />;
  if (!data?.entity) return <Spinner />;
  const e = data.entity;
  if (e.id !== id) return <Spinner />;

  const canPartner = e.type === 'Enterprise' || e.type === 'Park';
  const relationCount = e.relations.reduce((n, g) => n + g.count, 0);
  const jump = (s: Section) => {
    if (s === 'history') setHistoryOpen(true);
    sections.current[s]?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  return (
    <div className={`details ${loading ? 'stale' : ''}`} data-testid="details" data-entity-id={e.id}>
      <div className="details-head">
        <TypeBadge type={e.type} />
        <h2 className="details-name">
          <EntityName entity={e} marker={false} />
        </h2>
        {lang === 'en' && e.nameEn && (
          <div className="details-alt" lang="zh-CN">
            {e.name}
          </div>
        )}
        {onlyInChinese(displayName(e, lang), lang) && (
          <div className="details-alt" data-testid="name-zh-only">
            {t('lang.nameZhOnly')}
          </div>
        )}
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
        <FollowButton target={e.id} kind={watchKindOf(e.type)} />
        {e.type === 'Enterprise' && <CreateLeadButton target={e} origin={{ kind: 'MANUAL' }} />}
      </div>
      {canEdit && mode === 'view' && (
        <div className="details-edit-actions" data-testid="edit-actions">
          <button type="button" className="btn btn-small btn-accent" onClick={() => setMode('edit')} data-testid="edit-entity">
            {t('edit.edit')}
          </button>
          <button type="button" className="btn btn-small" onClick={() => onAddRelation(e)} data-testid="add-relation-button">
            {t('edit.addRelation')}
          </button>
          <button type="button" className="btn btn-small" onClick={() => setMerging(true)} data-testid="merge-button">
            {t('edit.mergeDuplicate')}
          </button>
          <button type="button" className="btn btn-small btn-danger-quiet" onClick={() => setMode('retract')} data-testid="retract-entity">
            {t('edit.retract.button')}
          </button>
        </div>
      )}
      {merging && (
        <MergeDialog
          entity={e}
          onClose={() => setMerging(false)}
          onMerged={(m) => {
            setMerging(false);
            onMerged(m);
          }}
        />
      )}
      {mode === 'edit' && <EntityEditForm entity={e} onDone={() => setMode('view')} onCancel={() => setMode('view')} />}
      {mode === 'retract' && (
        <EntityRetractForm
          entity={e}
          onCancel={() => setMode('view')}
          onDone={(changeSetId) => onRetracted({ id: e.id, name: displayName(e, lang), changeSetId })}
        />
      )}
      {mode === 'view' && (
        <>
          <div className="details-path">
            <EntitySearch
              placeholder={t('details.pathPlaceholder')}
              onPick={(target) => onPathTo(e.id, target.id)}
              testId="path-search"
              className="compact"
            />
          </div>
          <nav className="details-sections" aria-label={t('edit.section.nav')}>
            {SECTIONS.map((s) => (
              <button key={s.id} type="button" className="section-jump" onClick={() => jump(s.id)}>
                {t(s.label)}
                {s.id === 'relations' && <span className="count-pill">{relationCount}</span>}
              </button>
            ))}
          </nav>
          <section className="details-section" ref={(el) => void (sections.current.overview = el)} aria-label={t('edit.section.overview')}>
            <dl className="props">
              {e.kind && <Prop label={t('details.kind')}>{entityKindLabel(e.kind, lang)}</Prop>}
              {e.tier && <Prop label={t('details.tier')}>{tierLabel(e.tier, lang)}</Prop>}
              {e.aliases.length > 0 && (
                <Prop label={t('details.aliases')}>
                  <ZhText text={e.aliases.join(lang === 'zh' ? '、' : ', ')} />
                </Prop>
              )}
              {e.description && (
                <Prop label={t(onlyInChinese(e.description, lang) ? 'lang.descriptionZhOnly' : 'details.description')}>
                  <ZhText text={e.description} />
                </Prop>
              )}
              {e.date && <Prop label={t('edit.field.date')}>{e.date}</Prop>}
              <ProfileProps e={e} />
            </dl>
            {e.updatedAt && (
              <p className="muted small details-updated">
                {t('edit.lastChanged', { at: formatTime(e.updatedAt, lang), by: authorName(e.updatedBy ?? '', t) })}
              </p>
            )}
            <h3 className="section-title">{t('details.sources')}</h3>
            {e.sources.length === 0 ? (
              <p className="muted">{t('details.noSources')}</p>
            ) : (
              e.sources.map((s, i) => <SourceQuote key={i} source={s} />)
            )}
          </section>
          <section
            className="details-section"
            ref={(el) => void (sections.current.relations = el)}
            aria-label={t('edit.section.relations')}
          >
            <h3 className="section-title section-title-row">
              {t('details.relations')}
              {canEdit && (
                <button type="button" className="link-btn" onClick={() => onAddRelation(e)}>
                  {t('edit.addRelationShort')}
                </button>
              )}
            </h3>
            {e.relations.length === 0 && <p className="muted">{t('details.noRelations')}</p>}
            {e.relations.map((g) => (
              <RelationGroupView key={`${g.type}:${g.direction}`} group={g} self={e} canEdit={canEdit} onOpen={onOpen} />
            ))}
          </section>
        </>
      )}
      <section className="details-section" ref={(el) => void (sections.current.history = el)} data-testid="history-section">
        <h3 className="section-title">
          <button type="button" className="section-toggle" aria-expanded={historyOpen} onClick={() => setHistoryOpen((o) => !o)}>
            <span className="caret">{historyOpen ? '▾' : '▸'}</span>
            {t('edit.section.history')}
          </button>
        </h3>
        {historyOpen && <HistoryList entityId={e.id} canEdit={canEdit} onOpen={onOpen} onRestored={onRestored} />}
      </section>
    </div>
  );
}

/** An entity no longer in the graph (retracted, or merged into another): its name and history. */
function GonePanel({
  id,
  canEdit,
  onOpen,
  onRestored,
}: {
  id: string;
  canEdit: boolean;
  onOpen: (id: string) => void;
  onRestored: (id: string) => void;
}) {
  const { t } = useI18n();
  // The history's first page, shared with the list below (same cache key).
  const history = useHistory(id, 20);
  const own = history.data?.history.items.find((r) => r.target === 'ENTITY' && r.targetId === id);
  if (history.error) return <ErrorBanner error={history.error} onRetry={history.reload} />;
  if (!history.data) return <Spinner />;
  if (!own) return <EmptyState title={t('edit.gone.unknown')} testId="details-empty" />;
  return (
    <div className="details gone" data-testid="details" data-entity-id={id} data-gone>
      <div className="details-head">
        <h2 className="details-name">
          <ZhText text={own.label} />
        </h2>
        <p className="gone-note" role="status">
          {own.mergedInto ? t('edit.gone.merged') : t('edit.gone.retracted')}
        </p>
        {own.mergedInto && (
          <button type="button" className="btn btn-small" onClick={() => onOpen(own.mergedInto!)}>
            {t('edit.gone.openMerged')}
          </button>
        )}
        {canEdit && !own.mergedInto && <p className="muted small">{t('edit.gone.restoreHint')}</p>}
      </div>
      <h3 className="section-title">{t('edit.section.history')}</h3>
      <HistoryList entityId={id} canEdit={canEdit} onOpen={onOpen} onRestored={onRestored} entityGone={!own.mergedInto} />
    </div>
  );
}

/** One relation: its facts as the canvas has them at once, then its sources (and, for editors, its actions). */
function EdgePanel({
  edge,
  canEdit,
  onOpen,
  onClose,
}: {
  edge: EdgeRef;
  canEdit: boolean;
  onOpen: (id: string) => void;
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const details = useEdgeDetails(edge);
  const source = useEntityRef(edge.source).data?.entity ?? null;
  const target = useEntityRef(edge.target).data?.entity ?? null;
  const full = details.data?.edge ?? null;
  const e = full ?? edge;
  const gone = details.data !== undefined && full === null;
  const end = (ref: typeof source, id: string) => (
    <button type="button" className="entity-link" onClick={() => onOpen(id)}>
      {ref ? <EntityName entity={ref} /> : '…'}
    </button>
  );
  const rel = relationLabel(e.type, lang);
  return (
    <div className="details edge-details" data-testid="edge-details" data-edge-id={edge.id}>
      <div className="details-head">
        <span className="section-title-row">
          <span className="muted small">{t('edge.title')}</span>
          <button type="button" className="link-btn" onClick={onClose} data-testid="edge-close">
            {t('edge.close')}
          </button>
        </span>
        <h2 className="details-name">{rel}</h2>
      </div>
      <div className="edge-ends" data-testid="edge-ends">
        {end(source, edge.source)}
        <span className="edge-arrow">— {rel} →</span>
        {end(target, edge.target)}
      </div>
      <dl className="props">
        <Prop label={t('edge.type')}>{rel}</Prop>
        <Prop label={t('edge.direction')} testId="edge-direction">
          {t('edge.directionText', {
            source: source ? displayName(source, lang) : '…',
            target: target ? displayName(target, lang) : '…',
          })}
        </Prop>
        {e.role && (
          <Prop label={t('edge.role')}>
            <ZhText text={e.role} />
          </Prop>
        )}
        {e.kind && <Prop label={t('edge.kind')}>{relationKindLabel(e.kind, lang)}</Prop>}
        {e.topic && (
          <Prop label={t('edge.topic')}>
            <ZhText text={e.topic} />
          </Prop>
        )}
        {e.date && <Prop label={t('edge.date')}>{e.date}</Prop>}
      </dl>
      {e.inferred ? (
        <div className="edge-inferred" data-testid="edge-inferred">
          <span className="inferred-tag">{t('common.inferred')}</span> {t('edge.inferredNote')}
          {e.reason && <InferredReason reason={e.reason} />}
        </div>
      ) : (
        <p className="edge-stated">{t('edge.stated')}</p>
      )}
      {full?.updatedAt && (
        <p className="muted small">
          {t('edit.lastChanged', { at: formatTime(full.updatedAt, lang), by: authorName(full.updatedBy ?? '', t) })}
        </p>
      )}
      <h3 className="section-title">{t('details.sources')}</h3>
      {details.error && <ErrorBanner error={details.error} onRetry={details.reload} />}
      {gone && <p className="muted">{t('edge.gone')}</p>}
      {!full && !gone && !details.error && <Spinner />}
      {full && full.sources.length === 0 && <p className="muted">{t('edge.noSources')}</p>}
      {full?.sources.map((s, i) => (
        <SourceQuote key={i} source={s} />
      ))}
      {canEdit && full && (
        <RelationActions
          edge={full}
          label={`${source ? displayName(source, lang) : edge.source} —${rel}→ ${target ? displayName(target, lang) : edge.target}`}
        />
      )}
    </div>
  );
}
