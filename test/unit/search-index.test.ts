/**
 * The search index's ranking: exact name, exact alias, name prefix, alias prefix, pinyin or initials,
 * pinyin prefix, inside the name, inside another form; homophones and one-typo suggestions last;
 * ties by name length, then Chinese collation; the type filter and the limit; edits seen at once.
 */
import { describe, expect, it } from 'vitest';
import type { EntityType } from '../../server/domain/model.js';
import { oneEditApart, SearchIndex, type SearchRecord } from '../../server/domain/search-index.js';
import { buildSearchKey, searchForm } from '../../server/domain/text.js';

function record(
  id: string,
  name: string,
  aliases: string[] = [],
  type: EntityType = 'Enterprise',
  nameEn: string | null = null,
): SearchRecord {
  return { id, type, name, aliases, nameEn, search: buildSearchKey(name, aliases, nameEn) };
}

const records = [
  record('sld', '上海思路迪生物医学科技有限公司', ['思路迪', '思路迪医学']),
  record('sld-hk', '思路迪(香港)有限公司'),
  record('nsq', '上海诺斯清生物科技有限公司', ['诺斯清']),
  record('sh', '上海市', [], 'Region', 'Shanghai'),
  record('mh', '闵行区', [], 'Region', 'Minhang District'),
  record('sjtu', '上海交通大学', ['交大'], 'University'),
  record('renji', '上海交通大学医学院附属仁济医院', ['仁济医院'], 'Hospital', 'Renji Hospital'),
  record('bank', '上海银行', [], 'Enterprise'),
  record('lu', '路迪生物', [], 'Enterprise'),
];
const index = () => new SearchIndex(records);
const hits = (text: string, opts: { limit?: number; types?: EntityType[] } = {}) =>
  index().search(searchForm(text), { limit: opts.limit ?? 20, types: opts.types ?? null });

describe('search index ranking', () => {
  it.each([
    ['exact name', '上海诺斯清生物科技有限公司', 'nsq', 0],
    ['exact alias', '思路迪', 'sld', 1],
    ['name prefix', '思路迪(香', 'sld-hk', 2],
    ['alias prefix', '思路迪医', 'sld', 3],
    ['full pinyin', 'siludi', 'sld', 4],
    ['initials', 'sld', 'sld', 4],
    ['pinyin prefix', 'shanghaiyin', 'bank', 5],
    ['initials prefix', 'shy', 'bank', 5],
    ['inside the name', '诺斯清生物', 'nsq', 6],
    ['inside the English name', 'renjihosp', 'renji', 7],
    ['traditional characters', '諾斯清', 'nsq', 1],
    ['traditional characters inside the name', '閔行', 'mh', 2],
    ['a word read by its context (银行 yinhang)', 'shanghaiyinhang', 'bank', 4],
    ['a homophone', '思路笛', 'sld', 8],
    ['one typo', '诺斯请', 'nsq', 8],
    ['one typo, not a homophone', '诺斯清啊', 'nsq', 9],
  ])('%s: %s → %s at rank %i', (_, text, id, rank) => {
    expect(hits(text).find((h) => h.id === id)?.rank).toBe(rank);
  });

  it('puts exact before prefix before inside, and ties shorter name first', () => {
    expect(hits('思路迪').map((h) => h.id)).toEqual(['sld', 'sld-hk']);
    expect(hits('路迪').map((h) => [h.id, h.rank])).toEqual([
      ['lu', 2],
      ['sld-hk', 6],
      ['sld', 6],
    ]);
    expect(hits('上海').map((h) => [h.id, h.rank])).toEqual([
      ['sh', 2],
      ['bank', 2],
      ['sjtu', 2],
      ['nsq', 2],
      // Both 15 characters: 交 (jiao) sorts before 思 (si).
      ['renji', 2],
      ['sld', 2],
    ]);
  });

  it('ranks suggestions after every match of the text as typed', () => {
    const ranks = hits('思路笛').map((h) => h.rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(hits('思路迪').some((h) => h.rank >= 8)).toBe(false);
  });

  it('filters by type and stops at the limit', () => {
    expect(hits('上海交通大学', { types: ['Hospital'] }).map((h) => h.id)).toEqual(['renji']);
    expect(hits('上海', { limit: 2 }).map((h) => h.id)).toEqual(['sh', 'bank']);
    expect(hits('上海', { types: ['Region', 'University'] }).map((h) => h.id)).toEqual(['sh', 'sjtu']);
  });

  it('finds nothing for a miss, and no suggestion for one character', () => {
    expect(hits('火星殖民')).toEqual([]);
    expect(hits('zzqxj')).toEqual([]);
    expect(hits('笛')).toEqual([]);
  });
});

describe('search index edits', () => {
  it('finds a created, renamed or re-aliased entity at once and forgets a retracted one', () => {
    const idx = index();
    const q = (text: string) => idx.search(searchForm(text), { limit: 5, types: null }).map((h) => h.id);
    idx.add(record('new', '上海澜屿生物科技有限公司'));
    expect(q('澜屿')).toEqual(['new']);
    expect(idx.size).toBe(records.length + 1);

    idx.add(record('new', '上海澜屿医药科技有限公司', ['澜屿医药']));
    expect(q('澜屿生物')).toEqual([]);
    expect(q('澜屿医药')).toEqual(['new']);
    expect(q('lanyu')).toEqual(['new']);
    expect(idx.size).toBe(records.length + 1);

    idx.add(record('nsq', '上海诺斯清生物科技有限公司', ['诺斯清', '清鼻']));
    expect(q('清鼻')).toEqual(['nsq']);

    idx.remove('new');
    expect(q('澜屿')).toEqual([]);
    expect(idx.size).toBe(records.length);
  });

  it('answers after additions as a fresh build of the same entities does, whatever order they came in', () => {
    // Substring ranks walk the bigram postings in tie order and stop once the answer is full; entities
    // added since the build are merged in at their places. Shared pieces (生物, 科技, 上海) make long
    // buckets; small limits make the walk stop early.
    const pieces = ['上海', '生物', '科技', '医药', '澜屿', '思路', '诺斯', '细胞', '基因', '仁济'];
    // Names are distinct: two entities of one name tie in the order they came.
    const name = (i: number) => `${pieces[i % 10]}${pieces[(i * 7 + 3) % 10]}${'甲乙丙丁戊己庚辛'.slice(0, (i * 5) % 8)}${i}有限公司`;
    const all = Array.from({ length: 120 }, (_, i) => record(`e${i}`, name(i), i % 4 === 0 ? [pieces[(i * 3) % 10] + '团队'] : []));
    const shuffled = [...all].sort((a, b) => ((Number(a.id.slice(1)) * 37) % 120) - ((Number(b.id.slice(1)) * 37) % 120));
    const grown = new SearchIndex(shuffled.slice(0, 80));
    for (const r of shuffled.slice(80)) grown.add(r);
    grown.add(record('e5', '上海生物重命名有限公司'));
    grown.remove('e9');
    const fresh = new SearchIndex([...all.filter((r) => r.id !== 'e5' && r.id !== 'e9'), record('e5', '上海生物重命名有限公司')]);
    for (const text of ['生物', '科技有限', '物科', '海生', '团队', '有限公司', '公', 'shengwu', '细胞基因', '诺斯思路']) {
      for (const limit of [1, 3, 7, 40, 200]) {
        const q = searchForm(text);
        expect(grown.search(q, { limit, types: null }), `${text} limit ${limit}`).toEqual(fresh.search(q, { limit, types: null }));
      }
    }
  });
});

describe('oneEditApart', () => {
  it.each([
    ['siludi', 'siludi', true],
    ['siludi', 'siluda', true],
    ['siludi', 'siludii', true],
    ['siludi', 'sludi', true],
    ['siludi', 'sluda', false],
    ['思路迪', '思路笛', true],
    ['思路迪', '思迪', true],
    ['思路迪', '路思迪', false],
    ['ab', 'ba', false],
  ])('%s ~ %s: %s', (a, b, near) => {
    expect(oneEditApart(a, b)).toBe(near);
    expect(oneEditApart(b, a)).toBe(near);
  });
});
