import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n/i18n.js';
import type { ChainMap, GapCandidateList, GapReport } from '../chain/chain-queries.js';
import type { ChangeSetSummary } from '../changes/change-queries.js';
import { fitPicture } from './briefing-docx.js';
import { briefingTables, buildBriefing, type BriefingInput } from './briefing-model.js';
import type { BriefingData, BriefingLeads } from './briefing-queries.js';

const ref = (id: string, name: string, type = 'Enterprise', extra: Record<string, unknown> = {}) =>
  ({ id, name, nameEn: null, type, kind: null, tier: null, ...extra }) as Record<string, unknown>;
const src = (document: string, title: string, date: string | null = null) => ({
  document,
  quote: 'q',
  title,
  date,
  url: `https://x/${document}`,
  kind: 'article',
});

const now = new Date('2026-12-01T00:00:00Z');
const region = ref('minhang', '闵行区', 'Region', { kind: 'district' });
const cro = ref('seg-cro', '研发服务/CRO', 'ChainSegment', { tier: 'upstream' });
const drug = ref('seg-drug', '化学药', 'ChainSegment', { tier: 'midstream' });

const chain = {
  region,
  totals: [{ type: 'Enterprise', count: 2 }],
  unclassified: [],
  tiers: [
    { tier: 'upstream', totals: [], segments: [{ segment: cro, tier: 'upstream', count: 0, byType: [], enterprises: [] }] },
    {
      tier: 'midstream',
      totals: [{ type: 'Enterprise', count: 2 }],
      segments: [{ segment: drug, tier: 'midstream', count: 2, byType: [{ type: 'Enterprise', count: 2 }], enterprises: [] }],
    },
  ],
} as unknown as ChainMap;

const gaps = {
  region,
  benchmark: null,
  classified: 2,
  benchmarkClassified: 10,
  totals: [],
  benchmarkTotals: [],
  thresholds: { thinBelow: 0.5, strongAtLeast: 1.5, strongMinCount: 3 },
  segments: [
    {
      segment: cro,
      tier: 'upstream',
      count: 0,
      byType: [],
      benchmarkCount: 3,
      benchmarkByType: [],
      share: 0,
      benchmarkShare: 0.3,
      expected: 1,
      status: 'MISSING',
    },
    {
      segment: drug,
      tier: 'midstream',
      count: 2,
      byType: [{ type: 'Enterprise', count: 2 }],
      benchmarkCount: 2,
      benchmarkByType: [],
      share: 1,
      benchmarkShare: 0.2,
      expected: 0,
      status: 'PRESENT',
    },
  ],
} as unknown as GapReport;

const candidate = (id: string, name: string, locality: string) => ({
  segment: 'seg-cro',
  entity: ref(id, name),
  score: 1.33,
  segmentPoints: 1,
  alliancePoints: 0,
  linkPoints: 0.33,
  inferred: false,
  inferredBecause: null,
  degree: 2,
  locality,
  location: [],
  sharedAlliances: [],
  units: [],
});
const candidates = {
  candidates: [candidate('local', '本地公司', 'LOCAL'), candidate('far', '外地公司', 'ELSEWHERE')],
  places: [],
} as unknown as GapCandidateList;

const extras = {
  region: { ...region, sources: [src('d1', '文章一', '2022-02-23')] },
  stats: {
    entities: 5,
    relations: 7,
    byEntityType: [
      { type: 'Enterprise', count: 2 },
      { type: 'Park', count: 0 },
    ],
  },
  regionTree: [
    { region: ref('shanghai', '上海市', 'Region'), parent: null, depth: 0 },
    { region, parent: 'shanghai', depth: 1 },
    { region: ref('pujiang', '浦江镇', 'Region'), parent: 'minhang', depth: 2 },
  ],
  keyPlayerMap: {
    organisations: 3,
    measured: 3,
    rules: {
      degreeWeight: 0.5,
      betweennessWeight: 0.5,
      districtBonus: 0.1,
      leaderTop: 3,
      leaderMinDegree: 3,
      bridgeMinDistricts: 2,
      bridgeMinDegree: 2,
    },
    players: [
      {
        entity: { ...ref('p1', '链主公司'), sources: [src('d1', '文章一', '2022-02-23')] },
        degree: 4,
        betweenness: 0.5,
        districts: ['闵行区'],
        score: 0.9,
        labels: ['CHAIN_LEADER'],
      },
    ],
  },
  gapCandidates: { candidates: [{ segment: 'seg-cro', entity: { id: 'far', sources: [src('d2', '文章二', '2024-01-01')] } }] },
} as unknown as BriefingData;

const lead = (id: string, stage: string) => ({
  id,
  target: ref(id, `公司${id}`),
  proposedName: null,
  segment: cro,
  owner: 'root',
  stage,
  stageEnteredAt: '2026-11-01T00:00:00Z',
  lastActivityAt: '2026-11-01T00:00:00Z',
  nextAction: '约谈',
  dueAt: '2026-12-05T00:00:00Z',
  estimatedInvestment: 5000,
  urgency: 'OVERDUE',
});
const leads = { total: 3, items: [lead('b', 'NEGOTIATION'), lead('a', 'LEAD'), lead('c', 'ON_HOLD')] } as unknown as BriefingLeads;

const change = (id: string, at: string) =>
  ({
    id,
    at,
    author: 'ed',
    kind: 'EDIT',
    note: `改动${id}`,
    reverts: null,
    revertedBy: null,
    regions: ['minhang'],
    types: [],
    counts: [],
    about: [],
    document: { id: `doc-${id}`, kind: 'web', title: `网页${id}`, date: null, url: null, publisher: null },
  }) as unknown as ChangeSetSummary;

const input = (lang: 'zh' | 'en' = 'zh'): BriefingInput => ({
  chain,
  gaps,
  candidates,
  extras,
  leads,
  changes: [change('new', '2026-11-20T00:00:00Z'), change('old', '2026-09-01T00:00:00Z')],
  now,
  lang,
  t: translator(lang),
});

describe('district briefing model', () => {
  it('has a title page and the seven sections in order, in the reader language', () => {
    const zh = buildBriefing(input());
    expect(zh.title).toBe('闵行区生物医药产业简报');
    expect(zh.sections.map((s) => s.heading)).toEqual([
      '1. 区域概况',
      '2. 产业链图谱',
      '3. 缺口与候选机构',
      '4. 关键机构',
      '5. 在跟线索',
      '6. 近期变更',
      '7. 引用来源',
    ]);
    expect(zh.cover.map((l) => l.value)).toContain('全图');
    expect(buildBriefing(input('en')).sections[0].heading).toBe('1. Region profile');
  });

  it('lists the gap segments with their status and the candidates to attract before those already here', () => {
    const tables = Object.fromEntries(briefingTables(buildBriefing(input())).map((t) => [t.id, t]));
    expect(tables.gaps.tones).toEqual(['MISSING', 'PRESENT']);
    expect(tables.candidates.rows.map((r) => r[1])).toEqual(['外地公司', '本地公司']);
    expect(String(tables.candidates.rows[0][5])).toMatch(/^得分 1\.33 = /);
    expect(tables.byType.rows).toEqual([['企业', 2]]);
  });

  it('shows active leads by stage and only counts those on hold; keeps 30 days of changes', () => {
    const m = buildBriefing(input());
    const tables = Object.fromEntries(briefingTables(m).map((t) => [t.id, t]));
    expect(tables.leads.rows.map((r) => r[0])).toEqual(['线索', '谈判']);
    expect(tables.leads.rows[0][7]).toBe('已逾期');
    expect(m.sections[4].blocks[0]).toMatchObject({ text: expect.stringContaining('搁置 1 条') });
    expect(tables.changes.rows.map((r) => r[4])).toEqual(['改动new']);
  });

  it('cites each document once, newest first, with the sections that rest on it', () => {
    const tables = Object.fromEntries(briefingTables(buildBriefing(input())).map((t) => [t.id, t]));
    expect(tables.sources.rows.map((r) => [r[1], r[5]])).toEqual([
      ['文章二', '缺口与候选机构'],
      ['文章一', '区域概况、关键机构'],
      ['网页new', '近期变更'],
    ]);
  });

  it('fits the chain picture into the page, keeping its proportions', () => {
    expect(fitPicture(400, 2000, { width: 600, height: 700 })).toEqual({ width: 140, height: 700 });
    expect(fitPicture(1200, 600, { width: 600, height: 700 })).toEqual({ width: 600, height: 300 });
    expect(fitPicture(300, 200, { width: 600, height: 700 })).toEqual({ width: 300, height: 200 });
  });
});
