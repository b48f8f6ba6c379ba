/**
 * The analysis projection keeps its links compacted in typed arrays, with an edit's links beside them
 * until the next compaction and new links pending until the next read. Whatever the mix, it must
 * answer as a projection built in one go from the same facts.
 */
import { describe, expect, it } from 'vitest';
import { AnalysisGraph, type EntityFacts, type LinkFact } from '../../server/domain/live/analysis-graph.js';

/** A small deterministic generator (tests must not depend on Math.random). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const TYPES = ['Enterprise', 'Region', 'Park', 'Alliance', 'Event', 'ChainSegment', 'Hospital'];

function randomFacts(ids: string[], types: Map<string, string>, r: () => number, id: string, version: number): EntityFacts {
  const pick = (type?: string) => {
    const pool = type ? ids.filter((x) => types.get(x) === type) : ids;
    return pool[Math.floor(r() * pool.length)];
  };
  const links = (n: number, type?: string): LinkFact[] =>
    Array.from({ length: n }, (_, i) => ({ to: pick(type), rel: `${id}-${type ?? 'x'}-${version}-${i}`, inferred: r() < 0.3 }));
  return {
    id,
    type: types.get(id)!,
    degree: Math.floor(r() * 20),
    places: links(Math.floor(r() * 3), r() < 0.5 ? 'Region' : 'Park'),
    alliances: links(Math.floor(r() * 3), 'Alliance'),
    signed: links(Math.floor(r() * 2)),
    partOf: links(Math.floor(r() * 2)),
    events: links(Math.floor(r() * 2), 'Event').map((l) => ({ ...l, type: r() < 0.5 ? 'PARTICIPATES_IN' : 'ORGANISES' })),
    segments: links(Math.floor(r() * 3), 'ChainSegment').map((l) => ({
      seg: l.to,
      rel: l.rel,
      inferred: l.inferred,
      reason: l.inferred ? `规则${l.rel.length % 3}` : null,
    })),
  };
}

/** A projection built in one go, as buildAnalysisGraph does: entities, then every link added, then degrees. */
function built(facts: Map<string, EntityFacts>): AnalysisGraph {
  const g = new AnalysisGraph();
  for (const f of facts.values()) g.setEntity(f.id, f.type);
  for (const f of facts.values()) {
    for (const l of f.places) g.relation('LOCATED_IN', f.id, l.to, { id: l.rel, inferred: l.inferred });
    for (const l of f.alliances) g.relation('MEMBER_OF', f.id, l.to, { id: l.rel, inferred: l.inferred });
    for (const l of f.signed) g.relation('SIGNED', f.id, l.to, { id: l.rel, inferred: l.inferred });
    for (const l of f.partOf) g.relation('PART_OF', f.id, l.to, { id: l.rel, inferred: l.inferred });
    for (const l of f.events) g.eventLink(f.id, l.to, { id: l.rel, inferred: l.inferred, type: l.type });
    for (const l of f.segments) g.relation('IN_SEGMENT', f.id, l.seg, { id: l.rel, inferred: l.inferred, reason: l.reason });
  }
  for (const f of facts.values()) g.setDegree(f.id, f.degree);
  g.settle();
  return g;
}

/** Everything the projection answers about every entity, in an order that does not depend on how it was built. */
function answers(g: AnalysisGraph, ids: string[]) {
  const sorted = <T>(xs: T[]) => xs.map((x) => JSON.stringify(x)).sort();
  const segments = new Set(ids);
  return ids.map((id) => ({
    id,
    type: g.typeOf(id),
    places: sorted(g.placesOf(id)),
    alliances: sorted(g.alliancesOf(id)),
    members: sorted(g.membersOf(id)),
    occupants: sorted(g.occupantsOf(id)),
    units: sorted(g.unitsOf(id)),
    signed: { out: sorted(g.signedWith(id).out), in: sorted(g.signedWith(id).in) },
    events: sorted(g.eventsOf(id)),
    participants: sorted(g.eventParticipants(id)),
    segments: sorted(g.segmentsOf(id)),
    segmentLinks: sorted(g.segmentLinksOf(id, segments)),
    placedMembers: g.placedMemberCount(id),
    scope: sorted(g.scope(id)),
    links: ids.map((to) => g.link('MEMBER_OF', id, to)?.inferred ?? null).join(''),
  }));
}

describe('analysis projection links', () => {
  it('answer as a fresh build after edits, additions, retractions and further edits, in any order', () => {
    const r = rng(7);
    const ids = Array.from({ length: 80 }, (_, i) => `e${i}`);
    const types = new Map(ids.map((id, i) => [id, TYPES[i % TYPES.length]]));
    const facts = new Map(ids.map((id) => [id, randomFacts(ids, types, r, id, 0)]));
    const live = built(facts);
    for (let round = 1; round <= 6; round++) {
      // An edit: some entities' links replaced (kept beside the compacted arrays).
      const touched = ids.filter(() => r() < 0.15);
      const absent = round === 3 ? touched.slice(0, 2) : [];
      for (const id of touched) facts.set(id, randomFacts(ids, types, r, id, round));
      for (const id of absent) facts.delete(id);
      live.refresh(
        touched.filter((id) => !absent.includes(id)).map((id) => facts.get(id)!),
        absent,
      );
      // And on some rounds links added the way the build adds them (pending until the next read).
      if (round % 2 === 0) {
        for (const id of ids.filter((x) => facts.has(x) && r() < 0.1)) {
          const to = ids[Math.floor(r() * ids.length)];
          const l = { to, rel: `${id}-late-${round}`, inferred: false };
          facts.get(id)!.alliances.push(l);
          live.relation('MEMBER_OF', id, to, { id: l.rel, inferred: false });
        }
      }
      // A retracted entity comes back on a later round.
      if (round === 5) {
        const back = ids.find((id) => !facts.has(id))!;
        facts.set(back, randomFacts(ids, types, r, back, round));
        live.refresh([facts.get(back)!], []);
      }
      expect(answers(live, ids), `round ${round}`).toEqual(answers(built(facts), ids));
      expect(live.segmentTotals(null), `round ${round}: totals`).toEqual(built(facts).segmentTotals(null));
    }
  });
});
