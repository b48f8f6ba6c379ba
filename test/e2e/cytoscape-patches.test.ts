/**
 * The build's changes to Cytoscape (web/build/cytoscape-patches.ts), in Debian's Chromium: the
 * installed Cytoscape and the patched one side by side on the same graph.
 *  - Bounding boxes and hit tests answer exactly as before (every element's box; the element found
 *    under hundreds of points, on nodes, on edges and their arrows, on labels that take events, and
 *    between them).
 *  - The moving view of a large graph (textureOnViewport): the bitmap moved at the start of a gesture
 *    is a copy of the screen when that shows the elements as they are (no second full draw); the full
 *    draw waits until the view is still, but a change to the elements draws at once.
 *  - Labels hidden by `text-opacity: 0` on the WebGL renderer: hidden, and shown again when their
 *    opacity returns (the installed Cytoscape kept each label as first drawn); and by the label
 *    filter (the level of detail on large graphs), on the 2D and the WebGL renderer.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patchCytoscape } from '../../web/build/cytoscape-patches.js';
import { launchChromium } from '../support/chromium.js';

const root = path.resolve(import.meta.dirname, '../..');
const original = fs.readFileSync(path.join(root, 'node_modules', 'cytoscape', 'dist', 'cytoscape.esm.mjs'), 'utf8');
const WAIT = { timeout: 20_000, polling: 20 };

/** Each Cytoscape build as a module the page imports (window.__cy.original / .patched). */
async function loadBoth(page: Page): Promise<void> {
  await page.setContent(
    '<div id="original" style="position:absolute;left:0;top:0;width:700px;height:500px"></div>' +
      '<div id="patched" style="position:absolute;left:0;top:520px;width:700px;height:500px"></div>',
  );
  await page.evaluate(([a, b]) => void ((window as unknown as { __src: string[] }).__src = [a, b]), [original, patchCytoscape(original)]);
  // As a string: the test runner rewrites import() in functions it compiles.
  await page.evaluate(`(async () => {
    const load = async (src) => (await import(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })))).default;
    window.__cy = { original: await load(window.__src[0]), patched: await load(window.__src[1]) };
  })()`);
}

/**
 * A graph in the page, the same for both builds: `nodes` nodes on a grid with jitter, edges between
 * random pairs (straight without arrows, and curved with arrows at both ends and the middle), labels,
 * some taking events. Returns nothing; the instances are window.__g.original / .patched.
 */
async function makeGraphs(page: Page, nodes: number, opts: { texture: boolean; edgesPerNode: number }): Promise<void> {
  await page.evaluate(
    ([n, texture, perNode]) => {
      let seed = 7;
      const rnd = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
      const side = Math.ceil(Math.sqrt(n));
      const elements: unknown[] = [];
      for (let i = 0; i < n; i++) {
        elements.push({
          data: { id: `n${i}`, label: `节点 ${i}` },
          position: { x: (i % side) * 60 + rnd() * 20, y: Math.floor(i / side) * 60 + rnd() * 20 },
          classes: i % 7 === 0 ? 'te' : '',
        });
      }
      for (let i = 0; i < n * perNode; i++) {
        const s = Math.floor(rnd() * n);
        const t = Math.floor(rnd() * n);
        if (s === t) continue;
        elements.push({
          data: { id: `e${i}`, source: `n${s}`, target: `n${t}`, label: i % 5 === 0 ? `关系 ${i}` : '' },
          classes: i % 2 ? 'curved' : i % 3 ? '' : 'wide',
        });
      }
      // Level wide edges with arrows, below the grid: their arrows reach past their lines' boxes.
      for (let k = 0; k < 8; k++) {
        elements.push({ data: { id: `h${k}a` }, position: { x: k * 30, y: -100 - k * 50 } });
        elements.push({ data: { id: `h${k}b` }, position: { x: k * 30 + 240, y: -100 - k * 50 } });
        elements.push({ data: { id: `he${k}`, source: `h${k}a`, target: `h${k}b`, label: '' }, classes: 'wide' });
      }
      const style = [
        { selector: 'node', style: { label: 'data(label)', width: 18, height: 18, 'font-size': 10 } },
        { selector: 'node.te', style: { 'text-events': 'yes' } },
        { selector: 'edge', style: { 'curve-style': 'straight', width: 1.5, label: 'data(label)', 'font-size': 8, 'text-events': 'yes' } },
        { selector: 'node.tint', style: { 'background-color': '#c33' } },
        { selector: 'node.unlabelled', style: { label: '' } },
        { selector: 'node.raised', style: { 'z-index': 10 } },
        { selector: 'node.big', style: { width: 70, height: 70 } },
        { selector: 'edge.wide', style: { width: 6, 'target-arrow-shape': 'triangle' } },
        {
          selector: 'edge.curved',
          style: {
            'curve-style': 'bezier',
            'target-arrow-shape': 'triangle',
            'source-arrow-shape': 'circle',
            'mid-target-arrow-shape': 'tee',
          },
        },
      ];
      const w = window as unknown as { __cy: Record<string, (o: unknown) => unknown>; __g: Record<string, unknown> };
      w.__g = {};
      for (const name of ['original', 'patched']) {
        w.__g[name] = w.__cy[name]({
          container: document.getElementById(name),
          elements: structuredClone(elements),
          style,
          layout: { name: 'preset' },
          textureOnViewport: texture,
          hideEdgesOnViewport: texture,
        });
      }
    },
    [nodes, opts.texture, opts.edgesPerNode] as const,
  );
}

describe('Cytoscape as the build patches it', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 720, height: 1040 } });
    await loadBoth(page);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('finds every patched snippet once in the installed Cytoscape', () => {
    const patched = patchCytoscape(original);
    expect(patched).not.toBe(original);
    expect(patched).toContain('bbIsDirty');
    expect(() => patchCytoscape('// not Cytoscape')).toThrow(/not in this Cytoscape build exactly once/);
  });

  it('gives the same bounding boxes and finds the same elements under the pointer as the installed Cytoscape', async () => {
    await makeGraphs(page, 300, { texture: false, edgesPerNode: 1 });
    const result = await page.evaluate(() => {
      type Cy = any;
      const { original, patched } = (window as unknown as { __g: { original: Cy; patched: Cy } }).__g;
      const boxes = (cy: Cy) =>
        cy.elements().map((e: Cy) => {
          const all = e.boundingBox();
          const body = e.boundingBox({ includeLabels: false });
          return [e.id(), all.x1, all.y1, all.x2, all.y2, body.x1, body.y1, body.x2, body.y2].map(String).join(',');
        });
      // Points on nodes, on edges' ends, middles and arrows, on labels, and anywhere in the graph's box:
      // where the elements are at each stage (found from the installed Cytoscape's instance).
      const pointsNow = () => {
        const points: [number, number][] = [];
        let seed = 3;
        const rnd = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
        const bb = original.elements().boundingBox();
        for (let i = 0; i < 300; i++) points.push([bb.x1 + rnd() * bb.w, bb.y1 + rnd() * bb.h]);
        original.nodes().forEach((n: Cy, i: number) => {
          if (i % 3) return;
          const p = n.position();
          points.push([p.x, p.y], [p.x + 12, p.y], [p.x, p.y + 16]);
        });
        original.edges().forEach((e: Cy, i: number) => {
          if (i % 3 && !e.id().startsWith('he')) return;
          const s = e.sourceEndpoint();
          const t = e.targetEndpoint();
          const m = e.midpoint();
          // Beside each end, past the line's hit distance but within its arrow's.
          const len = Math.hypot(t.x - s.x, t.y - s.y) || 1;
          const [ux, uy] = [(t.x - s.x) / len, (t.y - s.y) / len];
          const [px, py] = [-uy * 19, ux * 19];
          points.push([s.x, s.y], [t.x, t.y], [m.x, m.y], [m.x + 3, m.y + 3], [(s.x + m.x) / 2, (s.y + m.y) / 2]);
          points.push([t.x + px, t.y + py], [s.x - px, s.y - py], [m.x + px, m.y + py]);
          // On a wide arrow's side, off its line when zoomed in: 16 back from the tip, 7.5 across.
          points.push([t.x - ux * 16 - uy * 7.5, t.y - uy * 16 + ux * 7.5]);
        });
        return points;
      };
      // At three zooms by mouse (the hit distances are in screen pixels), and by touch (wider) at 100%.
      const found = (cy: Cy, points: [number, number][]) =>
        [1, 0.25, 4].flatMap((zoom) => {
          cy.zoom(zoom);
          return (zoom === 1 ? [false, true] : [false]).flatMap((touch) =>
            points.map(([x, y]) =>
              cy
                .renderer()
                .findNearestElements(x, y, true, touch)
                .map((e: Cy) => e.id())
                .join('+'),
            ),
          );
        });
      // The patched hit test looks only at the elements near the point (its hit grid), rebuilt at
      // once after a change here (a user's moves rebuild it at most once a second).
      patched.renderer().hitGridRebuildMs = 0;
      let points: [number, number][] = [];
      const stage = () => ((points = pointsNow()), [found(original, points), found(patched, points)]);
      /** The same change to both instances, then every box and what each finds, and the patched grid's counters. */
      const after = (change: (cy: Cy) => void) => {
        change(original);
        change(patched);
        return { boxes: [boxes(original), boxes(patched)], found: stage(), stats: { ...patched.renderer().hitGridStats } };
      };
      // The nodes whose index has this remainder (Cytoscape's forEach stops at a callback returning false).
      const nodesAt = (cy: Cy, every: number, at: number) => cy.nodes().filter((_: Cy, i: number) => i % every === at);
      const first = after(() => {});
      // Two nodes in three change colour (a third of the elements; their hit areas do not change: the
      // grid is kept), then a few move (the boxes' cache keys, positions, must follow).
      const toTint = (cy: Cy) => cy.nodes().filter((_: Cy, i: number) => i % 3 !== 0);
      const tinted = toTint(original).length as number;
      const second = after((cy) => {
        toTint(cy).addClass('tint');
        nodesAt(cy, 9, 0).positions((n: Cy) => ({ x: n.position('x') + 140, y: n.position('y') - 95 }));
      });
      // A quarter of the labels emptied: Cytoscape sorts its elements afresh (into the same order);
      // the grid holds for the new array.
      const sortedAgain = after((cy) => nodesAt(cy, 4, 1).addClass('unlabelled'));
      // One node raised above the rest: the same elements in another order, so no grid is reused.
      const reordered = after((cy) => cy.$('#n5').addClass('raised'));
      // A quarter of the nodes moved (with their edges, under half the elements): found changed one
      // by one until too many, then the grid is built again.
      const quarterMoved = after((cy) => nodesAt(cy, 4, 2).positions((n: Cy) => ({ x: n.position('x') - 70, y: n.position('y') + 45 })));
      // Every node moved: too many changes to carry, the grid is built again.
      const third = after((cy) => cy.nodes().positions((n: Cy) => ({ x: n.position('y') * 0.8, y: n.position('x') * 1.1 })));
      // A third of the nodes change colour again: a change of style alone, not told to the grid. Only
      // the points are asked (every element's box, asked of a restyled element, reports new bounds).
      // First what a frame would do after every node moved (no frame is drawn in this test), and the
      // points asked once (the grid built for it).
      patched.renderer().flushRenderedStyleQueue();
      original.renderer().flushRenderedStyleQueue();
      stage();
      const recolour = (cy: Cy) => nodesAt(cy, 3, 1).toggleClass('tint');
      const recolouredCount = recolour(original).length as number;
      recolour(patched);
      const beforeRecolour = { ...patched.renderer().hitGridStats };
      const recolouredFound = stage();
      const recoloured = { boxes: [[], []], found: recolouredFound, stats: { ...patched.renderer().hitGridStats } };
      // A tenth of the nodes grow, and the points are asked before any frame or box applies their
      // new style: the patched hit test applies it first (the grid is told by the bounds it changes),
      // and finds the grown nodes where they now reach.
      const grow = (cy: Cy) => nodesAt(cy, 10, 7).addClass('big');
      grow(original);
      grow(patched);
      // The nodes found are compared (their edges' geometry before a frame depends on when each build
      // recomputes it: the patched one as the next frame would, before it answers).
      const nodesOnly = (found: string[]) =>
        found.map((f) =>
          f
            .split('+')
            .filter((id) => id.startsWith('n'))
            .join('+'),
        );
      const grownFound = stage().map(nodesOnly);
      const grown = { boxes: [[], []], found: grownFound, stats: { ...patched.renderer().hitGridStats } };
      // A fifth of the nodes' labels start taking events (a style change with no bounds of its own):
      // the grid is told (z-order), and the points on those labels find them as before.
      const labelEvents = after((cy) => nodesAt(cy, 5, 2).addClass('te'));
      return {
        stages: [first, second, sortedAgain, reordered, quarterMoved, third, recoloured, grown, labelEvents],
        points: points.length,
        tinted,
        afterFew: second.stats,
        afterSort: sortedAgain.stats,
        afterRaise: reordered.stats,
        afterQuarter: quarterMoved.stats,
        afterAll: third.stats,
        grown,
        beforeRecolour,
        afterRecolour: recoloured.stats,
        recolouredCount,
        afterLabelEvents: labelEvents.stats,
      };
    });
    for (const [i, r] of result.stages.entries()) {
      expect(r.boxes[1], `stage ${i}`).toEqual(r.boxes[0]);
      expect(r.found[1], `stage ${i}`).toEqual(r.found[0]);
      // The points find nodes, edges and nothing, so the comparison covers each path (the grown
      // stage compares nodes only).
      expect(r.found[0].filter((f) => /(^|\+)n\d/.test(f)).length).toBeGreaterThan(20);
      if (r !== result.grown) expect(r.found[0].filter((f) => /(^|\+)e\d/.test(f)).length).toBeGreaterThan(20);
      expect(r.found[0].filter((f) => f === '').length).toBeGreaterThan(20);
    }
    // The grid answered (not the full scan): after many nodes' colours changed and a few moved, from
    // the grid built first with the moved elements tested in full; kept for the same elements sorted
    // again, built again for a new order, for a quarter moved and for every node moved.
    expect(result.afterFew.built).toBe(1);
    // Only the moved nodes and their edges are tested in full; the recoloured ones were found unchanged.
    expect(result.afterFew.dirty).toBeGreaterThan(0);
    expect(result.afterFew.dirty).toBeLessThan(result.tinted);
    expect(result.afterFew.used).toBeGreaterThan(result.points * 4);
    expect(result.afterSort.built).toBe(1);
    expect(result.afterSort.kept).toBeGreaterThan(0);
    expect(result.afterRaise.built).toBe(2);
    expect(result.afterRaise.kept).toBe(result.afterSort.kept);
    expect(result.afterQuarter.staleDirty).toBeGreaterThan(0);
    expect(result.afterQuarter.staleMany ?? 0).toBe(0);
    expect(result.afterQuarter.built).toBe(3);
    expect(result.afterAll.staleMany).toBeGreaterThan(0);
    expect(result.afterAll.built).toBe(4);
    // Recoloured: no build, and of ~100 nodes only those whose labels take events (their label's
    // bounds asked by the hit test report new bounds) checked again, in the two grids.
    expect(result.afterRecolour.built).toBe(result.beforeRecolour.built);
    expect((result.afterRecolour.revalidated ?? 0) - (result.beforeRecolour.revalidated ?? 0)).toBeLessThan(result.recolouredCount / 2);
    expect(result.afterLabelEvents.revalidated ?? 0).toBeGreaterThan(result.afterRecolour.revalidated ?? 0);
  }, 180_000);

  it('moves a copy of the screen while the view moves, draws in full once it is still, and at once when an element changes', async () => {
    await makeGraphs(page, 2000, { texture: true, edgesPerNode: 2 });
    // Each draw of the patched instance as its renderer did it: the moved bitmap, a full draw, or a draw into the bitmap.
    await page.evaluate(() => {
      const cy = (window as unknown as { __g: { patched: any } }).__g.patched;
      const r = cy.renderer();
      const log: string[] = [];
      const render = r.render;
      r.render = function (o?: { forcedContext?: unknown }) {
        const out = render.call(this, o);
        log.push(o?.forcedContext ? 'into-bitmap' : r.textureDrawLastFrame ? 'bitmap' : 'full');
        return out;
      };
      (window as unknown as { __log: string[] }).__log = log;
    });
    const log = () => page.evaluate(() => [...(window as unknown as { __log: string[] }).__log]);
    const clear = () => page.evaluate(() => void ((window as unknown as { __log: string[] }).__log.length = 0));
    const lastIsFull = () =>
      page.waitForFunction(() => (window as unknown as { __log: string[] }).__log.at(-1) === 'full', undefined, WAIT);
    const centre = { x: 350, y: 520 + 250 };

    // A full draw, then a gesture: the bitmap it moves is the screen copied, not drawn again.
    await page.evaluate(() => (window as unknown as { __g: { patched: any } }).__g.patched.fit());
    await lastIsFull();
    await clear();
    await page.mouse.move(centre.x, centre.y);
    for (let i = 0; i < 6; i++) await page.mouse.wheel(0, 40);
    await lastIsFull();
    const gesture = await log();
    expect(gesture).toContain('bitmap');
    expect(gesture).not.toContain('into-bitmap');

    // After the wheel stops, the bitmap stays while the view has been still for less than the wait;
    // a selection then draws in full at once. (A machine that stalls past the wait draws in full
    // anyway: the gesture is tried again.)
    let seen: { last: string | undefined; next: string | undefined } | null = null;
    for (let attempt = 0; attempt < 10 && !seen; attempt++) {
      await lastIsFull();
      await page.mouse.wheel(0, -40);
      seen = await page.evaluate(async () => {
        const cy = (window as unknown as { __g: { patched: any } }).__g.patched;
        const r = cy.renderer();
        const log = (window as unknown as { __log: string[] }).__log;
        const frame = () => new Promise((ok) => requestAnimationFrame(ok));
        while (r.data.wheelZooming) await frame();
        await frame();
        if (!(performance.now() < r.textureSettleUntil - 50)) return null;
        const last = log.at(-1);
        const before = log.length;
        cy.$('#n5').select();
        while (log.length === before) await frame();
        return { last, next: log[before] };
      });
    }
    expect(seen).not.toBeNull();
    expect(seen!.last).toBe('bitmap');
    expect(seen!.next).toBe('full');
    expect(await log()).not.toContain('into-bitmap');

    // An element changed in the frame a gesture starts: the gesture still moves the screen's last
    // full draw (drawing a bitmap afresh froze a 10,000-node view for ~3 s), and the change is drawn
    // in full once the view is still.
    await lastIsFull();
    await clear();
    await page.evaluate(
      ([x, y]) => {
        const cy = (window as unknown as { __g: { patched: any } }).__g.patched;
        cy.$('#n6').style('background-color', '#c00');
        cy.container().dispatchEvent(new WheelEvent('wheel', { deltaY: 40, clientX: x, clientY: y, bubbles: true, cancelable: true }));
      },
      [centre.x, centre.y],
    );
    await lastIsFull();
    const changed = await log();
    expect(changed).toContain('bitmap');
    expect(changed).not.toContain('into-bitmap');
    expect(changed.at(-1)).toBe('full');
    expect(await page.evaluate(() => (window as unknown as { __g: { patched: any } }).__g.patched.$('#n6').style('background-color'))).toBe(
      'rgb(204,0,0)',
    );
  });

  /**
   * Three nodes with labels above them on `page`'s patched container (the renderer `opts` says); the
   * first two change places between shown and hidden by their opacity, then the label filter hides
   * the third, then shows every label again.
   */
  async function labelsShownAndHidden(p: Page, renderer: object, expectWebgl: boolean): Promise<void> {
    await p.evaluate((rendererOpts) => {
      const w = window as unknown as { __cy: Record<string, (o: unknown) => any>; __g: Record<string, any> };
      w.__g?.patched?.destroy?.();
      w.__g = {
        patched: w.__cy.patched({
          container: document.getElementById('patched'),
          elements: [0, 1, 2].map((i) => ({
            data: { id: `n${i}`, label: `标签标签 ${i}` },
            classes: i === 1 ? 'lod' : '',
            position: { x: 80 + i * 120, y: 80 },
          })),
          style: [
            { selector: 'node', style: { label: 'data(label)', 'font-size': 16, color: '#000' } },
            { selector: 'node.lod', style: { 'text-opacity': 0 } },
          ],
          layout: { name: 'preset', fit: false },
          zoom: 1,
          pan: { x: 0, y: 0 },
          ...rendererOpts,
        }),
      };
    }, renderer);
    expect(await p.evaluate(() => Boolean((window as unknown as { __g: { patched: any } }).__g.patched.renderer().webgl))).toBe(
      expectWebgl,
    );
    const container = (await p.locator('#patched').boundingBox())!;
    // Dark pixels in each label's place (above its node), from a screenshot read back in the page.
    const ink = async (): Promise<number[]> => {
      const png = (await p.screenshot({ clip: { x: container.x, y: container.y, width: 400, height: 120 } })).toString('base64');
      return p.evaluate(async (data) => {
        const img = new Image();
        img.src = `data:image/png;base64,${data}`;
        await img.decode();
        const c = document.createElement('canvas');
        [c.width, c.height] = [img.width, img.height];
        const ctx = c.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        const scale = img.width / 400;
        return [0, 1, 2].map((i) => {
          const px = ctx.getImageData(
            Math.round((30 + i * 120) * scale),
            Math.round(35 * scale),
            Math.round(100 * scale),
            Math.round(25 * scale),
          ).data;
          let dark = 0;
          for (let k = 0; k < px.length; k += 4) if (px[k] + px[k + 1] + px[k + 2] < 300) dark++;
          return dark;
        });
      }, png);
    };
    const shown = () => expect.poll(async () => (await ink()).map((d) => d > 20), { timeout: 20_000, interval: 100 });
    const cy = (f: (cy: any) => void) => p.evaluate(`(${f.toString()})(window.__g.patched)`);
    await shown().toEqual([true, false, true]);
    await cy((c) => {
      c.$('#n1').removeClass('lod');
      c.$('#n0').addClass('lod');
    });
    await shown().toEqual([false, true, true]);
    // The label filter (the level of detail on large graphs): nothing restyled, the third hidden.
    await cy((c) => c.renderer().setLabelHidden((e: any) => e.id() === 'n2'));
    await shown().toEqual([false, true, false]);
    await cy((c) => c.renderer().setLabelHidden(null));
    await shown().toEqual([false, true, true]);
  }

  it('shows and hides labels by their opacity and by the label filter on the 2D renderer', async () => {
    await labelsShownAndHidden(page, { textureOnViewport: true }, false);
  });

  it('shows and hides labels by their opacity and by the label filter on the WebGL renderer', async () => {
    // WebGL in software (SwiftShader), in a browser of its own: the other tests run without a GPU process.
    const gl = await launchChromium({ gl: 'swiftshader' });
    try {
      const glPage = await gl.newPage({ viewport: { width: 720, height: 1040 } });
      await loadBoth(glPage);
      await labelsShownAndHidden(glPage, { renderer: { name: 'canvas', webgl: true } }, true);
    } finally {
      await gl.close();
    }
  });
});
