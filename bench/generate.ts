/**
 * A deterministic synthetic biomedicine ecosystem for benchmarks: a Region tree, parks, hospitals,
 * universities, alliances, government bodies, the 12 chain segments, events, people and (the rest)
 * enterprises, joined by exactly the requested number of relations with power-law degrees.
 *
 *   npx tsx bench/generate.ts --entities 100000 --relations 1000000 [--seed 42]   (prints a summary)
 */
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import {
  relationId,
  type EntityRow,
  type EntityType,
  type GraphData,
  type RelationRow,
  type RelationType,
} from '../server/domain/model.js';
import { buildSearchKey, pinyinKeys } from '../server/domain/text.js';
import { ENTITY_KINDS, RELATION_KINDS, type EntityKind, type RelationKind } from '../shared/model/index.js';

export interface GenerateOptions {
  entities: number;
  relations: number;
  seed?: number;
}

export interface GeneratedGraph {
  data: GraphData;
  meta: {
    seed: number;
    entitiesByType: Record<string, number>;
    relationsByType: Record<string, number>;
    /** The highest-degree entities (both directions), highest first. */
    hubs: { id: string; type: EntityType; name: string; degree: number }[];
    /** Distinct names whose search key was computed, and how long that took. */
    searchKeys: { computed: number; ms: number };
    ms: number;
  };
}

// ---------------------------------------------------------------- randomness

/** mulberry32: small, fast, good enough for synthetic data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = prng(seed);
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [xs[i], xs[j]] = [xs[j], xs[i]];
    }
    return xs;
  }
}

/** Samples ranks 0..n-1 with P(k) ∝ 1/(k+1)^s, so rank 0 is the biggest hub. */
class Zipf {
  private readonly cum: Float64Array;
  constructor(
    readonly n: number,
    s: number,
    private readonly rng: Rng,
  ) {
    this.cum = new Float64Array(n);
    let sum = 0;
    for (let k = 0; k < n; k++) this.cum[k] = sum += 1 / Math.pow(k + 1, s);
  }
  sample(): number {
    const x = this.rng.next() * this.cum[this.n - 1];
    let lo = 0;
    let hi = this.n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cum[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

// ---------------------------------------------------------------- vocabulary

/** Characters common in company names, free of common polyphones (长, 行, 重, 乐 …). */
const SYLLABLES = [
  ...'华康瑞泰恒源博奥科宏盛德信达安嘉欣明远中天圣立新联合美汇众润锦昊峰晟睿思诺迈启正元亿鼎宇辰星海森云凯捷佳力君伟英丰益友倍赛微普蓝金复济贝维艾迪斯特',
];
const INDUSTRY = [
  '生物科技',
  '医药科技',
  '生物医药',
  '医疗器械',
  '生物技术',
  '基因科技',
  '细胞科技',
  '制药',
  '药业',
  '诊断技术',
  '医疗科技',
  '健康科技',
  '化学试剂',
  '实验设备',
  '医药',
];
const COMPANY = ['有限公司', '有限公司', '有限公司', '股份有限公司', '集团有限公司'];
const DISTRICTS: [string, string][] = [
  ['黄浦区', 'huangpu'],
  ['徐汇区', 'xuhui'],
  ['长宁区', 'changning'],
  ['静安区', 'jingan'],
  ['普陀区', 'putuo'],
  ['虹口区', 'hongkou'],
  ['杨浦区', 'yangpu'],
  ['闵行区', 'minhang'],
  ['宝山区', 'baoshan'],
  ['嘉定区', 'jiading'],
  ['浦东新区', 'pudong'],
  ['金山区', 'jinshan'],
  ['松江区', 'songjiang'],
  ['青浦区', 'qingpu'],
  ['奉贤区', 'fengxian'],
  ['崇明区', 'chongming'],
];
/** A name suffix and the sub-kind (shared/model) an entity so named has. */
type Suffixes<T extends keyof typeof ENTITY_KINDS> = [string, (typeof ENTITY_KINDS)[T][number]][];
const PARK_SUFFIX = ['生物医药产业园', '医学园区', '科技园', '产业基地', '创新港', '孵化器', '智谷'];
const HOSPITAL_SUFFIX: Suffixes<'Hospital'> = [
  ['人民医院', 'hospital'],
  ['中心医院', 'hospital'],
  ['中医医院', 'specialist'],
  ['妇幼保健院', 'specialist'],
  ['社区卫生服务中心', 'community_health'],
  ['专科医院', 'specialist'],
  ['附属医院', 'hospital'],
];
const UNIVERSITY_SUFFIX = ['大学', '医学院', '药科大学', '职业技术学院', '研究院', '研究所'];
const ALLIANCE_SUFFIX: Suffixes<'Alliance'> = [
  ['生物医药产业联盟', 'industry_alliance'],
  ['产业链党建联盟', 'party_alliance'],
  ['医药行业协会', 'industry_association'],
  ['商会', 'chamber_of_commerce'],
  ['创新联合体', 'industry_alliance'],
];
const GOV_SUFFIX = ['科学技术委员会', '经济委员会', '卫生健康委员会', '市场监督管理局', '投资促进服务中心', '街道办事处', '人民政府'];
const EVENT_SUFFIX: Suffixes<'Event'> = [
  ['生物医药产业论坛', 'forum'],
  ['创新大会', 'meeting'],
  ['签约仪式', 'ceremony'],
  ['招商推介会', 'meeting'],
  ['党建联盟大会', 'meeting'],
  ['对接会', 'meeting'],
];
const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛阎段雷侯龙史黎贺顾毛郝龚邵万钱严覃武戴莫孔汤',
];
const MEMBER_ROLES = ['成员单位', '成员单位', '成员单位', '成员单位', '理事单位', '副会长单位', '会长单位', '召集单位'];
const PERSON_ROLES = ['董事长', '总经理', '首席执行长', '秘书长', '主任', '理事长', '首席科学家'];

const CHAIN_SEGMENTS = [
  ['seg-rd-services', '研发服务/CRO', 'R&D services / CRO', 'upstream'],
  ['seg-raw-materials', '原料与试剂', 'Raw materials & reagents', 'upstream'],
  ['seg-equipment', '设备与耗材', 'Equipment & consumables', 'upstream'],
  ['seg-chemical-drugs', '化学药', 'Chemical drugs', 'midstream'],
  ['seg-biologics', '生物药', 'Biologics', 'midstream'],
  ['seg-tcm', '中药', 'Traditional Chinese medicine', 'midstream'],
  ['seg-medical-devices', '医疗器械', 'Medical devices', 'midstream'],
  ['seg-ivd', '体外诊断', 'In-vitro diagnostics', 'midstream'],
  ['seg-cell-gene-therapy', '细胞与基因治疗', 'Cell & gene therapy', 'midstream'],
  ['seg-distribution', '医药流通', 'Pharmaceutical distribution', 'downstream'],
  ['seg-medical-services', '医疗服务', 'Medical services', 'downstream'],
  ['seg-health-management', '健康管理', 'Health management', 'downstream'],
] as const;
/** How many enterprises each segment attracts (relative). */
const SEGMENT_WEIGHT = [14, 8, 9, 10, 12, 4, 13, 7, 6, 6, 6, 5];

const pad = (n: number, w: number) => String(n).padStart(w, '0');

// ---------------------------------------------------------------- generation

export function generate(opts: GenerateOptions): GeneratedGraph {
  const t0 = performance.now();
  const seed = opts.seed ?? 42;
  const rng = new Rng(seed);
  const N = opts.entities;
  const M = opts.relations;
  const f = N / 100_000;
  const scaled = (n: number, min: number) => Math.max(min, Math.round(n * f));

  const entities: EntityRow[] = [];
  const byType = new Map<EntityType, EntityRow[]>();
  const usedNames = new Set<string>();
  let keyMs = 0;
  let keysComputed = 0;
  // Kinds only from the model's closed sets, so the GraphQL enums can represent every one.
  const add = (e: Omit<EntityRow, 'search' | 'sources' | 'aliases' | 'kind'> & { aliases?: string[]; kind?: EntityKind }): EntityRow => {
    const aliases = e.aliases ?? [];
    const k0 = performance.now();
    const search = buildSearchKey(e.name, aliases, e.nameEn);
    keyMs += performance.now() - k0;
    keysComputed++;
    const row: EntityRow = { ...e, aliases, search, sources: [{ document: `bench-${pad(entities.length % 997, 3)}.txt`, quote: e.name }] };
    entities.push(row);
    usedNames.add(e.name);
    const list = byType.get(e.type) ?? [];
    list.push(row);
    byType.set(e.type, list);
    return row;
  };
  /** A name not used yet: `make()` is retried, then numbered. */
  const unique = (make: () => string): string => {
    for (let i = 0; i < 20; i++) {
      const n = make();
      if (!usedNames.has(n)) return n;
    }
    const base = make();
    for (let i = 2; ; i++) if (!usedNames.has(`${base}${i}号`)) return `${base}${i}号`;
  };
  const core = (len: number) => Array.from({ length: len }, () => rng.pick(SYLLABLES)).join('');

  // Region tree: the city, 16 districts, ~200 towns.
  const city = add({ id: 'r-sh', type: 'Region', name: '上海市', nameEn: 'Shanghai', kind: 'city' });
  const districts = DISTRICTS.map(([name, py], i) =>
    add({ id: `r-d${pad(i + 1, 2)}`, type: 'Region', name, nameEn: `${py[0].toUpperCase()}${py.slice(1)} District`, kind: 'district' }),
  );
  const townCount = scaled(200, districts.length);
  const towns: EntityRow[] = [];
  const townDistrict = new Map<string, EntityRow>();
  for (let i = 0; i < townCount; i++) {
    const d = districts[i % districts.length];
    const name = unique(() => `${core(2)}${rng.chance(0.6) ? '镇' : '街道'}`);
    const t = add({ id: `r-t${pad(i + 1, 3)}`, type: 'Region', name, kind: name.endsWith('街道') ? 'subdistrict' : 'town' });
    towns.push(t);
    townDistrict.set(t.id, d);
  }

  const segments = CHAIN_SEGMENTS.map(([id, name, nameEn, tier], i) => add({ id, type: 'ChainSegment', name, nameEn, tier, ord: i + 1 }));

  const parks: EntityRow[] = [];
  for (let i = 0, n = scaled(500, 5); i < n; i++) {
    const t = rng.pick(towns);
    parks.push(
      add({
        id: `p-${pad(i + 1, 4)}`,
        type: 'Park',
        name: unique(() => `${t.name.replace(/(镇|街道)$/, '')}${core(2)}${rng.pick(PARK_SUFFIX)}`),
        kind: 'biomedicine',
        description: rng.chance(0.5) ? `位于${townDistrict.get(t.id)!.name}${t.name}的生物医药专业园区。` : null,
      }),
    );
  }
  const hospitals: EntityRow[] = [];
  for (let i = 0, n = scaled(2000, 10); i < n; i++) {
    const d = rng.pick(districts);
    let kind: (typeof HOSPITAL_SUFFIX)[number][1] = 'hospital';
    const name = unique(() => {
      const [suffix, k] = rng.pick(HOSPITAL_SUFFIX);
      kind = k;
      return `上海市${d.name.replace(/区$/, '')}${core(2)}${suffix}`;
    });
    hospitals.push(
      add({ id: `h-${pad(i + 1, 4)}`, type: 'Hospital', name, kind, aliases: rng.chance(0.4) ? [name.replace(/^上海市/, '')] : [] }),
    );
  }
  const universities: EntityRow[] = [];
  for (let i = 0, n = scaled(300, 3); i < n; i++) {
    universities.push(
      add({ id: `u-${pad(i + 1, 3)}`, type: 'University', name: unique(() => `上海${core(2)}${rng.pick(UNIVERSITY_SUFFIX)}`) }),
    );
  }
  const alliances: EntityRow[] = [];
  for (let i = 0, n = scaled(3000, 10); i < n; i++) {
    const [suffix, kind] = rng.pick(ALLIANCE_SUFFIX);
    const where = rng.chance(0.5) ? rng.pick(districts).name : rng.pick(towns).name;
    alliances.push(add({ id: `a-${pad(i + 1, 4)}`, type: 'Alliance', name: unique(() => `${where}${core(2)}${suffix}`), kind }));
  }
  const governments: EntityRow[] = [];
  for (let i = 0, n = scaled(2000, 17); i < n; i++) {
    const top = i <= districts.length;
    const name = top
      ? i === 0
        ? '上海市人民政府'
        : `上海市${districts[i - 1].name}人民政府`
      : unique(() => `${rng.pick(districts).name}${rng.chance(0.5) ? core(2) : ''}${rng.pick(GOV_SUFFIX)}`);
    governments.push(add({ id: `g-${pad(i + 1, 4)}`, type: 'Government', name, kind: top ? 'government' : 'agency' }));
  }
  const events: EntityRow[] = [];
  for (let i = 0, n = scaled(1000, 5); i < n; i++) {
    const year = 2018 + rng.int(8);
    let kind: (typeof EVENT_SUFFIX)[number][1] = 'forum';
    const name = unique(() => {
      const [suffix, k] = rng.pick(EVENT_SUFFIX);
      kind = k;
      return `${year}${core(2)}${suffix}`;
    });
    events.push(add({ id: `ev-${pad(i + 1, 4)}`, type: 'Event', name, kind }));
  }
  const persons: EntityRow[] = [];
  for (let i = 0, n = scaled(2000, 5); i < n; i++) {
    persons.push(
      add({ id: `pe-${pad(i + 1, 4)}`, type: 'Person', name: unique(() => `${rng.pick(SURNAMES)}${core(rng.chance(0.7) ? 2 : 1)}`) }),
    );
  }

  // The rest: enterprises. Each has a primary segment (weighted) and sometimes a second one.
  const enterprises: EntityRow[] = [];
  const segOf: number[] = [];
  const segTotal = SEGMENT_WEIGHT.reduce((a, b) => a + b, 0);
  const pickSegment = () => {
    let x = rng.next() * segTotal;
    for (let i = 0; i < SEGMENT_WEIGHT.length; i++) if ((x -= SEGMENT_WEIGHT[i]) < 0) return i;
    return SEGMENT_WEIGHT.length - 1;
  };
  for (let i = 0, n = Math.max(0, N - entities.length); i < n; i++) {
    const c = core(rng.chance(0.7) ? 3 : 2);
    const industry = rng.pick(INDUSTRY);
    const prefix = rng.chance(0.75) ? '上海' : '';
    const name = unique(() => `${prefix}${c}${industry}${rng.pick(COMPANY)}`);
    const e = add({
      id: `e-${pad(i + 1, 6)}`,
      type: 'Enterprise',
      name,
      aliases: rng.chance(0.5) ? [`${c}${industry.slice(0, 2)}`] : [],
      description: rng.chance(0.3) ? `${c}${industry}企业,专注于${rng.pick(CHAIN_SEGMENTS)[1]}领域的研发与生产。` : null,
    });
    enterprises.push(e);
    segOf.push(pickSegment());
  }

  // ------------------------------------------------------------ relations
  const relations: RelationRow[] = [];
  const pairs = new Set<string>();
  const ids = new Set<string>();
  const relCount = new Map<RelationType, number>();
  const full = () => relations.length >= M;
  /** Adds a relation unless the same (type, from, to) exists; false when skipped or full. */
  const rel = (
    type: RelationType,
    from: string,
    to: string,
    extra: Partial<Omit<RelationRow, 'kind'>> & { kind?: RelationKind } = {},
  ): boolean => {
    if (full() || from === to) return false;
    const pair = `${type}\u0001${from}\u0001${to}`;
    if (pairs.has(pair)) return false;
    pairs.add(pair);
    let id = relationId({ type, from, to, role: extra.role, kind: extra.kind, topic: extra.topic });
    if (ids.has(id)) id = `${type.toLowerCase()}-bench-${relations.length}`;
    ids.add(id);
    const sources = rng.chance(0.5) ? [{ document: `bench-${pad(relations.length % 997, 3)}.txt`, quote: `${from} ${type} ${to}` }] : [];
    relations.push({ type, from, to, ...extra, id, sources });
    relCount.set(type, (relCount.get(type) ?? 0) + 1);
    return true;
  };
  const date = () => `${2018 + rng.int(8)}-${pad(1 + rng.int(12), 2)}-${pad(1 + rng.int(28), 2)}`;

  // Structure first: every fact the ecosystem cannot lack.
  for (const d of districts) rel('LOCATED_IN', d.id, city.id);
  for (const t of towns) rel('LOCATED_IN', t.id, townDistrict.get(t.id)!.id);
  const townZipf = new Zipf(towns.length, 0.7, rng);
  const townOrder = rng.shuffle([...towns]);
  for (const p of parks) rel('LOCATED_IN', p.id, townOrder[townZipf.sample()].id);
  for (const x of [...hospitals, ...universities, ...governments.slice(districts.length + 1)]) {
    rel('LOCATED_IN', x.id, rng.chance(0.5) ? rng.pick(districts).id : rng.pick(towns).id);
  }
  governments.slice(1, districts.length + 1).forEach((g, i) => rel('LOCATED_IN', g.id, districts[i].id));
  rel('LOCATED_IN', governments[0].id, city.id);
  // Parks with thousands of tenants: Zipf over a shuffled park order.
  const parkZipf = new Zipf(parks.length, 0.9, rng);
  const parkOrder = rng.shuffle([...parks]);
  for (const e of enterprises) rel('LOCATED_IN', e.id, rng.chance(0.6) ? parkOrder[parkZipf.sample()].id : townOrder[townZipf.sample()].id);
  enterprises.forEach((e, i) => {
    rel('IN_SEGMENT', e.id, segments[segOf[i]].id);
    if (rng.chance(0.3)) rel('IN_SEGMENT', e.id, segments[pickSegment()].id);
  });
  const uniZipf = new Zipf(universities.length, 1.0, rng);
  for (const h of hospitals)
    if (rng.chance(0.6)) rel('AFFILIATED_WITH', h.id, universities[uniZipf.sample()].id, { inferred: rng.chance(0.3) });
  for (const g of governments.slice(districts.length + 1)) rel('PART_OF', g.id, rng.pick(governments.slice(0, districts.length + 1)).id);
  // Each event's first organiser hosts it; the ones added later co-host.
  for (const ev of events)
    rel('ORGANISES', rng.chance(0.5) ? rng.pick(governments).id : rng.pick(alliances).id, ev.id, { kind: 'host', date: date() });
  for (const p of parks) if (enterprises.length) rel('OPERATES', rng.pick(enterprises).id, p.id);
  const servesTarget = () =>
    rng.chance(0.7) && enterprises.length ? rng.pick(enterprises) : rng.chance(0.5) ? rng.pick(alliances) : rng.pick(governments);
  for (const p of persons) rel('SERVES_IN', p.id, servesTarget().id, { role: rng.pick(PERSON_ROLES) });
  const structural = relations.length;

  // The rest by weight; hubs come from Zipf over alliances, events and customers.
  const allianceZipf = new Zipf(alliances.length, 0.8, rng);
  const allianceOrder = rng.shuffle([...alliances]);
  const eventZipf = new Zipf(events.length, 0.9, rng);
  const entZipf = new Zipf(Math.max(1, enterprises.length), 0.8, rng);
  const entOrder = rng.shuffle([...enterprises.keys()]);
  const bySegment: number[][] = segments.map(() => []);
  segOf.forEach((s, i) => bySegment[s].push(i));
  const segZipf = bySegment.map((list) => (list.length ? new Zipf(list.length, 0.9, rng) : null));
  const signable = [...parks, ...hospitals, ...universities];
  const memberPool = () =>
    rng.chance(0.85) || !hospitals.length ? rng.pick(enterprises) : rng.chance(0.7) ? rng.pick(hospitals) : rng.pick(universities);
  const free: [RelationType, number, () => boolean][] = [
    [
      'MEMBER_OF',
      0.36,
      () => rel('MEMBER_OF', memberPool().id, allianceOrder[allianceZipf.sample()].id, { role: rng.pick(MEMBER_ROLES), date: date() }),
    ],
    [
      'SUPPLIES',
      0.34,
      () => {
        // A supplier (busy suppliers are Zipf too) sells to a customer in a later segment of the chain.
        const s = rng.chance(0.5) ? rng.int(enterprises.length) : entOrder[entZipf.sample()];
        const later = segments.map((_, i) => i).filter((i) => i > segOf[s] && bySegment[i].length > 0);
        if (later.length === 0) return false;
        const seg = rng.pick(later);
        const c = bySegment[seg][segZipf[seg]!.sample()];
        return rel('SUPPLIES', enterprises[s].id, enterprises[c].id);
      },
    ],
    ['PARTICIPATES_IN', 0.12, () => rel('PARTICIPATES_IN', memberPool().id, events[eventZipf.sample()].id)],
    [
      'SIGNED',
      0.08,
      () =>
        rel('SIGNED', rng.pick(enterprises).id, rng.chance(0.5) ? enterprises[entOrder[entZipf.sample()]].id : rng.pick(signable).id, {
          kind: rng.pick(RELATION_KINDS.SIGNED),
          topic: rng.chance(0.3) ? `${rng.pick(CHAIN_SEGMENTS)[1]}合作` : null,
          date: date(),
        }),
    ],
    ['SERVES_IN', 0.04, () => rel('SERVES_IN', rng.pick(persons).id, servesTarget().id, { role: rng.pick(PERSON_ROLES) })],
    [
      'GUIDES',
      0.03,
      () => rel('GUIDES', rng.pick(governments).id, rng.chance(0.7) ? allianceOrder[allianceZipf.sample()].id : rng.pick(parks).id),
    ],
    [
      'AFFILIATED_WITH',
      0.01,
      () => rel('AFFILIATED_WITH', rng.pick(hospitals).id, universities[uniZipf.sample()].id, { inferred: rng.chance(0.3) }),
    ],
    [
      'ORGANISES',
      0.01,
      () =>
        rel('ORGANISES', rng.chance(0.5) ? rng.pick(governments).id : rng.pick(alliances).id, rng.pick(events).id, {
          kind: 'co_host',
          date: date(),
        }),
    ],
    ['OPERATES', 0.01, () => rel('OPERATES', rng.pick(enterprises).id, rng.pick(parks).id)],
  ];
  const remaining = Math.max(0, M - structural);
  const totalW = free.reduce((s, [, w]) => s + w, 0);
  // Each type gets its share; whatever a type cannot place (duplicates) falls to MEMBER_OF / SUPPLIES.
  for (const [, w, make] of free) {
    const quota = Math.floor((remaining * w) / totalW);
    const target = relations.length + quota;
    let misses = 0;
    while (relations.length < Math.min(target, M) && misses < Math.max(10_000, quota)) if (!make()) misses++;
  }
  let misses = 0;
  while (!full() && misses < 1_000_000) if (!free[misses % 2][2]()) misses++;
  if (!full() && enterprises.length > 1) throw new Error(`could not place ${M} distinct relations (placed ${relations.length})`);

  // Degrees → hubs.
  const degree = new Map<string, number>();
  for (const r of relations) {
    degree.set(r.from, (degree.get(r.from) ?? 0) + 1);
    degree.set(r.to, (degree.get(r.to) ?? 0) + 1);
  }
  const byId = new Map(entities.map((e) => [e.id, e]));
  const hubs = [...degree.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 30)
    .map(([id, d]) => ({ id, type: byId.get(id)!.type, name: byId.get(id)!.name, degree: d }));

  return {
    data: { entities, relations },
    meta: {
      seed,
      entitiesByType: Object.fromEntries([...byType.entries()].map(([t, l]) => [t, l.length])),
      relationsByType: Object.fromEntries([...relCount.entries()].sort((a, b) => b[1] - a[1])),
      hubs,
      searchKeys: { computed: keysComputed, ms: Math.round(keyMs) },
      ms: Math.round(performance.now() - t0),
    },
  };
}

/** A sample of search texts: Chinese substrings, traditional forms, full pinyin, initials and misses. */
export function searchSamples(data: GraphData, n: number, seed = 7): { text: string; kind: string }[] {
  const rng = new Rng(seed);
  const ents = data.entities.filter((e) => e.type === 'Enterprise');
  const others = data.entities.filter((e) => e.type !== 'Enterprise');
  const pool = ents.length ? ents : data.entities;
  const out: { text: string; kind: string }[] = [];
  const coreOf = (name: string) => name.replace(/^上海/, '').slice(0, 3);
  while (out.length < n) {
    const e = rng.pick(pool);
    const r = rng.next();
    if (r < 0.3) {
      const len = 2 + rng.int(3);
      const start = rng.int(Math.max(1, e.name.length - len));
      out.push({ text: e.name.slice(start, start + len), kind: 'zh substring' });
    } else if (r < 0.4) {
      out.push({ text: coreOf(e.name), kind: 'zh short name' });
    } else if (r < 0.55) {
      out.push({ text: pinyinKeys(coreOf(e.name))?.full ?? coreOf(e.name), kind: 'pinyin' });
    } else if (r < 0.7) {
      const initials = pinyinKeys(e.name)?.initials ?? 'sh';
      out.push({ text: rng.chance(0.5) ? initials : initials.slice(0, 3 + rng.int(3)), kind: 'initials' });
    } else if (r < 0.8) {
      const key = e.search.split('|').filter(Boolean);
      const trad = key.find((k) => k !== key[0] && /[\u3400-\u9fff]/.test(k)) ?? key[0];
      out.push({ text: trad.slice(2, 5), kind: 'traditional' });
    } else if (r < 0.93) {
      const o = rng.pick(others.length ? others : pool);
      out.push({ text: o.name.slice(0, 2 + rng.int(3)), kind: 'zh other type' });
    } else {
      out.push({ text: rng.pick(['不存在的公司名称', 'zzqxj', '量子引力', 'xyzxyz', '火星殖民']), kind: 'miss' });
    }
  }
  return out;
}

/** --entities / --relations / --seed, shared by generate.ts and bench.ts. */
export function sizeArgs(argv: string[]): GenerateOptions {
  const { values } = parseArgs({
    args: argv,
    options: { entities: { type: 'string' }, relations: { type: 'string' }, seed: { type: 'string' } },
    strict: false,
  });
  const num = (v: unknown, fallback: number, name: string) => {
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, got "${String(v)}"`);
    return n;
  };
  return {
    entities: num(values.entities, 100_000, 'entities'),
    relations: num(values.relations, 1_000_000, 'relations'),
    seed: num(values.seed, 42, 'seed'),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const g = generate(sizeArgs(process.argv.slice(2)));
  console.log(JSON.stringify({ ...g.meta, hubs: g.meta.hubs.slice(0, 10) }, null, 2));
  for (const s of searchSamples(g.data, 12)) console.log(s.kind.padEnd(14), s.text);
}
