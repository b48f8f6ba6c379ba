import { describe, expect, it } from 'vitest';
import { ENTITY_TYPES, RELATION_TYPES } from '../../../shared/model/index.js';
import { ENTITY_STYLE, graphStylesheet, RELATION_STYLE } from './styles.js';

describe('canvas styles', () => {
  it('gives every entity type its own colour and its own shape', () => {
    const colours = ENTITY_TYPES.map((t) => ENTITY_STYLE[t].color);
    const shapes = ENTITY_TYPES.map((t) => ENTITY_STYLE[t].shape);
    expect(new Set(colours).size).toBe(ENTITY_TYPES.length);
    expect(new Set(shapes).size).toBe(ENTITY_TYPES.length);
  });

  it('gives every relation type a colour', () => {
    for (const t of RELATION_TYPES) expect(RELATION_STYLE[t].color).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it('has a selector for each entity and relation type, applying its colour', () => {
    const sheet = graphStylesheet();
    const find = (selector: string) => sheet.find((b) => 'selector' in b && b.selector === selector);
    for (const t of ENTITY_TYPES) {
      const block = find(`node[type = "${t}"]`);
      expect(block && 'style' in block ? block.style : null).toMatchObject({
        'background-color': ENTITY_STYLE[t].color,
        shape: ENTITY_STYLE[t].shape,
      });
    }
    for (const t of RELATION_TYPES) {
      const block = find(`edge[type = "${t}"]`);
      expect(block && 'style' in block ? block.style : null).toMatchObject({ 'line-color': RELATION_STYLE[t].color });
    }
  });

  it('draws inferred relations dashed and filtered elements not at all', () => {
    const sheet = graphStylesheet();
    const style = (selector: string) => {
      const b = sheet.find((x) => 'selector' in x && x.selector === selector);
      return b && 'style' in b ? b.style : null;
    };
    expect(style('edge.inferred')).toMatchObject({ 'line-style': 'dashed' });
    expect(style('node.hidden, edge.hidden')).toMatchObject({ display: 'none' });
  });
});
