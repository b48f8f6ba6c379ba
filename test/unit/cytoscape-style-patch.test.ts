/**
 * The build's change to how Cytoscape styles an element (web/build/cytoscape-patches.ts, 4.: each
 * trigger acted on once per element) must give every element the same style and bounding box as
 * Cytoscape itself: compared headless, unpatched beside patched, on the canvas's own stylesheet,
 * after adding, restyling by class, a bypass, hiding a parallel edge and a new stylesheet.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { Core } from 'cytoscape';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patchCytoscape } from '../../web/build/cytoscape-patches.js';
import { graphStylesheet } from '../../web/src/graph/styles.js';

type Cytoscape = (opts: object) => Core;

const TYPES = ['Enterprise', 'Park', 'Hospital', 'University', 'Alliance'];
const RELATIONS = ['LOCATED_IN', 'MEMBER_OF', 'IN_SEGMENT', 'SIGNED', 'SUPPLIES'];

/** A few hubs with hundreds of edges each, most nodes faded (a selection's context), two parallel edges. */
function elements(nodes: number, edges: number): object[] {
  const out: object[] = [];
  for (let i = 0; i < nodes; i++) {
    const classes = i < 6 ? 'hub' : i % 3 ? 'faded' : 'focus';
    const data = { id: `n${i}`, type: TYPES[i % TYPES.length], label: `上海某某生物医药科技有限公司${i}` };
    out.push({ group: 'nodes', data, classes, position: { x: (i % 40) * 60, y: Math.floor(i / 40) * 60 } });
  }
  for (let j = 0; j < edges; j++) {
    const data = {
      id: `e${j}`,
      type: RELATIONS[j % RELATIONS.length],
      label: `关系${j}`,
      source: `n${j % 6}`,
      target: `n${6 + ((j * 7) % (nodes - 6))}`,
    };
    out.push({ group: 'edges', data, classes: j % 4 ? '' : 'inferred' });
  }
  // The chain view's compound nodes: tiers holding segments holding members.
  out.push({ group: 'nodes', data: { id: 't1', label: '上游' }, classes: 'tier' });
  out.push({ group: 'nodes', data: { id: 's1', parent: 't1', label: '原料药' }, classes: 'segment THIN' });
  out.push({ group: 'nodes', data: { id: 's2', parent: 't1', label: '辅料', height: 40 }, classes: 'segment empty MISSING' });
  for (let i = 0; i < 5; i++)
    out.push({
      group: 'nodes',
      data: { id: `m${i}`, parent: 's1', type: 'Enterprise', label: `成员${i}` },
      classes: 'member',
      position: { x: i * 30, y: 0 },
    });
  out.push({ group: 'edges', data: { id: 'f1', source: 's1', target: 's2' }, classes: 'tier-flow' });
  out.push({ group: 'edges', data: { id: 'p1', type: 'SIGNED', source: 'n1', target: 'n2', label: '签约' } });
  out.push({ group: 'edges', data: { id: 'p2', type: 'SUPPLIES', source: 'n1', target: 'n2', label: '供应' } });
  return out;
}

/** Every element's style and bounding box, and the whole graph's box, after each step. */
function snapshots(cytoscape: Cytoscape, large: boolean): string[] {
  const cy = cytoscape({ headless: true, styleEnabled: true, style: graphStylesheet({ large }) });
  const out: string[] = [];
  const take = (step: string) => {
    cy.elements().forEach((e) => {
      // What the style cache keeps (visible, takes up space, interactive: an edge's depend on its nodes).
      const cached = e as typeof e & { takesUpSpace(): boolean; interactive(): boolean };
      const derived = [e.visible(), cached.takesUpSpace(), cached.interactive()].join();
      out.push(`${step} ${e.id()} ${derived} ${JSON.stringify(e.style())} ${JSON.stringify(e.boundingBox())}`);
    });
    out.push(`${step} all ${JSON.stringify(cy.elements().boundingBox())}`);
  };
  cy.add(elements(240, 400) as never);
  take('added');
  cy.batch(() => {
    cy.$('#n1, #n7, #n20').addClass('hl');
    cy.$('#n3').addClass('hidden');
    cy.$('#e3').addClass('hl labelled');
    cy.$('#n9').removeClass('faded');
    cy.$('#m2').addClass('hl');
    cy.$('#s1').removeClass('THIN').addClass('STRONG');
  });
  take('classes');
  cy.$('#n1').style('width', 80);
  cy.$('#p1').addClass('hidden');
  take('bypass');
  cy.style(graphStylesheet({ large: !large, lod: 'few' }) as never);
  take('stylesheet');
  cy.destroy();
  return out;
}

describe('Cytoscape styled with the build’s patch', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cy-patch-'));
  let plain: Cytoscape;
  let patched: Cytoscape;

  beforeAll(async () => {
    // The module the web build bundles (and patches), found from the package's own entry.
    const dist = path.dirname(createRequire(import.meta.url).resolve('cytoscape'));
    const source = fs.readFileSync(path.join(dist, 'cytoscape.esm.mjs'), 'utf8');
    const load = async (name: string, text: string) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, text);
      return ((await import(pathToFileURL(file).href)) as { default: Cytoscape }).default;
    };
    plain = await load('plain.mjs', source);
    patched = await load('patched.mjs', patchCytoscape(source));
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const large of [false, true]) {
    it(`gives every element the same style and bounding box as Cytoscape itself (${large ? 'large' : 'small'} graph stylesheet)`, () => {
      const expected = snapshots(plain, large);
      const actual = snapshots(patched, large);
      expect(actual.length).toBe(expected.length);
      const differing = actual.filter((line, i) => line !== expected[i]);
      expect(differing.slice(0, 3)).toEqual([]);
    });
  }
});
