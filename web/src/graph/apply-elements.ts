/** Brings a Cytoscape instance to a new element list by diffing data.id, so positions survive updates. */
import type { Core, ElementDefinition } from 'cytoscape';

export interface ApplyResult {
  /** Ids of nodes that were not on the canvas before. */
  addedNodes: string[];
  removed: number;
}

const classString = (c: ElementDefinition['classes']): string => (Array.isArray(c) ? c.join(' ') : (c ?? '')).trim();

export function applyElements(cy: Core, next: readonly ElementDefinition[]): ApplyResult {
  const nextIds = new Set(next.map((e) => String(e.data.id)));
  const addedNodes: string[] = [];
  let removed = 0;
  cy.batch(() => {
    const gone = cy.elements().filter((el) => !nextIds.has(el.id()));
    removed = gone.length;
    gone.remove();
    const toAdd: ElementDefinition[] = [];
    for (const def of next) {
      const el = cy.getElementById(String(def.data.id));
      if (el.empty()) {
        toAdd.push(def);
        if (def.group !== 'edges' && def.data.source === undefined) addedNodes.push(String(def.data.id));
        continue;
      }
      for (const [key, value] of Object.entries(def.data)) {
        if (key === 'id' || key === 'source' || key === 'target') continue;
        if (key === 'parent') {
          if ((el.data('parent') ?? undefined) !== (value ?? undefined)) el.move({ parent: (value as string | undefined) ?? null });
          continue;
        }
        if (el.data(key) !== value) el.data(key, value);
      }
      const cls = classString(def.classes);
      if (el.classes().join(' ') !== cls) el.classes(cls);
    }
    if (toAdd.length) cy.add(toAdd);
  });
  return { addedNodes, removed };
}
