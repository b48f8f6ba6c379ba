/** Partners: ranked suggestions for an enterprise or park, each with its sentence and explanation paths. */
import type { Core, ElementDefinition } from 'cytoscape';
import { useMemo, useRef, useState } from 'react';
import type { EdgeRef, EntityRef } from '../../api/fragments.js';
import { useGraphQL } from '../../api/query-client.js';
import { keys } from '../../api/query-keys.js';
import { EntitySearch, ExampleChips } from '../../components/entity-search.js';
import { ExportMenu } from '../../components/export-menu.js';
import { EmptyState, ErrorBanner, LoadingBar, Spinner } from '../../components/status.js';
import { TypeBadge } from '../../components/type-badge.js';
import { GraphCanvas } from '../../graph/graph-canvas.js';
import { fitView } from '../../graph/layouts.js';
import { toElements } from '../../graph/to-elements.js';
import { graphql } from '../../gql/index.js';
import type { EntityType, PartnersQuery, PartnerRole } from '../../gql/graphql.js';
import { evidenceKindLabel, partnerSentence } from '../../i18n/analysis-text.js';
import { displayName, useI18n } from '../../i18n/i18n.js';
import type { UpdateUrlState } from '../../state/use-url-state.js';
import type { UrlState } from '../../state/url-state.js';

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
  const result = useGraphQL(
    keys.partners(state.partner ?? '', LIMIT),
    PartnersDocument,
    state.partner ? { id: state.partner, limit: LIMIT } : null,
  );
  const suggestions = useMemo(() => (state.partner ? (result.data?.partners ?? []) : []), [state.partner, result.data]);
  // The subject comes with its suggestions, so a sentence never lacks its subject's name.
  const subj = (state.partner && result.data?.target) || null;

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
        {subj && (
          <div className="details-head">
            <TypeBadge type={subj.type} />
            <h2 className="details-name">{displayName(subj, lang)}</h2>
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
        <ol className="partner-list" data-testid="partner-list">
          {suggestions.map((s, i) => (
            <li
              key={s.entity.id}
              className={`partner ${active === i ? 'active' : ''}`}
              onClick={() => setActive(active === i ? null : i)}
              onMouseEnter={() => setActive(i)}
            >
              <div className="partner-head">
                <span className="partner-rank">{i + 1}</span>
                <span className="partner-name">{displayName(s.entity, lang)}</span>
                <TypeBadge type={s.entity.type} />
                {!TYPE_ROLES.has(s.role) && <span className="role-badge">{t(`role.${s.role}`)}</span>}
                <span className="score">{s.score.toFixed(2)}</span>
              </div>
              <p className="partner-sentence">{partnerSentence(s, subj, t, lang)}</p>
              <div className="partner-kinds">
                {[...new Set(s.evidence.map((p) => p.kind))].map((k) => (
                  <span key={k} className="kind-tag">
                    {evidenceKindLabel(k, t)}
                  </span>
                ))}
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
              </div>
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
