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

    it('the gap report of 闵行区 marks segments with no enterprise MISSING and names candidates elsewhere', async () => {
      const res = await gql(
        `{ gaps(region: "minhang") {
            classified benchmarkClassified thresholds { thinBelow strongAtLeast strongMinCount }
            segments { segment { id } count status candidates { entity { id } score inferred sharedAlliances { alliance { name } members } degree } }
        } }`,
      );
      const gaps = res.data!.gaps;
      expect(gaps.thresholds).toEqual({ thinBelow: 0.5, strongAtLeast: 1.5, strongMinCount: 3 });
      // The whole graph is the benchmark: it has at least as many classified entities as the district.
      expect(gaps.classified).toBeGreaterThan(0);
      expect(gaps.benchmarkClassified).toBeGreaterThanOrEqual(gaps.classified);
      const segs = gaps.segments as {
        segment: { id: string };
        count: number;
        status: string;
        candidates: {
          entity: { id: string };
          score: number;
          inferred: boolean;
          sharedAlliances: { alliance: { name: string }; members: number }[];
          degree: number;
        }[];
      }[];
      expect(segs).toHaveLength(12);
      for (const s of segs) if (s.count === 0) expect(s.status).toBe('MISSING');
      const cro = segs.find((s) => s.segment.id === 'seg-rd-services')!;
      expect(cro.status).toBe('MISSING');
      // 华测检测 (testing, a member of the 大浦江 alliance) has no stated location in 闵行区: a candidate.
      const huace = cro.candidates.find((c) => c.entity.id === 'cti-testing');
      expect(huace?.sharedAlliances.map((a) => a.alliance.name)).toEqual(
        expect.arrayContaining([expect.stringContaining('大浦江生物医药产业链党建联盟')]),
      );
      for (const c of cro.candidates) {
        const members = c.sharedAlliances.map((a) => a.members);
        expect(members).toEqual([...members].sort((a, b) => b - a));
        // Score = segment link (1 stated, 0.6 inferred) + shared alliances (at most 3) + 0.3 × ln(1 + degree).
        const expected = (c.inferred ? 0.6 : 1) + Math.min(c.sharedAlliances.length, 3) + 0.3 * Math.log1p(c.degree);
        expect(c.score).toBe(Math.round(expected * 100) / 100);
      }
      const benchmarked = await gql('{ gaps(region: "minhang", benchmark: "songjiang") { benchmark { name } } }');
      expect(benchmarked.data!.gaps.benchmark.name).toBe('松江区');
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
