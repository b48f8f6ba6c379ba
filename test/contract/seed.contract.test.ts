/**
 * The seed graph on every store: idempotent load, every organisation findable by its full and short
 * names, every stated link visible with its quote, and analysis answers worked out by hand from the documents.
 */
import path from 'node:path';
import { beforeEach, describe, expect } from 'vitest';
import { stats } from '../../server/domain/graph.js';
import { loadSavedQueries } from '../../server/domain/saved-queries.js';
import { loadSeed, readSeedFacts, toGraphData } from '../../seed/load.js';
import { graphTest, type GraphFixtures } from '../helpers/graph-test.js';
import type { Gql } from '../helpers/graphql.js';
import { storeFactories } from '../helpers/stores.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SEED = path.join(ROOT, 'seed');
const facts = readSeedFacts(SEED);
const data = toGraphData(facts);

const it = graphTest({
  load: (store) => loadSeed(store, SEED),
  context: (ctx) => ({ ...ctx, savedQueries: loadSavedQueries(path.join(ROOT, 'queries')) }),
});

describe.each(storeFactories)('seed graph on $name', (factory) => {
  it.scoped({ storeFactory: factory });
  // The client of the store this describe runs on, for the tests below.
  let gql: Gql;
  beforeEach<GraphFixtures>(({ gql: client }) => {
    gql = client;
  });

  it('loads every fact, and loading twice gives the same counts', async ({ graph }) => {
    const first = await stats(graph.store);
    expect(first.entities).toBe(data.entities.length);
    expect(first.relations).toBe(data.relations.length);
    await graph.reload();
    expect(await stats(graph.store)).toEqual(first);
  });

  it('finds every organisation under its full name and each of its aliases', async () => {
    const orgs = data.entities.filter((e) => e.type !== 'ChainSegment');
    const misses: string[] = [];
    for (const e of orgs) {
      for (const name of [e.name, ...e.aliases]) {
        const res = await gql('query($t: String!) { search(text: $t, limit: 50) { id } }', { t: name });
        const ids = (res.data?.search ?? []).map((x: { id: string }) => x.id);
        if (!ids.includes(e.id)) misses.push(`${e.id} under "${name}"`);
      }
      const res = await gql('query($t: String!) { search(text: $t, limit: 5) { id name } }', { t: e.name });
      if (res.data!.search[0].name !== e.name) misses.push(`${e.id} not first for its full name`);
    }
    expect(misses).toEqual([]);
  }, 120_000);

  it('finds organisations by traditional characters and pinyin too', async () => {
    const first = async (t: string) => (await gql('query($t: String!) { search(text: $t) { id } }', { t })).data!.search[0]?.id;
    expect(await first('上海諾斯清生物科技有限公司')).toBe(data.entities.find((e) => e.name === '上海诺斯清生物科技有限公司')!.id);
    expect(await first('閔行區')).toBe('minhang');
    expect(await first('siludi')).toBe('siludi');
    expect(await first('sld')).toBe('siludi');
  });

  it('shows every stated link in the neighbourhood of its source, with its quote', async () => {
    const missing: string[] = [];
    const bySource = new Map<string, typeof data.relations>();
    for (const r of data.relations) bySource.set(r.from, [...(bySource.get(r.from) ?? []), r]);
    for (const [from, rels] of bySource) {
      const res = await gql(
        'query($id: ID!) { neighborhood(ids: [$id], limit: 1000) { edges { id source target type sources { document quote } } } }',
        { id: from },
      );
      const edges = new Map(res.data!.neighborhood.edges.map((e: { id: string }) => [e.id, e]));
      for (const r of rels) {
        const e = edges.get(r.id) as { source: string; target: string; type: string; sources: { quote: string }[] } | undefined;
        if (!e || e.source !== r.from || e.target !== r.to || e.type !== r.type || e.sources[0]?.quote !== r.sources[0].quote)
          missing.push(r.id);
      }
    }
    expect(missing).toEqual([]);
  }, 120_000);

  describe('answers worked out by hand from the documents', () => {
    it('大浦江生物医药产业链党建联盟 has 35 member units, three of them 召集单位 (doc 002)', async () => {
      const res = await gql('{ runSavedQuery(name: "alliance-members", params: {alliance: "dapujiang-party-alliance"}) { rows } }');
      const rows = res.data!.runSavedQuery.rows as { member: string; role: string }[];
      expect(rows).toHaveLength(35);
      expect(
        rows
          .filter((r) => r.role === '召集单位')
          .map((r) => r.member)
          .sort(),
      ).toEqual(['上海思路迪生物医学科技有限公司', '中共上海市闵行区浦江镇委员会', '中共上海市闵行区浦锦街道工作委员会'].sort());
      expect(rows.map((r) => r.member)).toEqual(
        expect.arrayContaining(['上海之江生物医药科技有限公司', '龙吴海关', '上海春芝堂生物制品有限公司', '上海蕊源生物科技股份有限公司']),
      );
    });

    it('闵行区工商联生物医药产业联盟 has 上海诺斯清生物科技有限公司 as 首席执行长 (doc 000)', async () => {
      const res = await gql('{ runSavedQuery(name: "alliance-members", params: {alliance: "minhang-fic-biomed-alliance"}) { rows } }');
      const rows = res.data!.runSavedQuery.rows as { member: string; role: string }[];
      expect(rows.find((r) => r.role === '首席执行长')?.member).toBe('上海诺斯清生物科技有限公司');
    });

    it('the chain map of 闵行区 has the three tiers and places 思路迪 and 之江生物 in IVD', async () => {
      const res = await gql(
        '{ chain(region: "minhang") { region { name } tiers { tier segments { segment { id } count enterprises { id } } } } }',
      );
      const chain = res.data!.chain;
      expect(chain.region.name).toBe('闵行区');
      expect(chain.tiers.map((t: { tier: string }) => t.tier)).toEqual(['upstream', 'midstream', 'downstream']);
      const ivd = chain.tiers[1].segments.find((s: { segment: { id: string } }) => s.segment.id === 'seg-ivd');
      expect(ivd.enterprises.map((e: { id: string }) => e.id)).toEqual(expect.arrayContaining(['siludi', 'zj-biotech']));
    });

    it('the gap report of 闵行区 marks segments it lacks MISSING and counts hospitals as hospitals', async () => {
      const res = await gql(
        `{ gaps(region: "minhang") {
            classified benchmarkClassified thresholds { thinBelow strongAtLeast strongMinCount } totals { type count }
            segments { segment { id } count byType { type count } benchmarkCount share benchmarkShare status }
        } }`,
      );
      const gaps = res.data!.gaps;
      expect(gaps.thresholds).toEqual({ thinBelow: 0.5, strongAtLeast: 1.5, strongMinCount: 3 });
      // The whole graph is the benchmark: it has at least as many classified organisations as the district.
      expect(gaps.classified).toBeGreaterThan(0);
      expect(gaps.benchmarkClassified).toBeGreaterThanOrEqual(gaps.classified);
      const segs = gaps.segments as { segment: { id: string }; count: number; byType: { type: string; count: number }[]; status: string }[];
      expect(segs).toHaveLength(12);
      for (const s of segs) if (s.count === 0) expect(s.status).toBe('MISSING');
      expect(segs.find((s) => s.segment.id === 'seg-rd-services')!.status).toBe('MISSING');
      // 医疗服务 in 闵行区 is four hospitals, not four enterprises.
      expect(segs.find((s) => s.segment.id === 'seg-medical-services')!.byType).toEqual([{ type: 'Hospital', count: 4 }]);
      // The totals count each organisation once, however many segments it is in.
      const sumTotals = (gaps.totals as { count: number }[]).reduce((n, x) => n + x.count, 0);
      expect(sumTotals).toBe(gaps.classified);
    });

    it('against 松江区, 0 vs 0 is NEITHER, 3 vs 0 ONLY_HERE, and shares decide THIN and STRONG', async () => {
      const res = await gql(
        '{ gaps(region: "minhang", benchmark: "songjiang") { benchmark { name } classified benchmarkClassified segments { segment { id } count benchmarkCount status } } }',
      );
      const g = res.data!.gaps;
      expect(g.benchmark.name).toBe('松江区');
      // Worked by hand: 20 organisations classified in 闵行区, 11 in 松江区.
      expect([g.classified, g.benchmarkClassified]).toEqual([20, 11]);
      const status = Object.fromEntries((g.segments as { segment: { id: string }; status: string }[]).map((s) => [s.segment.id, s.status]));
      expect(status).toMatchObject({
        'seg-rd-services': 'NEITHER', // 0 vs 0
        'seg-raw-materials': 'MISSING', // 0 vs 3
        'seg-chemical-drugs': 'ONLY_HERE', // 3 vs 0
        'seg-biologics': 'THIN', // 3/20 = 15% vs 6/11 = 55%
        'seg-medical-devices': 'STRONG', // 6/20 = 30% vs 1/11 = 9%
        'seg-medical-services': 'PRESENT', // 4/20 = 20% vs 2/11 = 18%
      });
    });

    it('gap candidates: placed, 大浦江 members without a location ranked apart as likely local, each score in parts', async () => {
      const res = await gql(
        `{ gapCandidates(region: "minhang", segment: "seg-rd-services") {
            candidates { segment entity { id } score segmentPoints alliancePoints linkPoints inferred degree locality location
              sharedAlliances { alliance { name } members local } units { entity { id } } }
            places { id name }
        } }`,
      );
      const { candidates, places } = res.data!.gapCandidates as {
        candidates: {
          segment: string;
          entity: { id: string };
          score: number;
          segmentPoints: number;
          alliancePoints: number;
          linkPoints: number;
          inferred: boolean;
          degree: number;
          locality: string;
          location: string[];
          sharedAlliances: { alliance: { name: string }; members: number; local: boolean }[];
        }[];
        places: { id: string; name: string }[];
      };
      expect(new Set(candidates.map((c) => c.segment))).toEqual(new Set(['seg-rd-services']));
      const byId = new Map(candidates.map((c) => [c.entity.id, c]));
      // 华测检测 states no location but belongs to the 大浦江 alliance, most of whose placed members are in 闵行区.
      const huace = byId.get('cti-testing')!;
      expect(huace.locality).toBe('LIKELY_LOCAL');
      expect(huace.location).toEqual([]);
      expect(huace.sharedAlliances.find((a) => a.alliance.name.includes('大浦江生物医药产业链党建联盟'))?.local).toBe(true);
      // 睿智医药 is in 东方美谷, 奉贤区: one to attract.
      const ruizhi = candidates.find((c) => c.locality === 'ELSEWHERE' && c.location.length > 0)!;
      expect(places.filter((p) => ruizhi.location.includes(p.id)).length).toBe(ruizhi.location.length);
      // Ranked apart: every candidate to attract comes before every local one.
      const firstLocal = candidates.findIndex((c) => c.locality === 'LOCAL' || c.locality === 'LIKELY_LOCAL');
      expect(firstLocal).toBeGreaterThan(0);
      expect(candidates.slice(firstLocal).every((c) => c.locality === 'LOCAL' || c.locality === 'LIKELY_LOCAL')).toBe(true);
      for (const c of candidates) {
        expect(c.segmentPoints).toBe(c.inferred ? 0.6 : 1);
        expect(c.alliancePoints).toBe(Math.min(c.sharedAlliances.length, 3));
        expect(c.score).toBe(Math.round((c.segmentPoints + c.alliancePoints + 0.3 * Math.log1p(c.degree)) * 100) / 100);
      }
    });

    it('gap candidates: a company group is one candidate with its units (美敦力 with 柯惠 ×3 and its R&D centre)', async () => {
      const res = await gql(
        `{ gapCandidates(region: "songjiang", segment: "seg-medical-devices") {
            candidates { entity { id } locality location units { entity { id } inSegment inRegion location } }
            places { id name }
        } }`,
      );
      const { candidates, places } = res.data!.gapCandidates;
      const ids = candidates.map((c: { entity: { id: string } }) => c.entity.id);
      expect(ids).toContain('medtronic');
      for (const unit of ['covidien', 'covidien-china', 'covidien-shanghai-manufacturing', 'medtronic-gc-rd-center'])
        expect(ids).not.toContain(unit);
      const medtronic = candidates.find((c: { entity: { id: string } }) => c.entity.id === 'medtronic');
      expect(medtronic.units.map((u: { entity: { id: string } }) => u.entity.id).sort()).toEqual([
        'covidien',
        'covidien-china',
        'covidien-shanghai-manufacturing',
        'medtronic-gc-rd-center',
      ]);
      expect(medtronic.locality).toBe('ELSEWHERE');
      const name = new Map(places.map((p: { id: string; name: string }) => [p.id, p.name]));
      expect(medtronic.location.map((id: string) => name.get(id))).toEqual(['临港浦江国际科技城', '浦江镇', '闵行区', '上海市']);
    });

    it('the region tree lists each town under its own district', async () => {
      const res = await gql('{ regionTree { region { id } parent depth } }');
      const order = res.data!.regionTree.map((o: { region: { id: string } }) => o.region.id);
      expect(order[0]).toBe('shanghai');
      expect(order.slice(order.indexOf('minhang') + 1, order.indexOf('minhang') + 3)).toEqual(['pujiang-town', 'pujin-subdistrict']);
      expect(order[order.indexOf('baoshan') + 1]).toBe('luodian-town');
    });

    it('answers partner suggestions with whole entities: sources, aliases and names on every path node', async () => {
      const res = await gql(
        '{ partners(id: "siludi", limit: 10) { entity { id aliases sources { quote } } evidence { via { name } nodes { id name } } } }',
      );
      const list = res.data!.partners as {
        entity: { aliases: string[]; sources: { quote: string }[] };
        evidence: { via: { name: string } | null; nodes: { name: string }[] }[];
      }[];
      for (const p of list) {
        expect(p.entity.sources.length).toBeGreaterThan(0);
        for (const e of p.evidence) {
          if (e.via) expect(e.via.name).not.toBe('');
          for (const n of e.nodes) expect(n.name).not.toBe('');
        }
      }
      expect(list.some((p) => p.entity.aliases.length > 0)).toBe(true);
    });

    it('suggests partners for 思路迪 with the evidence behind each score, strongest first', async () => {
      const res = await gql(
        `{ partners(id: "siludi", limit: 10) {
            entity { id type } score role
            evidence { kind weight via { id } direction count inferred nodes { id } edges { source target type inferred } }
        } }`,
      );
      const list = res.data!.partners as {
        entity: { id: string; type: string };
        score: number;
        role: string;
        evidence: {
          kind: string;
          weight: number;
          via: { id: string } | null;
          direction: string | null;
          count: number | null;
          inferred: boolean;
          nodes: { id: string }[];
          edges: { inferred: boolean }[];
        }[];
      }[];
      expect(list.length).toBeGreaterThan(3);
      expect([...list].sort((a, b) => b.score - a.score)).toEqual(list);
      for (const p of list) {
        const weights = p.evidence.map((e) => e.weight);
        expect(weights).toEqual([...weights].sort((a, b) => b - a));
        expect(p.score).toBe(Math.round(weights.reduce((s, w) => s + w, 0) * 100) / 100);
        for (const e of p.evidence) {
          expect(e.nodes[0].id).toBe('siludi');
          expect(e.inferred).toBe(e.edges.some((x) => x.inferred));
          expect(e.direction !== null).toBe(e.kind === 'COMPLEMENTARY_SEGMENT');
          expect(e.count !== null).toBe(e.kind === 'ALLIANCE_TO_JOIN' || e.kind === 'SIGNED_RECORD');
          expect(e.via === null).toBe(e.kind === 'CLINICAL' || e.kind === 'RESEARCH');
        }
      }
      const hospital = list.find((p) => p.role === 'HOSPITAL')!;
      expect(hospital.evidence.map((e) => e.kind)).toContain('SAME_ALLIANCE');
      expect(hospital.evidence[0].nodes[0].id).toBe('siludi');
      expect(hospital.evidence.find((e) => e.kind === 'SAME_ALLIANCE')!.via!.id).toBe('dapujiang-party-alliance');
      const upstream = list.find((p) => p.role === 'UPSTREAM')!;
      expect(upstream.evidence.find((e) => e.kind === 'COMPLEMENTARY_SEGMENT')?.direction).toBe('UPSTREAM');
      // Diversified: no role takes more than 40% while others have candidates; its chain neighbours show.
      const perRole = new Map<string, number>();
      for (const p of list) perRole.set(p.role, (perRole.get(p.role) ?? 0) + 1);
      expect(Math.max(...perRole.values())).toBeLessThanOrEqual(4);
      expect(list.map((p) => p.role)).toEqual(expect.arrayContaining(['UPSTREAM', 'DOWNSTREAM']));
      // Its own alliances are not suggested as alliances to join.
      expect(list.map((p) => p.entity.id)).not.toContain('dapujiang-party-alliance');
      const again = await gql('{ partners(id: "siludi", limit: 10) { entity { id } score } }');
      expect(again.data!.partners).toEqual(list.map((p) => ({ entity: { id: p.entity.id }, score: p.score })));
    });

    it('refuses partner suggestions for a region and answers NOT_FOUND for unknown ids', async () => {
      expect((await gql('{ partners(id: "minhang") { score } }')).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect((await gql('{ partners(id: "nope") { score } }')).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect((await gql('{ gaps(region: "nope") { thresholds { thinBelow } } }')).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect((await gql('{ gaps(region: "siludi") { thresholds { thinBelow } } }')).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect((await gql('{ chain(region: "nope") { tiers { tier } } }')).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });

    it('ranks the 大浦江 alliance as the key player and the 北片区 council as a bridge of four districts', async () => {
      const res = await gql('{ keyPlayers(limit: 5) { entity { id } degree betweenness districts } }');
      const list = res.data!.keyPlayers as { entity: { id: string }; degree: number; districts: string[] }[];
      expect(list[0].entity.id).toBe('dapujiang-party-alliance');
      expect(list[0].degree).toBeGreaterThanOrEqual(35);
      const north = list.find((k) => k.entity.id === 'sh-fic-north-area');
      expect(north?.districts.sort()).toEqual(['嘉定区', '宝山区', '虹口区', '静安区'].sort());
    });

    it('runs every saved query on the seed without error', async () => {
      const list = (await gql('{ savedQueries { name params { name } } }')).data!.savedQueries as { name: string }[];
      for (const q of list) {
        const res = await gql('query($n: String!) { runSavedQuery(name: $n) { columns } }', { n: q.name });
        expect(res.errors, q.name).toBeUndefined();
      }
      const bridging = await gql('{ runSavedQuery(name: "bridging-alliances") { rows } }');
      expect(bridging.data!.runSavedQuery.rows[0]).toMatchObject({ alliance: '上海市工商联商协会工作委员会北片区', districts: 4 });
    });
  });
});
