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
import type { Entity } from '../model.js';
import { decodeEntity, edgeColumns, entityColumns, SUMMARY_PROPS } from '../records.js';
import { analysisGraph, chainSegmentsIn } from '../live/analysis-graph.js';
import {
  allianceToJoin,
  CandidatePool,
  chainEvidence,
  clinicalResearch,
  type Decode,
  type MySegment,
  mySegments,
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

/**
 * Entities are read with summary columns and decoded once per id; the ones in the answer are
 * completed with every column at the end (one keyed read instead of thousands of long rows).
 */
function entityCache(): { decode: Decode; seen: Map<string, Entity> } {
  const seen = new Map<string, Entity>();
  const decode: Decode = (row, prefix) => {
    const id = String(row[`${prefix}id`]);
    const known = seen.get(id);
    if (known) return known;
    const e = decodeEntity(row, prefix);
    seen.set(id, e);
    return e;
  };
  return { decode, seen };
}

export async function partners(store: GraphStore, id: string, limit: number): Promise<PartnerSuggestion[]> {
  const target = await getEntity(store, id);
  if (!target) throw notFound(`no entity with id "${id}"`, { id });
  if (target.type !== 'Enterprise' && target.type !== 'Park') {
    throw badInput(`partner suggestions are for an enterprise or a park; "${target.name}" is a ${target.type}`, { argument: 'id' });
  }
  const { decode, seen } = entityCache();
  const [alliances, places, segRows, direct, hospitals, events] = await neighbourhood(store, target);
  // Already partners (signed, operating, part of) are not suggested again; neither are the target's own alliances.
  const exclude = new Set<string>([
    id,
    ...direct.filter((d) => ['SIGNED', 'OPERATES', 'PART_OF', 'MEMBER_OF'].includes(String(d.type))).map((d) => String(d.id)),
  ]);
  const memberOf = new Set(direct.filter((d) => d.type === 'MEMBER_OF').map((d) => String(d.id)));
  const pool = new CandidatePool(exclude);
  pool.add(sameAlliance(target, alliances, decode));
  pool.add(samePlace(target, places, decode));
  pool.add(sharedEvent(target, events, decode));
  // Chain complements: segments in adjacent tiers are up- or downstream of the target.
  const mine = mySegments(segRows, decode);
  if (mine.size) pool.add(chainEvidence(target, mine, await chainRows(store, id, mine, pool), decode, pool));
  // Hospitals and universities: clinical work for product segments, R&D for up/midstream.
  pool.add(clinicalResearch(pool.values(), mine));
  pool.add(sharedHospital(target, hospitals, decode));
  // Alliances to join: alliances the target is not in, whose members share its park or segment.
  const peers = strongestPeers(pool.values());
  if (peers.length) pool.add(allianceToJoin(target, await peerAlliances(store, peers, memberOf), decode, pool));
  // A record of signed agreements breaks ties between candidates that already have evidence.
  pool.add(signedRecord(target, await signedRows(store, pool.ids().slice(0, ROW_CAP)), decode, pool));
  // So does a unit (a hospital's campus, a company's branch) in the target's park or place.
  pool.add(unitNearby(target, places, await unitRows(store, places), decode, pool));

  const top = diversify(pool.values().map(toSuggestion).sort(byScore), limit).sort(byScore);
  const shown = new Set(
    top.flatMap((t) => [t.entity.id, ...t.evidence.flatMap((e) => [...(e.via ? [e.via.id] : []), ...e.nodes.map((n) => n.id)])]),
  );
  shown.delete(id);
  for (const [key, full] of await getEntities(store, [...shown])) {
    const e = seen.get(key);
    if (e) Object.assign(e, full);
  }
  return top;
}

/** The target's alliance peers, place peers, segments, direct neighbours, shared-hospital and shared-event rows. */
function neighbourhood(store: GraphStore, target: Entity): Promise<[Row[], Row[], Row[], Row[], Row[], Row[]]> {
  const { id } = target;
  const rt = relTypeExpr(store.engine, 'r');
  const e1 = edgeColumns('r1', relTypeExpr(store.engine, 'r1'), 'r1_');
  const e2 = edgeColumns('r2', relTypeExpr(store.engine, 'r2'), 'r2_');
  // For a park, its segments are those of the entities located in it.
  const segQuery =
    target.type === 'Park'
      ? `MATCH (x:Entity)-[:LOCATED_IN]->(t:Entity {id: $id}) MATCH (x)-[r:IN_SEGMENT]->(s:Entity) RETURN x.id AS via, ${entityColumns('s', 's_', PROPS)}, ${edgeColumns('r', rt)}`
      : `MATCH (t:Entity {id: $id})-[r:IN_SEGMENT]->(s:Entity) RETURN t.id AS via, ${entityColumns('s', 's_', PROPS)}, ${edgeColumns('r', rt)}`;
  return Promise.all([
    store.read(
      `MATCH (t:Entity {id: $id})-[r1:MEMBER_OF]->(a:Entity)<-[r2:MEMBER_OF]-(x:Entity) WHERE x.id <> $id
       RETURN ${entityColumns('a', 'a_', PROPS)}, ${entityColumns('x', 'x_', PROPS)}, ${e1}, ${e2} LIMIT ${ROW_CAP}`,
      { id },
      { operation: 'partners alliances' },
    ),
    store.read(
      `MATCH (t:Entity {id: $id})-[r1:LOCATED_IN]->(p:Entity)<-[r2:LOCATED_IN]-(x:Entity) WHERE x.id <> $id
       RETURN ${entityColumns('p', 'p_', PROPS)}, ${entityColumns('x', 'x_', PROPS)}, ${e1}, ${e2} LIMIT ${ROW_CAP}`,
      { id },
      { operation: 'partners places' },
    ),
    store.read(segQuery, { id }, { operation: 'partners segments' }),
    store.read(`MATCH (t:Entity {id: $id})-[r]-(x:Entity) RETURN x.id AS id, ${rt} AS type`, { id }, { operation: 'partners direct' }),
    sharedHospitals(store, id),
    store.read(
      `MATCH (t:Entity {id: $id})-[r1]->(v:Entity)<-[r2]-(x:Entity) WHERE v.type = 'Event' AND x.id <> $id
       RETURN ${entityColumns('v', 'v_', PROPS)}, ${entityColumns('x', 'x_', PROPS)}, ${e1}, ${e2} LIMIT ${ROW_CAP}`,
      { id },
      { operation: 'partners events' },
    ),
  ]);
}

/** Agreements (SIGNED) of the candidates, either way, with the agreement's start in r_from. */
async function signedRows(store: GraphStore, ids: string[]): Promise<Row[]> {
  if (ids.length === 0) return [];
  const cols = `${entityColumns('x', 'x_', PROPS)}, ${entityColumns('y', 'y_', PROPS)}, ${edgeColumns('r', relTypeExpr(store.engine, 'r'))}`;
  // Keyed (UNWIND + {id}) rather than `WHERE x.id IN $ids`: with thousands of candidates the list
  // filter scanned every agreement, 2 s per direction at 20k entities against 0.2–0.8 s keyed.
  const read = (pattern: string, from: string) =>
    store.read(
      `UNWIND $ids AS xid MATCH ${pattern} RETURN ${cols}, ${from}.id AS r_from ORDER BY y.id LIMIT ${ROW_CAP}`,
      { ids },
      {
        operation: 'partners signed',
      },
    );
  return (
    await Promise.all([read('(x:Entity {id: xid})-[r:SIGNED]->(y:Entity)', 'x'), read('(x:Entity {id: xid})<-[r:SIGNED]-(y:Entity)', 'y')])
  ).flat();
}

/** What the organisations sharing the target's park or place are units of (u -PART_OF-> x). */
async function unitRows(store: GraphStore, places: readonly Row[]): Promise<Row[]> {
  const units = [...new Set(places.map((r) => String(r.x_id)))];
  if (units.length === 0) return [];
  return store.read(
    `UNWIND $units AS uid MATCH (u:Entity {id: uid})-[r:PART_OF]->(x:Entity)
     RETURN u.id AS u_id, ${entityColumns('x', 'x_', PROPS)}, ${edgeColumns('r', relTypeExpr(store.engine, 'r'))} ORDER BY u.id, x.id LIMIT ${ROW_CAP}`,
    { units },
    { operation: 'partners units nearby' },
  );
}

/**
 * Members of the target's segments and the adjacent tiers' (x -r-> s). Organisations already linked to
 * the target (same alliance, park or place) get their chain position read by key, so a big segment's
 * first ROW_CAP members cannot crowd them out; their rows come first.
 */
async function chainRows(store: GraphStore, id: string, mine: ReadonlyMap<string, MySegment>, pool: CandidatePool): Promise<Row[]> {
  const graph = await analysisGraph(store);
  const wanted = wantedSegments(await chainSegmentsIn(store, graph), mine);
  const cols = `${entityColumns('x', 'x_', PROPS)}, ${entityColumns('s', 's_', PROPS)}, ${edgeColumns('r', relTypeExpr(store.engine, 'r'))}`;
  const known = pool.ids().slice(0, ROW_CAP);
  // Only those with a link to a wanted segment are read (the projection knows): at 100k entities the
  // pool holds up to 3000 organisations, most of them in no segment the target's chain wants.
  const wantedSet = new Set(wanted);
  const linkedIds = known.filter((x) => graph.segmentsOf(x).some((s) => wantedSet.has(s)));
  const [linked, others] = await Promise.all([
    linkedIds.length
      ? store.read(
          `UNWIND $known AS knownId MATCH (x:Entity {id: knownId})-[r:IN_SEGMENT]->(s:Entity) WHERE s.id IN $segs RETURN ${cols}`,
          { known: linkedIds, segs: wanted },
          { operation: 'partners chain (linked)' },
        )
      : Promise.resolve([]),
    store.read(
      `MATCH (x:Entity)-[r:IN_SEGMENT]->(s:Entity) WHERE s.id IN $segs AND x.id <> $id RETURN ${cols} ORDER BY x.id LIMIT ${ROW_CAP}`,
      { id, segs: wanted },
      { operation: 'partners chain' },
    ),
  ]);
  const knownSet = new Set(known);
  return [...linked, ...others.filter((r) => !knownSet.has(String(r.x_id)))];
}

/** The alliances the peers belong to, but not the target's own (x -r-> a). */
function peerAlliances(store: GraphStore, peers: string[], memberOf: ReadonlySet<string>): Promise<Row[]> {
  return store.read(
    // A list filter, not UNWIND + keyed lookups: those were faster at 10k entities but at 100k / 1M
    // relations the join ran LadybugDB's buffer pool (256 MB) out of memory.
    `MATCH (x:Entity)-[r:MEMBER_OF]->(a:Entity) WHERE x.id IN $peers AND a.type = 'Alliance' AND NOT a.id IN $mine
     RETURN ${entityColumns('a', 'a_', PROPS)}, ${entityColumns('x', 'x_', PROPS)}, ${edgeColumns('r', relTypeExpr(store.engine, 'r'))} LIMIT ${ROW_CAP}`,
    { peers, mine: [...memberOf] },
    { operation: 'partners alliances to join' },
  );
}

/**
 * target – hospital – x, with each edge's direction: the target's hospitals first (a keyed read), then
 * their other neighbours. Directed patterns keep edge direction on both engines.
 */
async function sharedHospitals(store: GraphStore, id: string): Promise<Record<string, unknown>[]> {
  const hCols = entityColumns('h', 'h_', PROPS);
  const xCols = entityColumns('x', 'x_', PROPS);
  const e1 = edgeColumns('r1', relTypeExpr(store.engine, 'r1'), 'r1_');
  const e2 = edgeColumns('r2', relTypeExpr(store.engine, 'r2'), 'r2_');
  const firstHop = (pattern: string, from: string) =>
    store.read(
      `MATCH ${pattern} WHERE h.type = 'Hospital' RETURN ${hCols}, ${e1}, ${from}.id AS r1_from`,
      { id },
      { operation: 'partners hospitals' },
    );
  const first = (
    await Promise.all([firstHop('(t:Entity {id: $id})-[r1]->(h:Entity)', 't'), firstHop('(t:Entity {id: $id})<-[r1]-(h:Entity)', 'h')])
  ).flat();
  if (first.length === 0) return [];
  const hospitals = [...new Set(first.map((r) => String(r.h_id)))];
  const secondHop = (pattern: string, from: string) =>
    store.read(
      `MATCH ${pattern} WHERE h.id IN $hospitals AND x.id <> $id AND x.type IN ['Enterprise', 'University']
       RETURN h.id AS hid, ${xCols}, ${e2}, ${from}.id AS r2_from LIMIT ${ROW_CAP}`,
      { id, hospitals },
      { operation: 'partners shared hospital' },
    );
  const second = (await Promise.all([secondHop('(h:Entity)<-[r2]-(x:Entity)', 'x'), secondHop('(h:Entity)-[r2]->(x:Entity)', 'h')])).flat();
  return second.flatMap((r2) => first.filter((r1) => r1.h_id === r2.hid).map((r1) => ({ ...r1, ...r2 })));
}
