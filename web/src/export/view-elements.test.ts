/** "The current view" read from a headless Cytoscape with the app's stylesheet: what is drawn, as entities and links. */
import cytoscape, { type ElementDefinition } from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { chainToElements } from '../graph/chain-elements.js';
import { graphStylesheet } from '../graph/styles.js';
import { toElements } from '../graph/to-elements.js';
import { visibleView } from './export.js';

const canvas = (elements: ElementDefinition[]) => cytoscape({ headless: true, styleEnabled: true, style: graphStylesheet(), elements });

const sld = { id: 'e-sld', type: 'Enterprise' as const, name: '上海思路迪生物医学科技有限公司', nameEn: null };
const dpj = { id: 'a-dpj', type: 'Alliance' as const, name: '大浦江生物医药产业链党建联盟', nameEn: null };
const pj = { id: 'r-pj', type: 'Region' as const, name: '浦江镇', nameEn: null };
const zg = { id: 'p-zg', type: 'Park' as const, name: '浦江智谷', nameEn: null };

describe('visibleView', () => {
  const nodes = [sld, dpj, pj, zg];
  const edges = [
    { id: 'm1', type: 'MEMBER_OF' as const, source: 'e-sld', target: 'a-dpj' },
    { id: 'l1', type: 'LOCATED_IN' as const, source: 'e-sld', target: 'p-zg' },
    { id: 'l2', type: 'LOCATED_IN' as const, source: 'p-zg', target: 'r-pj' },
  ];

  it('is every entity and relation drawn when nothing is filtered', () => {
    const cy = canvas(toElements({ nodes, edges, lang: 'zh' }).elements);
    const view = visibleView(cy);
    expect(view.ids.sort()).toEqual(['a-dpj', 'e-sld', 'p-zg', 'r-pj']);
    expect(view.links).toHaveLength(3);
  });

  it('leaves out an entity type and a relation type hidden by the filters, and the links of a hidden node', () => {
    const cy = canvas(toElements({ nodes, edges, lang: 'zh', hideTypes: ['Region'], hideRels: ['MEMBER_OF'] }).elements);
    expect(visibleView(cy)).toEqual({
      ids: ['e-sld', 'a-dpj', 'p-zg'],
      links: [{ source: 'e-sld', target: 'p-zg', type: 'LOCATED_IN' }],
    });
  });

  it('leaves out a node hidden on the canvas (class hidden, display: none) with its links', () => {
    const cy = canvas(toElements({ nodes, edges, lang: 'zh' }).elements);
    cy.getElementById('p-zg').addClass('hidden');
    cy.getElementById('l1').addClass('hidden');
    cy.getElementById('l2').addClass('hidden');
    const view = visibleView(cy);
    expect(view.ids).not.toContain('p-zg');
    expect(view.links).toEqual([{ source: 'e-sld', target: 'a-dpj', type: 'MEMBER_OF' }]);
  });

  it('reads the chain map: segments and their enterprises (nesting is IN_SEGMENT), not tiers nor "+N more"', () => {
    const segment = {
      id: 'seg-ivd',
      type: 'ChainSegment' as const,
      name: '体外诊断',
      nameEn: null,
      kind: null,
      tier: 'midstream' as const,
    };
    const many = Array.from({ length: 3 }, (_, i) => ({
      id: `e-${i}`,
      type: 'Enterprise' as const,
      name: `企业${i}`,
      nameEn: null,
      kind: null,
      tier: null,
    }));
    const chain = { tiers: [{ tier: 'midstream' as const, segments: [{ segment, count: 3, enterprises: many }] }] };
    const cy = canvas(chainToElements({ chain, lang: 'zh', maxPerSegment: 2 }));
    expect(visibleView(cy)).toEqual({
      ids: ['seg-ivd', 'e-0', 'e-1'],
      links: [
        { source: 'e-0', target: 'seg-ivd', type: 'IN_SEGMENT' },
        { source: 'e-1', target: 'seg-ivd', type: 'IN_SEGMENT' },
      ],
    });
  });
});
