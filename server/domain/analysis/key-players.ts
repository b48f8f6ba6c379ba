/**
 * Key players: degree and betweenness centrality (graphology-metrics) over the organisations of a
 * region and the organisations they link to, to spot chain leaders (链主) and bridges between districts.
 */
import Graph from 'graphology';
import betweenness from 'graphology-metrics/centrality/betweenness.js';
import { relTypeExpr } from '../../store/dialect.js';
import type { GraphStore } from '../../store/types.js';
import type { Entity } from '../model.js';
import { getEntities } from '../graph.js';

const ORGANISATIONS = ['Enterprise', 'Park', 'Hospital', 'University', 'Alliance', 'Government'];
/** Betweenness is O(V·E): beyond this many nodes only the highest-degree ones are kept. */
export const MAX_CENTRALITY_NODES = 3000;
const EDGE_CAP = 300_000;

export interface KeyPlayer {
  entity: Entity;
  degree: number;
  betweenness: number;
  districts: string[];
  score: number;
}

export async function keyPlayers(store: GraphStore, scope: string[] | null, limit: number): Promise<KeyPlayer[]> {
  const where = scope ? ' AND (a.id IN $ids OR b.id IN $ids)' : '';
  const rows = await store.read(
    `MATCH (a:Entity)-[r]->(b:Entity) WHERE a.type IN $orgs AND b.type IN $orgs${where} RETURN a.id AS a, b.id AS b, ${relTypeExpr(store.engine, 'r')} AS t LIMIT ${EDGE_CAP}`,
    { ids: scope ?? [], orgs: ORGANISATIONS },
    { operation: 'key players edges' },
  );
  const full = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  for (const r of rows) {
    const a = String(r.a);
    const b = String(r.b);
    if (a === b) continue;
    full.mergeNode(a);
    full.mergeNode(b);
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
  const ranked = full
    .nodes()
    .map((n) => ({ id: n, degree: full.degree(n), betweenness: bc[n] ?? 0 }))
    .map((x) => ({ ...x, base: 0.5 * (x.degree / maxDegree) + 0.5 * x.betweenness }))
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
  return ranked
    .filter((r) => entities.has(r.id))
    .map((r) => {
      const districts = new Set<string>(districtOf.get(r.id) ?? []);
      for (const n of full.neighbors(r.id)) for (const d of districtOf.get(n) ?? []) districts.add(d);
      const list = [...districts].sort((a, b) => a.localeCompare(b, 'zh'));
      const score = Math.round((r.base + 0.1 * Math.max(0, list.length - 1)) * 1000) / 1000;
      return {
        entity: entities.get(r.id)!,
        degree: r.degree,
        betweenness: Math.round(r.betweenness * 10000) / 10000,
        districts: list,
        score,
      };
    })
    .sort((a, b) => b.score - a.score || a.entity.name.localeCompare(b.entity.name, 'zh'))
    .slice(0, limit);
}
