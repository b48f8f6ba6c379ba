import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n/i18n.js';
import { aboutEntities, countsPhrase, fieldLabel, listDiff, valueText } from './change-text.js';

const zh = translator('zh');
const en = translator('en');

describe('change text', () => {
  it('says what a change set did, grouped by what was done', () => {
    const counts = [
      { target: 'RELATION', op: 'CREATE', count: 3 },
      { target: 'ENTITY', op: 'CREATE', count: 2 },
      { target: 'ENTITY', op: 'UPDATE', count: 1 },
    ] as const;
    expect(countsPhrase(counts, 'zh', zh)).toBe('新增 2 个机构、3 条关系；修改 1 个机构');
    expect(countsPhrase(counts, 'en', en)).toBe('Created 2 entities, 3 relations; Changed 1 entity');
    expect(countsPhrase([], 'zh', zh)).toBe('');
  });

  it('labels every field, never showing a code', () => {
    expect(fieldLabel('creditCode', 'zh', zh)).toBe('统一社会信用代码');
    expect(fieldLabel('aliases', 'en', en)).toBe('Aliases');
    expect(fieldLabel('segment', 'zh', zh)).toBe('产业链环节');
    expect(fieldLabel('somethingNew', 'zh', zh)).toBe('其他属性');
  });

  it('shows codes as labels, booleans as words and sources as their quotes', () => {
    expect(valueText('type', 'Enterprise', 'zh', zh)).toBe('企业');
    expect(valueText('inferred', false, 'zh', zh)).toBe('否');
    expect(valueText('sources', { document: 'doc-1', quote: '入驻浦江智谷' }, 'zh', zh)).toBe('“入驻浦江智谷”');
    expect(valueText('address', null, 'en', en)).toBe('(empty)');
  });

  it('lists the items a list field gained and lost', () => {
    expect(listDiff(['思路迪', '思路迪医药'], ['思路迪', 'ACT Genomics'])).toEqual({ added: ['ACT Genomics'], removed: ['思路迪医药'] });
    expect(listDiff(null, ['高新技术企业'])).toEqual({ added: ['高新技术企业'], removed: [] });
  });

  it('names what a change set is about: entities by name, a relation by its ends, each once', () => {
    const about = aboutEntities([
      { target: 'RELATION', targetId: 'r1', label: '加入', fromId: 'lanyu', toId: 'dapujiang', fromName: '澜屿生物', toName: '大浦江联盟' },
      { target: 'ENTITY', targetId: 'lanyu', label: '澜屿生物' },
      { target: 'ENTITY', targetId: 'siludi', label: '思路迪' },
    ]);
    expect(about).toEqual([
      { id: 'lanyu', name: '澜屿生物' },
      { id: 'dapujiang', name: '大浦江联盟' },
      { id: 'siludi', name: '思路迪' },
    ]);
    expect(
      aboutEntities(
        [
          { target: 'ENTITY', targetId: 'a', label: 'A' },
          { target: 'ENTITY', targetId: 'b', label: 'B' },
        ],
        1,
      ),
    ).toEqual([{ id: 'a', name: 'A' }]);
  });
});
