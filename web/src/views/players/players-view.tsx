/**
 * Key players (关键机构): degree and betweenness as a ranked table and a canvas where a node's size is
 * its score; chain leaders (链主) and bridges between districts labelled, each rule stated on screen.
 */
import { EntityName, ZhText } from '../../components/entity-name.js';
import type { Core, ElementDefinition } from 'cytoscape';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useGraphQL } from '../../api/query-client.js';
import { RegionSelect } from '../../components/region-select.js';
import { EmptyState, ErrorBanner, LoadingBar, Spinner } from '../../components/status.js';
import { ExportMenu } from '../../components/export-menu.js';
import { TableExport } from '../../components/table-export.js';
import { TypeBadge } from '../../components/type-badge.js';
import type { TableColumn } from '../../export/table-export.js';
import { GraphCanvas } from '../../graph/graph-canvas.js';
import { fitView } from '../../graph/layouts.js';
import { toElements } from '../../graph/to-elements.js';
import { graphql } from '../../gql/index.js';
import type { KeyPlayerLabel, KeyPlayerMapQuery } from '../../gql/graphql.js';
import { displayName, entityTypeLabel, useI18n } from '../../i18n/i18n.js';
import type { UpdateUrlState } from '../../state/use-url-state.js';
import type { UrlState } from '../../state/url-state.js';
import './players-view.css';

export interface PlayersViewProps {
  state: UrlState;
  update: UpdateUrlState;
  onShowEntity: (id: string) => void;
}

const KeyPlayerMapDocument = graphql(`
  query KeyPlayerMap($region: ID, $limit: Int) {
    keyPlayerMap(region: $region, limit: $limit) {
      organisations
      measured
      rules {
        degreeWeight
        betweennessWeight
        districtBonus
        leaderTop
        leaderMinDegree
        bridgeMinDistricts
        bridgeMinDegree
        maxNodes
      }
      players {
        entity {
          ...EntityRef
        }
        degree
        betweenness
        districts
        score
        labels
      }
      edges {
        ...EdgeRef
      }
    }
  }
`);

type Player = KeyPlayerMapQuery['keyPlayerMap']['players'][number];

const LIMIT = 30;
const LABELS: KeyPlayerLabel[] = ['CHAIN_LEADER', 'BRIDGE'];
/** Node diameters on the canvas: the lowest score listed gets MIN, the highest MAX (by area). */
const MIN_SIZE = 22;
const MAX_SIZE = 84;
/** The label chips' colours (players-view.css), on the canvas as node borders. */
const LEADER_COLOR = '#b7410e';
const BRIDGE_COLOR = '#1f6f8b';

/** A player's node diameter: its score's share of the highest, by area, so twice the score looks twice as big. */
export function nodeSize(score: number, top: number): number {
  const share = top > 0 ? Math.max(0, score) / top : 0;
  return Math.round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * Math.sqrt(share));
}

function nodeStyle(p: Pick<Player, 'score' | 'labels'>, top: number): Record<string, string | number> {
  const size = nodeSize(p.score, top);
  const border: Record<string, string | number> = p.labels.includes('CHAIN_LEADER')
    ? { 'border-width': 4, 'border-color': LEADER_COLOR, 'border-style': 'solid' }
    : p.labels.includes('BRIDGE')
      ? { 'border-width': 5, 'border-color': BRIDGE_COLOR, 'border-style': 'double' }
      : {};
  return { width: size, height: size, ...border };
}

export function PlayersView({ state, update, onShowEntity }: PlayersViewProps) {
  const { t, lang } = useI18n();
  const cyRef = useRef<Core | null>(null);
  const [active, setActive] = useState<string | null>(null);
  const result = useGraphQL(
    // 'keyPlayers' is a graph-data prefix: an edit invalidates it like the other analyses.
    ['keyPlayers', state.region, LIMIT],
    KeyPlayerMapDocument,
    { region: state.region, limit: LIMIT },
  );
  const map = result.data?.keyPlayerMap ?? null;
  const players = useMemo(() => map?.players ?? [], [map]);
  const maxDegree = Math.max(1, ...players.map((p) => p.degree));
  const top = Math.max(0, ...players.map((p) => p.score));

  const elements = useMemo(() => {
    const highlight = active ? [active] : [];
    const els: ElementDefinition[] = toElements({ nodes: players.map((p) => p.entity), edges: map?.edges ?? [], lang, highlight }).elements;
    const byId = new Map(players.map((p, i) => [p.entity.id, { p, i }]));
    for (const el of els) {
      const found = byId.get(String(el.data.id));
      if (!found) continue;
      const { p, i } = found;
      // Size is centrality: a bypass style, so each type keeps its shape and colour, set before the layout runs.
      el.style = nodeStyle(p, top);
      // The ten highest and every labelled one keep their names when zoomed out.
      const classes = [String(el.classes ?? ''), ...p.labels.map((l) => `kp-${l}`), i < 10 || p.labels.length ? 'hub' : ''];
      el.classes = classes.join(' ').trim();
      // The label is written under the name on the canvas too: 〔链主〕, 〔跨区桥梁〕.
      if (p.labels.length) el.data.label = `${String(el.data.label)}\n${p.labels.map((l) => `〔${t(`players.label.${l}`)}〕`).join('')}`;
    }
    return els;
  }, [players, map, lang, active, t, top]);

  // Nodes already on the canvas (another scope listed them too) get their new size.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.batch(() => {
      for (const p of players) cy.getElementById(p.entity.id).style(nodeStyle(p, top));
    });
  }, [elements, players, top]);

  const labelText = (l: KeyPlayerLabel) => t(`players.label.${l}`);
  const ruleText = (l: KeyPlayerLabel) =>
    map
      ? t(`players.rule.${l}`, {
          top: map.rules.leaderTop,
          min: l === 'CHAIN_LEADER' ? map.rules.leaderMinDegree : map.rules.bridgeMinDegree,
          districts: map.rules.bridgeMinDistricts,
        })
      : '';
  const districtsText = (p: Player) => (p.districts.length ? p.districts.join(t('players.listSeparator')) : t('players.noDistrict'));
  const columns: TableColumn<Player>[] = [
    { header: t('players.rank'), value: (p) => players.indexOf(p) + 1 },
    { header: t('players.name'), value: (p) => displayName(p.entity, lang) },
    { header: t('players.type'), value: (p) => entityTypeLabel(p.entity.type, lang) },
    { header: t('players.labels'), value: (p) => p.labels.map(labelText).join(t('players.listSeparator')) },
    { header: t('players.score'), value: (p) => p.score },
    { header: t('players.degree'), value: (p) => p.degree },
    { header: t('players.betweenness'), value: (p) => p.betweenness },
    { header: t('players.districts'), value: (p) => districtsText(p) },
  ];
  const select = (id: string | null) => {
    setActive(id);
    if (id) document.querySelector(`[data-player="${CSS.escape(id)}"]`)?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  };

  return (
    <div className="players-view two-col" data-testid="players-view">
      <aside className="side-panel left players-panel" data-testid="players-panel">
        <div className="players-toolbar">
          <RegionSelect
            value={state.region}
            onChange={(region) => update({ region })}
            emptyLabel={t('players.wholeGraph')}
            label={t('players.region')}
            testId="players-region"
          />
        </div>
        {map && (
          <div className="players-rules" data-testid="players-rules">
            {LABELS.map((l) => (
              <p key={l}>
                <span className={`kp-label kp-label-${l}`}>{labelText(l)}</span> {ruleText(l)}
              </p>
            ))}
            <p>
              {t('players.rule.score', {
                dw: map.rules.degreeWeight,
                bw: map.rules.betweennessWeight,
                bonus: map.rules.districtBonus,
                max: maxDegree,
              })}
            </p>
            <p className="muted">
              {map.measured < map.organisations
                ? t('players.scopeCapped', { n: map.organisations, m: map.measured })
                : t('players.scope', { n: map.organisations })}
            </p>
          </div>
        )}
        {result.error && <ErrorBanner error={result.error} onRetry={result.reload} />}
        {result.loading && !map && <Spinner />}
        {map && players.length === 0 && <EmptyState title={t('players.none')} testId="players-empty" />}
        {players.length > 0 && (
          <>
            <div className="players-export">
              <TableExport columns={columns} rows={players} name={t('players.exportName')} />
            </div>
            <div className="pane-scroll">
              <table className="data-table players-table" data-testid="players-table">
                <thead>
                  <tr>
                    <th className="num">{t('players.rank')}</th>
                    <th>{t('players.name')}</th>
                    <th className="num">{t('players.score')}</th>
                    <th className="num">{t('players.degree')}</th>
                    <th className="num">{t('players.betweenness')}</th>
                    <th>{t('players.districts')}</th>
                  </tr>
                </thead>
                <tbody>
                  {players.map((p, i) => (
                    <tr
                      key={p.entity.id}
                      data-player={p.entity.id}
                      data-labels={p.labels.join(' ')}
                      className={active === p.entity.id ? 'active' : ''}
                      onClick={() => setActive(active === p.entity.id ? null : p.entity.id)}
                    >
                      <td className="num">{i + 1}</td>
                      <td>
                        <button
                          type="button"
                          className="link-btn player-name"
                          title={t('common.showInExplore')}
                          onClick={(e) => {
                            e.stopPropagation();
                            onShowEntity(p.entity.id);
                          }}
                        >
                          <EntityName entity={p.entity} />
                        </button>
                        <span className="player-tags">
                          <TypeBadge type={p.entity.type} />
                          {p.labels.map((l) => (
                            <span key={l} className={`kp-label kp-label-${l}`} data-label={l} title={ruleText(l)}>
                              {labelText(l)}
                            </span>
                          ))}
                        </span>
                      </td>
                      <td className="num player-score" data-col="score">
                        {p.score.toFixed(3)}
                      </td>
                      <td className="num">{p.degree}</td>
                      <td className="num">{p.betweenness.toFixed(3)}</td>
                      <td className="player-districts">
                        <ZhText text={districtsText(p)} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </aside>
      <section className="canvas-area">
        <div className="canvas-toolbar">
          <span className="toolbar-label">{t('players.canvas')}</span>
          <span className="muted players-size-note">{t('players.rule.size')}</span>
          <div className="toolbar-group" style={{ marginLeft: 'auto' }}>
            <button type="button" className="btn btn-small" onClick={() => cyRef.current && fitView(cyRef.current)}>
              {t('explore.fit')}
            </button>
            <ExportMenu
              getCy={() => cyRef.current}
              view={players.length ? { ids: players.map((p) => p.entity.id), depth: 0 } : null}
              name={`${t('players.exportName')}${state.region ? `-${state.region}` : ''}`}
            />
          </div>
        </div>
        <GraphCanvas
          elements={elements}
          layout="concentric"
          layoutKey={`${state.region ?? ''}:${players.length}`}
          selected={active}
          onSelect={select}
          onExpand={onShowEntity}
          onReady={(cy) => (cyRef.current = cy)}
          testId="players-canvas"
        >
          <LoadingBar active={result.loading} />
        </GraphCanvas>
      </section>
    </div>
  );
}
