/**
 * npm run bench:web [-- --entities 20000 --relations 200000 --sizes 2000,10000 --seconds 4]
 *
 * The Explore canvas at scale, in Debian's Chromium (playwright-core, no browser download), on the
 * real app: a synthetic ecosystem (bench/generate.ts) bulk-loaded into a fresh embedded store, the
 * real server in-process on a free port serving a fresh build of the web app, and the Explore view
 * opened on a URL a user reaches by "show more" and "expand by type": the biggest hubs on the
 * canvas with their largest relation groups opened and the canvas limit raised to the size measured
 * (one neighbourhood request is capped at 1,000 nodes by the server, the canvas at `limit`, so 2,000
 * or 10,000 nodes come from several expansions, as they would for a user).
 *
 * For each size:
 *  - draw + layout: the neighbourhood answers are held until all have reached the browser, then
 *    released together; from the canvas's first `canvas:draw:start` mark after that to the first
 *    frame presented after its last `canvas:layoutstop` mark (graph-canvas.tsx), i.e. until the
 *    laid-out graph is on screen;
 *  - pan / zoom: once the page has been idle after that frame (a user's first move comes after
 *    they see the graph), for `--seconds`, the mouse (Chromium's own input events, through the DevTools
 *    protocol) zooms with the wheel (in to about 3× the fitted zoom and back out) and
 *    drags the canvas from an empty spot, over and over, as a user would (the zoom's range is
 *    printed, with the label levels it drew); a frame counts when Cytoscape drew the canvas in
 *    it (a screen render, counted by wrapping its renderer's `render`) and the page presented it
 *    (requestAnimationFrame) → frames per second, and gaps longer than 50 ms between them.
 * Each measurement has a page of its own (a 10,000-node page still busy must not delay the next).
 * Chromium has no GPU here: WebGL, the compositor and the 2D canvas run on SwiftShader (software GL
 * on the CPU): those are the figures measured.
 * Figures are printed and written with writeSuiteResult('web', …); nothing is asserted.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, Page, Route } from 'playwright-core';
import { createContext, createHandler } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import type { RelationType } from '../server/domain/model.js';
import { EmbeddedStore } from '../server/store/embedded.js';
import { generate, sizeArgs } from './generate.js';
import { launchChromium } from '../test/support/chromium.js';
import { writeSuiteResult, type Figure } from './results.js';

const root = path.resolve(import.meta.dirname, '..');
/** What one neighbourhood request may return (server/domain/validate.ts checkLimit). */
const SERVER_LIMIT = 1000;
const TARGET = { drawMs: 3000, fps: 30 };
/**
 * How the pan / zoom's mouse events are sent. 'device': as a mouse sends them, one every INPUT_MS
 * (125 Hz) whatever the page is doing — Chromium queues and coalesces them, as it does a real
 * mouse's; the figure the target is read against. 'awaited': each one after the page has taken the
 * one before (a round trip through the DevTools protocol, at least one frame each), so the frames
 * can be no more than the events: the figure earlier rounds measured, shown beside it.
 */
type Input = 'device' | 'awaited';
const INPUT_MS = 8;

const progress = (msg: string) => console.error(`[bench:web] ${msg}`);

function options(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string' },
      seconds: { type: 'string' },
      dist: { type: 'string' },
      screenshots: { type: 'boolean' },
      profile: { type: 'boolean' },
      gl: { type: 'string' },
    },
    strict: false,
  });
  const size = sizeArgs(argv);
  return {
    // A smaller graph than bench.ts's default still has hubs of thousands of links and loads in seconds.
    entities: argv.some((a) => a.startsWith('--entities')) ? size.entities : 20_000,
    relations: argv.some((a) => a.startsWith('--relations')) ? size.relations : 200_000,
    seed: size.seed ?? 42,
    sizes: String(values.sizes ?? '2000,10000')
      .split(',')
      .map(Number)
      .filter((n) => Number.isInteger(n) && n > 0),
    seconds: Number(values.seconds ?? 4),
    /** A web app already built (e.g. an older commit's, to compare); without, the working tree is built. */
    dist: typeof values.dist === 'string' ? path.resolve(values.dist) : null,
    /** Also save the settled canvas of each size (zh and en, desktop and phone) into test-artifacts/. */
    screenshots: Boolean(values.screenshots),
    /** Also profile the draw + layout and the pan / zoom run (Chromium's CPU profiler): the functions taking most of their time, printed, and the profiles in test-artifacts/. */
    profile: Boolean(values.profile),
    /**
     * 'software' (the default): Chromium without a GPU as it runs on a machine that has none, software
     * compositing and 2D canvas; 'swiftshader': SwiftShader (a GPU emulated on the CPU) for WebGL,
     * compositing and raster alike, as this bench measured before.
     */
    gl: values.gl === 'swiftshader' ? ('swiftshader' as const) : ('off' as const),
  };
}

/** The hubs and relation groups to open so that at least `n` distinct neighbours reach the canvas. */
function pickExpansions(
  relations: { from: string; to: string; type: RelationType }[],
  hubs: { id: string }[],
  n: number,
): { ids: string[]; exp: string[] } {
  const hubIds = new Set(hubs.map((h) => h.id));
  const groups = new Map<string, Set<string>>();
  for (const r of relations) {
    for (const [a, b] of [
      [r.from, r.to],
      [r.to, r.from],
    ]) {
      if (!hubIds.has(a)) continue;
      const key = `${a}~${r.type}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = new Set()));
      g.add(b);
    }
  }
  const seen = new Set<string>();
  const ids: string[] = [];
  const exp: string[] = [];
  const sorted = [...groups.entries()].sort((x, y) => y[1].size - x[1].size);
  // Headroom: the server's 1,000 are not the 1,000 picked here, and groups overlap (the canvas caps at n).
  for (const [key, members] of sorted) {
    if (seen.size >= n * 1.6) break;
    const fresh = [...members].filter((m) => !seen.has(m)).slice(0, SERVER_LIMIT);
    if (fresh.length < 50) continue;
    fresh.forEach((m) => seen.add(m));
    exp.push(key);
    const hub = key.slice(0, key.lastIndexOf('~'));
    if (!ids.includes(hub)) ids.push(hub);
  }
  return { ids, exp };
}

interface Measured {
  nodes: number;
  edges: number;
  drawMs: number;
  /** With the mouse's events sent as a device does (Input 'device'). */
  fps: number;
  /** With each event awaited (Input 'awaited'). */
  fpsAwaited: number;
  frames: number;
  longFrames: number;
  maxFrameMs: number;
  webgl: boolean;
}

async function cyCounts(page: Page) {
  return page.evaluate(() => {
    const el = document.querySelector('[data-testid="explore-canvas"] .graph-canvas-cy') as (HTMLElement & { _cyreg?: { cy: any } }) | null;
    const cy = el?._cyreg?.cy;
    if (!cy) return null;
    const webgl = Boolean(cy.renderer()?.webgl);
    return { nodes: cy.nodes(':visible').length as number, edges: cy.edges(':visible').length as number, webgl };
  });
}

/** The functions with the most self time in a CPU profile (Chromium's Profiler.Profile). */
function topSelf(
  profile: {
    nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
    samples?: number[];
    timeDeltas?: number[];
  },
  n = 15,
): string[] {
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  const self = new Map<string, number>();
  let total = 0;
  (profile.samples ?? []).forEach((id, i) => {
    const dt = profile.timeDeltas?.[i] ?? 0;
    total += dt;
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + dt);
  });
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, us]) => `${((100 * us) / Math.max(total, 1)).toFixed(1).padStart(5)}%  ${Math.round(us / 1000)} ms  ${k}`);
}

/**
 * Starts Chromium's CPU profiler on the page; the function returned stops it, writes the profile to
 * test-artifacts/<name>.cpuprofile and prints the functions with most self time.
 */
async function startProfile(page: Page): Promise<(name: string, what: string) => Promise<void>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.start');
  return async (name, what) => {
    const { profile } = await cdp.send('Profiler.stop');
    fs.mkdirSync(path.join(root, 'test-artifacts'), { recursive: true });
    const file = path.join(root, 'test-artifacts', `${name}.cpuprofile`);
    fs.writeFileSync(file, JSON.stringify(profile));
    progress(`  ${what} profile in ${path.relative(root, file)}; most self time:`);
    for (const l of topSelf(profile)) progress(`    ${l}`);
    await cdp.detach();
  };
}

/** A page of its own for one measurement: its Cytoscape draws and presented frames can be read. */
async function openPage(browser: Browser, viewport = { width: 1440, height: 900 }): Promise<Page> {
  const page = await browser.newPage({ viewport, locale: 'en-GB' });
  page.on('pageerror', (err) => progress(`page error: ${err.stack ?? err.message}`));
  // tsx (esbuild, keepNames) wraps named functions in __name(), which the page does not have.
  await page.addInitScript('window.__name = (f) => f');
  // The frame after the one following a layout's stop has begun: the laid-out graph was presented.
  await page.addInitScript(() => {
    const mark = performance.mark.bind(performance);
    performance.mark = ((name: string, opts?: PerformanceMarkOptions) => {
      const m = mark(name, opts);
      if (name === 'canvas:layoutstop') {
        const stop = m.startTime;
        requestAnimationFrame(() =>
          requestAnimationFrame(() => ((window as unknown as { __painted: unknown }).__painted = { stop, at: performance.now() })),
        );
      }
      return m;
    }) as typeof performance.mark;
  });
  return page;
}

/** Whether the canvas is idle and the graph laid out last was presented (no draw started after it). */
function settled(): boolean {
  const canvas = document.querySelector('[data-testid="explore-canvas"]');
  if (canvas?.getAttribute('data-layout') !== 'idle') return false;
  const starts = performance.getEntriesByName('canvas:draw:start');
  const stops = performance.getEntriesByName('canvas:layoutstop');
  const painted = (window as unknown as { __painted?: { stop: number } }).__painted;
  if (!starts.length || !stops.length) return false;
  const stop = stops[stops.length - 1].startTime;
  return stop > starts[starts.length - 1].startTime && painted?.stop === stop;
}

async function measure(browser: Browser, url: string, requests: number, seconds: number, profile = false): Promise<Measured> {
  const page = await openPage(browser);
  try {
    return await measureOn(page, url, requests, seconds, profile);
  } finally {
    await page.close();
  }
}

async function measureOn(page: Page, url: string, requests: number, seconds: number, profile: boolean): Promise<Measured> {
  // Hold every neighbourhood answer until all have arrived, then hand them to the page together.
  const held: { route: Route; body: string; status: number; headers: Record<string, string> }[] = [];
  let release!: () => void;
  const allHeld = new Promise<void>((r) => (release = r));
  await page.route('**/graphql', async (route) => {
    if (!/query Neighborhood\(/.test(route.request().postData() ?? '')) return route.continue();
    const res = await route.fetch({ timeout: 120_000 });
    held.push({ route, body: await res.text(), status: res.status(), headers: res.headers() });
    if (held.length === requests) release();
  });
  await page.goto(url);
  const holding = setInterval(() => progress(`  ${held.length} of ${requests} answers held`), 20_000);
  await allHeld.finally(() => clearInterval(holding));
  await page.evaluate(() => performance.clearMarks());
  const t0 = await page.evaluate(() => performance.now());
  // With --profile the draw + layout is profiled too (its own file), from the answers' release to settled.
  const drawProfile = profile ? await startProfile(page) : null;
  await Promise.all(held.map((h) => h.route.fulfill({ status: h.status, headers: h.headers, body: h.body })));
  await page.unroute('**/graphql');
  await page.waitForFunction(settled, undefined, { timeout: 300_000, polling: 200 }).catch(async (err: unknown) => {
    const state = await page.evaluate(() => ({
      layout: document.querySelector('[data-testid="explore-canvas"]')?.getAttribute('data-layout'),
      marks: performance.getEntriesByType('mark').map((m) => `${m.name}@${Math.round(m.startTime)}`),
    }));
    fs.mkdirSync(path.join(root, 'test-artifacts'), { recursive: true });
    await page.screenshot({ path: path.join(root, 'test-artifacts', 'bench-web-unsettled.png') });
    throw new Error(`the canvas did not settle: ${JSON.stringify(state)}`, { cause: err });
  });
  const { drawMs, layoutMs, applyMs, cycles, marks } = await page.evaluate((from) => {
    const starts = performance.getEntriesByName('canvas:draw:start').filter((e) => e.startTime >= from);
    const applied = performance.getEntriesByName('canvas:applied').filter((e) => e.startTime >= from);
    const stops = performance.getEntriesByName('canvas:layoutstop');
    const painted = (window as unknown as { __painted: { stop: number; at: number } }).__painted;
    const first = starts[0]?.startTime ?? from;
    const stop = stops[stops.length - 1].startTime;
    return {
      drawMs: (painted.stop === stop ? painted.at : NaN) - first,
      layoutMs: stop - first,
      // Adding the elements (styles included) in the draws that added nodes, the rest being layouts and React.
      applyMs: starts.reduce((sum, s, i) => sum + ((applied[i]?.startTime ?? s.startTime) - s.startTime), 0),
      cycles: starts.length,
      marks: performance
        .getEntriesByType('mark')
        .filter((m) => m.startTime >= from)
        .map((m) => `${m.name}@${Math.round(m.startTime - from)}`)
        .join(' '),
    };
  }, t0);
  progress(`  marks ${marks}`);
  progress(
    `  draw + layout ${Math.round(drawMs)} ms to the frame presented (layout stopped at ${Math.round(layoutMs)} ms) in ${cycles} draw(s); adding elements ${Math.round(applyMs)} ms of it`,
  );
  const counts = (await cyCounts(page))!;
  await drawProfile?.(`bench-web-${counts.nodes}-draw`, 'draw + layout');
  // A user's first move comes after they have seen the graph: the gesture starts once the page has
  // been idle (requestIdleCallback, at most 2 s), which is when the canvas builds its hit grid after a
  // layout (graph-canvas.tsx prebuildHitGrid). Printed, so a slow idle shows.
  const idleMs = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const t0 = performance.now();
        requestIdleCallback(() => resolve(performance.now() - t0), { timeout: 2000 });
      }),
  );
  progress(`  the page idle ${Math.round(idleMs)} ms after that frame`);
  const panProfile = profile ? await startProfile(page) : null;
  // The mouse as a device sends it first (the figure read against the target), then each event awaited.
  const device = await panZoomRun(page, seconds, 'device');
  await panProfile?.(`bench-web-${counts.nodes}`, 'pan / zoom');
  const awaited = await panZoomRun(page, seconds, 'awaited');
  const levels = await labelLevels(page);
  progress(
    `  zoomed to each label level: ${levels.map((l) => `${l.level} at ${l.zoom} in ${Math.round(l.ms)} ms`).join(', ')} (the zoom to two frames after the labels changed)`,
  );
  return { nodes: counts.nodes, edges: counts.edges, webgl: counts.webgl, drawMs, ...device, fpsAwaited: awaited.fps };
}

/**
 * A user zooming in to read the labels: the canvas zoomed at its centre to each label level of detail
 * (graph-canvas.tsx changes the labels drawn when the zoom crosses one) and back; the time from the
 * zoom to the second frame after the canvas changed its labels (the one showing them). NaN if the
 * level did not change within 20 s.
 */
async function labelLevels(page: Page): Promise<{ level: string; zoom: number; ms: number }[]> {
  return page.evaluate(async () => {
    const el = document.querySelector('[data-testid="explore-canvas"] .graph-canvas-cy') as HTMLElement & { _cyreg: { cy: any } };
    const cy = el._cyreg.cy;
    const host = el.closest('.graph-canvas') as HTMLElement;
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    const out: { level: string; zoom: number; ms: number }[] = [];
    // The levels' thresholds are 0.4 and 0.85 (web/src/graph/styles.ts LOD_ZOOM).
    for (const [zoom, level] of [
      [0.6, 'important'],
      [1.2, 'all'],
      [0.6, 'important'],
      [0.2, 'few'],
    ] as const) {
      await frame();
      await frame();
      const t0 = performance.now();
      cy.zoom({ level: zoom, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
      while (host.getAttribute('data-labels') !== level && performance.now() - t0 < 20_000) await frame();
      const changed = host.getAttribute('data-labels') === level;
      await frame();
      await frame();
      out.push({ level, zoom, ms: changed ? performance.now() - t0 : NaN });
    }
    return out;
  });
}

/** Why the hit grid went out of date, and the elements it checked again (names from web/build/cytoscape-patches.ts). */
function hitGridCauses(g: Record<string, number>): string {
  const stale = [
    ['staleAll', 'a change naming no elements'],
    ['staleMany', 'nearly every element changed'],
    ['staleDirty', 'too many areas changed'],
  ]
    .filter(([k]) => g[k])
    .map(([k, what]) => `${what} ${g[k]}`);
  return `out of date: ${stale.length ? stale.join(', ') : 'never'}; kept for elements sorted afresh ${g.kept ?? 0} time(s); ${g.revalidated ?? 0} changed elements checked again in ${g.revalidateMs ?? 0} ms`;
}

/** One pan / zoom run with the mouse's events sent as `input` says: frames per second, and the frames over 50 ms. */
async function panZoomRun(
  page: Page,
  seconds: number,
  input: Input,
): Promise<{ frames: number; fps: number; longFrames: number; maxFrameMs: number }> {
  const frames = await panZoom(page, seconds, input);
  const gaps = frames.times.slice(1).map((t, i) => Math.max(0, t - frames.times[i]));
  const span = (frames.times[frames.times.length - 1] - frames.times[0]) / 1000;
  progress(
    `  pan / zoom, mouse events ${input === 'device' ? `every ${INPUT_MS} ms` : 'each awaited'}: ${frames.drawn} frames drawn in ${span.toFixed(1)} s (${frames.ticks} animation frames, ${frames.inputs} input events)`,
  );
  const drawTimes = (ms: number[]) => {
    const sorted = [...ms].sort((a, b) => a - b);
    const q = (f: number) => (sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor(f * sorted.length))]) : NaN);
    return `${sorted.length} taking ${(ms.reduce((a, b) => a + b, 0) / 1000).toFixed(1)} s (median ${q(0.5)} ms, max ${q(1)} ms)`;
  };
  progress(`    full draws ${drawTimes(frames.full)}; draws of the moved bitmap ${drawTimes(frames.moving)}`);
  progress(
    `    hit tests ${drawTimes(frames.hits)}; from the hit grid ${frames.grid.used}, in full ${frames.grid.full}, grid built ${frames.grid.built} time(s)${frames.grid.built ? ` in ${frames.grid.buildMs} ms` : ''}; ${hitGridCauses(frames.grid)}`,
  );
  const told = Object.entries(frames.notified).map(([name, n]) => `${name} ${n}`);
  if (frames.zooms[0] <= frames.minZoom)
    progress(`    the zoom reached Cytoscape's minimum (${frames.minZoom}): notches out were lost, the rounds drift`);
  progress(
    `    zoom ${frames.zooms.map((z) => z.toFixed(3)).join('–')}, labels ${frames.levels.join(' → ') || 'unchanged'}; the renderer told of changes: ${told.join(', ') || 'none'}`,
  );
  return { frames: frames.drawn, fps: frames.drawn / span, longFrames: gaps.filter((g) => g > 50).length, maxFrameMs: Math.max(...gaps) };
}

/**
 * Pans and zooms the canvas with the mouse for `seconds`, as a user does: wheel out, drag, wheel in,
 * drag, … (the wheel at the canvas's centre, each drag from a spot with no node under it, so it pans
 * rather than moves a node). Returns when each frame with a Cytoscape draw was presented.
 */
async function panZoom(
  page: Page,
  seconds: number,
  input: Input,
): Promise<{
  times: number[];
  drawn: number;
  ticks: number;
  inputs: number;
  full: number[];
  moving: number[];
  hits: number[];
  grid: Record<string, number>;
  notified: Record<string, number>;
  zooms: number[];
  minZoom: number;
  levels: string[];
}> {
  // Cytoscape takes its first four wheel events as samples of the device (clamped to a small zoom):
  // they go before the measurement, in and out in turn (the view is fitted below), so that the first
  // run one way is not shorter than the rest (the rounds drifted that way).
  const canvasBox = await page.locator('[data-testid="explore-canvas"] .graph-canvas-cy').boundingBox();
  if (canvasBox) {
    await page.mouse.move(canvasBox.x + canvasBox.width / 2, canvasBox.y + canvasBox.height / 2);
    // Deltas that vary, as in the gesture (equal ones are taken for a notched wheel's, zoomed 2.7% each).
    for (let i = 0; i < 6; i++) await page.mouse.wheel(0, (i % 2 ? 1 : -1) * (14 + (i % 3)));
  }
  const box = await page.evaluate(() => {
    const el = document.querySelector('[data-testid="explore-canvas"] .graph-canvas-cy') as HTMLElement & { _cyreg: { cy: any } };
    const cy = el._cyreg.cy;
    cy.fit(undefined, 40);
    const r = cy.renderer();
    const rec = {
      draws: 0,
      times: [] as number[],
      drawn: 0,
      ticks: 0,
      stop: false,
      full: [] as number[],
      moving: [] as number[],
      hits: [] as number[],
      grid0: { ...r.hitGridStats },
      /** What the renderer was told changed during the gestures (its notify: event name → elements), and the label levels the zoom drew. */
      notified: {} as Record<string, number>,
      zooms: [cy.zoom(), cy.zoom()],
      minZoom: cy.minZoom() as number,
      levels: [] as string[],
    };
    const notify = r.notify;
    r.notify = function (name: string, eles?: { length: number }) {
      if (!rec.stop && name !== 'viewport' && name !== 'draw') rec.notified[name] = (rec.notified[name] ?? 0) + (eles ? eles.length : 1);
      return notify.call(this, name, eles);
    };
    cy.on('zoom', () => {
      if (rec.stop) return;
      rec.zooms[0] = Math.min(rec.zooms[0], cy.zoom());
      rec.zooms[1] = Math.max(rec.zooms[1], cy.zoom());
      const level = el.closest('.graph-canvas')?.getAttribute('data-labels') ?? '';
      if (rec.levels[rec.levels.length - 1] !== level) rec.levels.push(level);
    });
    // Hit tests (each mouse move, press and release asks what is under the pointer), timed.
    const find = r.findNearestElements;
    r.findNearestElements = function (...args: unknown[]) {
      const t = performance.now();
      const out = find.apply(this, args);
      if (!rec.stop) rec.hits.push(performance.now() - t);
      return out;
    };
    const render = r.render;
    // Screen draws only: a draw into an offscreen texture (forcedContext) is not a frame. Each is
    // timed, apart by kind: a full draw, or the view's bitmap moved while the wheel or a drag moves it
    // (Cytoscape's textureOnViewport: the same test as its renderer's).
    r.render = function (o?: { forcedContext?: unknown }) {
      if (o?.forcedContext) return render.call(this, o);
      rec.draws++;
      const moving = r.textureOnViewport && (r.pinching || r.hoverData.dragging || r.swipePanning || r.data.wheelZooming);
      const t = performance.now();
      const out = render.call(this, o);
      (moving ? rec.moving : rec.full).push(performance.now() - t);
      return out;
    };
    let seen = 0;
    const tick = (now: number) => {
      rec.ticks++;
      if (rec.draws !== seen) {
        seen = rec.draws;
        rec.drawn++;
        rec.times.push(now);
      }
      if (!rec.stop) requestAnimationFrame(tick);
    };
    rec.times.push(performance.now());
    requestAnimationFrame(tick);
    const b = el.getBoundingClientRect();
    /** A point on the canvas (not under a tool or a panel) with no node within 12 px. */
    const spot = () => {
      // The visible nodes' boxes once per call (filtering 10,000 nodes per candidate point was the
      // bench's own cost, in the page's main thread, between gestures).
      const boxes = cy.nodes(':visible').map((n: any) => n.renderedBoundingBox({ includeLabels: false })) as {
        x1: number;
        y1: number;
        x2: number;
        y2: number;
      }[];
      const near = (x: number, y: number) => boxes.some((bb) => x > bb.x1 - 12 && x < bb.x2 + 12 && y > bb.y1 - 12 && y < bb.y2 + 12);
      for (let fy = 0.5; fy < 0.95; fy += 0.07) {
        for (const fx of [0.5, 0.3, 0.7, 0.15, 0.85]) {
          const x = b.width * fx;
          const y = b.height * (fy >= 0.5 ? fy : 1 - fy);
          const at = document.elementFromPoint(b.left + x, b.top + y);
          if (at && el.contains(at) && !near(x, y)) return { x: b.left + x, y: b.top + y };
        }
      }
      return null;
    };
    (window as unknown as { __bench: unknown }).__bench = { rec, spot };
    return { x: b.left, y: b.top, width: b.width, height: b.height };
  });
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const end = Date.now() + seconds * 1000;
  let inputs = 0;
  // 'device': each event sent when a mouse would send it (every INPUT_MS), not after the page took
  // the one before, through the DevTools protocol directly; each awaited at the end.
  const cdp = input === 'device' ? await page.context().newCDPSession(page) : null;
  const sent: Promise<unknown>[] = [];
  let buttons = 0;
  const send = async (type: 'mouseMoved' | 'mousePressed' | 'mouseReleased' | 'mouseWheel', x: number, y: number, deltaY = 0) => {
    if (!cdp) {
      if (type === 'mouseMoved') await page.mouse.move(x, y);
      else if (type === 'mousePressed') await page.mouse.down();
      else if (type === 'mouseReleased') await page.mouse.up();
      else await page.mouse.wheel(0, deltaY);
      return;
    }
    if (type === 'mousePressed') buttons = 1;
    if (type === 'mouseReleased') buttons = 0;
    const button = type === 'mouseWheel' || (type === 'mouseMoved' && !buttons) ? 'none' : 'left';
    const clickCount = type === 'mousePressed' || type === 'mouseReleased' ? 1 : 0;
    const done = cdp
      .send('Input.dispatchMouseEvent', { type, x, y, button, buttons, clickCount, deltaX: 0, deltaY })
      .catch(() => undefined);
    sent.push(done);
    await new Promise((r) => setTimeout(r, INPUT_MS));
    // A drag's release is taken before the wheel turns again (Chromium may deliver a wheel event sent
    // after a release before it, while the page is behind; Cytoscape ignores the wheel during a drag).
    if (type === 'mouseReleased') await done;
  };
  // Wheel deltas that vary, as a touchpad's do (Cytoscape takes equal ones for a notched wheel and zooms them 2.7% each).
  const wheel = async (notches: number, dir: 1 | -1) => {
    await send('mouseMoved', centre.x, centre.y);
    for (let i = 0; i < notches && Date.now() < end; i++, inputs++) await send('mouseWheel', centre.x, centre.y, dir * (14 + (i % 3)));
  };
  const drag = async (k: number) => {
    const from = await page.evaluate(() =>
      (window as unknown as { __bench: { spot: () => { x: number; y: number } | null } }).__bench.spot(),
    );
    if (!from) return;
    await send('mouseMoved', from.x, from.y);
    await send('mousePressed', from.x, from.y);
    let at = from;
    for (let i = 1; i <= 24 && Date.now() < end; i++, inputs++) {
      const a = (k + i / 24) * Math.PI;
      at = { x: from.x + 160 * Math.sin(a), y: from.y + 90 * (1 - Math.cos(a)) };
      await send('mouseMoved', at.x, at.y);
    }
    await send('mouseReleased', at.x, at.y);
  };
  // Each round: 8 notches in (about 3×), a drag, out as far as the fitted zoom, a drag. A fixed
  // number out drifted: with the events sent as a device does, a few notches were lost while the page
  // was behind (Chromium delivers wheel events apart from mouse presses and releases), and over a
  // run the zoom ended far in or out (0.05-0.9 for a fitted 0.09, at Cytoscape's minimum or across
  // label levels, by as many rounds as fitted in the time). So the notches out are counted from the
  // zoom reached, as a user zooms out until the whole graph shows again.
  const zoomNow = () =>
    page.evaluate(
      () =>
        (
          document.querySelector('[data-testid="explore-canvas"] .graph-canvas-cy') as HTMLElement & { _cyreg: { cy: any } }
        )._cyreg.cy.zoom() as number,
    );
  const fitted = await zoomNow();
  for (let k = 0; Date.now() < end; k++) {
    await wheel(8, -1);
    await drag(k);
    // Cytoscape zooms by 10^(deltaY / 250) a wheel event; the notches are 14-16 each.
    const out = Math.max(0, Math.round((250 * Math.log10((await zoomNow()) / fitted)) / 15));
    await wheel(out, 1);
    await drag(k + 1);
  }
  await Promise.all(sent);
  await cdp?.detach();
  const rec = await page.evaluate(() => {
    const b = (
      window as unknown as {
        __bench: {
          rec: {
            times: number[];
            drawn: number;
            ticks: number;
            stop: boolean;
            full: number[];
            moving: number[];
            hits: number[];
            grid0: Record<string, number>;
            notified: Record<string, number>;
            zooms: number[];
            minZoom: number;
            levels: string[];
          };
        };
      }
    ).__bench;
    b.rec.stop = true;
    const el = document.querySelector('[data-testid="explore-canvas"] .graph-canvas-cy') as HTMLElement & { _cyreg: { cy: any } };
    const grid1: Record<string, number> = { ...el._cyreg.cy.renderer().hitGridStats };
    // The patched Cytoscape's hit grid (web/build/cytoscape-patches.ts): answers from it, full scans, builds.
    const grid = Object.fromEntries(
      [...new Set([...Object.keys(grid1), 'used', 'full', 'built'])].map((k) => [k, Math.round((grid1[k] ?? 0) - (b.rec.grid0[k] ?? 0))]),
    );
    return {
      times: [...b.rec.times, performance.now()],
      drawn: b.rec.drawn,
      ticks: b.rec.ticks,
      full: b.rec.full,
      moving: b.rec.moving,
      hits: b.rec.hits,
      grid,
      notified: b.rec.notified,
      zooms: b.rec.zooms,
      minZoom: b.rec.minZoom,
      levels: b.rec.levels,
    };
  });
  return { ...rec, inputs };
}

/** The settled canvas in Chinese and English, on a desktop and a phone viewport, into test-artifacts/. */
async function screenshots(browser: Browser, q: URLSearchParams, base: string, n: number): Promise<void> {
  const dir = path.join(root, 'test-artifacts');
  fs.mkdirSync(dir, { recursive: true });
  for (const lang of ['zh', 'en']) {
    for (const size of [
      { width: 1440, height: 900 },
      { width: 390, height: 844 },
    ]) {
      const page = await openPage(browser, size);
      try {
        await page.goto(`${base}/?${new URLSearchParams({ ...Object.fromEntries(q), lang })}`);
        await page.waitForFunction(settled, undefined, { timeout: 300_000, polling: 500 });
        const file = path.join(dir, `bench-web-${n}-${lang}-${size.width}x${size.height}.png`);
        await page.screenshot({ path: file });
        progress(`screenshot ${path.relative(root, file)}`);
        if (size.width < 1000) continue;
        // Zoomed in to each level of detail: hubs' labels drawn, then every label.
        for (const [level, labels] of [
          [0.6, 'important'],
          [1.2, 'all'],
        ] as const) {
          await page.evaluate((z) => {
            const el = document.querySelector('[data-testid="explore-canvas"] .graph-canvas-cy') as HTMLElement & { _cyreg: { cy: any } };
            const cy = el._cyreg.cy;
            cy.zoom({ level: z, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
          }, level);
          await page.locator(`.graph-canvas[data-labels="${labels}"]`).waitFor({ timeout: 60_000 });
          await page.waitForFunction(settled, undefined, { timeout: 60_000, polling: 500 });
          const zoomed = file.replace(/\.png$/, `-${labels}.png`);
          await page.screenshot({ path: zoomed });
          progress(`screenshot ${path.relative(root, zoomed)}`);
        }
      } finally {
        await page.close();
      }
    }
  }
}

/** A production build of the working tree's web app into `outDir` (not dist/web, which the browser tests use). */
function build(outDir: string): void {
  progress('building the web app …');
  const env = { ...process.env, NODE_ENV: 'production' };
  const cg = spawnSync('npm', ['run', '--silent', 'codegen'], { cwd: root, stdio: 'inherit', env });
  if (cg.status !== 0) throw new Error('codegen failed');
  const vb = spawnSync('npx', ['vite', 'build', '--logLevel', 'error', '--outDir', outDir, '--emptyOutDir'], {
    cwd: root,
    stdio: 'inherit',
    env,
  });
  if (vb.status !== 0) throw new Error('vite build failed');
}

async function main() {
  const opts = options(process.argv.slice(2));
  const startedAt = new Date().toISOString();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bioeco-bench-web-'));
  const webDist = opts.dist ?? path.join(tmp, 'web');
  const dataDir = path.join(tmp, 'db');
  let server: http.Server | undefined;
  let closeStore: (() => Promise<void>) | undefined;
  // No GPU on this machine: software rendering either way (see --gl).
  const browser = await launchChromium({ gl: opts.gl });
  try {
    if (!opts.dist) build(webDist);

    progress(`generating ${opts.entities} entities, ${opts.relations} relations …`);
    const gen = generate({ entities: opts.entities, relations: opts.relations, seed: opts.seed });
    const config = { ...loadConfig(), dataDir, webDist, port: 0 };
    const loader = new EmbeddedStore({ dataDir, bufferPoolBytes: config.bufferPoolBytes, queryTimeoutMs: config.queryTimeoutMs });
    await loader.ensureSchema();
    await loader.bulkLoad(gen.data);
    await loader.close();
    const ctx = await createContext(config, { seed: false });
    closeStore = () => ctx.store.close();
    server = http.createServer(createHandler(ctx));
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    progress(`server on ${base}`);

    const probe = await openPage(browser);
    const renderer = await probe.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl2');
      const info = gl?.getExtension('WEBGL_debug_renderer_info');
      return gl ? String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : 'webgl2') : 'none';
    });
    await probe.close();
    const sys = await browser.newBrowserCDPSession();
    const status = ((await sys.send('SystemInfo.getInfo')).gpu.featureStatus ?? {}) as Record<string, string>;
    await sys.detach();
    const drawing = `compositing ${status.gpu_compositing}, raster ${status.rasterization}, 2D canvas ${status['2d_canvas']}`;
    progress(`WebGL: ${renderer}; ${drawing}`);

    const figures: Figure[] = [];
    const rows: string[][] = [];
    const runs: Record<string, unknown> = {};
    for (const n of opts.sizes) {
      const { ids, exp } = pickExpansions(gen.data.relations, gen.meta.hubs, n);
      const q = new URLSearchParams({ view: 'explore', lang: 'en', ids: ids.join(','), exp: exp.join(','), limit: String(n) });
      const url = `${base}/?${q}`;
      // Warm the server's caches first (its time is not the canvas's): one untimed load.
      progress(`${n} nodes: ${ids.length} hubs, ${exp.length} groups opened; warm-up …`);
      await measure(browser, url, ids.length + exp.length, 1);
      progress(`${n} nodes: measuring …`);
      const m = await measure(browser, url, ids.length + exp.length, opts.seconds, opts.profile);
      runs[String(n)] = { ...m, ids: ids.length, groups: exp.length };
      // A 10,000-node page takes a minute to settle on this machine: pictures of the smaller sizes only.
      if (opts.screenshots && n <= 2000) await screenshots(browser, q, base, n);
      const label = `${n.toLocaleString('en')} nodes`;
      figures.push(
        {
          name: `${label} · draw + layout`,
          group: 'canvas',
          engine: 'chromium',
          unit: 'ms',
          value: Math.round(m.drawMs),
          better: 'lower',
          ...(n <= 2000 ? { target: { op: '<=' as const, value: TARGET.drawMs } } : {}),
          note: `From the neighbourhood answers reaching the page to the canvas's layoutstop; ${m.nodes} nodes, ${m.edges} edges drawn.`,
        },
        {
          name: `${label} · pan / zoom (mouse at 125 Hz)`,
          group: 'canvas',
          engine: 'chromium',
          unit: 'fps',
          value: Math.round(m.fps * 10) / 10,
          better: 'higher',
          ...(n >= 10000 ? { target: { op: '>=' as const, value: TARGET.fps } } : {}),
          note: `Frames Cytoscape drew and the page presented while the mouse wheel-zoomed and dragged the canvas for ${opts.seconds} s, its events sent every ${INPUT_MS} ms as a mouse sends them; ${m.webgl ? 'WebGL' : '2D canvas'} renderer on ${renderer}.`,
        },
        {
          name: `${label} · pan / zoom, each input awaited`,
          group: 'canvas',
          engine: 'chromium',
          unit: 'fps',
          value: Math.round(m.fpsAwaited * 10) / 10,
          better: 'higher',
          note: `As pan / zoom, each mouse event sent after the page took the one before (earlier rounds' method: at most one frame per event).`,
        },
        {
          name: `${label} · frames > 50 ms`,
          group: 'canvas',
          engine: 'chromium',
          unit: 'count',
          value: m.longFrames,
          better: 'lower',
          note: `Of ${m.frames} frames; the longest ${Math.round(m.maxFrameMs)} ms.`,
        },
      );
      rows.push([
        label,
        `${m.nodes} / ${m.edges}`,
        m.webgl ? 'webgl' : '2d',
        `${(m.drawMs / 1000).toFixed(2)} s`,
        `${m.fps.toFixed(1)}`,
        `${m.fpsAwaited.toFixed(1)}`,
        `${m.longFrames} of ${m.frames} (max ${Math.round(m.maxFrameMs)} ms)`,
      ]);
    }
    const head = [
      'canvas',
      'nodes / edges drawn',
      'renderer',
      'draw + layout (≤ 3 s at 2k)',
      'pan/zoom fps (≥ 30 at 10k)',
      'each event awaited',
      'frames > 50 ms',
    ];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ');
    console.log(`\nExplore canvas in Chromium (${renderer}), graph of ${opts.entities} entities / ${opts.relations} relations`);
    console.log(line(head));
    for (const r of rows) console.log(line(r));
    const file = writeSuiteResult({
      suite: 'web',
      startedAt,
      params: { ...opts, renderer, drawing, runs },
      figures,
      series: [],
    });
    console.log(`\nwritten to ${path.relative(root, file)}`);
  } finally {
    await browser.close();
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    await closeStore?.();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
