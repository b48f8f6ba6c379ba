/**
 * Entity resolution on the real seed: the short names, party-branch forms, traditional spellings,
 * English names and homophones that the source articles actually use, and the near misses that
 * must stay below a confident match.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSeedFacts, toGraphData } from '../../seed/load.js';
import { NameIndex, normaliseOrgName, type NameRecord } from '../../server/domain/curation/resolution.js';
import { CONFIDENT_MATCH, type MatchReason, type NameMatch } from '../../server/domain/curation/types.js';
import type { EntityType } from '../../server/domain/model.js';

const SEED = path.resolve(import.meta.dirname, '../../seed');
const records: NameRecord[] = toGraphData(readSeedFacts(SEED)).entities.map((e) => ({
  id: e.id,
  type: e.type,
  name: e.name,
  aliases: e.aliases,
  nameEn: e.nameEn,
}));
const index = new NameIndex(records);

interface Case {
  input: string;
  type?: EntityType;
  id: string;
  reason: MatchReason;
  confident: boolean;
}

describe('NameIndex.resolve on the seed', () => {
  const cases: Case[] = [
    // 之江生物 is the short name of another company (上海之江生物科技股份有限公司, kept apart: see seed/README.md).
    { input: '之江生物', id: 'zj-biotech', reason: 'ALIAS', confident: true },
    // Not an alias: contained in the normal form 之江生物医药科技, so only proposed.
    { input: '之江生物医药', id: 'zhijiang-bio', reason: 'SHORT_NAME', confident: false },
    { input: '上海之江生物医药科技有限公司党支部', id: 'zhijiang-bio', reason: 'ALIAS', confident: true },
    // A party-branch form the seed does not list, and the full-width, spaced spelling of the name.
    { input: '上海之江生物医药科技有限公司联合党支部', id: 'zhijiang-bio', reason: 'NORMALISED', confident: true },
    { input: '上海之江生物医药科技 有限公司', id: 'zhijiang-bio', reason: 'NORMALISED', confident: true },
    // 3M is the seed's English name of 明尼苏达矿业 (the text uses only the Chinese short name).
    { input: '3M', id: 'minnesota-mining', reason: 'ENGLISH', confident: true },
    { input: '３ｍ', id: 'minnesota-mining', reason: 'ENGLISH', confident: true },
    { input: '明尼苏达矿业', id: 'minnesota-mining', reason: 'EXACT_NAME', confident: true },
    { input: 'lepu biopharma', id: 'lepu-biopharma', reason: 'ENGLISH', confident: true },
    // 上海市 vs 上海 at the start of an association's name.
    { input: '上海市医疗器械行业协会', id: 'sh-medical-device-association', reason: 'NORMALISED', confident: true },
    { input: '上海市医疗器械行业协会党支部', id: 'sh-medical-device-association', reason: 'NORMALISED', confident: true },
    // Traditional spellings, as in docs 000 and 003.
    { input: '上海諾斯清生物科技有限公司', id: 'nuosiqing', reason: 'TRADITIONAL', confident: true },
    { input: '諾斯清', id: 'nuosiqing', reason: 'TRADITIONAL', confident: true },
    // A homophone typo is worth a look, never more.
    { input: '思路笛', id: 'siludi', reason: 'PINYIN', confident: false },
    // (上海) and (中国) inserts.
    { input: '柯惠医疗器材制造有限公司', id: 'covidien-shanghai-manufacturing', reason: 'NORMALISED', confident: true },
    { input: '至本医疗科技（上海）有限公司', id: 'origimed', reason: 'NORMALISED', confident: true },
    // The same name, typed for another type: proposed, not confident.
    { input: '上海交通大学', type: 'Hospital', id: 'sjtu', reason: 'EXACT_NAME', confident: false },
  ];

  it.each(cases)('$input → $id ($reason)', ({ input, type, id, reason, confident }) => {
    const [top] = index.resolve({ name: input, type });
    expect(top).toMatchObject({ id, reason });
    expect(top.score >= CONFIDENT_MATCH).toBe(confident);
  });

  it('finds the Lingang park in Pujiang under either of its names (one park since the seed review)', () => {
    expect(index.resolve({ name: '上海临港浦江高科技园党委', type: 'Park' })[0]).toMatchObject({
      id: 'lingang-pujiang-science-city',
      reason: 'ALIAS',
    });
    expect(index.resolve({ name: '临港浦江国际科技城', type: 'Park' })[0]).toMatchObject({ id: 'lingang-pujiang-science-city' });
  });

  it('matches by credit code whatever the name', () => {
    const withCode = new NameIndex(records.map((r) => (r.id === 'nuosiqing' ? { ...r, creditCode: '91310112MA1GBXXX1Q' } : r)));
    const [top] = withCode.resolve({ name: '诺斯清生物', creditCode: ' 91310112ma1gbxxx1q ' });
    expect(top).toMatchObject({ id: 'nuosiqing', reason: 'CREDIT_CODE', score: 1 });
    expect(withCode.resolve({ name: '完全不同的名字', creditCode: '91310112MA1GBXXX1Q' })[0]?.id).toBe('nuosiqing');
  });

  it.each([
    // A new company: nothing confident, however many SHORT_NAME proposals its generic words raise.
    '上海云帆基因治疗科技有限公司',
    '上海生物医药科技有限公司',
    // Shares the 2-character 字号 之江 with 之江生物 but is another firm.
    '上海之江物流有限公司',
    // Shares 思路 with 思路迪, different pinyin.
    '上海思路达科技有限公司',
  ])('%s gets no confident match', (name) => {
    const matches = index.resolve({ name, type: 'Enterprise' });
    expect(matches.filter((m) => m.score >= CONFIDENT_MATCH)).toEqual([]);
  });

  it('keeps two firms of one brand apart (柯惠(中国)医疗器材技术 vs 柯惠医疗器材制造(上海))', () => {
    const matches = index.resolve({ name: '柯惠(中国)医疗器材技术有限公司', type: 'Enterprise', excludeId: 'covidien-china' });
    const other = matches.find((m) => m.id === 'covidien-shanghai-manufacturing');
    expect(other?.reason).toBe('SHORT_NAME');
    expect(other!.score).toBeLessThan(CONFIDENT_MATCH);
  });

  it('does not strip the party suffix of a territorial body: 浦江镇党委 is not 浦江镇', () => {
    expect(normaliseOrgName('浦江镇党委')).toBe('浦江镇党委');
    const matches = index.resolve({ name: '浦江镇党委', type: 'Region' });
    expect(matches[0]).toMatchObject({ id: 'pujiang-party-committee', reason: 'ALIAS' });
    expect(matches[0].score).toBeLessThan(CONFIDENT_MATCH);
    expect(matches.find((m) => m.id === 'pujiang-town')?.reason).toBe('SHORT_NAME');
  });

  it('returns one match per entity, best first, without the entity being edited', () => {
    const matches = index.resolve({ name: '上海之江生物医药科技有限公司', excludeId: 'zhijiang-bio' }, 10);
    expect(matches.map((m) => m.id)).not.toContain('zhijiang-bio');
    const all = index.resolve({ name: '闵行区产业集群党建联盟' }, 10);
    expect(new Set(all.map((m) => m.id)).size).toBe(all.length);
    expect(all.map((m) => m.score)).toEqual([...all.map((m) => m.score)].sort((a, b) => b - a));
    expect(all[0]).toMatchObject({ id: 'minhang-cluster-party-alliance', reason: 'EXACT_NAME', score: 1 });
  });

  it('holds no two seed entities it would call the same (no confident duplicate)', () => {
    const duplicates = records.flatMap((r) =>
      [r.name, ...r.aliases].flatMap((name) =>
        index
          .resolve({ name, type: r.type, excludeId: r.id })
          .filter((m) => m.score >= CONFIDENT_MATCH)
          .map((m) => `${r.id} (${name}) ~ ${m.id} (${m.matched})`),
      ),
    );
    expect(duplicates).toEqual([]);
  });
});

describe('normaliseOrgName', () => {
  it.each([
    ['上海之江生物医药科技有限公司党支部', '之江生物医药科技'],
    ['上海市医疗器械行业协会', '医疗器械行业协会'],
    ['上海医疗器械行业协会', '医疗器械行业协会'],
    ['柯惠(中国)医疗器材技术有限公司党总支', '柯惠医疗器材技术'],
    ['三优生物医药（上海）有限公司', '三优生物医药'],
    ['翌圣生物科技上海有限公司', '翌圣生物科技'],
    ['華測檢測認證集團股份有限公司', '华测检测认证'],
    ['上海 临港浦江 高科技园', '临港浦江高科技园'],
    ['ＡＢＣ生物', 'abc生物'],
    // Names, not prefixes: too little would remain, or 市 belongs to the next word.
    ['上海大学', '上海大学'],
    ['上海市', '上海'],
    ['上海市委组织部', '市委组织部'],
  ])('%s → %s', (name, norm) => {
    expect(normaliseOrgName(name)).toBe(norm);
  });
});

describe('NameIndex upkeep', () => {
  it('follows adds, renames (add again) and removals', () => {
    const idx = new NameIndex([{ id: 'a', type: 'Enterprise', name: '上海甲乙生物科技有限公司', aliases: ['甲乙生物'] }]);
    expect(idx.resolve({ name: '甲乙生物' })[0]?.id).toBe('a');
    idx.add({ id: 'a', type: 'Enterprise', name: '上海丙丁医药有限公司', aliases: [] });
    expect(idx.size).toBe(1);
    expect(idx.resolve({ name: '甲乙生物' })).toEqual([]);
    expect(idx.resolve({ name: '丙丁医药' })[0]).toMatchObject({ id: 'a', reason: 'NORMALISED' });
    expect(idx.remove('a')).toBe(true);
    expect(idx.remove('a')).toBe(false);
    expect(idx.resolve({ name: '上海丙丁医药有限公司' })).toEqual([]);
  });
});

describe('NameIndex at 20k records', () => {
  const POOL =
    '安邦宝博长诚创达德鼎东方飞丰福富光广国海瀚浩和恒弘宏华汇佳嘉建健杰金锦景九君凯康坤蓝乐力联灵龙隆铭明南鹏普奇启千瑞润森晟盛世思泰腾天通同万威伟文翔欣新信星兴旭亚扬耀亿益英永优宇元远源悦云泽正志卓紫';
  const INDUSTRIES = ['生物科技', '医药科技', '生物医药', '医疗器械', '医疗科技', '生物技术', '制药', '基因科技', '细胞科技', '诊断技术'];
  // mulberry32: a seeded generator whose low bits do not cycle (unlike a plain LCG's).
  let state = 7;
  const next = (n: number) => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
  const brands = new Set<string>();
  const generated: NameRecord[] = Array.from({ length: 20_000 }, (_, i) => {
    let brand = '';
    while (brand.length < 4 || brands.has(brand)) brand = brand.length < 4 ? brand + POOL[next(POOL.length)] : '';
    brands.add(brand);
    const industry = INDUSTRIES[next(INDUSTRIES.length)];
    const name = `上海${brand}${industry}有限公司`;
    return { id: `gen-${i}`, type: 'Enterprise', name, aliases: [`${brand}${industry.slice(0, 2)}`, `${name}党支部`] };
  });

  it('finds the right record by name, alias, normal form and short name', () => {
    const big = new NameIndex(generated);
    expect(big.size).toBe(20_000);
    for (const target of generated.filter((_, i) => i % 997 === 0)) {
      const brand = target.aliases[0].slice(0, 4);
      const tries: [string, MatchReason][] = [
        [target.name, 'EXACT_NAME'],
        [target.aliases[0], 'ALIAS'],
        [target.name.replace('上海', '上海市').replace('有限公司', '股份有限公司'), 'NORMALISED'],
        [brand, 'SHORT_NAME'],
      ];
      for (const [name, reason] of tries) expect(big.resolve({ name, type: 'Enterprise' })[0]).toMatchObject({ id: target.id, reason });
    }
  });

  it('answers after edits as an index built from the edited records does (lists built once, edits beside them)', () => {
    const edited = new NameIndex(generated);
    const records = new Map(generated.map((r) => [r.id, r]));
    for (let i = 0; i < 1500; i++) {
      const r = generated[(i * 7919) % generated.length];
      if (i % 4 === 0) {
        edited.remove(r.id);
        records.delete(r.id);
        continue;
      }
      const changed: NameRecord = {
        ...r,
        name: i % 3 ? `${r.name.slice(0, -4)}集团有限公司` : r.name.slice(2),
        aliases: [r.aliases[0], `${r.aliases[0]}医院`],
      };
      edited.add(changed);
      records.set(r.id, changed);
    }
    expect(edited.stale()).toBe(false);
    const fresh = new NameIndex(records.values());
    expect(edited.size).toBe(fresh.size);
    const queries = generated
      .filter((_, i) => i % 211 === 0)
      .flatMap((r) => {
        const now = records.get(r.id);
        return [r.name, r.aliases[0], r.aliases[0].slice(0, 4), ...(now ? [now.name, now.aliases[1], now.name.slice(0, 8)] : [])];
      });
    // A full answer may cut ties at its last score differently; everything above it must be the same.
    const above = (ms: NameMatch[]) =>
      ms.filter((m) => ms.length < 10 || m.score > ms[ms.length - 1].score).map((m) => `${m.id} ${m.reason} ${m.score}`);
    let compared = 0;
    for (const name of queries) {
      const a = edited.resolve({ name, type: 'Enterprise' }, 10);
      const b = fresh.resolve({ name, type: 'Enterprise' }, 10);
      expect(a.length).toBe(b.length);
      expect(above(a)).toEqual(above(b));
      compared += above(a).length;
    }
    expect(compared).toBeGreaterThan(100);
    // Removed and replaced names are gone; the new ones found.
    const gone = generated[0];
    expect(edited.resolve({ name: gone.name }).some((m) => m.id === gone.id)).toBe(false);
    const renamed = records.get(generated[7919 % generated.length].id)!;
    expect(edited.resolve({ name: renamed.name })[0]).toMatchObject({ id: renamed.id, reason: 'EXACT_NAME' });
  });

  it('says it is stale once edits outgrow the lists beside the sorted ones', () => {
    const idx = new NameIndex(generated.slice(0, 5000));
    for (const r of generated.slice(5000, 7000)) idx.add(r);
    expect(idx.stale()).toBe(false);
    for (const r of generated.slice(7000, 7100)) idx.add(r);
    expect(idx.stale()).toBe(true);
  });
});

describe('NameIndex.resolve keeps organisations and chain segments apart', () => {
  it('does not offer the segment 医疗器械 for a company named after it, unless a segment is asked for', () => {
    const index = new NameIndex([
      { id: 'seg-md', type: 'ChainSegment', name: '医疗器械', aliases: [] },
      { id: 'co', type: 'Enterprise', name: '上海某某医疗器械有限公司', aliases: [] },
    ]);
    expect(index.resolve({ name: '上海新星医疗器械有限公司', type: 'Enterprise' }).map((m) => m.id)).not.toContain('seg-md');
    expect(index.resolve({ name: '医疗器械', type: 'ChainSegment' })[0]).toMatchObject({ id: 'seg-md', reason: 'EXACT_NAME' });
  });
});
