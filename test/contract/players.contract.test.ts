/**
 * Key players and partner tie-breaking on the seed, on every store: answers worked out by hand from
 * the documents (who took part in the 大浦江 forum, who signed with 浦江镇人民政府, who links which districts).
 */
import path from 'node:path';
import { beforeEach, describe, expect } from 'vitest';
import { loadSeed } from '../../seed/load.js';
import { graphTest, type GraphFixtures } from '../helpers/graph-test.js';
import type { Gql } from '../helpers/graphql.js';
import { storeFactories } from '../helpers/stores.js';

const SEED = path.resolve(import.meta.dirname, '../../seed');
const it = graphTest({ load: (store) => loadSeed(store, SEED) });

interface Suggestion {
  entity: { id: string; lastSeen: string | null };
  score: number;
  role: string;
  evidence: { kind: string; weight: number; count: number | null; via: { id: string } | null; nodes: { id: string }[] }[];
}

describe.each(storeFactories)('key players and partners on $name', (factory) => {
  it.scoped({ storeFactory: factory });
  let gql: Gql;
  beforeEach<GraphFixtures>(({ gql: client }) => {
    gql = client;
  });

  it('breaks the tie between 思路迪’s hospitals with the forum they attended, the agreements they signed and a campus in 浦江镇', async () => {
    const res = await gql(`{ partners(id: "siludi", limit: 10) {
      entity { id lastSeen } score role evidence { kind weight count via { id } nodes { id } } } }`);
    const list = res.data!.partners as Suggestion[];
    const hospitals = list.filter((p) => p.role === 'HOSPITAL');
    // 浦江社区卫生服务中心: alliance 2 + medical services downstream (inferred) 1 + clinical 1 + 浦江镇 0.5
    // + the 大浦江 forum 0.5 + signed with 浦江镇人民政府 0.5 = 5.5; 上海市口腔医院 the same without 浦江镇: 5.
    expect(hospitals.slice(0, 2).map((h) => [h.entity.id, h.score])).toEqual([
      ['pujiang-chc', 5.5],
      ['shanghai-stomatological-hospital', 5],
    ]);
    for (const h of hospitals.slice(0, 2)) {
      const event = h.evidence.find((e) => e.kind === 'SHARED_EVENT')!;
      expect([event.weight, event.via!.id, event.nodes[0].id]).toEqual([0.5, 'evt-dapujiang-forum', 'siludi']);
      const signed = h.evidence.find((e) => e.kind === 'SIGNED_RECORD')!;
      expect([signed.weight, signed.via!.id, signed.count, signed.nodes[0].id]).toEqual([0.5, 'pujiang-government', 1, 'siludi']);
    }
    // 眼耳鼻喉科医院 and 五院 have the same alliance, segment and source; the eye hospital's 浦江院区 is in
    // 浦江镇 with 思路迪 (PART_OF → eent): + 0.5 = 4.5, ahead of 五院 at 4.
    expect(hospitals.map((h) => [h.entity.id, h.score])).toEqual([
      ['pujiang-chc', 5.5],
      ['shanghai-stomatological-hospital', 5],
      ['eent', 4.5],
      ['shanghai-fifth-hospital', 4],
    ]);
    const unit = hospitals[2].evidence.find((e) => e.kind === 'UNIT_NEARBY')!;
    expect([unit.weight, unit.via!.id, unit.nodes.map((n) => n.id)]).toEqual([
      0.5,
      'eent-pujiang',
      ['siludi', 'pujiang-town', 'eent-pujiang', 'eent'],
    ]);
    expect(hospitals[3].evidence.some((e) => e.kind === 'UNIT_NEARBY')).toBe(false);
    // Equal scores: newer source first, then by name (all of these were reported on 2021-04-22).
    for (let i = 1; i < list.length; i++) {
      if (list[i].score !== list[i - 1].score) continue;
      expect((list[i - 1].entity.lastSeen ?? '') >= (list[i].entity.lastSeen ?? '')).toBe(true);
    }
  });

  it('labels 美敦力 a chain leader and the 北片区 council a bridge, with the rules as numbers and the relations between them', async () => {
    const res = await gql(`{ keyPlayerMap(limit: 30) {
      region { id } organisations measured
      rules { leaderTop leaderMinDegree bridgeMinDistricts bridgeMinDegree degreeWeight betweennessWeight districtBonus maxNodes }
      players { entity { id type } degree betweenness districts score labels }
      edges { source target type }
    } }`);
    const map = res.data!.keyPlayerMap as {
      region: null;
      organisations: number;
      measured: number;
      rules: Record<string, number>;
      players: {
        entity: { id: string; type: string };
        degree: number;
        betweenness: number;
        districts: string[];
        score: number;
        labels: string[];
      }[];
      edges: { source: string; target: string }[];
    };
    expect(map.region).toBeNull();
    expect(map.rules).toMatchObject({ leaderTop: 3, leaderMinDegree: 3, bridgeMinDistricts: 2, bridgeMinDegree: 2 });
    expect(map.measured).toBe(map.organisations);
    const by = new Map(map.players.map((p) => [p.entity.id, p]));
    // 美敦力 links 4 organisations, the most of any enterprise; 扬子江药业 (3) is among the top three too.
    expect(by.get('medtronic')).toMatchObject({ degree: 4, labels: ['CHAIN_LEADER'] });
    expect(by.get('yangtze-river-pharma')?.labels).toEqual(['CHAIN_LEADER']);
    // The 北片区 council links members in four districts: a bridge; the 大浦江 alliance, all in 闵行区, is not.
    expect(by.get('sh-fic-north-area')?.labels).toEqual(['BRIDGE']);
    expect(by.get('dapujiang-party-alliance')?.labels).toEqual([]);
    for (const p of map.players) {
      const leader = p.labels.includes('CHAIN_LEADER');
      if (leader) expect(p.entity.type).toBe('Enterprise');
      if (p.labels.includes('BRIDGE')) expect(p.districts.length >= 2 && p.degree >= 2).toBe(true);
      // The score is the one on screen: 0.5 × degree / 35 + 0.5 × betweenness + 0.1 × (districts − 1), ±rounding.
      const expected = 0.5 * (p.degree / 35) + 0.5 * p.betweenness + 0.1 * Math.max(0, p.districts.length - 1);
      expect(Math.abs(p.score - expected)).toBeLessThan(0.002);
    }
    // Only relations between listed players are drawn.
    expect(map.edges.length).toBeGreaterThan(0);
    for (const e of map.edges) expect(by.has(e.source) && by.has(e.target)).toBe(true);
  });

  it('ranks within a region and refuses what is not a region or too many', async () => {
    const res = await gql('{ keyPlayerMap(region: "minhang", limit: 5) { region { id } players { entity { id } } } }');
    expect(res.data!.keyPlayerMap.region.id).toBe('minhang');
    expect(res.data!.keyPlayerMap.players).toHaveLength(5);
    expect((await gql('{ keyPlayerMap(region: "siludi") { organisations } }')).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await gql('{ keyPlayerMap(limit: 1000) { organisations } }')).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
