/**
 * Partner suggestions for an enterprise or park, each with the graph evidence behind it.
 * Deterministic scoring (weights in PARTNER_WEIGHTS, described in the README): evidence items add up;
 * shared events, a record of signed agreements and a unit nearby separate otherwise equal candidates; equal scores
 * then go by the newest source's date, then by name. The store reads are here; the rules that turn their rows into evidence are in
 * partners-evidence.ts, and scoring and choosing in partners-rank.ts.
 */
import { relTypeExpr } from '../../store/dialect.js';
import type { GraphStore, Row } from '../../store/types.js';
import { badInput, notFound } from '../errors.js';
import { getEntities, getEntity } from '../graph.js';
import type { Edge, Entity } from '../model.js';
import { decodeEdge, decodeEntity, edgeColumns, entityColumns, SUMMARY_PROPS } from '../records.js';
import { analysisGraph, chainSegmentsIn, type AnalysisGraph, type MemberLink } from '../live/analysis-graph.js';
import {
  allianceToJoin,
  CandidatePool,
  chainEvidence,
  clinicalResearch,
  type Decode,
  mySegments,
  PARTNER_WEIGHTS,
  sameAlliance,
  samePlace,
  sharedEvent,
  sharedHospital,
  signedRecord,
  strongestPeers,
  unitNearby,
  wantedSegments,
} from './partners-evidence.js';
import { byScore, diversify, type PartnerSuggestion, toSuggestion } from './partners-rank.js';

export {
  MAX_COUNTED,
  PARTNER_WEIGHTS,
  type ChainDirection,
  type Evidence,
  type EvidenceKind,
  type PartnerRole,
} from './partners-evidence.js';
export type { PartnerSuggestion } from './partners-rank.js';

const ROW_CAP = 3000;
/** The summary columns, and the newest source's date: equal scores are ordered by it. */
const PROPS = [...SUMMARY_PROPS, 'lastSeen'] as const;
/** Relations are read as their id, type and whether inferred; the few shown are read whole at the end. */
const EDGE_STUB = ['inferred'] as const;
/** The most a candidate's score can still grow after its evidence is counted: SIGNED_RECORD and UNIT_NEARBY. */
const TIE_BREAKERS = PARTNER_WEIGHTS.SIGNED_RECORD + PARTNER_WEIGHTS.UNIT_NEARBY;

/**
 * Entities decoded once per id. Rows from the analysis projection carry only an entity's id and type (a
 * stub); a later row with its summary columns fills the stub in, and `summarise` reads the summary of
 * the stubs that ranking needs. The entities in the answer are completed with every column at the end
 * (one keyed read instead of thousands of long rows).
 */
class EntityCache {
  readonly seen = new Map<string, Entity>();
  private readonly stubs = new Set<string>();

  private readonly keys = new Map<string, { id: string; name: string }>();

  readonly decode: Decode = (row, prefix) => {
    let k = this.keys.get(prefix);
    if (!k) this.keys.set(prefix, (k = { id: `${prefix}id`, name: `${prefix}name` }));
    const id = String(row[k.id]);
    const known = this.seen.get(id);
    const summary = k.name in row;
    if (known) {
      if (summary && this.stubs.delete(id)) Object.assign(known, decodeEntity(row, prefix));
      return known;
    }
    const e = decodeEntity(row, prefix);
    this.seen.set(id, e);
    if (!summary) this.stubs.add(id);
    return e;
  };

  /** Known whole (the target, the chain's segments); an object already handed out is filled in. */
  add(e: Entity): void {
    const known = this.seen.get(e.id);
    if (known) Object.assign(known, e);
    else this.seen.set(e.id, e);
    this.stubs.delete(e.id);
  }

  async summarise(store: GraphStore, ids: Iterable<string>): Promise<void> {
    const wanted = [...new Set(ids)].filter((id) => this.stubs.has(id));
    if (wanted.length === 0) return;
    const rows = await store.read(
      `UNWIND $ids AS i MATCH (n:Entity {id: i}) RETURN ${entityColumns('n', '', PROPS)}`,
      { ids: wanted },
      { operation: 'partners summaries' },
    );
    for (const r of rows) this.decode(r, '');
  }

  async complete(store: GraphStore, ids: Iterable<string>): Promise<void> {
    for (const [key, full] of await getEntities(store, [...new Set(ids)])) {
      const e = this.seen.get(key);
      if (e) Object.assign(e, full);
      this.stubs.delete(key);
    }
  }
}

/**
 * Per role, the lowest score that can still be among the first `limit` of that role (diversify takes
 * a prefix of each role's list): candidates below it, even with `margin` more, are never shown.
 */
function reachable(suggestions: readonly PartnerSuggestion[], limit: number, margin: number): PartnerSuggestion[] {
  const byRole = new Map<string, number[]>();
  for (const s of suggestions) {
    const scores = byRole.get(s.role);
    if (scores) scores.push(s.score);
    else byRole.set(s.role, [s.score]);
  }
  const floor = new Map<string, number>();
  for (const [role, scores] of byRole) floor.set(role, scores.length < limit ? -Infinity : scores.sort((a, b) => b - a)[limit - 1]);
  return suggestions.filter((s) => s.score + margin >= floor.get(s.role)!);
}

export interface PartnerOptions {
  /**
   * 'stub': the evidence's relations with their id, type, ends and whether inferred only (what the
   * projection knows: no read), for a caller that asks for nothing more; default: every column.
   */
  edges?: 'stub' | 'full';
}

export async function partners(store: GraphStore, id: string, limit: number, opts: PartnerOptions = {}): Promise<PartnerSuggestion[]> {
  const target = await getEntity(store, id);
  if (!target) throw notFound(`no entity with id "${id}"`, { id });
  if (target.type !== 'Enterprise' && target.type !== 'Park') {
    throw badInput(`partner suggestions are for an enterprise or a park; "${target.name}" is a ${target.type}`, { argument: 'id' });
  }
  const cache = new EntityCache();
  const { decode } = cache;
  cache.add(target);
  const graph = await analysisGraph(store);
  const [segRows, direct] = await neighbourhood(store, target);
  const alliances = peerRows(graph, id, 'MEMBER_OF', 'a_');
  const places = peerRows(graph, id, 'LOCATED_IN', 'p_');
  // Already partners (signed, operating, part of) are not suggested again; neither are the target's own alliances.
  const exclude = new Set<string>([
    id,
    ...direct.filter((d) => ['SIGNED', 'OPERATES', 'PART_OF', 'MEMBER_OF'].includes(String(d.r1_type))).map((d) => String(d.h_id)),
  ]);
  const memberOf = new Set(direct.filter((d) => d.r1_type === 'MEMBER_OF').map((d) => String(d.h_id)));
  const hospitals = await sharedHospitals(store, id, direct);
  const events = sharedEvents(graph, id);
  const pool = new CandidatePool(exclude);
  pool.add(sameAlliance(target, alliances, decode));
  pool.add(samePlace(target, places, decode));
  pool.add(sharedEvent(target, events, decode));
  // Chain complements: segments in adjacent tiers are up- or downstream of the target.
  const mine = mySegments(segRows, decode);
  if (mine.size) {
    const segments = await chainSegmentsIn(store, graph);
    for (const s of segments) cache.add(s);
    pool.add(chainEvidence(target, mine, chainRows(graph, id, wantedSegments(segments, mine), pool), decode, pool));
  }
  // Hospitals and universities: clinical work for product segments, R&D for up/midstream.
  pool.add(clinicalResearch(pool.values(), mine));
  pool.add(sharedHospital(target, hospitals, decode));
  // Alliances to join: alliances the target is not in, whose members share its park or segment.
  const peers = strongestPeers(pool.values());
  if (peers.length) pool.add(allianceToJoin(target, peerAlliances(graph, peers, memberOf), decode, pool));
  // Tie-breakers, read only for the candidates they could still bring into the answer: a record of
  // signed agreements, and a unit (a hospital's campus, a company's branch) in the target's park or place.
  const open = reachable(pool.values().map(toSuggestion), limit, TIE_BREAKERS).map((s) => s.entity.id);
  pool.add(signedRecord(target, signedRows(graph, open), decode, pool));
  pool.add(unitNearby(target, places, unitRows(graph, places, open), decode, pool));

  // Equal scores are ordered by the newest source's date, then by name: read for those that may be shown.
  const ranked = pool.values().map(toSuggestion);
  await cache.summarise(
    store,
    reachable(ranked, limit, 0).map((s) => s.entity.id),
  );
  const top = diversify(ranked.sort(byScore), limit).sort(byScore);
  const shownEdges = top.flatMap((t) => t.evidence.flatMap((e) => e.edges));
  const shown = new Set(
    top.flatMap((t) => [t.entity.id, ...t.evidence.flatMap((e) => [...(e.via ? [e.via.id] : []), ...e.nodes.map((n) => n.id)])]),
  );
  await Promise.all([cache.complete(store, shown), opts.edges === 'stub' ? null : completeEdges(store, shownEdges)]);
  return top;
}

/**
 * Relations read as stubs (or known by their ends only), filled in with every column. From a few
 * start entities, one keyed read each, in parallel; from more, one read filtered by both lists (an
 * UNWIND over a list of relations was planned as a scan: ~1 s for 20 at 100k). Measured at 100k with
 * 30 start entities: 30 keyed reads 73–102 ms, queued four at a time on the store's connections and
 * ~5 ms of engine CPU each (under load the slowest partners answers: p99 0.6 s); the one read 26–34
 * ms. A relation known by its ends only is the first of its type between them, by id.
 */
async function completeEdges(store: GraphStore, edges: readonly Edge[]): Promise<void> {
  const cols = edgeColumns('r', relTypeExpr(store.engine, 'r'));
  const bySource = new Map<string, Edge[]>();
  for (const e of edges) bySource.set(e.source, [...(bySource.get(e.source) ?? []), e]);
  const fill = (out: readonly Edge[], rows: Row[]) => {
    for (const e of out) {
      const row = rows.find((r) => r.a_id === e.source && r.b_id === e.target && r.r_type === e.type && (!e.id || r.r_id === e.id));
      if (row) Object.assign(e, decodeEdge(row, e.source, e.target));
    }
  };
  if (bySource.size > KEYED_SOURCES) {
    const rows = await store.read(
      `MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id IN $sources AND b.id IN $targets RETURN a.id AS a_id, b.id AS b_id, ${cols} ORDER BY r.id`,
      { sources: [...bySource.keys()], targets: [...new Set(edges.map((e) => e.target))] },
      { operation: 'partners relations' },
    );
    fill(edges, rows);
    return;
  }
  await Promise.all(
    [...bySource].map(async ([source, out]) => {
      const rows = await store.read(
        `MATCH (a:Entity {id: $source})-[r]->(b:Entity) WHERE b.id IN $targets RETURN a.id AS a_id, b.id AS b_id, ${cols} ORDER BY r.id`,
        { source, targets: [...new Set(out.map((e) => e.target))] },
        { operation: 'partners relations' },
      );
      fill(out, rows);
    }),
  );
}

/** Up to this many start entities, completeEdges reads each one's relations by key; more, in one read. */
const KEYED_SOURCES = 4;

/**
 * The target's segments, and its relations both ways (with the other end's id and type, in h_ / r1_
 * columns: shared hospitals and events start from them).
 */
function neighbourhood(store: GraphStore, target: Entity): Promise<[Row[], Row[]]> {
  const { id } = target;
  const rt = relTypeExpr(store.engine, 'r');
  const e1 = edgeColumns('r1', relTypeExpr(store.engine, 'r1'), 'r1_', EDGE_STUB);
  // For a park, its segments are those of the entities located in it.
  const segQuery =
    target.type === 'Park'
      ? `MATCH (x:Entity)-[:LOCATED_IN]->(t:Entity {id: $id}) MATCH (x)-[r:IN_SEGMENT]->(s:Entity) RETURN x.id AS via, ${entityColumns('s', 's_', PROPS)}, ${edgeColumns('r', rt, 'r_', EDGE_STUB)}`
      : `MATCH (t:Entity {id: $id})-[r:IN_SEGMENT]->(s:Entity) RETURN t.id AS via, ${entityColumns('s', 's_', PROPS)}, ${edgeColumns('r', rt, 'r_', EDGE_STUB)}`;
  const direct = (pattern: string, from: string) =>
    store.read(
      `MATCH ${pattern} RETURN h.id AS h_id, h.type AS h_type, ${e1}, ${from}.id AS r1_from`,
      { id },
      { operation: 'partners direct' },
    );
  return Promise.all([
    store.read(segQuery, { id }, { operation: 'partners segments' }),
    Promise.all([direct('(t:Entity {id: $id})-[r1]->(h:Entity)', 't'), direct('(t:Entity {id: $id})<-[r1]-(h:Entity)', 'h')]).then((d) =>
      d.flat(),
    ),
  ]);
}

/**
 * Rows target -r1-> via (`prefix` columns) <-r2- x from the analysis projection: the target's alliances
 * (MEMBER_OF) or places (LOCATED_IN) and their other members, by via then member id, at most ROW_CAP. Entities
 * and relations are stubs here (ids, types); the relations are found by their ends if shown.
 */
function peerRows(graph: AnalysisGraph, id: string, type: 'MEMBER_OF' | 'LOCATED_IN', prefix: string): Row[] {
  // By id, as the members: the order links were added in differs between a build and a catch-up.
  const vias = (type === 'MEMBER_OF' ? graph.alliancesOf(id) : graph.placesOf(id).map((p) => p.id)).sort();
  const edge = (r: string, from: string, to: string) => {
    const link = graph.link(type, from, to);
    return { [`${r}id`]: link?.rel ?? '', [`${r}type`]: type, [`${r}inferred`]: link?.inferred ?? false };
  };
  const rows: Row[] = [];
  for (const via of vias) {
    const others = (type === 'MEMBER_OF' ? graph.membersOf(via) : graph.occupantsOf(via)).filter((x) => x !== id).sort();
    const mine = edge('r1_', id, via);
    for (const x of others) {
      rows.push({
        [`${prefix}id`]: via,
        [`${prefix}type`]: graph.typeOf(via),
        x_id: x,
        x_type: graph.typeOf(x),
        ...mine,
        ...edge('r2_', x, via),
      });
      if (rows.length >= ROW_CAP) return rows;
    }
  }
  return rows;
}

/**
 * Agreements (SIGNED) of the candidates, either way, from the analysis projection: per candidate its
 * counterparts by id, those it signed first, with the agreement's start in r_from. The agreement is
 * found by its ends if shown.
 */
function signedRows(graph: AnalysisGraph, ids: readonly string[]): Row[] {
  const rows: Row[] = [];
  const row = (x: string, y: string, from: string): Row => {
    const link = graph.link('SIGNED', from, from === x ? y : x);
    return {
      x_id: x,
      x_type: graph.typeOf(x),
      y_id: y,
      y_type: graph.typeOf(y),
      r_id: link?.rel ?? '',
      r_type: 'SIGNED',
      r_inferred: link?.inferred ?? false,
      r_from: from,
    };
  };
  for (const x of ids) {
    const { out, in: inward } = graph.signedWith(x);
    rows.push(...out.map((y) => row(x, y, x)), ...inward.map((y) => row(x, y, y)));
  }
  return rows;
}

/**
 * The units (u -PART_OF-> x) of these candidates that share the target's park or place (the units in
 * `places`' x_ column), from the analysis projection, by unit then candidate.
 */
function unitRows(graph: AnalysisGraph, places: readonly Row[], ids: readonly string[]): Row[] {
  const near = new Set(places.map((r) => String(r.x_id)));
  const rows: Row[] = [];
  for (const x of ids) {
    for (const u of graph.unitsOf(x)) {
      if (!near.has(u)) continue;
      const link = graph.link('PART_OF', u, x);
      rows.push({
        u_id: u,
        x_id: x,
        x_type: graph.typeOf(x),
        r_id: link?.rel ?? '',
        r_type: 'PART_OF',
        r_inferred: link?.inferred ?? false,
      });
    }
  }
  const cmp = (a: unknown, b: unknown) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0);
  return rows.sort((a, b) => cmp(a.u_id, b.u_id) || cmp(a.x_id, b.x_id));
}

/**
 * Members of the target's segments and the adjacent tiers' (x -r-> s), from the analysis projection.
 * Organisations already linked to the target (same alliance, park or place) come first, so a big
 * segment's first ROW_CAP members cannot crowd them out; then the others by id.
 */
function chainRows(graph: AnalysisGraph, id: string, wanted: readonly string[], pool: CandidatePool): Row[] {
  const known = pool.ids().slice(0, ROW_CAP);
  const knownSet = new Set(known);
  const wantedSet = new Set(wanted);
  const toRow = (m: MemberLink): Row => ({
    x_id: m.id,
    x_type: m.type,
    s_id: m.seg,
    r_id: m.rel,
    r_type: 'IN_SEGMENT',
    r_inferred: m.inferred,
  });
  const linked = known.flatMap((x) => graph.segmentLinksOf(x, wantedSet));
  const others = graph.segmentMembers(wanted, id, ROW_CAP).filter((m) => !knownSet.has(m.id));
  return [...linked, ...others].map(toRow);
}

/**
 * The alliances the peers belong to, but not the target's own (x -r-> a), from the analysis
 * projection.
 */
function peerAlliances(graph: AnalysisGraph, peers: string[], memberOf: ReadonlySet<string>): Row[] {
  const rows: Row[] = [];
  for (const x of peers) {
    for (const a of graph.alliancesOf(x).sort()) {
      if (memberOf.has(a) || graph.typeOf(a) !== 'Alliance') continue;
      const link = graph.link('MEMBER_OF', x, a);
      rows.push({
        a_id: a,
        a_type: 'Alliance',
        x_id: x,
        x_type: graph.typeOf(x),
        r_id: link?.rel ?? '',
        r_type: 'MEMBER_OF',
        r_inferred: link?.inferred ?? false,
      });
      if (rows.length >= ROW_CAP) return rows;
    }
  }
  return rows;
}

/**
 * target – hospital – x, with each edge's direction: the target's hospitals (from its relations), then
 * their other neighbours, keyed reads. Directed patterns keep edge direction on both engines.
 */
async function sharedHospitals(store: GraphStore, id: string, direct: readonly Row[]): Promise<Row[]> {
  const first = direct.filter((r) => r.h_type === 'Hospital');
  if (first.length === 0) return [];
  const hospitals = [...new Set(first.map((r) => String(r.h_id)))];
  // Ids and types: the summaries of those that can reach the answer are read when ranking.
  const xCols = 'x.id AS x_id, x.type AS x_type';
  const e2 = edgeColumns('r2', relTypeExpr(store.engine, 'r2'), 'r2_', EDGE_STUB);
  // One keyed read per hospital: UNWIND over them with a relation pattern is planned as a scan.
  const secondHop = (pattern: string, from: string) =>
    Promise.all(
      hospitals.map((hid) =>
        store.read(
          `MATCH ${pattern} WHERE x.id <> $id AND x.type IN ['Enterprise', 'University']
           RETURN h.id AS hid, ${xCols}, ${e2}, ${from}.id AS r2_from LIMIT ${ROW_CAP}`,
          { id, hid },
          { operation: 'partners shared hospital' },
        ),
      ),
    ).then((found) => found.flat().slice(0, ROW_CAP));
  const second = (
    await Promise.all([secondHop('(h:Entity {id: $hid})<-[r2]-(x:Entity)', 'x'), secondHop('(h:Entity {id: $hid})-[r2]->(x:Entity)', 'h')])
  ).flat();
  return second.flatMap((r2) => first.filter((r1) => r1.h_id === r2.hid).map((r1) => ({ ...r1, ...r2 })));
}

/**
 * target -r1-> event <-r2- x, from the analysis projection: the events the target has a relation to
 * (took part in, organised, guided), then every other entity with one, by id, at most ROW_CAP.
 */
function sharedEvents(graph: AnalysisGraph, id: string): Row[] {
  const rows: Row[] = [];
  const mine = graph.eventsOf(id);
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  for (const event of [...new Set(mine.map((m) => m.event))].sort()) {
    const participants = graph
      .eventParticipants(event)
      .filter((p) => p.id !== id)
      .sort((a, b) => cmp(a.id, b.id) || cmp(a.rel, b.rel));
    for (const r1 of mine.filter((m) => m.event === event)) {
      for (const x of participants) {
        rows.push({
          v_id: event,
          v_type: 'Event',
          r1_id: r1.rel,
          r1_type: r1.type,
          r1_inferred: r1.inferred,
          x_id: x.id,
          x_type: x.type,
          r2_id: x.rel,
          r2_type: x.relType,
          r2_inferred: x.inferred,
        });
        if (rows.length >= ROW_CAP) return rows;
      }
    }
  }
  return rows;
}
