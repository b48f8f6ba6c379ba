/**
 * The gap report's rules without a store: a segment's status against the benchmark, a candidate's score
 * part by part, company groups, places, locality and the region picker's hierarchy — the last ones on
 * the seed's own facts, with answers worked out by hand.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { regionTree } from '../../server/domain/analysis/region-tree.js';
import { candidateScore, gapStatus, groupRoots, locality, placeChains, scoreParts } from '../../server/domain/analysis/gaps.js';
import type { Entity } from '../../server/domain/model.js';
import { readSeedFacts, toGraphData } from '../../seed/load.js';

const seed = toGraphData(readSeedFacts(path.resolve(import.meta.dirname, '../../seed')));
const byId = new Map(seed.entities.map((e) => [e.id, e]));
const typeOf = (id: string) => byId.get(id)?.type;

describe('gapStatus: the region’s share of its classified organisations against the benchmark’s', () => {
  it.each([
    // count, benchmark count, classified here, classified in the benchmark, status
    [0, 0, 20, 11, 'NEITHER'], // 0 vs 0 is not a gap the benchmark shows
    [0, 3, 20, 11, 'MISSING'], // the benchmark has some, the region none
    [1, 0, 20, 11, 'ONLY_HERE'], // 1 here vs 0 there is not THIN
    [3, 0, 20, 11, 'ONLY_HERE'],
    [3, 6, 20, 11, 'THIN'], // 闵行 生物药 vs 松江: 15% against 54.5%, under half
    [6, 1, 20, 11, 'STRONG'], // 闵行 医疗器械 vs 松江: 30% against 9.1%, 3.3×
    [4, 2, 20, 11, 'PRESENT'], // 闵行 医疗服务 vs 松江: 20% against 18.2%
    [1, 2, 10, 10, 'PRESENT'], // exactly half the benchmark's share is not thin
    [1, 3, 10, 10, 'THIN'],
    [2, 1, 10, 10, 'PRESENT'], // twice the share, but fewer than 3
    [3, 2, 10, 10, 'STRONG'], // 1.5× the share with 3
    [3, 3, 10, 10, 'PRESENT'],
  ] as const)('%d of %d here, %d of %d in the benchmark → %s', (count, bench, classified, benchClassified, status) => {
    expect(gapStatus(count, bench, classified, benchClassified)).toBe(status);
  });
});

describe('candidate score: 1 for a stated segment link (0.6 inferred) + 1 per shared alliance (at most 3) + 0.3 × ln(1 + degree)', () => {
  it.each([
    // inferred, shared alliances, degree, score
    [false, 0, 0, 1],
    [true, 0, 0, 0.6],
    [false, 2, 0, 3],
    [false, 7, 0, 4], // at most three alliances count
    [false, 1, 9, 2.69], // 0.3 × ln 10 = 0.69
    [true, 1, 99, 2.98], // 0.3 × ln 100 = 1.38
  ])('inferred %s, %d alliances, degree %d → %d', (inferred, alliances, degree, score) => {
    expect(candidateScore(inferred, alliances, degree)).toBe(score);
  });

  it('gives the parts the screen adds up: 三优生物 for 闵行 (inferred, one shared alliance, 3 links) = 0.6 + 1 + 0.42', () => {
    expect(scoreParts(true, 1, 3)).toEqual({ segmentPoints: 0.6, alliancePoints: 1, linkPoints: 0.42, score: 2.02 });
  });
});

describe('company groups on the seed: one candidate per group, named after its topmost parent', () => {
  const links = seed.relations
    .filter((r) => r.type === 'PART_OF' && typeOf(r.from) === 'Enterprise' && typeOf(r.to) === 'Enterprise')
    .map((r) => ({ unit: r.from, parent: r.to }));
  const roots = groupRoots(links);

  it('puts the three 柯惠 companies and 美敦力’s R&D centre under 美敦力 (柯惠医疗 is part of 美敦力)', () => {
    const medtronic = [...roots].filter(([, root]) => root === 'medtronic').map(([id]) => id);
    expect(medtronic.sort()).toEqual([
      'covidien',
      'covidien-china',
      'covidien-shanghai-manufacturing',
      'medtronic',
      'medtronic-gc-rd-center',
    ]);
  });

  it('keeps a company without PART_OF links out of every group', () => {
    expect(roots.has('siludi')).toBe(false);
  });

  it('stops at a cycle instead of looping', () => {
    const r = groupRoots([
      { unit: 'a', parent: 'b' },
      { unit: 'b', parent: 'a' },
    ]);
    expect([r.get('a'), r.get('b')]).toEqual(['b', 'a']);
  });
});

describe('places and locality', () => {
  it('follows LOCATED_IN up from the nearest place: 美敦力 → 临港浦江国际科技城 → 浦江镇 → 闵行区 → 上海市', () => {
    const placeTypes = new Set(['Region', 'Park']);
    const links = seed.relations
      .filter((r) => r.type === 'LOCATED_IN' && placeTypes.has(typeOf(r.to) ?? ''))
      .map((r) => ({ from: r.from, place: r.to }));
    const names = (placeChains(links).get('medtronic') ?? []).map((id) => byId.get(id)?.name);
    expect(names).toEqual(['临港浦江国际科技城', '浦江镇', '闵行区', '上海市']);
  });

  it('ranks a group local when any unit is in the region, likely local when an unplaced unit is in the region’s alliance', () => {
    const unit = (inRegion: boolean, elsewhere: boolean, inLocalAlliance: boolean) => ({ inRegion, elsewhere, inLocalAlliance });
    expect(locality([unit(false, true, false), unit(true, false, false)])).toBe('LOCAL');
    expect(locality([unit(false, true, false), unit(false, false, true)])).toBe('LIKELY_LOCAL');
    expect(locality([unit(false, true, false)])).toBe('ELSEWHERE');
    expect(locality([unit(false, false, false)])).toBe('UNKNOWN');
  });
});

describe('the region picker’s hierarchy on the seed', () => {
  const regions = seed.entities.filter((e) => e.type === 'Region') as unknown as Entity[];
  const links = seed.relations
    .filter((r) => r.type === 'LOCATED_IN' && typeOf(r.from) === 'Region' && typeOf(r.to) === 'Region')
    .map((r) => ({ child: r.from, parent: r.to }));
  const tree = regionTree(regions, links);
  const order = tree.map((o) => o.region.id);

  it('lists every region once, the city first', () => {
    expect(order).toHaveLength(regions.length);
    expect(new Set(order).size).toBe(regions.length);
    expect(tree[0]).toMatchObject({ region: { id: 'shanghai' }, parent: null, depth: 0 });
  });

  it('puts each town right under its own district, not under the last district listed', () => {
    const after = (id: string, n: number) => order.slice(order.indexOf(id) + 1, order.indexOf(id) + 1 + n);
    expect(after('minhang', 2)).toEqual(['pujiang-town', 'pujin-subdistrict']);
    expect(after('baoshan', 1)).toEqual(['luodian-town']);
    expect(after('pudong', 2).sort()).toEqual(['heqing-town', 'zhoupu-town']);
    expect(tree.find((o) => o.region.id === 'luodian-town')).toMatchObject({ parent: 'baoshan', depth: 2 });
    expect(tree.filter((o) => o.depth === 1).every((o) => o.parent === 'shanghai')).toBe(true);
  });
});
