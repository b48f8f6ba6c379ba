/**
 * Partners: ranked suggestions for an enterprise or park, each with its sentence and explanation paths;
 * equal scores say how they were ordered, a node clicked on the canvas opens its card with its sources,
 * and the entity selected in Explore is offered.
 */
import type { Core, ElementDefinition } from 'cytoscape';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useEntityRef } from '../../api/entity-ref.js';
import type { EdgeRef, EntityRef, Source } from '../../api/fragments.js';
import { useGraphQL } from '../../api/query-client.js';
import { keys } from '../../api/query-keys.js';
import { EntitySearch, ExampleChips } from '../../components/entity-search.js';
import { ExportMenu } from '../../components/export-menu.js';
import { SourceQuote } from '../../components/source-quote.js';
import { EntityName, ZhText } from '../../components/entity-name.js';
import { PartnerLeadButton } from '../leads/create-lead-dialog.js';
import { EmptyState, ErrorBanner, LoadingBar, Spinner } from '../../components/status.js';
import { TableExport } from '../../components/table-export.js';
import { TypeBadge } from '../../components/type-badge.js';
import type { TableColumn } from '../../export/table-export.js';
import { GraphCanvas } from '../../graph/graph-canvas.js';
import { fitView } from '../../graph/layouts.js';
import { toElements } from '../../graph/to-elements.js';
import { graphql } from '../../gql/index.js';
import type { EntityType, PartnersQuery, PartnerRole } from '../../gql/graphql.js';
import { evidenceKindLabel, partnerSentence } from '../../i18n/analysis-text.js';
import { displayName, entityTypeLabel, useI18n } from '../../i18n/i18n.js';
import type { UpdateUrlState } from '../../state/use-url-state.js';
import type { UrlState } from '../../state/url-state.js';
import './partners-view.css';

export interface PartnersViewProps {
  state: UrlState;
  update: UpdateUrlState;
  onShowEntity: (id: string) => void;
}

const PartnersDocument = graphql(`
  query Partners($id: ID!, $limit: Int) {
    target: entity(id: $id) {
      ...EntityRef
    }
    partners(id: $id, limit: $limit) {
      entity {
        ...EntityRef
        lastSeen
        sources {
          ...SourceFields
        }
      }
      score
      role
      evidence {
        kind
        weight
        direction
        count
        inferred
        via {
          ...EntityRef
        }
        nodes {
          ...EntityRef
        }
        edges {
          ...EdgeRef
          sources {
            ...SourceFields
          }
        }
      }
    }
  }
`);

type PartnerSuggestion = PartnersQuery['partners'][number];

/** Names to try from the empty state; each is looked up by search, so nothing here is an id. */
const EXAMPLES = ['思路迪', '诺斯清', '浦江智谷'];
const LIMIT = 10;
/** Who can have partners suggested. */
const PARTNER_TYPES: EntityType[] = ['Enterprise', 'Park'];

/** Roles that only repeat the entity type (shown by its badge already). */
const TYPE_ROLES = new Set<PartnerRole>(['HOSPITAL', 'UNIVERSITY', 'ALLIANCE']);

/** How a suggestion came after the one above it with the same score: by newer source, or by name. */
export type TieBreak = { by: 'recency'; date: string | null } | { by: 'name' } | null;

export function tieBreaks(list: readonly { score: number; entity: { lastSeen?: string | null } }[]): TieBreak[] {
  return list.map((s, i) => {
    const prev = list[i - 1];
    if (!prev || prev.score !== s.score) return null;
    return (prev.entity.lastSeen ?? null) === (s.entity.lastSeen ?? null)
      ? { by: 'name' }
      : { by: 'recency', date: s.entity.lastSeen ?? null };
  });
}

/** The sources behind a card: the partner's own, then each evidence relation's, each quote once. */
function cardSources(s: PartnerSuggestion): Source[] {
  const seen = new Set<string>();
  const out: Source[] = [];
  for (const src of [...s.entity.sources, ...s.evidence.flatMap((e) => e.edges.flatMap((x) => x.sources))]) {
    const key = `${src.document}\u0000${src.quote}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(src);
  }
  return out;
}

/** What one kind of evidence adds to a suggestion's score (the tags add up to the score shown). */
const weightOf = (s: PartnerSuggestion, kind: string): number =>
  Math.round(s.evidence.filter((e) => e.kind === kind).reduce((sum, e) => sum + e.weight, 0) * 100) / 100;

/** The explanation graph: subject, suggestions, the evidence paths. */
export function partnerGraph(subject: EntityRef | null, suggestions: PartnerSuggestion[]): { nodes: EntityRef[]; edges: EdgeRef[] } {
  const nodes: EntityRef[] = subject ? [subject] : [];
  const edges: EdgeRef[] = [];
  for (const s of suggestions) {
    nodes.push(s.entity);
    for (const e of s.evidence) {
      nodes.push(...e.nodes);
      edges.push(...e.edges);
    }
  }
  return { nodes, edges };
}

export function PartnersView({ state, update, onShowEntity }: PartnersViewProps) {
  const { t, lang } = useI18n();
  const cyRef = useRef<Core | null>(null);
  const [active, setActive] = useState<number | null>(null);
  /** The card showing its sources (opened from the canvas or the card's button). */
  const [open, setOpen] = useState<string | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const result = useGraphQL(
    keys.partners(state.partner ?? '', LIMIT),
    PartnersDocument,
    state.partner ? { id: state.partner, limit: LIMIT } : null,
  );
  const suggestions = useMemo(() => (state.partner ? (result.data?.partners ?? []) : []), [state.partner, result.data]);
  // The subject comes with its suggestions, so a sentence never lacks its subject's name.
  const subj = (state.partner && result.data?.target) || null;
  const ties = useMemo(() => tieBreaks(suggestions), [suggestions]);
  // The entity selected in Explore, offered when it can have partners and is not the subject already.
  const selected = useEntityRef(state.sel && state.sel !== state.partner ? state.sel : null).data?.entity ?? null;
  const offer = selected && PARTNER_TYPES.includes(selected.type) ? selected : null;

  // A card opened from the canvas scrolls into view once it is drawn open.
  useEffect(() => {
    if (!open) return;
    listRef.current?.querySelector(`[data-partner="${CSS.escape(open)}"]`)?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [open]);

  const columns: TableColumn<PartnerSuggestion>[] = [
    { header: t('partners.col.rank'), value: (s) => suggestions.indexOf(s) + 1 },
    { header: t('partners.col.name'), value: (s) => displayName(s.entity, lang) },
    { header: t('partners.col.type'), value: (s) => entityTypeLabel(s.entity.type, lang) },
    { header: t('partners.col.role'), value: (s) => t(`role.${s.role}`) },
    { header: t('partners.col.score'), value: (s) => s.score },
    { header: t('partners.col.evidence'), value: (s) => partnerSentence(s, subj, t, lang) },
    { header: t('partners.col.newest'), value: (s) => s.entity.lastSeen ?? '' },
  ];

  const elements = useMemo(() => {
    const { nodes, edges } = partnerGraph(subj, suggestions);
    const chosen = active !== null ? suggestions[active] : null;
    const highlight = chosen
      ? [chosen.entity.id, ...chosen.evidence.flatMap((p) => [...p.nodes.map((n) => n.id), ...p.edges.map((e) => e.id)])]
      : [];
    const els: ElementDefinition[] = toElements({ nodes, edges, lang, focus: subj ? [subj.id] : [], highlight }).elements;
    if (subj) {
      suggestions.forEach((s, i) => {
        const on = chosen === s;
        els.push({
          group: 'edges',
          data: { id: `suggest:${s.entity.id}`, source: subj.id, target: s.entity.id, label: `#${i + 1}` },
          classes: ['suggest', highlight.length ? (on ? 'hl' : 'faded') : ''].join(' ').trim(),
        });
      });
    }
    return els;
  }, [subj, suggestions, active, lang]);

  const pick = (e: EntityRef) => {
    setActive(null);
    setOpen(null);
    update({ partner: e.id });
  };

  return (
    <div className="partners-view two-col left-list">
      <aside className="side-panel left" data-testid="partners-panel">
        <div className="field">
          <span>{t('partners.subject')}</span>
          <EntitySearch
            placeholder={t('partners.placeholder')}
            types={PARTNER_TYPES}
            onPick={pick}
            testId="partner-search"
            className="compact"
          />
        </div>
        {offer && (
          <div className="partners-offer" data-testid="partners-offer">
            <span>{t('partners.fromExplore', { name: displayName(offer, lang) })}</span>
            <button type="button" className="btn btn-small" onClick={() => pick(offer)}>
              {t('partners.useSelection')}
            </button>
          </div>
        )}
        {subj && (
          <div className="details-head">
            <TypeBadge type={subj.type} />
            <h2 className="details-name">
              <EntityName entity={subj} />
            </h2>
          </div>
        )}
        {!state.partner && (
          <EmptyState title={t('partners.pick')} testId="partners-empty">
            <ExampleChips examples={EXAMPLES} types={PARTNER_TYPES} onFound={pick} />
          </EmptyState>
        )}
        {result.error && <ErrorBanner error={result.error} onRetry={result.reload} />}
        {state.partner && result.loading && !result.data && <Spinner />}
        {state.partner && result.data && suggestions.length === 0 && <p className="muted">{t('partners.none')}</p>}
        {suggestions.length > 0 && (
          <>
            <p className="partners-rules muted" data-testid="partners-rules">
              {t('partners.rules')}
            </p>
            <div className="partners-export">
              <TableExport
                columns={columns}
                rows={suggestions}
                name={`${t('partners.exportName')}_${subj ? displayName(subj, lang) : ''}`}
              />
            </div>
          </>
        )}
        <ol className="partner-list" data-testid="partner-list" ref={listRef}>
          {suggestions.map((s, i) => (
            <li
              key={s.entity.id}
              data-partner={s.entity.id}
              className={`partner ${active === i ? 'active' : ''}`}
              onClick={() => setActive(active === i ? null : i)}
              onMouseEnter={() => setActive(i)}
            >
              {ties[i] && (
                <p className="partner-tie" data-testid="partner-tie">
                  {ties[i].by === 'recency'
                    ? t('partners.tieRecency', { date: ties[i].date ?? t('partners.noDate') })
                    : t('partners.tieName')}
                </p>
              )}
              <div className="partner-head">
                <span className="partner-rank">{i + 1}</span>
                <span className="partner-name">
                  <EntityName entity={s.entity} />
                </span>
                <TypeBadge type={s.entity.type} />
                {!TYPE_ROLES.has(s.role) && <span className="role-badge">{t(`role.${s.role}`)}</span>}
                <span className="score">{s.score.toFixed(2)}</span>
              </div>
              <p className="partner-sentence">
                <ZhText text={partnerSentence(s, subj, t, lang)} />
              </p>
              <div className="partner-kinds">
                {[...new Set(s.evidence.map((p) => p.kind))].map((k) => (
                  <span key={k} className="kind-tag" data-kind={k}>
                    {evidenceKindLabel(k, t)} +{weightOf(s, k)}
                  </span>
                ))}
                <button
                  type="button"
                  className="link-btn"
                  aria-expanded={open === s.entity.id}
                  onClick={(e) => {
                    e.stopPropagation();
                    setOpen(open === s.entity.id ? null : s.entity.id);
                  }}
                >
                  {t('partners.sources')}
                </button>
                <button
                  type="button"
                  className="link-btn"
                  onClick={(e) => {
                    e.stopPropagation();
                    onShowEntity(s.entity.id);
                  }}
                >
                  {t('common.showInExplore')}
                </button>
                <PartnerLeadButton entity={s.entity} />
              </div>
              {open === s.entity.id && (
                <div className="partner-sources" data-testid="partner-sources">
                  {cardSources(s).length === 0 ? (
                    <p className="muted">{t('partners.noSources')}</p>
                  ) : (
                    cardSources(s).map((src, k) => <SourceQuote key={k} source={src} />)
                  )}
                </div>
              )}
            </li>
          ))}
        </ol>
      </aside>
      <section className="canvas-area">
        <div className="canvas-toolbar">
          <span className="toolbar-label">{t('partners.why')}</span>
          <div className="toolbar-group" style={{ marginLeft: 'auto' }}>
            <button type="button" className="btn btn-small" onClick={() => cyRef.current && fitView(cyRef.current)}>
              {t('explore.fit')}
            </button>
            <ExportMenu
              getCy={() => cyRef.current}
              view={subj ? { ids: [subj.id, ...suggestions.map((s) => s.entity.id)], depth: 1 } : null}
              name={`partners-${state.partner ?? ''}`}
            />
          </div>
        </div>
        <GraphCanvas
          elements={elements}
          layout="fcose"
          layoutKey={state.partner ?? ''}
          onSelect={(id) => {
            const i = suggestions.findIndex((s) => s.entity.id === id);
            setActive(i >= 0 ? i : null);
            // A suggestion clicked on the canvas: its card opens with its sources and scrolls into view.
            setOpen(i >= 0 ? suggestions[i].entity.id : null);
          }}
          onExpand={onShowEntity}
          onReady={(cy) => (cyRef.current = cy)}
          testId="partners-canvas"
        >
          <LoadingBar active={result.loading} />
        </GraphCanvas>
      </section>
    </div>
  );
}
