/**
 * Partner suggestions without a store: each evidence rule from the rows its read returns, then the
 * score, the order of the evidence and the choice between roles.
 */
import { describe, expect, it } from 'vitest';
import {
  allianceToJoin,
  CandidatePool,
  chainEvidence,
  clinicalResearch,
  type Evidence,
  type Found,
  mySegments,
  type PartnerRole,
  sameAlliance,
  samePlace,
  sharedEvent,
  sharedHospital,
  signedRecord,
  strongestPeers,
  unitNearby,
  wantedSegments,
} from '../../server/domain/analysis/partners-evidence.js';
import { byScore, diversify, type PartnerSuggestion, toSuggestion } from '../../server/domain/analysis/partners-rank.js';
import { noProfile, type ChainTier, type Entity, type EntityType } from '../../server/domain/model.js';
import { decodeEntity } from '../../server/domain/records.js';
import type { Row } from '../../server/store/types.js';

const entity = (id: string, type: EntityType = 'Enterprise', tier: ChainTier | null = null): Entity => ({
  id,
  type,
  name: id,
  nameEn: null,
  aliases: [],
  kind: null,
  description: null,
  tier,
  ord: null,
  date: null,
  lastSeen: null,
  sources: [],
  ...noProfile(),
});

/** The columns a read returns for an entity and an edge under a prefix. */
const cols = (prefix: string, e: Entity): Row => ({
  [`${prefix}id`]: e.id,
  [`${prefix}type`]: e.type,
  [`${prefix}name`]: e.name,
  [`${prefix}tier`]: e.tier,
});
const edge = (prefix: string, id: string, type: string, inferred = false): Row => ({
  [`${prefix}id`]: id,
  [`${prefix}type`]: type,
  [`${prefix}inferred`]: inferred,
});

const decode = (row: Row, prefix: string) => decodeEntity(row, prefix);
/** What a user sees of a piece of evidence. */
const seen = (f: Found) => ({
  to: f.entity.id,
  kind: f.evidence.kind,
  weight: f.evidence.weight,
  via: f.evidence.via?.id ?? null,
  direction: f.evidence.direction,
  inferred: f.evidence.inferred,
});

const target = entity('siludi', 'Enterprise', null);
const alliance = entity('dapujiang', 'Alliance');
const park = entity('park-a', 'Park');
const town = entity('pujiang', 'Region');
const hospital = entity('zhongshan', 'Hospital');
const peer = entity('peer');

// Reference segments: two per tier.
const cro = entity('seg-cro', 'ChainSegment', 'upstream');
const reagents = entity('seg-reagents', 'ChainSegment', 'upstream');
const ivd = entity('seg-ivd', 'ChainSegment', 'midstream');
const devices = entity('seg-devices', 'ChainSegment', 'midstream');
const distribution = entity('seg-distribution', 'ChainSegment', 'downstream');
const care = entity('seg-care', 'ChainSegment', 'downstream');
const SEGMENTS = [cro, reagents, ivd, devices, distribution, care];

describe('SAME_ALLIANCE: target → alliance ← candidate', () => {
  it.each([
    { name: 'stated memberships', inferred: [false, false], expected: false },
    { name: "the candidate's membership inferred", inferred: [false, true], expected: true },
  ])('$name: weight 2 through the alliance', ({ inferred, expected }) => {
    const rows = [
      {
        ...cols('a_', alliance),
        ...cols('x_', peer),
        ...edge('r1_', 'm1', 'MEMBER_OF', inferred[0]),
        ...edge('r2_', 'm2', 'MEMBER_OF', inferred[1]),
      },
    ];
    const [found] = sameAlliance(target, rows, decode);
    expect(seen(found)).toEqual({ to: 'peer', kind: 'SAME_ALLIANCE', weight: 2, via: 'dapujiang', direction: null, inferred: expected });
    expect(found.evidence.nodes.map((n) => n.id)).toEqual(['siludi', 'dapujiang', 'peer']);
    expect(found.evidence.edges.map((e) => [e.source, e.target])).toEqual([
      ['siludi', 'dapujiang'],
      ['peer', 'dapujiang'],
    ]);
  });
});

describe('SAME_PARK / SAME_PLACE: target → place ← candidate', () => {
  it.each([
    { place: park, kind: 'SAME_PARK', weight: 1.5, inferred: false },
    { place: town, kind: 'SAME_PLACE', weight: 0.5, inferred: false },
    { place: town, kind: 'SAME_PLACE', weight: 0.5, inferred: true },
  ])('a $place.type → $kind $weight (inferred: $inferred)', ({ place, kind, weight, inferred }) => {
    const rows = [
      { ...cols('p_', place), ...cols('x_', peer), ...edge('r1_', 'l1', 'LOCATED_IN', inferred), ...edge('r2_', 'l2', 'LOCATED_IN') },
    ];
    expect(samePlace(target, rows, decode).map(seen)).toEqual([{ to: 'peer', kind, weight, via: place.id, direction: null, inferred }]);
  });
});

describe('COMPLEMENTARY_SEGMENT / SAME_SEGMENT: the candidate’s segment against the target’s', () => {
  /** The target's segments (each with whether its link is inferred) and rows x → segment. */
  const run = (mine: [Entity, boolean][], rows: [Entity, Entity, boolean][], inPool: string[] = []) => {
    const segs = mySegments(
      mine.map(([s, inferred], i) => ({ via: target.id, ...cols('s_', s), ...edge('r_', `t${i}`, 'IN_SEGMENT', inferred) })),
      decode,
    );
    const pool = new CandidatePool(new Set([target.id, 'partner']));
    pool.add(
      inPool.map((id) => ({
        entity: entity(id),
        evidence: samePlace(target, [{ ...cols('p_', town), ...cols('x_', entity(id)) }], decode)[0].evidence,
      })),
    );
    const found = chainEvidence(
      target,
      segs,
      rows.map(([x, s, inferred], i) => ({ ...cols('x_', x), ...cols('s_', s), ...edge('r_', `x${i}`, 'IN_SEGMENT', inferred) })),
      decode,
      pool,
    );
    // The pool drops evidence for the target's existing partners.
    return found.filter((f) => pool.accepts(f.entity)).map((f) => ({ ...seen(f), role: f.role ?? null }));
  };
  const up = entity('up');
  const down = entity('down');

  it.each([
    {
      name: 'an upstream supplier of a midstream target',
      mine: [[ivd, false]],
      rows: [[up, reagents, false]],
      expected: [
        {
          to: 'up',
          kind: 'COMPLEMENTARY_SEGMENT',
          weight: 2,
          via: 'seg-reagents',
          direction: 'UPSTREAM',
          inferred: false,
          role: 'UPSTREAM',
        },
      ],
    },
    {
      name: 'a downstream distributor of a midstream target',
      mine: [[ivd, false]],
      rows: [[down, distribution, false]],
      expected: [
        {
          to: 'down',
          kind: 'COMPLEMENTARY_SEGMENT',
          weight: 2,
          via: 'seg-distribution',
          direction: 'DOWNSTREAM',
          inferred: false,
          role: 'DOWNSTREAM',
        },
      ],
    },
    {
      name: "the candidate's link inferred: half weight",
      mine: [[ivd, false]],
      rows: [[up, cro, true]],
      expected: [
        { to: 'up', kind: 'COMPLEMENTARY_SEGMENT', weight: 1, via: 'seg-cro', direction: 'UPSTREAM', inferred: true, role: 'UPSTREAM' },
      ],
    },
    {
      name: "the target's link inferred: half weight",
      mine: [[ivd, true]],
      rows: [[down, care, false]],
      expected: [
        {
          to: 'down',
          kind: 'COMPLEMENTARY_SEGMENT',
          weight: 1,
          via: 'seg-care',
          direction: 'DOWNSTREAM',
          inferred: true,
          role: 'DOWNSTREAM',
        },
      ],
    },
    {
      name: 'a hospital downstream: evidence, but no up/downstream role',
      mine: [[ivd, false]],
      rows: [[hospital, care, false]],
      expected: [
        {
          to: 'zhongshan',
          kind: 'COMPLEMENTARY_SEGMENT',
          weight: 2,
          via: 'seg-care',
          direction: 'DOWNSTREAM',
          inferred: false,
          role: null,
        },
      ],
    },
    { name: 'two tiers away: nothing', mine: [[cro, false]], rows: [[down, care, false]], expected: [] },
    { name: "another segment of the target's tier: nothing", mine: [[ivd, false]], rows: [[peer, devices, false]], expected: [] },
    {
      name: 'a tier the target is also in is never complementary',
      mine: [
        [cro, false],
        [ivd, false],
      ],
      rows: [
        [up, reagents, false],
        [down, distribution, false],
      ],
      expected: [
        {
          to: 'down',
          kind: 'COMPLEMENTARY_SEGMENT',
          weight: 2,
          via: 'seg-distribution',
          direction: 'DOWNSTREAM',
          inferred: false,
          role: 'DOWNSTREAM',
        },
      ],
    },
    { name: 'a peer in the same segment with no other evidence: nothing', mine: [[ivd, false]], rows: [[peer, ivd, false]], expected: [] },
    {
      name: 'a peer in the same segment already a candidate: SAME_SEGMENT 0.5',
      mine: [[ivd, false]],
      rows: [[peer, ivd, false]],
      inPool: ['peer'],
      expected: [{ to: 'peer', kind: 'SAME_SEGMENT', weight: 0.5, via: 'seg-ivd', direction: null, inferred: false, role: null }],
    },
    {
      name: 'a peer that is complementary in an earlier row counts the shared segment too',
      mine: [[ivd, false]],
      rows: [
        [peer, reagents, false],
        [peer, ivd, false],
      ],
      expected: [
        {
          to: 'peer',
          kind: 'COMPLEMENTARY_SEGMENT',
          weight: 2,
          via: 'seg-reagents',
          direction: 'UPSTREAM',
          inferred: false,
          role: 'UPSTREAM',
        },
        { to: 'peer', kind: 'SAME_SEGMENT', weight: 0.5, via: 'seg-ivd', direction: null, inferred: false, role: null },
      ],
    },
    {
      name: 'an existing partner: no evidence',
      mine: [[ivd, false]],
      rows: [
        [entity('partner'), reagents, false],
        [entity('partner'), ivd, false],
      ],
      expected: [],
    },
  ] as { name: string; mine: [Entity, boolean][]; rows: [Entity, Entity, boolean][]; inPool?: string[]; expected: unknown[] }[])(
    '$name',
    ({ mine, rows, inPool, expected }) => {
      expect(run(mine, rows, inPool)).toEqual(expected);
    },
  );

  it('reads the members of its own segments and the adjacent tiers', () => {
    const mine = mySegments([{ via: target.id, ...cols('s_', cro), ...edge('r_', 't', 'IN_SEGMENT') }], decode);
    expect(wantedSegments(SEGMENTS, mine)).toEqual(['seg-cro', 'seg-ivd', 'seg-devices']);
  });
});

describe('CLINICAL / RESEARCH: hospitals and universities by the target’s tiers', () => {
  it.each([
    { tier: ivd, type: 'Hospital', expected: [['CLINICAL', 1]] },
    { tier: ivd, type: 'University', expected: [['RESEARCH', 1]] },
    { tier: cro, type: 'Hospital', expected: [] },
    { tier: cro, type: 'University', expected: [['RESEARCH', 1]] },
    { tier: care, type: 'Hospital', expected: [] },
    { tier: care, type: 'University', expected: [] },
    { tier: ivd, type: 'Enterprise', expected: [] },
  ] as { tier: Entity; type: EntityType; expected: [string, number][] }[])(
    'a $type for a target in $tier.tier → $expected',
    ({ tier, type, expected }) => {
      const mine = mySegments([{ via: target.id, ...cols('s_', tier), ...edge('r_', 't', 'IN_SEGMENT') }], decode);
      const pool = new CandidatePool(new Set([target.id]));
      const row = {
        ...cols('a_', alliance),
        ...cols('x_', entity('x', type)),
        ...edge('r1_', 'm1', 'MEMBER_OF'),
        ...edge('r2_', 'm2', 'MEMBER_OF', true),
      };
      pool.add(sameAlliance(target, [row], decode));
      const found = clinicalResearch(pool.values(), mine);
      expect(found.map((f) => [f.evidence.kind, f.evidence.weight])).toEqual(expected);
      // No entity of its own to go through; the path (and whether it is inferred) is the candidate's first evidence.
      for (const f of found) {
        expect(f.evidence.via).toBeNull();
        expect(f.evidence.nodes.map((n) => n.id)).toEqual(['siludi', 'dapujiang', 'x']);
        expect(f.evidence.inferred).toBe(true);
      }
    },
  );
});

describe('SHARED_HOSPITAL: target – hospital – candidate, either way round', () => {
  it.each([
    { name: 'both link to the hospital', r1From: 'siludi', r2From: 'peer', edges: ['siludi>zhongshan', 'peer>zhongshan'] },
    { name: 'the hospital links to both', r1From: 'zhongshan', r2From: 'zhongshan', edges: ['zhongshan>siludi', 'zhongshan>peer'] },
  ])('$name', ({ r1From, r2From, edges }) => {
    const rows = [
      {
        ...cols('h_', hospital),
        ...cols('x_', peer),
        ...edge('r1_', 'e1', 'SIGNED'),
        ...edge('r2_', 'e2', 'SIGNED'),
        r1_from: r1From,
        r2_from: r2From,
      },
    ];
    const [found] = sharedHospital(target, rows, decode);
    expect(seen(found)).toEqual({ to: 'peer', kind: 'SHARED_HOSPITAL', weight: 1, via: 'zhongshan', direction: null, inferred: false });
    expect(found.evidence.edges.map((e) => `${e.source}>${e.target}`)).toEqual(edges);
  });
});

describe('ALLIANCE_TO_JOIN: 1 + 0.5 per peer already in it, at most +2', () => {
  const join = entity('join', 'Alliance');
  it.each([
    { members: 1, weight: 1.5 },
    { members: 2, weight: 2 },
    { members: 4, weight: 3 },
    { members: 6, weight: 3 },
  ])('$members member(s) → $weight', ({ members, weight }) => {
    const peers = Array.from({ length: members }, (_, i) => entity(`p${i}`));
    const pool = new CandidatePool(new Set([target.id]));
    pool.add(
      peers.flatMap((p) =>
        samePlace(
          target,
          [{ ...cols('p_', park), ...cols('x_', p), ...edge('r1_', 'l1', 'LOCATED_IN'), ...edge('r2_', `l-${p.id}`, 'LOCATED_IN', true) }],
          decode,
        ),
      ),
    );
    const rows = peers.map((p) => ({ ...cols('a_', join), ...cols('x_', p), ...edge('r_', `m-${p.id}`, 'MEMBER_OF') }));
    const [found] = allianceToJoin(target, rows, decode, pool);
    expect({ ...seen(found), count: found.evidence.count }).toEqual({
      to: 'join',
      kind: 'ALLIANCE_TO_JOIN',
      weight,
      via: 'p0',
      direction: null,
      inferred: true, // p0's own location is inferred
      count: members,
    });
    expect(found.evidence.nodes.map((n) => n.id)).toEqual(['siludi', 'park-a', 'p0', 'join']);
  });

  it('asks the strongest peers (park, place or chain, not alliances alone), by evidence then id', () => {
    const pool = new CandidatePool(new Set([target.id]));
    const place = (x: Entity, p: Entity) => samePlace(target, [{ ...cols('p_', p), ...cols('x_', x) }], decode);
    pool.add([...place(entity('b'), town), ...place(entity('a'), town), ...place(entity('c'), park)]);
    pool.add(sameAlliance(target, [{ ...cols('a_', alliance), ...cols('x_', entity('only-alliance')) }], decode));
    expect(strongestPeers(pool.values())).toEqual(['c', 'a', 'b']);
  });
});

describe('SHARED_EVENT: target → event ← candidate', () => {
  it('adds 0.5 through the event, the path starting at the target', () => {
    const event = entity('forum', 'Event');
    const rows = [
      { ...cols('v_', event), ...cols('x_', hospital), ...edge('r1_', 'p1', 'PARTICIPATES_IN'), ...edge('r2_', 'p2', 'PARTICIPATES_IN') },
    ];
    const [found] = sharedEvent(target, rows, decode);
    expect(seen(found)).toEqual({ to: 'zhongshan', kind: 'SHARED_EVENT', weight: 0.5, via: 'forum', direction: null, inferred: false });
    expect(found.evidence.nodes.map((n) => n.id)).toEqual(['siludi', 'forum', 'zhongshan']);
    expect(found.evidence.edges.map((e) => [e.source, e.target])).toEqual([
      ['siludi', 'forum'],
      ['zhongshan', 'forum'],
    ]);
  });
});

describe('SIGNED_RECORD: a candidate with other evidence that has signed agreements', () => {
  const gov = entity('pujiang-gov', 'Government');
  const other = entity('other', 'Enterprise');
  /** Rows x –SIGNED– y; `out` when x signed (x → y). */
  const signed = (x: Entity, y: Entity, out: boolean, id: string): Row => ({
    ...cols('x_', x),
    ...cols('y_', y),
    ...edge('r_', id, 'SIGNED'),
    r_from: out ? x.id : y.id,
  });
  const pool = () => {
    const p = new CandidatePool(new Set([target.id]));
    p.add(sameAlliance(target, [{ ...cols('a_', alliance), ...cols('x_', hospital) }], decode));
    return p;
  };

  it('adds 0.5 once, counting distinct counterparts, the first as via; the path goes on from its first evidence', () => {
    const rows = [signed(hospital, gov, false, 's1'), signed(hospital, gov, true, 's2'), signed(hospital, other, true, 's3')];
    const [found, ...rest] = signedRecord(target, rows, decode, pool());
    expect(rest).toEqual([]);
    expect(seen(found)).toEqual({
      to: 'zhongshan',
      kind: 'SIGNED_RECORD',
      weight: 0.5,
      via: 'pujiang-gov',
      direction: null,
      inferred: false,
    });
    expect(found.evidence.count).toBe(2);
    expect(found.evidence.nodes.map((n) => n.id)).toEqual(['siludi', 'dapujiang', 'zhongshan', 'pujiang-gov']);
    // The agreement keeps its direction: the government signed with the hospital.
    expect(found.evidence.edges.at(-1)).toMatchObject({ source: 'pujiang-gov', target: 'zhongshan' });
  });

  it('is never a reason on its own, and an agreement with the target itself does not count', () => {
    expect(signedRecord(target, [signed(peer, gov, true, 's1')], decode, pool())).toEqual([]);
    expect(signedRecord(target, [signed(hospital, target, true, 's1')], decode, pool())).toEqual([]);
  });
});

describe('UNIT_NEARBY: a candidate with other evidence whose unit is where the target is', () => {
  const campus = entity('zhongshan-pujiang', 'Hospital');
  const branch = entity('zhongshan-xuhui', 'Hospital');
  /** A place row: target → place ← the organisation there. */
  const near = (x: Entity, place: Entity = town): Row => ({
    ...cols('p_', place),
    ...cols('x_', x),
    ...edge('r1_', `l-${x.id}-t`, 'LOCATED_IN'),
    ...edge('r2_', `l-${x.id}`, 'LOCATED_IN', true),
  });
  /** A unit row: unit -PART_OF-> x. */
  const unit = (u: Entity, x: Entity): Row => ({ u_id: u.id, ...cols('x_', x), ...edge('r_', `p-${u.id}`, 'PART_OF') });
  const pool = (...found: Found[]) => {
    const p = new CandidatePool(new Set([target.id]));
    p.add(sameAlliance(target, [{ ...cols('a_', alliance), ...cols('x_', hospital) }], decode));
    p.add(found);
    return p;
  };

  it('adds 0.5 once through the unit; the path is target → place ← unit → candidate', () => {
    const rows = [unit(campus, hospital), unit(branch, hospital)];
    const [found, ...rest] = unitNearby(target, [near(campus), near(branch, park)], rows, decode, pool());
    expect(rest).toEqual([]);
    expect(seen(found)).toEqual({
      to: 'zhongshan',
      kind: 'UNIT_NEARBY',
      weight: 0.5,
      via: 'zhongshan-pujiang',
      direction: null,
      inferred: true,
    });
    expect(found.evidence.nodes.map((n) => n.id)).toEqual(['siludi', 'pujiang', 'zhongshan-pujiang', 'zhongshan']);
    expect(found.evidence.edges.map((e) => [e.source, e.target, e.type])).toEqual([
      ['siludi', 'pujiang', 'LOCATED_IN'],
      ['zhongshan-pujiang', 'pujiang', 'LOCATED_IN'],
      ['zhongshan-pujiang', 'zhongshan', 'PART_OF'],
    ]);
  });

  it('is never a reason on its own, nor counted for a candidate already in that place', () => {
    expect(unitNearby(target, [near(campus)], [unit(campus, peer)], decode, pool())).toEqual([]);
    const there = pool(...samePlace(target, [near(hospital)], decode));
    expect(unitNearby(target, [near(hospital), near(campus)], [unit(campus, hospital)], decode, there)).toEqual([]);
  });

  it('separates two hospitals with otherwise equal evidence (五院 and 眼耳鼻喉 for 思路迪)', () => {
    const fifth = entity('fifth', 'Hospital');
    const eent = entity('eent', 'Hospital');
    const eentPujiang = entity('eent-pujiang', 'Hospital');
    const p = new CandidatePool(new Set([target.id]));
    p.add(
      sameAlliance(
        target,
        [fifth, eent].map((h) => ({ ...cols('a_', alliance), ...cols('x_', h) })),
        decode,
      ),
    );
    p.add(unitNearby(target, [near(eentPujiang)], [unit(eentPujiang, eent)], decode, p));
    const ranked = p.values().map(toSuggestion).sort(byScore);
    expect(ranked.map((r) => [r.entity.id, r.score, r.evidence.map((e) => e.kind)])).toEqual([
      ['eent', 2.5, ['SAME_ALLIANCE', 'UNIT_NEARBY']],
      ['fifth', 2, ['SAME_ALLIANCE']],
    ]);
  });
});

describe('byScore: equal scores go by the newest source, then by name', () => {
  const s = (id: string, score: number, lastSeen: string | null): PartnerSuggestion => ({
    entity: { ...entity(id), lastSeen },
    score,
    role: 'PEER',
    evidence: [],
  });
  it('orders score, then newer source first (undated last), then name', () => {
    const list = [
      s('b-old', 4, '2021-04-22'),
      s('a-undated', 4, null),
      s('c-new', 4, '2025-07-01'),
      s('a-old', 4, '2021-04-22'),
      s('top', 5, null),
    ];
    expect(list.sort(byScore).map((x) => x.entity.id)).toEqual(['top', 'c-new', 'a-old', 'b-old', 'a-undated']);
  });
});

describe('toSuggestion: score, counted evidence strongest first, role', () => {
  const ev = (kind: Evidence['kind'], weight: number, via: string | null, direction: Evidence['direction'] = null): Evidence => ({
    kind,
    weight,
    via: via ? entity(via) : null,
    direction,
    count: null,
    inferred: false,
    nodes: [],
    edges: [],
  });
  it.each([
    {
      name: 'evidence adds up, strongest first',
      type: 'Enterprise',
      evidence: [
        ev('SAME_PLACE', 0.5, 'pujiang'),
        ev('SAME_PARK', 1.5, 'park-a'),
        ev('SAME_ALLIANCE', 2, 'a1'),
        ev('SHARED_HOSPITAL', 1, 'h'),
      ],
      score: 5,
      kinds: ['SAME_ALLIANCE', 'SAME_PARK', 'SHARED_HOSPITAL', 'SAME_PLACE'],
      role: 'PEER',
    },
    {
      name: 'at most two shared alliances count',
      type: 'Enterprise',
      evidence: [
        ev('SAME_ALLIANCE', 2, 'a1'),
        ev('SAME_ALLIANCE', 2, 'a2'),
        ev('SAME_ALLIANCE', 2, 'a3'),
        ev('SAME_PLACE', 0.5, 'pujiang'),
      ],
      score: 4.5,
      kinds: ['SAME_ALLIANCE', 'SAME_ALLIANCE', 'SAME_PLACE'],
      role: 'PEER',
    },
    {
      name: 'at most two shared events count; they and a signed record break a tie with the same hospital without them',
      type: 'Hospital',
      evidence: [
        ev('SAME_ALLIANCE', 2, 'a1'),
        ev('SHARED_EVENT', 0.5, 'e1'),
        ev('SHARED_EVENT', 0.5, 'e2'),
        ev('SHARED_EVENT', 0.5, 'e3'),
        ev('SIGNED_RECORD', 0.5, 'gov'),
      ],
      score: 3.5,
      kinds: ['SAME_ALLIANCE', 'SHARED_EVENT', 'SHARED_EVENT', 'SIGNED_RECORD'],
      role: 'HOSPITAL',
    },
    {
      name: 'the same segment found through two of the target’s segments counts once (the first found)',
      type: 'Enterprise',
      evidence: [ev('COMPLEMENTARY_SEGMENT', 1, 'seg-cro', 'UPSTREAM'), ev('COMPLEMENTARY_SEGMENT', 2, 'seg-cro', 'UPSTREAM')],
      score: 1,
      kinds: ['COMPLEMENTARY_SEGMENT'],
      role: 'PEER',
    },
    {
      name: 'equal weights keep the order they were found in',
      type: 'Hospital',
      evidence: [ev('SHARED_HOSPITAL', 1, 'h'), ev('CLINICAL', 1, null), ev('SAME_ALLIANCE', 2, 'a1')],
      score: 4,
      kinds: ['SAME_ALLIANCE', 'SHARED_HOSPITAL', 'CLINICAL'],
      role: 'HOSPITAL',
    },
    { name: 'a university', type: 'University', evidence: [ev('RESEARCH', 1, null)], score: 1, kinds: ['RESEARCH'], role: 'UNIVERSITY' },
    {
      name: 'an alliance',
      type: 'Alliance',
      evidence: [ev('ALLIANCE_TO_JOIN', 2.5, 'p0')],
      score: 2.5,
      kinds: ['ALLIANCE_TO_JOIN'],
      role: 'ALLIANCE',
    },
    { name: 'a park', type: 'Park', evidence: [ev('SAME_PLACE', 0.5, 'pujiang')], score: 0.5, kinds: ['SAME_PLACE'], role: 'PEER' },
  ] as { name: string; type: EntityType; evidence: Evidence[]; score: number; kinds: string[]; role: PartnerRole }[])(
    '$name',
    ({ type, evidence, score, kinds, role }) => {
      const s = toSuggestion({ entity: entity('x', type), evidence });
      expect({ score: s.score, kinds: s.evidence.map((e) => e.kind), role: s.role }).toEqual({ score, kinds, role });
    },
  );

  it('an up- or downstream role found in the chain wins over the type', () => {
    expect(
      toSuggestion({ entity: entity('x'), evidence: [ev('COMPLEMENTARY_SEGMENT', 2, 's', 'DOWNSTREAM')], role: 'DOWNSTREAM' }).role,
    ).toBe('DOWNSTREAM');
  });
});

describe('diversify: no role over 40% of the answer while others have candidates', () => {
  const list = (spec: string) =>
    spec
      .split(' ')
      .map((s, i) => ({
        entity: entity(s),
        score: 100 - i,
        role: ({ H: 'HOSPITAL', U: 'UPSTREAM', D: 'DOWNSTREAM', P: 'PEER' } as const)[s[0] as 'H'],
        evidence: [],
      }))
      .sort(byScore);
  const ids = (s: PartnerSuggestion[]) => s.map((x) => x.entity.id).join(' ');

  it.each([
    // sorted candidates, limit, chosen (hospitals beyond the cap held back, then filling the room left)
    ['H1 H2 H3 H4 H5 H6 H7 U1 U2 D1', 10, 'H1 H2 H3 H4 U1 U2 D1 H5 H6 H7'],
    ['H1 H2 H3 H4 H5 H6 H7 U1 U2 D1 P1 P2 P3', 10, 'H1 H2 H3 H4 U1 U2 D1 P1 P2 P3'],
    ['H1 H2 H3 U1 D1 P1', 5, 'H1 H2 U1 D1 P1'],
    ['H1 H2 H3 H4 H5 H6', 5, 'H1 H2 H3 H4 H5'],
    ['H1 U1', 1, 'H1'],
    ['U1 H1 D1', 10, 'U1 H1 D1'],
  ])('%s, limit %d → %s', (spec, limit, expected) => {
    expect(ids(diversify(list(spec), limit))).toBe(expected);
  });

  it('is then shown by score', () => {
    expect(ids(diversify(list('H1 H2 H3 H4 H5 H6 U1'), 5).sort(byScore))).toBe('H1 H2 H3 H4 U1');
  });
});
