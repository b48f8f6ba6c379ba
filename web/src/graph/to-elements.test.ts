import { describe, expect, it } from 'vitest';
import { toElements, type EdgeInput, type NodeInput } from './to-elements.js';

const nodes: NodeInput[] = [
  { id: 'siludi', type: 'Enterprise', name: '上海思路迪生物医学科技有限公司', nameEn: 'Shanghai Siludi', kind: null },
  { id: 'alliance', type: 'Alliance', name: '大浦江生物医药产业链党建联盟', nameEn: null, kind: 'party_alliance' },
  { id: 'pujiang', type: 'Region', name: '浦江镇', nameEn: 'Pujiang Town', kind: 'town' },
];
const edges: EdgeInput[] = [
  { id: 'm1', type: 'MEMBER_OF', source: 'siludi', target: 'alliance', role: '召集单位', inferred: false },
  { id: 'l1', type: 'LOCATED_IN', source: 'siludi', target: 'pujiang', inferred: true },
];

const byId = (els: ReturnType<typeof toElements>['elements'], id: string) => els.find((e) => e.data.id === id);

describe('toElements', () => {
  it('turns entities into nodes and relations into edges, labelled in the chosen language', () => {
    const zh = toElements({ nodes, edges, lang: 'zh' });
    expect(zh.elements.filter((e) => e.group === 'nodes')).toHaveLength(3);
    expect(zh.elements.filter((e) => e.group === 'edges')).toHaveLength(2);
    expect(byId(zh.elements, 'pujiang')?.data).toMatchObject({ label: '浦江镇', title: '浦江镇', type: 'Region' });
    expect(byId(zh.elements, 'm1')?.data).toMatchObject({ source: 'siludi', target: 'alliance', label: '成员 · 召集单位' });

    const en = toElements({ nodes, edges, lang: 'en' });
    expect(byId(en.elements, 'pujiang')?.data.title).toBe('Pujiang Town');
    // No English name: the Chinese name stays.
    expect(byId(en.elements, 'alliance')?.data.title).toBe('大浦江生物医药产业链党建联盟');
    expect(byId(en.elements, 'l1')?.data.label).toBe('located in');
  });

  it('wraps long Chinese names onto several lines for the canvas', () => {
    const { elements } = toElements({ nodes, edges, lang: 'zh' });
    expect(byId(elements, 'alliance')?.data.label).toContain('\n');
  });

  it('marks inferred relations, focused entities and filtered types', () => {
    const { elements, hidden } = toElements({ nodes, edges, lang: 'zh', focus: ['siludi'], hideTypes: ['Region'] });
    expect(byId(elements, 'l1')?.classes).toContain('inferred');
    expect(byId(elements, 'siludi')?.classes).toContain('focus');
    expect(byId(elements, 'pujiang')?.classes).toContain('hidden');
    // An edge to a hidden node is hidden too.
    expect(byId(elements, 'l1')?.classes).toContain('hidden');
    expect(byId(elements, 'm1')?.classes).not.toContain('hidden');
    expect(hidden).toBe(1);
  });

  it('hides relation types without hiding their ends', () => {
    const { elements } = toElements({ nodes, edges, lang: 'zh', hideRels: ['MEMBER_OF'] });
    expect(byId(elements, 'm1')?.classes).toContain('hidden');
    expect(byId(elements, 'alliance')?.classes).not.toContain('hidden');
  });

  it('highlights a path and fades the rest', () => {
    const { elements } = toElements({ nodes, edges, lang: 'zh', highlight: ['siludi', 'm1', 'alliance'] });
    expect(byId(elements, 'm1')?.classes).toContain('hl');
    expect(byId(elements, 'alliance')?.classes).toContain('hl');
    expect(byId(elements, 'pujiang')?.classes).toContain('faded');
    expect(byId(elements, 'l1')?.classes).toContain('faded');
  });

  it('drops duplicates and edges whose ends are missing', () => {
    const { elements } = toElements({
      nodes: [...nodes, nodes[0]],
      edges: [...edges, edges[0], { id: 'x', type: 'SIGNED', source: 'siludi', target: 'nowhere' }],
      lang: 'zh',
    });
    expect(elements).toHaveLength(5);
  });

  it('caps the node count but never drops focused or highlighted nodes', () => {
    const many: NodeInput[] = Array.from({ length: 50 }, (_, i) => ({ id: `n${i}`, type: 'Enterprise', name: `企业${i}`, nameEn: null }));
    const { elements, capped } = toElements({ nodes: many, edges: [], lang: 'zh', maxNodes: 10, focus: ['n42'], highlight: ['n49'] });
    const ids = elements.map((e) => e.data.id);
    expect(ids).toHaveLength(10);
    expect(ids).toContain('n42');
    expect(ids).toContain('n49');
    expect(capped).toBe(40);
  });

  it('draws user-hidden nodes hidden (with their edges), counts them apart from the filters, and marks pins', () => {
    const r = toElements({ nodes, edges, lang: 'zh', hide: ['pujiang'], hideTypes: ['Alliance'], pinned: ['siludi'] });
    expect(byId(r.elements, 'pujiang')?.classes).toContain('hidden');
    expect(byId(r.elements, 'l1')?.classes).toContain('hidden');
    expect(r.userHidden).toBe(1);
    expect(r.hidden).toBe(1);
    expect(byId(r.elements, 'siludi')?.classes).toContain('pinned');
  });

  it('draws a summary node linked to its hub, hidden when the hub is', () => {
    const summaries = [{ id: 'summary:alliance~MEMBER_OF', focus: 'alliance', label: '+33 个成员' }];
    const r = toElements({ nodes, edges, lang: 'zh', summaries });
    expect(byId(r.elements, 'summary:alliance~MEMBER_OF')).toMatchObject({
      data: { label: '+33 个成员', summary: 'alliance' },
      classes: 'summary',
    });
    expect(byId(r.elements, 'summary:alliance~MEMBER_OF:link')?.data).toMatchObject({
      source: 'alliance',
      target: 'summary:alliance~MEMBER_OF',
    });
    const hidden = toElements({ nodes, edges, lang: 'zh', summaries, hide: ['alliance'] });
    expect(byId(hidden.elements, 'summary:alliance~MEMBER_OF')?.classes).toContain('hidden');
  });
});
