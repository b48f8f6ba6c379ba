import { renderToStaticMarkup } from 'react-dom/server';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { GraphQLRequestError } from '../api/graphql-client.js';
import { chineseRuns, entityName, I18nContext, onlyInChinese, reasonText, translator, type Lang } from '../i18n/i18n.js';
import { EntityName, InferredReason, ZhText } from './entity-name.js';
import { errorDetail } from './status.js';

const MEDTRONIC = { name: '美敦力', nameEn: 'Medtronic' };
const SILUDI = { name: '上海思路迪生物医学科技有限公司', nameEn: null };

const html = (lang: Lang, node: ReactNode) =>
  renderToStaticMarkup(<I18nContext.Provider value={{ lang, t: translator(lang) }}>{node}</I18nContext.Provider>);

describe('names only in Chinese', () => {
  it('gives the English name in English where one is recorded, else the Chinese name marked as such', () => {
    expect(entityName(MEDTRONIC, 'en')).toEqual({ text: 'Medtronic', zhOnly: false });
    expect(entityName(SILUDI, 'en')).toEqual({ text: SILUDI.name, zhOnly: true });
    // A blank English name is no English name.
    expect(entityName({ name: '美敦力', nameEn: '  ' }, 'en')).toEqual({ text: '美敦力', zhOnly: true });
    // A name already in Latin letters (3M) needs no marker.
    expect(entityName({ name: '3M' }, 'en')).toEqual({ text: '3M', zhOnly: false });
    // The Chinese UI never marks anything.
    expect(entityName(MEDTRONIC, 'zh')).toEqual({ text: '美敦力', zhOnly: false });
    expect(entityName(SILUDI, 'zh')).toEqual({ text: SILUDI.name, zhOnly: false });
  });

  it('renders a Chinese-only name in English with lang="zh-CN" and the "no English name" marker', () => {
    const out = html('en', <EntityName entity={SILUDI} />);
    expect(out).toContain(`<span lang="zh-CN" class="zh-text">${SILUDI.name}</span>`);
    expect(out).toContain('title="No English name recorded"');
    expect(html('en', <EntityName entity={SILUDI} marker={false} />)).not.toContain('zh-only');
    expect(html('en', <EntityName entity={MEDTRONIC} />)).toBe('Medtronic');
    expect(html('zh', <EntityName entity={SILUDI} />)).toBe(SILUDI.name);
  });

  it('says a reason is in Chinese only, in English, and not in Chinese', () => {
    const reason = '以肿瘤基因检测为主业(公开资料)。';
    expect(onlyInChinese(reason, 'en')).toBe(true);
    expect(onlyInChinese('a note in English', 'en')).toBe(false);
    expect(reasonText(reason, translator('en'), 'en')).toBe(`reason in Chinese only — ${reason}`);
    expect(reasonText(reason, translator('zh'), 'zh')).toBe(reason);
    expect(html('en', <InferredReason reason={reason} />)).toContain(`Reason (Chinese only): <span lang="zh-CN">${reason}</span>`);
    expect(html('zh', <InferredReason reason={reason} />)).toContain(`推断依据：${reason}`);
  });
});

describe('error details', () => {
  const refused = new GraphQLRequestError('name: must not be empty', 'BAD_USER_INPUT', { field: 'name' });

  it('shows the server’s explanation in English', () => {
    expect(errorDetail(refused, 'en', translator('en'))).toBe('name: must not be empty');
  });

  it('in Chinese, says only what the structured details say, in Chinese, never the English message', () => {
    expect(errorDetail(refused, 'zh', translator('zh'))).toBe('涉及字段：名称');
    expect(
      errorDetail(new GraphQLRequestError('no region with id "x"', 'BAD_USER_INPUT', { argument: 'region' }), 'zh', translator('zh')),
    ).toBe(null);
    expect(errorDetail(new GraphQLRequestError('TypeError: boom', 'UNKNOWN'), 'zh', translator('zh'))).toBe(null);
    expect(errorDetail(new GraphQLRequestError('The query took too long', 'TIMEOUT'), 'en', translator('en'))).toBe(null);
    const short = new GraphQLRequestError('the password needs at least 10 characters', 'BAD_USER_INPUT', {
      argument: 'password',
      reason: 'PASSWORD_TOO_SHORT',
      minLength: 10,
    });
    expect(errorDetail(short, 'zh', translator('zh'))).toBe('密码至少需要 10 个字符');
    expect(errorDetail(short, 'en', translator('en'))).toBe('The password needs at least 10 characters');
  });
});

describe('Chinese inside English sentences', () => {
  it('tags each Chinese run of a mixed sentence, and leaves the English untouched', () => {
    const sentence = '浦江智谷 is a suggested partner for 上海思路迪生物医学科技有限公司: both are members of 大浦江(闵行)联盟.';
    expect(chineseRuns(sentence)).toEqual([
      { text: '浦江智谷', zh: true },
      { text: ' is a suggested partner for ', zh: false },
      { text: '上海思路迪生物医学科技有限公司', zh: true },
      { text: ': both are members of ', zh: false },
      { text: '大浦江(闵行)联盟', zh: true },
      { text: '.', zh: false },
    ]);
    expect(html('en', <ZhText text={sentence} />)).toBe(
      '<span lang="zh-CN">浦江智谷</span> is a suggested partner for <span lang="zh-CN">上海思路迪生物医学科技有限公司</span>: both are members of <span lang="zh-CN">大浦江(闵行)联盟</span>.',
    );
    expect(html('zh', <ZhText text="建议与浦江智谷合作" />)).toBe('建议与浦江智谷合作');
  });
});
