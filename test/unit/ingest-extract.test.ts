import { describe, expect, it } from 'vitest';
import type { NameRecord } from '../../server/domain/curation/resolution.js';
import { extract } from '../../server/ingest/extract.js';
import { Gazetteer } from '../../server/ingest/gazetteer.js';
import type { Proposals, RelationProposal } from '../../server/ingest/types.js';

const rec = (id: string, type: NameRecord['type'], name: string, aliases: string[] = []): NameRecord => ({ id, type, name, aliases });

/** The proposals as readable lines: `TYPE from → to (role) [kind]`, entity names for keys. */
function facts(p: Proposals, type?: RelationProposal['type']): string[] {
  const name = new Map(p.entities.map((e) => [e.key, e.name]));
  return p.relations
    .filter((r) => !type || r.type === type)
    .map((r) => `${r.type} ${name.get(r.from)} → ${name.get(r.to)}${r.role ? ` (${r.role})` : ''}${r.kind ? ` [${r.kind}]` : ''}`);
}

const entity = (p: Proposals, name: string) => p.entities.find((e) => e.name === name);

describe('membership lists', () => {
  // Seed document 002: the list has no separators, one party organisation after another.
  const text = [
    '上海南部科创中心大浦江生物医药产业链党建联盟成员单位如下',
    '召集单位:浦江镇党委浦锦街道党工委上海思路迪生物医学科技有限公司党委成员单位:龙吴海关机关党委上海交通大学医学院附属仁济医院党委浦江智谷园区党支部华夏源细胞工程集团股份有限公司党支部华测检测认证集团股份有限公司党总支',
  ].join('\n');
  const p = extract({ text }, []);

  it('reads one member per party suffix, the organisation itself for a company’s or hospital’s party branch', () => {
    expect(p.entities.map((e) => `${e.type} ${e.name}`)).toEqual(
      expect.arrayContaining([
        'Alliance 上海南部科创中心大浦江生物医药产业链党建联盟',
        'Government 浦江镇党委',
        'Government 浦锦街道党工委',
        'Enterprise 上海思路迪生物医学科技有限公司',
        'Government 龙吴海关',
        'Hospital 上海交通大学医学院附属仁济医院',
        'Park 浦江智谷园区',
        'Enterprise 华夏源细胞工程集团股份有限公司',
        'Enterprise 华测检测认证集团股份有限公司',
      ]),
    );
    expect(entity(p, '上海思路迪生物医学科技有限公司')?.aliases).toContain('上海思路迪生物医学科技有限公司党委');
    expect(p.entities.every((e) => e.match === null)).toBe(true);
  });

  it('makes each a member of the alliance named before the list, with the label as role', () => {
    const members = facts(p, 'MEMBER_OF');
    expect(members).toEqual(
      expect.arrayContaining([
        'MEMBER_OF 浦江镇党委 → 上海南部科创中心大浦江生物医药产业链党建联盟 (召集单位)',
        'MEMBER_OF 上海思路迪生物医学科技有限公司 → 上海南部科创中心大浦江生物医药产业链党建联盟 (召集单位)',
        'MEMBER_OF 龙吴海关 → 上海南部科创中心大浦江生物医药产业链党建联盟 (成员单位)',
        'MEMBER_OF 华测检测认证集团股份有限公司 → 上海南部科创中心大浦江生物医药产业链党建联盟 (成员单位)',
      ]),
    );
    expect(members).toHaveLength(8);
  });

  it('reads the hospital’s university from its name', () => {
    expect(facts(p)).toEqual(
      expect.arrayContaining([
        'AFFILIATED_WITH 上海交通大学医学院附属仁济医院 → 上海交通大学医学院',
        'PART_OF 上海交通大学医学院 → 上海交通大学',
      ]),
    );
  });

  it('quotes a verbatim stretch of the list for each member', () => {
    for (const r of p.relations) expect(p.text).toContain(r.quote);
  });
});

describe('signing', () => {
  it('reads the first-named party and each counterparty, one relation per kind of document (004)', () => {
    const text =
      '会上,东华大学生物与医学工程学院党委与松江经开区党工委、松江区生物医药产业集群党委签署深化党建引领产业对接备忘录及党建共建协议。';
    const p = extract({ text }, []);
    expect(facts(p, 'SIGNED').sort()).toEqual([
      'SIGNED 东华大学生物与医学工程学院 → 松江区生物医药产业集群党委 [co_building]',
      'SIGNED 东华大学生物与医学工程学院 → 松江区生物医药产业集群党委 [memorandum]',
      'SIGNED 东华大学生物与医学工程学院 → 松江经开区党工委 [co_building]',
      'SIGNED 东华大学生物与医学工程学院 → 松江经开区党工委 [memorandum]',
    ]);
    expect(p.relations.find((r) => r.type === 'SIGNED')?.quote).toBe(text);
    expect(facts(p)).toContain('PART_OF 东华大学生物与医学工程学院 → 东华大学');
  });

  it('reads an investment-intent signing stated at the end of the sentence (002)', () => {
    const text =
      '签约活动现场,浦江镇人民政府、临港浦江国际科技城、浦江智谷,与北京博宁洛克生物科技有限公司等6家企业进行了产业投资意向签约。';
    const signed = facts(extract({ text }, []), 'SIGNED');
    expect(signed.sort()).toEqual([
      'SIGNED 临港浦江国际科技城 → 北京博宁洛克生物科技有限公司 [investment_intent]',
      'SIGNED 浦江智谷 → 北京博宁洛克生物科技有限公司 [investment_intent]',
      'SIGNED 浦江镇人民政府 → 北京博宁洛克生物科技有限公司 [investment_intent]',
    ]);
  });
});

describe('people by title', () => {
  // Seed document 000: 区委 / 区工商联 / 镇人大 / 镇商会 are read in full from the places named before.
  const text = [
    '8月2日下午,闵行区浦江镇商会智谷园区分会成立仪式在商会副会长单位浦江智谷顺利举行。',
    '区委常委、统战部部长吴继华,区委统战部副部长、区工商联党组书记马佩华,浦江镇党委书记陶兴炜,镇人大主席马伟琴及镇相关班子负责同志,镇商会会长王爱兴出席活动。',
    '马佩华、陶兴炜为议事会代表和召集人发放聘书',
  ].join('\n');
  const p = extract({ text }, []);

  it('reads each title in the body it names, combined titles split', () => {
    expect(facts(p, 'SERVES_IN').sort()).toEqual(
      [
        'SERVES_IN 吴继华 → 闵行区委 (区委常委)',
        'SERVES_IN 吴继华 → 闵行区委统战部 (部长)',
        'SERVES_IN 王爱兴 → 闵行区浦江镇商会 (会长)',
        'SERVES_IN 陶兴炜 → 浦江镇党委 (党委书记)',
        'SERVES_IN 马佩华 → 闵行区委统战部 (副部长)',
        'SERVES_IN 马佩华 → 闵行区工商联 (党组书记)',
        'SERVES_IN 马伟琴 → 浦江镇人大 (人大主席)',
      ].sort(),
    );
  });

  it('finds the bare names again and the event they attended', () => {
    expect(entity(p, '马佩华')?.spans).toHaveLength(2);
    expect(facts(p, 'PARTICIPATES_IN')).toEqual(
      expect.arrayContaining([
        'PARTICIPATES_IN 王爱兴 → 闵行区浦江镇商会智谷园区分会成立仪式',
        'PARTICIPATES_IN 吴继华 → 闵行区浦江镇商会智谷园区分会成立仪式',
      ]),
    );
    expect(facts(p)).toEqual(
      expect.arrayContaining([
        'LOCATED_IN 闵行区浦江镇商会智谷园区分会成立仪式 → 浦江智谷',
        'MEMBER_OF 浦江智谷 → 闵行区浦江镇商会 (副会长单位)',
        'LOCATED_IN 闵行区浦江镇商会 → 浦江镇',
        'LOCATED_IN 浦江镇 → 闵行区',
      ]),
    );
  });

  it('reads 张三(董事长)-less speaker lines under a quote (002)', () => {
    const q = extract({ text: '我们认为那是必须的。\n——上海鹏晨智谷科技发展有限公司总经理 甘占勇' }, []);
    expect(facts(q, 'SERVES_IN')).toEqual(['SERVES_IN 甘占勇 → 上海鹏晨智谷科技发展有限公司 (总经理)']);
  });
});

describe('the graph’s names (Aho-Corasick)', () => {
  const records = [
    rec('pujiang-town', 'Region', '浦江镇', ['浦江']),
    rec('pujiang-chamber', 'Alliance', '闵行区浦江镇商会', ['浦江镇商会']),
    rec('siludi', 'Enterprise', '上海思路迪生物医学科技有限公司', ['思路迪']),
  ];

  it('finds every name and alias, overlapping ones included', () => {
    const hits = new Gazetteer(records).find('闵行区浦江镇商会会长');
    expect(hits.map((h) => h.text)).toEqual(['闵行区浦江镇商会', '浦江镇商会', '浦江镇', '浦江']);
  });

  it('prefers the longest match and resolves it to its entity', () => {
    const p = extract({ text: '闵行区浦江镇商会会长王爱兴出席。' }, records);
    const chamber = p.entities.find((e) => e.match?.id === 'pujiang-chamber');
    expect(chamber?.spans).toEqual([{ start: 0, end: 8 }]);
    expect(chamber?.match).toMatchObject({ score: 1, reason: 'EXACT_NAME' });
    expect(p.entities.filter((e) => e.match?.id === 'pujiang-chamber')).toHaveLength(1);
  });

  it('does not match a known short name inside a longer new name', () => {
    const p = extract({ text: '上海浦江智谷科技发展有限公司落户浦江镇。' }, records);
    const town = p.entities.find((e) => e.match?.id === 'pujiang-town');
    expect(town?.spans).toEqual([{ start: 16, end: 19 }]);
    expect(entity(p, '上海浦江智谷科技发展有限公司')?.match).toBeNull();
  });

  it('links a short name of the text to the entity it aliases, with score and reason', () => {
    const p = extract({ text: '以之江生物、思路迪为代表的优秀企业积极为社会提供物资保障。' }, records);
    expect(entity(p, '思路迪')?.match).toMatchObject({ id: 'siludi', score: 0.97, reason: 'ALIAS' });
    expect(entity(p, '之江生物')).toMatchObject({ type: 'Enterprise', match: null });
  });
});

describe('an article none of the rules were written from (Zhangjiang)', () => {
  const text = [
    '张江生物医药产业发展大会举行 12家企业签约落户',
    '6月15日,2023张江生物医药产业发展大会在上海张江科学会堂举行。浦东新区区委书记朱芝松出席并致辞,副区长杨朝主持会议。',
    '大会上,张江集团与上海交通大学医学院签署战略合作协议。上海君实生物医药科技股份有限公司、和铂医药(上海)有限责任公司等12家企业集中签约落户张江科学城。',
  ].join('\n');
  const p = extract({ text }, []);

  it('keeps a name that starts with 和 after a list comma, and reads no body from a hall (科学会堂)', () => {
    expect(p.entities.map((e) => e.name)).toEqual(expect.arrayContaining(['和铂医药(上海)有限责任公司', '张江科学城', '浦东新区委']));
    expect(p.entities.map((e) => e.name)).not.toContain('上海张江科学会');
  });

  it('reads companies that sign to settle in a park as located there, not as signing with each other', () => {
    expect(facts(p, 'SIGNED')).toEqual(['SIGNED 张江集团 → 上海交通大学医学院 [agreement]']);
    expect(facts(p, 'LOCATED_IN')).toEqual(
      expect.arrayContaining([
        'LOCATED_IN 上海君实生物医药科技股份有限公司 → 张江科学城',
        'LOCATED_IN 和铂医药(上海)有限责任公司 → 张江科学城',
      ]),
    );
    expect(facts(p)).toEqual(
      expect.arrayContaining(['SERVES_IN 朱芝松 → 浦东新区委 (区委书记)', 'PARTICIPATES_IN 杨朝 → 2023张江生物医药产业发展大会 (主持)']),
    );
  });
});

describe('an alliance founded at its meeting (Baoshan, unseen)', () => {
  const text =
    '近日,宝山区生物医药产业联盟成立大会在上海国际医学园区举办。联盟由上海联影医疗科技股份有限公司担任理事长单位,首批成员单位包括上海和元生物技术股份有限公司、上海市第十人民医院等32家单位。上海大学副校长李明签约。';
  const p = extract({ text }, []);

  it('reads the founding, the place held in the alliance and its first members', () => {
    expect(facts(p)).toEqual(
      expect.arrayContaining([
        'PARTICIPATES_IN 宝山区生物医药产业联盟 → 宝山区生物医药产业联盟成立大会 (成立)',
        'LOCATED_IN 宝山区生物医药产业联盟成立大会 → 上海国际医学园区',
        'MEMBER_OF 上海联影医疗科技股份有限公司 → 宝山区生物医药产业联盟 (理事长单位)',
        'MEMBER_OF 上海和元生物技术股份有限公司 → 宝山区生物医药产业联盟 (成员单位)',
        'MEMBER_OF 上海市第十人民医院 → 宝山区生物医药产业联盟 (成员单位)',
        'SERVES_IN 李明 → 上海大学 (副校长)',
      ]),
    );
    expect(facts(p, 'MEMBER_OF')).toHaveLength(3);
  });
});

describe('bad input and furniture', () => {
  it('proposes nothing for a refused article and says why', () => {
    const p = extract({ text: '' }, []);
    expect(p).toMatchObject({ entities: [], relations: [], error: { code: 'EMPTY' } });
  });

  it('proposes nothing from the headlines after the article (004: 瓦格纳集团 is an ad)', () => {
    const text = [
      '东华大学党委书记刘承功表示,将以更大力度把优化战略布局与对接松江发展所需结合起来,进一步深化产业对接,推动更多优质科研成果在长三角G60科创走廊策源地松江落地生金。',
      '前往东方财富APP阅读全文,体验更佳',
      '外交部发言人就瓦格纳集团事件答记者问',
      '松江物流产业园',
    ].join('\n');
    const p = extract({ text }, []);
    expect(p.entities.map((e) => e.name)).not.toEqual(expect.arrayContaining([expect.stringMatching(/瓦格纳|物流/)]));
    expect(facts(p, 'SERVES_IN')).toEqual(['SERVES_IN 刘承功 → 东华大学 (党委书记)']);
  });
});
