/**
 * Key players: degree and betweenness centrality (graphology-metrics) over the organisations of a
 * region and the organisations they link to, to spot chain leaders (链主) and bridges between districts.
 * The score and the labels follow KEY_PLAYER_RULES, which the API returns so the client can state them.
 */
import Graph from 'graphology';
import betweenness from 'graphology-metrics/centrality/betweenness.js';
import { relTypeExpr } from '../../store/dialect.js';
import type { GraphStore } from '../../store/types.js';
import type { Edge, Entity } from '../model.js';
import { getEntities } from '../graph.js';
import { decodeEdge, edgeColumns } from '../records.js';

const ORGANISATIONS = ['Enterprise', 'Park', 'Hospital', 'University', 'Alliance', 'Government'];
/** Betweenness is O(V·E): beyond this many nodes only the highest-degree ones are kept. */
export const MAX_CENTRALITY_NODES = 3000;
const EDGE_CAP = 300_000;

/** The rules of the score and the labels, as numbers. */
export const KEY_PLAYER_RULES = {
  /** score = degreeWeight × degree / highest degree + betweennessWeight × betweenness + districtBonus × (districts − 1) */
  degreeWeight: 0.5,
  betweennessWeight: 0.5,
  districtBonus: 0.1,
  /** 链主: an enterprise of the region whose degree is among the leaderTop highest of its enterprises (ties included) … */
  leaderTop: 3,
  /** … and at least this many. */
  leaderMinDegree: 3,
  /** Bridge: linked (itself or through its neighbours) to organisations in at least this many districts … */
  bridgeMinDistricts: 2,
  /** … with at least this many links. */
  bridgeMinDegree: 2,
  maxNodes: MAX_CENTRALITY_NODES,
};

export type KeyPlayerLabel = 'CHAIN_LEADER' | 'BRIDGE';

export interface KeyPlayer {
  entity: Entity;
  degree: number;
  betweenness: number;
  districts: string[];
  score: number;
  labels: KeyPlayerLabel[];
}

export interface KeyPlayerMap {
  players: KeyPlayer[];
  /** Relations between the listed players. */
  edges: Edge[];
  /** Organisations in the graph the measures were computed over, and how many of them betweenness used. */
  organisations: number;
  measured: number;
}

export async function keyPlayers(store: GraphStore, scope: string[] | null, limit: number): Promise<KeyPlayer[]> {
  return (await keyPlayerMap(store, scope, limit)).players;
}

export async function keyPlayerMap(store: GraphStore, scope: string[] | null, limit: number): Promise<KeyPlayerMap> {
  const where = scope ? ' AND (a.id IN $ids OR b.id IN $ids)' : '';
  const rows = await store.read(
    `MATCH (a:Entity)-[r]->(b:Entity) WHERE a.type IN $orgs AND b.type IN $orgs${where} RETURN a.id AS a, b.id AS b, a.type AS at, b.type AS bt LIMIT ${EDGE_CAP}`,
    { ids: scope ?? [], orgs: ORGANISATIONS },
    { operation: 'key players edges' },
  );
  const full = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  for (const r of rows) {
    const a = String(r.a);
    const b = String(r.b);
    if (a === b) continue;
    full.mergeNode(a, { type: String(r.at) });
    full.mergeNode(b, { type: String(r.bt) });
    full.mergeEdge(a, b);
  }
  let g = full;
  if (full.order > MAX_CENTRALITY_NODES) {
    const keep = new Set(
      full
        .nodes()
        .sort((x, y) => full.degree(y) - full.degree(x) || x.localeCompare(y))
        .slice(0, MAX_CENTRALITY_NODES),
    );
    g = full.copy();
    for (const n of full.nodes()) if (!keep.has(n)) g.dropNode(n);
  }
  const bc = g.order > 2 ? betweenness(g, { normalized: true }) : {};
  const maxDegree = Math.max(1, ...full.nodes().map((n) => full.degree(n)));
  const R = KEY_PLAYER_RULES;
  const ranked = full
    .nodes()
    .map((n) => ({ id: n, degree: full.degree(n), betweenness: bc[n] ?? 0 }))
    .map((x) => ({ ...x, base: R.degreeWeight * (x.degree / maxDegree) + R.betweennessWeight * x.betweenness }))
    .sort((x, y) => y.base - x.base || x.id.localeCompare(y.id))
    .slice(0, limit * 3);
  const ids = ranked.map((r) => r.id);
  const neighbourIds = [...new Set(ids.flatMap((id) => full.neighbors(id)))];
  const [entities, districtRows] = await Promise.all([
    getEntities(store, ids),
    store.read(
      `MATCH (e:Entity)-[:LOCATED_IN*1..5]->(d:Entity) WHERE d.type = 'Region' AND d.kind = 'district' AND e.id IN $ids RETURN e.id AS id, d.name AS district`,
      { ids: [...new Set([...ids, ...neighbourIds])] },
      { operation: 'key players districts' },
    ),
  ]);
  const districtOf = new Map<string, Set<string>>();
  for (const r of districtRows) {
    const set = districtOf.get(String(r.id)) ?? new Set<string>();
    set.add(String(r.district));
    districtOf.set(String(r.id), set);
  }
  const leaders = chainLeaders(full, scope);
  const players = ranked
    .filter((r) => entities.has(r.id))
    .map((r): KeyPlayer => {
      const districts = new Set<string>(districtOf.get(r.id) ?? []);
      for (const n of full.neighbors(r.id)) for (const d of districtOf.get(n) ?? []) districts.add(d);
      const list = [...districts].sort((a, b) => a.localeCompare(b, 'zh'));
      const score = Math.round((r.base + R.districtBonus * Math.max(0, list.length - 1)) * 1000) / 1000;
      const labels: KeyPlayerLabel[] = [];
      if (leaders.has(r.id)) labels.push('CHAIN_LEADER');
      if (list.length >= R.bridgeMinDistricts && r.degree >= R.bridgeMinDegree) labels.push('BRIDGE');
      return {
        entity: entities.get(r.id)!,
        degree: r.degree,
        betweenness: Math.round(r.betweenness * 10000) / 10000,
        districts: list,
        score,
        labels,
      };
    })
    .sort((a, b) => b.score - a.score || a.entity.name.localeCompare(b.entity.name, 'zh'))
    .slice(0, limit);
  return { players, edges: await edgesBetween(store, players), organisations: full.order, measured: g.order };
}

/** 链主: the region's enterprises whose degree is among the leaderTop highest (ties included), with at least leaderMinDegree. */
function chainLeaders(full: Graph, scope: string[] | null): Set<string> {
  const inScope = scope ? new Set(scope) : null;
  const degrees = full
    .nodes()
    .filter((n) => full.getNodeAttribute(n, 'type') === 'Enterprise' && (!inScope || inScope.has(n)))
    .map((n) => ({ id: n, degree: full.degree(n) }))
    .sort((a, b) => b.degree - a.degree);
  const cut = degrees[KEY_PLAYER_RULES.leaderTop - 1]?.degree ?? degrees.at(-1)?.degree ?? Infinity;
  const min = Math.max(cut, KEY_PLAYER_RULES.leaderMinDegree);
  return new Set(degrees.filter((d) => d.degree >= min).map((d) => d.id));
}

/** The relations between the listed players, for the canvas (the store's own, with sources). */
async function edgesBetween(store: GraphStore, players: KeyPlayer[]): Promise<Edge[]> {
  if (players.length < 2) return [];
  const ids = players.map((p) => p.entity.id);
  const rows = await store.read(
    `MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id IN $ids AND b.id IN $ids AND a.id <> b.id RETURN a.id AS a, b.id AS b, ${edgeColumns('r', relTypeExpr(store.engine, 'r'))} ORDER BY r.id`,
    { ids },
    { operation: 'key players relations' },
  );
  return rows.map((r) => decodeEdge(r, String(r.a), String(r.b)));
}
