import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPinyinAnnotation, normaliseText, stripPinyinAnnotations } from '../../seed/normalise.js';

const SOURCES = join(process.cwd(), 'seed', 'sources');
const doc = (prefix: string): string => {
  const file = readdirSync(SOURCES).find((f) => f.startsWith(prefix));
  if (!file) throw new Error(`no source ${prefix}`);
  return readFileSync(join(SOURCES, file), 'utf8');
};

describe('normaliseText on real lines', () => {
  it('strips pinyin and converts a place name (000)', () => {
    expect(normaliseText('閔行區(qū)浦江鎮(zhèn)')).toBe('闵行区浦江镇');
  });

  it('keeps real parentheses around a nested annotation (000)', () => {
    expect(normaliseText('智谷園區(qū)分會(huì)(議事會(huì))')).toBe('智谷园区分会(议事会)');
  });

  it('normalises the opening line of 000', () => {
    expect(
      normaliseText(
        '8月2日下午,閔行區(qū)浦江鎮(zhèn)商會(huì)智谷園區(qū)分會(huì)(議事會(huì))成立儀式暨閔行區(qū)工商聯(lián)生物醫(yī)藥產(chǎn)業(yè)聯(lián)盟主題沙龍活動(dòng)在商會(huì)副會(huì)長(zhǎng)單位浦江智谷順利舉行。',
      ),
    ).toBe(
      '8月2日下午,闵行区浦江镇商会智谷园区分会(议事会)成立仪式暨闵行区工商联生物医药产业联盟主题沙龙活动在商会副会长单位浦江智谷顺利举行。',
    );
  });

  it('normalises the traditional title line of 003', () => {
    expect(
      normaliseText(
        '激活片區(qū)內(nèi)生動(dòng)力 促進(jìn)經(jīng)濟(jì)高質(zhì)量發(fā)展 上海市工商聯(lián)商協(xié)會(huì)工作委員會(huì)北片區(qū)舉辦碰頭會(huì)',
      ),
    ).toBe('激活片区内生动力 促进经济高质量发展 上海市工商联商协会工作委员会北片区举办碰头会');
  });

  it('handles names and titles in 003 (person names, 會長 without annotation)', () => {
    expect(normaliseText('北片區(qū)總召集人、市工商聯(lián)常委、上海市安徽商會(huì)會(huì)長洪清華主持會(huì)議。')).toBe(
      '北片区总召集人、市工商联常委、上海市安徽商会会长洪清华主持会议。',
    );
    expect(normaliseText('上海內(nèi)蒙古商會(huì)會(huì)長李曉東')).toBe('上海内蒙古商会会长李晓东');
  });

  it('converts the person name 陶興煒 to 陶兴炜 (same person as in 002)', () => {
    expect(normaliseText('浦江鎮(zhèn)黨委書(shū)記陶興煒')).toBe('浦江镇党委书记陶兴炜');
  });

  it('chooses the mainland phrase form (著力 → 着力) in 000', () => {
    expect(normaliseText('解決處置,著力打造統(tǒng)戰(zhàn)人士')).toBe('解决处置,着力打造统战人士');
  });

  it('keeps a (中国) company name from 002 unchanged', () => {
    const line = '柯惠(中国)医疗器材技术有限公司党总支华夏源细胞工程集团股份有限公司党支部';
    expect(normaliseText(line)).toBe(line);
  });

  it('does not strip latin content that is not pinyin (001 iphone13)', () => {
    const line = '苹果13(iphone13)打电话怎么切换主副卡?';
    expect(normaliseText(line)).toBe(line);
  });

  it('keeps parenthesised Chinese in simplified text (001, 004)', () => {
    expect(normaliseText('闵行区产业集群党建集思汇(生物医药专题)在大零号湾党群服务中心大会场举行。')).toBe(
      '闵行区产业集群党建集思汇(生物医药专题)在大零号湾党群服务中心大会场举行。',
    );
    expect(normaliseText('以及生物医药相关设备(零部件)、材料等领域')).toBe('以及生物医药相关设备(零部件)、材料等领域');
  });

  it('unifies full-width brackets and spaces, trims lines, CRLF → LF', () => {
    expect(normaliseText('  柯惠（中国）医疗器材技术有限公司　\r\n　浦江鎮(zhèn)\r\n')).toBe('柯惠(中国)医疗器材技术有限公司\n浦江镇\n');
    // full-width brackets around an annotation are stripped too
    expect(normaliseText('園區（qū）')).toBe('园区');
  });

  it('trims the indented paragraphs of 004 but keeps the text', () => {
    expect(normaliseText('  会上,东华大学生物与医学工程学院党委与松江经开区党工委')).toBe(
      '会上,东华大学生物与医学工程学院党委与松江经开区党工委',
    );
  });

  it('leaves the simplified documents unchanged except for whitespace', () => {
    for (const p of ['001', '002', '004']) {
      const raw = doc(p);
      const expected = raw
        .replace(/\r\n?/g, '\n')
        .split('\n')
        .map((l) => l.replace(/\u00a0/g, ' ').trim())
        .join('\n');
      expect(normaliseText(raw)).toBe(expected);
    }
  });

  it('leaves no tone-marked pinyin in the traditional documents', () => {
    for (const p of ['000', '003']) {
      const n = normaliseText(doc(p));
      expect(n).not.toMatch(/[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/);
      expect(n).not.toMatch(/\([a-z]+\)/);
    }
  });
});

describe('pinyin annotation detection', () => {
  it('accepts toned syllables and known neutral readings only', () => {
    expect(isPinyinAnnotation('區', 'qū')).toBe(true);
    expect(isPinyinAnnotation('會', 'hui')).toBe(true); // toneless but a reading of 會
    expect(isPinyinAnnotation('表', 'a')).toBe(false); // list marker, not a reading
    expect(isPinyinAnnotation('號', 'iphone')).toBe(false);
    expect(isPinyinAnnotation('會', 'huìhuì')).toBe(false); // two syllables
  });

  it('strips only annotations, not other latin words after Han characters', () => {
    expect(stripPinyinAnnotations('聯(lián)盟(abc)')).toBe('聯盟(abc)');
  });
});
