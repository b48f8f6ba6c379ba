/**
 * Partner suggestions for an enterprise or park, each with the graph evidence behind it.
 * Deterministic scoring (weights in PARTNER_WEIGHTS, described in the README):
 * evidence items add up; ties break by name.
 */
import { relTypeExpr } from '../../store/dialect.js';
import type { GraphStore } from '../../store/types.js';
import { badInput, notFound } from '../errors.js';
import { getEntities, getEntity } from '../graph.js';
import type { Edge, Entity } from '../model.js';
import { decodeEdge, decodeEntity, edgeColumns, entityColumns, SUMMARY_PROPS } from '../records.js';
import { chainSegments } from './chain.js';

export const PARTNER_WEIGHTS = {
  SAME_ALLIANCE: 2, // per shared alliance, at most 2 counted
  SAME_PARK: 1.5,
  SAME_PLACE: 0.5, // same town or district
  COMPLEMENTARY_SEGMENT: 2, // halved when either segment link is inferred
  SAME_SEGMENT: 0.5,
  SHARED_HOSPITAL: 1,
  CLINICAL: 1, // a hospital, for an entity in a midstream (product) segment
  RESEARCH: 1, // a university, for an entity in an upstream or midstream segment
  ALLIANCE_TO_JOIN: 1, // plus 0.5 per relevant member, at most 2 more
};

export type EvidenceKind = keyof typeof PARTNER_WEIGHTS;
export type PartnerRole = 'UPSTREAM' | 'DOWNSTREAM' | 'PEER' | 'HOSPITAL' | 'UNIVERSITY' | 'ALLIANCE';

export interface ExplanationPath {
  kind: EvidenceKind;
  nodes: Entity[];
  edges: Edge[];
}

export interface PartnerSuggestion {
  entity: Entity;
  score: number;
  role: PartnerRole;
  sentence: string;
  sentenceEn: string;
  paths: ExplanationPath[];
}

const SUGGESTABLE = new Set(['Enterprise', 'Hospital', 'University', 'Alliance', 'Park']);
const TIER_ORDER: Record<string, number> = { upstream: 0, midstream: 1, downstream: 2 };
const ROW_CAP = 3000;
const PEERS_FOR_ALLIANCES = 300;

interface Candidate {
  entity: Entity;
  evidence: { kind: EvidenceKind; weight: number; path: ExplanationPath; zh: string; en: string }[];
  role?: PartnerRole;
}

const en = (e: Entity) => e.nameEn ?? e.name;

export async function partners(store: GraphStore, id: string, limit: number): Promise<PartnerSuggestion[]> {
  const target = await getEntity(store, id);
  if (!target) throw notFound(`no entity with id "${id}"`, { id });
  if (target.type !== 'Enterprise' && target.type !== 'Park') {
    throw badInput(`partner suggestions are for an enterprise or a park; "${target.name}" is a ${target.type}`, { argument: 'id' });
  }
  // Entities are read with summary columns and decoded once per id; the ones in the answer are
  // completed with every column at the end (one keyed read instead of thousands of long rows).
  const seen = new Map<string, Entity>();
  const ent = (row: Record<string, unknown>, prefix: string): Entity => {
    const id = String(row[`${prefix}id`]);
    const known = seen.get(id);
    if (known) return known;
    const e = decodeEntity(row, prefix);
    seen.set(id, e);
    return e;
  };
  const rt = relTypeExpr(store.engine, 'r');
  const e1 = edgeColumns('r1', relTypeExpr(store.engine, 'r1'), 'r1_');
  const e2 = edgeColumns('r2', relTypeExpr(store.engine, 'r2'), 'r2_');
  // For a park, its segments are those of the entities located in it.
  const segQuery =
    target.type === 'Park'
      ? `MATCH (x:Entity)-[:LOCATED_IN]->(t:Entity {id: $id}) MATCH (x)-[r:IN_SEGMENT]->(s:Entity) RETURN x.id AS via, ${entityColumns('s', 's_', SUMMARY_PROPS)}, ${edgeColumns('r', rt)}`
      : `MATCH (t:Entity {id: $id})-[r:IN_SEGMENT]->(s:Entity) RETURN t.id AS via, ${entityColumns('s', 's_', SUMMARY_PROPS)}, ${edgeColumns('r', rt)}`;
  const [alliances, places, mySegs, direct, hospitals] = await Promise.all([
    store.read(
      `MATCH (t:Entity {id: $id})-[r1:MEMBER_OF]->(a:Entity)<-[r2:MEMBER_OF]-(x:Entity) WHERE x.id <> $id
       RETURN ${entityColumns('a', 'a_', SUMMARY_PROPS)}, ${entityColumns('x', 'x_', SUMMARY_PROPS)}, ${e1}, ${e2} LIMIT ${ROW_CAP}`,
      { id },
      { operation: 'partners alliances' },
    ),
    store.read(
      `MATCH (t:Entity {id: $id})-[r1:LOCATED_IN]->(p:Entity)<-[r2:LOCATED_IN]-(x:Entity) WHERE x.id <> $id
       RETURN ${entityColumns('p', 'p_', SUMMARY_PROPS)}, ${entityColumns('x', 'x_', SUMMARY_PROPS)}, ${e1}, ${e2} LIMIT ${ROW_CAP}`,
      { id },
      { operation: 'partners places' },
    ),
    store.read(segQuery, { id }, { operation: 'partners segments' }),
    store.read(`MATCH (t:Entity {id: $id})-[r]-(x:Entity) RETURN x.id AS id, ${rt} AS type`, { id }, { operation: 'partners direct' }),
    sharedHospitals(store, id),
  ]);
  // Already partners (signed, operating, part of) are not suggested again; neither are the target's own alliances.
  const exclude = new Set<string>([
    id,
    ...direct.filter((d) => ['SIGNED', 'OPERATES', 'PART_OF', 'MEMBER_OF'].includes(String(d.type))).map((d) => String(d.id)),
  ]);
  const memberOf = new Set(direct.filter((d) => d.type === 'MEMBER_OF').map((d) => String(d.id)));

  const cands = new Map<string, Candidate>();
  const add = (x: Entity, item: Candidate['evidence'][number]) => {
    if (exclude.has(x.id) || !SUGGESTABLE.has(x.type)) return;
    const c = cands.get(x.id) ?? { entity: x, evidence: [] };
    c.evidence.push(item);
    cands.set(x.id, c);
  };

  for (const r of alliances) {
    const a = ent(r, 'a_');
    const x = ent(r, 'x_');
    add(x, {
      kind: 'SAME_ALLIANCE',
      weight: PARTNER_WEIGHTS.SAME_ALLIANCE,
      path: { kind: 'SAME_ALLIANCE', nodes: [target, a, x], edges: [decodeEdge(r, id, a.id, 'r1_'), decodeEdge(r, x.id, a.id, 'r2_')] },
      zh: `同为「${a.name}」成员`,
      en: `both are members of ${en(a)}`,
    });
  }
  for (const r of places) {
    const p = ent(r, 'p_');
    const x = ent(r, 'x_');
    const park = p.type === 'Park';
    add(x, {
      kind: park ? 'SAME_PARK' : 'SAME_PLACE',
      weight: park ? PARTNER_WEIGHTS.SAME_PARK : PARTNER_WEIGHTS.SAME_PLACE,
      path: {
        kind: park ? 'SAME_PARK' : 'SAME_PLACE',
        nodes: [target, p, x],
        edges: [decodeEdge(r, id, p.id, 'r1_'), decodeEdge(r, x.id, p.id, 'r2_')],
      },
      zh: `同在${p.name}`,
      en: `both located in ${en(p)}`,
    });
  }

  // Chain complements: segments in adjacent tiers are up- or downstream of the target.
  const segs = new Map<string, { seg: Entity; edge: Edge }>();
  for (const r of mySegs) {
    const s = ent(r, 's_');
    if (!segs.has(s.id)) segs.set(s.id, { seg: s, edge: decodeEdge(r, String(r.via), s.id) });
  }
  const myTiers = new Set([...segs.values()].map((s) => TIER_ORDER[s.seg.tier ?? 'midstream']));
  if (segs.size) {
    const wanted = (await chainSegments(store))
      .filter((s) => [...myTiers].some((t) => Math.abs(TIER_ORDER[s.tier ?? 'midstream'] - t) === 1) || segs.has(s.id))
      .map((s) => s.id);
    const cols = `${entityColumns('x', 'x_', SUMMARY_PROPS)}, ${entityColumns('s', 's_', SUMMARY_PROPS)}, ${edgeColumns('r', rt)}`;
    // Organisations already linked to the target (same alliance, park or place) get their chain
    // position read by key, so a big segment's first ROW_CAP members cannot crowd them out.
    const known = [...cands.keys()].slice(0, ROW_CAP);
    const [linked, others] = await Promise.all([
      known.length
        ? store.read(
            `UNWIND $known AS knownId MATCH (x:Entity {id: knownId})-[r:IN_SEGMENT]->(s:Entity) WHERE s.id IN $segs RETURN ${cols}`,
            { known, segs: wanted },
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
    const rows = [...linked, ...others.filter((r) => !knownSet.has(String(r.x_id)))];
    for (const r of rows) {
      const x = ent(r, 'x_');
      const s = ent(r, 's_');
      const xEdge = decodeEdge(r, x.id, s.id);
      const tier = TIER_ORDER[s.tier ?? 'midstream'];
      for (const mine of segs.values()) {
        const myTier = TIER_ORDER[mine.seg.tier ?? 'midstream'];
        const path = { nodes: [target, mine.seg, s, x], edges: [mine.edge, xEdge] };
        if (Math.abs(tier - myTier) === 1 && !myTiers.has(tier)) {
          const up = tier < myTier;
          const weight = PARTNER_WEIGHTS.COMPLEMENTARY_SEGMENT * (mine.edge.inferred || xEdge.inferred ? 0.5 : 1);
          add(x, {
            kind: 'COMPLEMENTARY_SEGMENT',
            weight,
            path: { kind: 'COMPLEMENTARY_SEGMENT', ...path },
            zh: `处于${target.name}的${up ? '上游' : '下游'}环节「${s.name}」`,
            en: `works in ${s.nameEn ?? s.name}, ${up ? 'upstream' : 'downstream'} of ${en(target)}`,
          });
          const c = cands.get(x.id);
          if (c && x.type === 'Enterprise') c.role = up ? 'UPSTREAM' : 'DOWNSTREAM';
        } else if (s.id === mine.seg.id && x.type === 'Enterprise' && cands.has(x.id)) {
          // A peer in the same segment counts only alongside other evidence.
          add(x, {
            kind: 'SAME_SEGMENT',
            weight: PARTNER_WEIGHTS.SAME_SEGMENT,
            path: { kind: 'SAME_SEGMENT', ...path },
            zh: `同属「${s.name}」环节`,
            en: `also in ${s.nameEn ?? s.name}`,
          });
        }
      }
    }
  }

  // Hospitals and universities: clinical work for product segments, R&D for up/midstream.
  const productTier = myTiers.has(TIER_ORDER.midstream);
  const rdTier = myTiers.has(TIER_ORDER.upstream) || productTier;
  for (const c of cands.values()) {
    const via = c.evidence[0].path;
    if (c.entity.type === 'Hospital' && productTier) {
      c.evidence.push({
        kind: 'CLINICAL',
        weight: PARTNER_WEIGHTS.CLINICAL,
        path: { ...via, kind: 'CLINICAL' },
        zh: `可为${target.name}提供临床研究与应用场景`,
        en: `can host clinical studies and early use for ${en(target)}`,
      });
    }
    if (c.entity.type === 'University' && rdTier) {
      c.evidence.push({
        kind: 'RESEARCH',
        weight: PARTNER_WEIGHTS.RESEARCH,
        path: { ...via, kind: 'RESEARCH' },
        zh: `可为${target.name}提供研发与人才支持`,
        en: `can support ${en(target)} with research and talent`,
      });
    }
  }

  // Hospitals linked to both: a partner hospital the target and x share.
  for (const r of hospitals) {
    const h = ent(r, 'h_');
    const x = ent(r, 'x_');
    const e1 = r.r1_from === id ? decodeEdge(r, id, h.id, 'r1_') : decodeEdge(r, h.id, id, 'r1_');
    const e2 = r.r2_from === x.id ? decodeEdge(r, x.id, h.id, 'r2_') : decodeEdge(r, h.id, x.id, 'r2_');
    add(x, {
      kind: 'SHARED_HOSPITAL',
      weight: PARTNER_WEIGHTS.SHARED_HOSPITAL,
      path: { kind: 'SHARED_HOSPITAL', nodes: [target, h, x], edges: [e1, e2] },
      zh: `与${target.name}共同关联${h.name}`,
      en: `shares a link to ${en(h)} with ${en(target)}`,
    });
  }

  // Alliances to join: alliances the target is not in, whose members share its park or segment.
  // The strongest peers (by evidence so far, then id): the alliances worth joining are theirs, and a
  // short list keeps the membership scan cheap on a large graph.
  const weight = (c: Candidate) => c.evidence.reduce((sum, e) => sum + e.weight, 0);
  const peers = [...cands.values()]
    .filter((c) => c.evidence.some((e) => ['SAME_PARK', 'SAME_PLACE', 'SAME_SEGMENT', 'COMPLEMENTARY_SEGMENT'].includes(e.kind)))
    .sort((a, b) => weight(b) - weight(a) || a.entity.id.localeCompare(b.entity.id))
    .slice(0, PEERS_FOR_ALLIANCES)
    .map((c) => c.entity.id);
  if (peers.length) {
    const rows = await store.read(
      // A list filter, not UNWIND + keyed lookups: those were faster at 10k entities but at 100k / 1M
      // relations the join ran LadybugDB's buffer pool (256 MB) out of memory.
      `MATCH (x:Entity)-[r:MEMBER_OF]->(a:Entity) WHERE x.id IN $peers AND a.type = 'Alliance' AND NOT a.id IN $mine
       RETURN ${entityColumns('a', 'a_', SUMMARY_PROPS)}, ${entityColumns('x', 'x_', SUMMARY_PROPS)}, ${edgeColumns('r', rt)} LIMIT ${ROW_CAP}`,
      { peers, mine: [...memberOf] },
      { operation: 'partners alliances to join' },
    );
    const byAlliance = new Map<string, { a: Entity; members: { x: Entity; edge: Edge }[] }>();
    for (const r of rows) {
      const a = ent(r, 'a_');
      const x = ent(r, 'x_');
      const g = byAlliance.get(a.id) ?? { a, members: [] };
      g.members.push({ x, edge: decodeEdge(r, x.id, a.id) });
      byAlliance.set(a.id, g);
    }
    for (const { a, members } of byAlliance.values()) {
      const first = members[0];
      const via = cands.get(first.x.id)?.evidence[0].path;
      add(a, {
        kind: 'ALLIANCE_TO_JOIN',
        weight: PARTNER_WEIGHTS.ALLIANCE_TO_JOIN + Math.min(members.length * 0.5, 2),
        path: { kind: 'ALLIANCE_TO_JOIN', nodes: [...(via?.nodes ?? [target, first.x]), a], edges: [...(via?.edges ?? []), first.edge] },
        zh: `已有${members.length}家同园区或同产业链单位加入（如${first.x.name}）`,
        en: `${members.length} organisation(s) sharing its park or chain already belong (e.g. ${en(first.x)})`,
      });
    }
  }

  const top = diversify([...cands.values()].map((c) => toSuggestion(target, c)).sort(byScore), limit).sort(byScore);
  const shown = new Set(top.flatMap((t) => [t.entity.id, ...t.paths.flatMap((p) => p.nodes.map((n) => n.id))]));
  shown.delete(id);
  for (const [key, full] of await getEntities(store, [...shown])) {
    const e = seen.get(key);
    if (e) Object.assign(e, full);
  }
  return top;
}

/**
 * target – hospital – x, with each edge's direction: the target's hospitals first (a keyed read), then
 * their other neighbours. Directed patterns keep edge direction on both engines.
 */
async function sharedHospitals(store: GraphStore, id: string): Promise<Record<string, unknown>[]> {
  const hCols = entityColumns('h', 'h_', SUMMARY_PROPS);
  const xCols = entityColumns('x', 'x_', SUMMARY_PROPS);
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

const byScore = (a: PartnerSuggestion, b: PartnerSuggestion) => b.score - a.score || a.entity.name.localeCompare(b.entity.name, 'zh');

/** The most of the answer one role (hospital, upstream, …) may take while other roles have candidates. */
const ROLE_SHARE = 0.4;

/**
 * Picks `limit` suggestions from a list sorted by score, no role taking more than ROLE_SHARE of them
 * while others are left, so ten hospitals cannot crowd out the up- and downstream enterprises;
 * the rest fill any room left, best first.
 */
function diversify(sorted: PartnerSuggestion[], limit: number): PartnerSuggestion[] {
  const cap = Math.max(1, Math.ceil(limit * ROLE_SHARE));
  const perRole = new Map<PartnerRole, number>();
  const chosen: PartnerSuggestion[] = [];
  const held: PartnerSuggestion[] = [];
  for (const s of sorted) {
    if (chosen.length >= limit) break;
    const n = perRole.get(s.role) ?? 0;
    if (n < cap) {
      chosen.push(s);
      perRole.set(s.role, n + 1);
    } else held.push(s);
  }
  return [...chosen, ...held.slice(0, Math.max(0, limit - chosen.length))];
}

function toSuggestion(target: Entity, c: Candidate): PartnerSuggestion {
  // At most two shared alliances count, so one big alliance cannot dominate.
  let alliances = 0;
  const counted = c.evidence.filter((e) => (e.kind === 'SAME_ALLIANCE' ? ++alliances <= 2 : true));
  const seen = new Set<string>();
  const unique = counted.filter((e) => {
    const key = `${e.kind}:${e.zh}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const score = Math.round(unique.reduce((s, e) => s + e.weight, 0) * 100) / 100;
  const role: PartnerRole =
    c.role ??
    (c.entity.type === 'Hospital'
      ? 'HOSPITAL'
      : c.entity.type === 'University'
        ? 'UNIVERSITY'
        : c.entity.type === 'Alliance'
          ? 'ALLIANCE'
          : 'PEER');
  const top = [...unique].sort((a, b) => b.weight - a.weight).slice(0, 3);
  return {
    entity: c.entity,
    score,
    role,
    sentence: `建议${target.name}与${c.entity.name}合作：${top.map((e) => e.zh).join('；')}。`,
    sentenceEn: `${en(c.entity)} is a suggested partner for ${en(target)}: ${top.map((e) => e.en).join('; ')}.`,
    paths: unique.map((e) => e.path),
  };
}
