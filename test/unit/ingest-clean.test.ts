import { describe, expect, it } from 'vitest';
import { cleanArticle, sentenceAt, toSourceOffset } from '../../server/ingest/clean.js';
import type { CleanArticle, CleanResult } from '../../server/ingest/types.js';

const hex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));
/** 上海市闵行区浦江镇商会成立生物医药产业联盟。 in GBK. */
const GBK = hex('c9cfbaa3cad0e3c9d0d0c7f8c6d6bdadd5f2c9ccbbe1b3c9c1a2c9faceefd2bdd2a9b2fad2b5c1aac3cba1a3');
/** 閔行區浦江鎮商會成立生物醫藥產業聯盟。 in Big5. */
const BIG5 = hex('b67ba6e6b0cfaefaa6bfc2edb0d3b77ca6a8a5dfa5cdaaabc2e5c3c4b2a3b77ec170b7f9a143');

function ok(r: CleanResult): CleanArticle {
  if (!r.ok) throw new Error(`refused: ${r.error.code} ${r.error.message}`);
  return r.article;
}

/** The start of seed document 001, and its tail: the 头条 list and 文章排行榜 after the article. */
const DOC_001 = [
  '闵行区产业集群党建联盟“生物医药产业链”率先成立',
  '- 2022-02-23 18:37:37',
  '- 品牌',
  '2月22日下午,“领航新征程 汇智新动能”闵行区产业集群党建集思汇(生物医药专题)在大零号湾党群服务中心大会场举行。闵行区产业集群党建联盟下设专委会及生物医药产业链同步成立。区委书记陈宇剑,区委副书记唐劲松,区委常委、组织部部长胡芳,副区长李锐,市委组织部、市经信委、市科委等市相关部门,上海交通大学、华东师范大学等驻区高校以及区重点生物医药企业、金融机构等代表参加活动。',
  '【来源:上海市闵行区人民政府网站】',
  '本文地址:http://www.bx9y.com/pinpai/2022-02-23/573070.html',
  '友情提示:文章内容为作者个人观点,不代表本站立场且不构成任何建议,本站拥有对此声明的最终解释权。',
  '- 真假近视不分,盲目戴眼镜,会对孩子视力造成永久性伤害。别让无知害了娃!2022-09-07 14:00:10',
  '-',
  '新东方董宇辉是谁个人资料简介',
  '2022-06-14 09:04:10',
  '文章排行榜',
  '- 周排名',
  '- 1成都快递这几天为啥都不动了停了吗 成都的快递9月1日停运了吗',
].join('\n');

describe('page furniture', () => {
  it('keeps 001’s article and drops its byline, source line, headline list and 文章排行榜 (metadata kept)', () => {
    const a = ok(cleanArticle({ text: DOC_001 }));
    expect(a.text).toContain('区委书记陈宇剑');
    expect(a.text).not.toMatch(/董宇辉|排行榜|成都快递|友情提示|品牌|18:37/);
    expect(a.metadata).toMatchObject({
      title: '闵行区产业集群党建联盟“生物医药产业链”率先成立',
      date: '2022-02-23',
      source: '上海市闵行区人民政府网站',
    });
    expect(a.metadata.url).toBe('http://www.bx9y.com/pinpai/2022-02-23/573070.html');
  });

  it('drops 002’s navigation and byline and the image names, also one inside a paragraph', () => {
    const text = [
      '当前位置: 首页 > 直销动态',
      '春芝堂加入上海南部科创中心大浦江生物医药产业链党建联盟',
      '来源:春芝堂 2021-04-22 春芝堂',
      'mmexportfd40b91e45bd6ab7dedd6c9cfc5330d9_1619061723619.jpeg',
      '近日,大浦江生物医药产业链党建论坛在浦江智谷园区举行。',
      '浦江镇人民政府、浦江社区卫生服务中心等多家单位签约,共同致力于满足大浦江地区百姓对于健康生活的美好需求。 mmexport212e59f661883e7ceff67f7298cb2606_1619061760827.jpeg',
      '生物医药产业是具有较强辐射带动效应的战略性新兴产业,大浦江作为闵行区重要的生物医药制造业基地,通过探索以园区党建带动产业链党建的新路。',
    ].join('\n');
    const a = ok(cleanArticle({ text }));
    expect(a.text).not.toMatch(/mmexport|当前位置|来源/);
    expect(a.text).toContain('的美好需求。\n');
    expect(a.metadata).toMatchObject({ source: '春芝堂', date: '2021-04-22' });
    expect(a.furniture.map((f) => f.reason)).toEqual(['navigation', 'byline', 'image', 'image']);
  });

  it('ends 004 at 前往…APP阅读全文: the headlines, ads and 相关文章 after it are dropped', () => {
    const text = [
      '松江区与东华大学深化地校合作聚焦重点学科与重点产业要素对接',
      '会上,东华大学生物与医学工程学院党委与松江经开区党工委、松江区生物医药产业集群党委签署深化党建引领产业对接备忘录及党建共建协议。东华大学党委书记刘承功表示,将以更大力度把优化战略布局与对接松江发展所需结合起来,把发挥学校特色优势与助力松江高质量发展结合起来。',
      '前往东方财富APP阅读全文,体验更佳',
      '外交部发言人就瓦格纳集团事件答记者问',
      '产业招商/厂房土地租售:400 0123 021',
      '相关文章',
      '松江物流产业园',
    ].join('\n');
    const a = ok(cleanArticle({ text }));
    expect(a.text).not.toMatch(/瓦格纳|400|物流产业园|APP/);
  });

  it('maps every cleaned offset back to the normalised text', () => {
    const text = '当前位置:首页 > 新闻\n浦江镇商会 mmexport1.jpeg 智谷园区分会成立。';
    const a = ok(cleanArticle({ text }));
    const at = a.text.indexOf('智谷');
    expect(a.source.slice(toSourceOffset(a, at), toSourceOffset(a, at) + 2)).toBe('智谷');
    expect(sentenceAt(a.sentences, at)?.text).toBe(a.text);
  });

  it('splits sentences at 。！？；and line breaks, closing quotes kept', () => {
    const a = ok(cleanArticle({ text: '他说:“好。”然后离开!第二句；\n第三行' }));
    expect(a.sentences.map((s) => s.text)).toEqual(['他说:“好。”', '然后离开!', '第二句；', '第三行']);
  });

  it('normalises as the seed does: traditional → simplified, pinyin annotations and brackets', () => {
    const a = ok(cleanArticle({ text: '閔行區(qū)浦江鎮商會（議事會）成立。' }));
    expect(a.text).toBe('闵行区浦江镇商会(议事会)成立。');
  });

  it('reads a title typed in the form as the first line, and keeps the form’s date, URL and publisher', () => {
    const a = ok(
      cleanArticle({
        text: '近日,大浦江生物医药产业链党建论坛在浦江智谷园区举行。',
        title: '春芝堂加入大浦江生物医药产业链党建联盟',
        date: '2021-04-22',
        publisher: '春芝堂',
      }),
    );
    expect(a.text.split('\n')[0]).toBe('春芝堂加入大浦江生物医药产业链党建联盟');
    expect(a.metadata).toMatchObject({ title: '春芝堂加入大浦江生物医药产业链党建联盟', date: '2021-04-22', source: '春芝堂' });
  });

  it('reads the text of an HTML page, not its scripts, navigation or share bar', () => {
    const html = `<!DOCTYPE html><html><head><title>浦江镇商会成立</title><script>var a = "脚本";</script></head>
      <body><nav>首页 新闻</nav><div class="share-bar">分享到微信</div>
      <article><h1>浦江镇商会成立</h1><p>8月2日下午,闵行区浦江镇商会智谷园区分会成立仪式在浦江智谷顺利举行。</p><p>镇商会会长王爱兴出席活动。</p></article>
      <footer>版权所有</footer></body></html>`;
    const a = ok(cleanArticle({ text: html, format: 'html' }));
    expect(a.format).toBe('html');
    expect(a.text).toBe('浦江镇商会成立\n8月2日下午,闵行区浦江镇商会智谷园区分会成立仪式在浦江智谷顺利举行。\n镇商会会长王爱兴出席活动。');
  });
});

describe('bad input', () => {
  const refused = (r: CleanResult) => (r.ok ? null : r.error.code);

  it('refuses empty text and an empty file', () => {
    expect(refused(cleanArticle({ text: '' }))).toBe('EMPTY');
    expect(refused(cleanArticle({ text: ' \n\t ' }))).toBe('EMPTY');
    expect(refused(cleanArticle({ text: new Uint8Array(0) }))).toBe('EMPTY');
  });

  it('refuses binary data (NUL bytes) with BINARY', () => {
    expect(refused(cleanArticle({ text: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]) }))).toBe('BINARY');
    expect(refused(cleanArticle({ text: 'abc\u0000def' }))).toBe('BINARY');
  });

  it('reads GBK bytes as GB18030 and Big5 bytes as Big5, and says which', () => {
    const gbk = ok(cleanArticle({ text: GBK }));
    expect(gbk.encoding).toBe('gb18030');
    expect(gbk.text).toBe('上海市闵行区浦江镇商会成立生物医药产业联盟。');
    const big5 = ok(cleanArticle({ text: BIG5 }));
    expect(big5.encoding).toBe('big5');
    expect(big5.text).toBe('闵行区浦江镇商会成立生物医药产业联盟。');
    expect(ok(cleanArticle({ text: new TextEncoder().encode('浦江镇商会成立。') })).encoding).toBe('utf-8');
  });

  it('refuses bytes that are text in none of the encodings with ENCODING', () => {
    expect(refused(cleanArticle({ text: Uint8Array.from([0x81, 0xff, 0x81, 0xff, 0xfe, 0xff]) }))).toBe('ENCODING');
  });

  it('refuses 5 MB of text with TOO_LARGE', () => {
    const big = '浦江镇商会成立生物医药产业联盟。'.repeat(110_000);
    expect(Buffer.byteLength(big)).toBeGreaterThan(5_000_000);
    expect(refused(cleanArticle({ text: big }))).toBe('TOO_LARGE');
    expect(refused(cleanArticle({ text: new TextEncoder().encode(big) }))).toBe('TOO_LARGE');
  });

  it('refuses a page that is only furniture with ONLY_FURNITURE', () => {
    const text = [
      '当前位置:首页 > 新闻',
      '相关文章',
      '- 松江物流产业园 2022-05-06 10:00',
      '版权所有 © 2024 某某网 沪ICP备12345678号',
      '分享到:',
    ].join('\n');
    const r = cleanArticle({ text });
    expect(refused(r)).toBe('ONLY_FURNITURE');
    expect(r.ok ? '' : r.error.message).toMatch(/furniture/);
  });
});
