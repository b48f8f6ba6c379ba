/** The canvas logic against a headless Cytoscape: diffing by data.id and event handling. */
import cytoscape from 'cytoscape';
import { describe, expect, it, vi } from 'vitest';
import { applyElements } from './apply-elements.js';
import { bindGraphEvents } from './events.js';

const node = (id: string, extra: Record<string, unknown> = {}) => ({ group: 'nodes' as const, data: { id, label: id, ...extra } });
const edge = (id: string, source: string, target: string) => ({ group: 'edges' as const, data: { id, source, target } });

describe('applyElements', () => {
  it('adds new elements, removes gone ones, and keeps the positions of those that stay', () => {
    const cy = cytoscape({ headless: true, styleEnabled: false });
    applyElements(cy, [node('a'), node('b'), edge('ab', 'a', 'b')]);
    cy.getElementById('a').position({ x: 10, y: 20 });
    const result = applyElements(cy, [node('a', { label: 'A' }), node('c'), edge('ac', 'a', 'c')]);
    expect(result.addedNodes).toEqual(['c']);
    expect(result.removed).toBe(2);
    expect(
      cy
        .elements()
        .map((e) => e.id())
        .sort(),
    ).toEqual(['a', 'ac', 'c']);
    expect(cy.getElementById('a').position()).toEqual({ x: 10, y: 20 });
    expect(cy.getElementById('a').data('label')).toBe('A');
    cy.destroy();
  });

  it('updates classes and compound parents in place', () => {
    const cy = cytoscape({ headless: true, styleEnabled: false });
    applyElements(cy, [node('p'), node('q'), { ...node('a', { parent: 'p' }), classes: 'x' }]);
    applyElements(cy, [node('p'), node('q'), { ...node('a', { parent: 'q' }), classes: 'y hl' }]);
    const a = cy.getElementById('a');
    expect(a.classes()).toEqual(['y', 'hl']);
    expect(a.parent().first().id()).toBe('q');
    cy.destroy();
  });
});

describe('bindGraphEvents', () => {
  it('reports clicks, double-clicks and right-clicks on nodes, and clicks on the background', () => {
    const cy = cytoscape({ headless: true, elements: [node('a'), node('b'), edge('ab', 'a', 'b')] });
    const handlers = { onSelect: vi.fn(), onExpand: vi.fn(), onContextMenu: vi.fn() };
    const unbind = bindGraphEvents(cy, () => handlers);
    cy.getElementById('a').emit('tap');
    cy.getElementById('b').emit('dbltap');
    cy.getElementById('b').emit('cxttap');
    cy.emit('tap');
    expect(handlers.onSelect.mock.calls).toEqual([['a'], [null]]);
    expect(handlers.onExpand).toHaveBeenCalledWith('b');
    expect(handlers.onContextMenu).toHaveBeenCalledWith('b', expect.any(Object));

    unbind();
    cy.getElementById('a').emit('tap');
    expect(handlers.onSelect).toHaveBeenCalledTimes(2);
    cy.destroy();
  });

  it('reports a click on a node inside a compound once, for that node', () => {
    const cy = cytoscape({ headless: true, elements: [node('parent'), node('child', { parent: 'parent' })] });
    const onSelect = vi.fn();
    bindGraphEvents(cy, () => ({ onSelect }));
    cy.getElementById('child').emit('tap');
    expect(onSelect.mock.calls).toEqual([['child']]);
    cy.destroy();
  });

  it('reads the handlers at event time, so callers can change them without rebinding', () => {
    const cy = cytoscape({ headless: true, elements: [node('a')] });
    let handlers = { onSelect: vi.fn() };
    bindGraphEvents(cy, () => handlers);
    const second = { onSelect: vi.fn() };
    handlers = second;
    cy.getElementById('a').emit('tap');
    expect(second.onSelect).toHaveBeenCalledWith('a');
    cy.destroy();
  });
});
