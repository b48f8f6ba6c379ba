/**
 * Build-time changes to Cytoscape's 2D renderer (3.34.4; the same code is in 3.35.0), applied by the
 * Vite plugin below to the ES module the web app bundles. Each replaced snippet must be found exactly
 * once, or the build fails: a Cytoscape upgrade must look at these again. Measured with bench:web
 * (10,000 nodes and ~21,000 edges panned and zoomed with the mouse, Chromium without a GPU).
 *
 * 1. Bounding boxes. `ele.boundingBox()` is called several times per element per frame by the 2D
 *    renderer (the element, its label and its edge's end labels, each from its texture cache) and once
 *    per element by every hit test (`findNearestElements` → `checkLabel`, on each mouse move, press
 *    and release). Each call first built a fresh memoised closure with its own cache object (to share a
 *    dirty check across the multi-element path), then hashed the element's position through an
 *    iterator object: 3.5 s of a 9.7 s profile inside boundingBox, 2.7 s of it in that memoiser; a
 *    hover hit test ~45 ms. Now the single-element path checks the cache with a plain function (the
 *    multi-element path still memoises it); the position key is the same sdbm hash of the same rounded
 *    coordinates, computed in a loop; the hit test looks whether an element's label takes events
 *    (`text-events`, off in this app's stylesheet) before it computes the label's bounds (and once per
 *    element, not once per label), and passes over an edge whose points (line, arrows) are all
 *    farther than its hit distances from the pointer before building its four arrows' tests. Every
 *    answer is the same.
 *
 * 3. Hit tests, again (below the moving view's changes in REPLACEMENTS). With the changes above a
 *    hover still tested all 32k elements (20-50 ms each at 10,000 nodes, on every mouse move, press
 *    and release). A grid of the elements' hit areas, built once for the elements as they are and kept
 *    while they do not change, gives the few near the pointer, tested as before and in the same
 *    order (see "the hit grid" below for why none is missed): hovers 0-1 ms (median).
 *
 * 2. The moving view (`textureOnViewport`, which graph-canvas.tsx turns on above LARGE_GRAPH nodes
 *    without a GPU). While the wheel, a drag or a pinch moves the view, Cytoscape shows one bitmap of
 *    the view moved and scaled, and draws everything again when the move ends. At 10,000 nodes that
 *    cost two full draws per gesture on this CPU: one into the bitmap when the gesture started (~1 s, at
 *    twice the screen's resolution) and one when it ended (~370 ms), during which the view froze. Now:
 *    - the bitmap is a copy of what the screen shows when that is a full draw of the same elements (a
 *      drawImage of the canvas) — drawn afresh only when the elements changed since;
 *    - after the elements change (the zoom's label level of detail, an expansion) the screen's last
 *      full draw is still what a gesture starting before the next one moves, rather than a bitmap
 *      drawn afresh at twice the screen's resolution: that took 3.1 s at 10,000 nodes, the view
 *      frozen (the longest moved-bitmap draw of a 10-s run: 3,093 → 134-136 ms). Still, the view
 *      draws the change at once, as before;
 *    - the full draw waits until the view has been still for TEXTURE_SETTLE_MS, as long as the bitmap
 *      is younger than TEXTURE_MAX_AGE_MS, so a pan that follows a zoom keeps moving the same picture
 *      instead of stopping for a draw between them; a change to the elements (a click that selects, a
 *      label that appears with the zoom) draws at once.
 *
 * 4. Styling an element (the last two REPLACEMENTS). Each property applied to an element ran its
 *    triggers at once: dirtying the style caches of the element and of every edge connected to it
 *    (a new collection of them, each time), its bounding box, its edges' and parallel edges' boxes.
 *    A node gets ~30 properties when first styled, so a hub with 600 edges dirtied 18,000 edge caches
 *    and built 30 collections of 600; styling 2,000 nodes and 2,400 edges took ~1 s of a 2,000-node
 *    draw in Chromium (335 → 190 ms headless in Node). Now, while `apply` styles an element, its
 *    own style cache is still dropped at each property (what the triggers' checks read stays fresh)
 *    and which triggers fired is noted; what they do is done once, when the element's properties are
 *    all applied, before the next element. Styles, bounding boxes and z-order come out the same
 *    (every element's style and box compared with the unpatched build after adding, restyling by
 *    class, a bypass and a new stylesheet).
 *
 * 5. Transparent labels. The zoom's level of detail hides labels on large graphs with `text-opacity:
 *    0` (styles.ts says why: an emptied label changed every node's bounds and the elements' order).
 *    The 2D renderer made each such label's texture before it looked at the opacity (now it looks
 *    first: nothing drawn differs). The WebGL renderer kept a label's texture as first drawn, whatever
 *    its opacity became: a label made while hidden stayed hidden when the zoom showed it again, and
 *    one made while shown stayed (the e2e test shows both). Now a label at 0 is not drawn and gets
 *    no texture, so a label hidden and shown again by the level of detail is right. Other opacities
 *    (a faded node's label) still keep the opacity the texture was first drawn at: not changed here.
 *
 * 6. The label filter. The zoom's level of detail on a large graph (graph-canvas.tsx) used to hide
 *    labels by a class giving `text-opacity: 0`: crossing a level restyled up to 10,000 nodes
 *    (0.6-1.4 s at 10,000 nodes on a 2-core machine, the view frozen). Now the renderer takes a
 *    function (`renderer.setLabelHidden(fn)`) asked as each label is drawn, on the 2D renderer
 *    (cached and direct) and the WebGL one: a level change restyles nothing and draws once.
 */
import type { Plugin } from 'vite';

interface Replacement {
  what: string;
  find: string;
  replace: string;
}

const REPLACEMENTS: Replacement[] = [
  {
    what: 'boundingBox: the dirty check memoised per call',
    find: `elesfn$b.boundingBox = function (options) {
  var bounds;
  var useCache = options === undefined || options.useCache === undefined || options.useCache === true;
  var isDirty = memoize(function (ele) {
    var _p = ele._private;
    return _p.bbCache == null || _p.styleDirty || _p.bbCachePosKey !== getBoundingBoxPosKey(ele);
  }, function (ele) {
    return ele.id();
  });

  // the main usecase is ele.boundingBox() for a single element with no/def options
  // specified s.t. the cache is used, so check for this case to make it faster by
  // avoiding the overhead of the rest of the function
  if (useCache && this.length === 1 && !isDirty(this[0])) {`,
    replace: `var bbIsDirty = function (ele) {
  var _p = ele._private;
  return _p.bbCache == null || _p.styleDirty || _p.bbCachePosKey !== getBoundingBoxPosKey(ele);
};
elesfn$b.boundingBox = function (options) {
  var bounds;
  var useCache = options === undefined || options.useCache === undefined || options.useCache === true;
  if (useCache && this.length === 1 && !bbIsDirty(this[0])) {`,
  },
  {
    what: 'boundingBox: the memoised dirty check, now made only for several elements',
    find: `    var styleEnabled = cy.styleEnabled();

    // cache the isDirty state for all eles, edges first since they depend on node state
    this.edges().forEach(isDirty);`,
    replace: `    var styleEnabled = cy.styleEnabled();
    var isDirty = memoize(bbIsDirty, function (ele) {
      return ele.id();
    });

    // cache the isDirty state for all eles, edges first since they depend on node state
    this.edges().forEach(isDirty);`,
  },
  {
    what: 'getBoundingBoxPosKey: the position hash through an iterator',
    find: `var getBoundingBoxPosKey = function getBoundingBoxPosKey(ele) {
  var r = function r(x) {
    return Math.round(x);
  };
  if (ele.isEdge()) {
    var p1 = ele.source().position();
    var p2 = ele.target().position();
    return hashIntsArray([r(p1.x), r(p1.y), r(p2.x), r(p2.y)]);
  } else {
    var p = ele.position();
    return hashIntsArray([r(p.x), r(p.y)]);
  }
};`,
    // hashIntsArray(ints) is hashIterableInts over them: hash = seed; hash = hash * K + int | 0.
    replace: `var getBoundingBoxPosKey = function getBoundingBoxPosKey(ele) {
  var h = DEFAULT_HASH_SEED;
  var _p = ele._private;
  if (_p.group === 'edges') {
    var p1 = _p.source._private.position;
    var p2 = _p.target._private.position;
    h = h * K + Math.round(p1.x) | 0;
    h = h * K + Math.round(p1.y) | 0;
    h = h * K + Math.round(p2.x) | 0;
    return h * K + Math.round(p2.y) | 0;
  }
  var p = _p.position;
  h = h * K + Math.round(p.x) | 0;
  return h * K + Math.round(p.y) | 0;
};`,
  },
  {
    what: 'checkLabel: the label bounds computed before looking whether labels take events',
    find: `    ele.boundingBox();
    var bb = _p.labelBounds[prefix || 'main'];
    var text = ele.pstyle(prefixDash + 'label').value;
    var eventsEnabled = ele.pstyle('text-events').strValue === 'yes';
    if (!eventsEnabled || !text) {
      return;
    }`,
    replace: `    var text = ele.pstyle(prefixDash + 'label').value;
    var eventsEnabled = ele.pstyle('text-events').strValue === 'yes';
    if (!eventsEnabled || !text) {
      return;
    }
    ele.boundingBox();
    var bb = _p.labelBounds[prefix || 'main'];`,
  },
  {
    what: 'checkEdge: every edge tested in full however far it is',
    find: `    var src = _p.source;
    var tgt = _p.target;
    var sqDist;
    if (rs.edgeType === 'segments' || rs.edgeType === 'straight' || rs.edgeType === 'haystack') {`,
    replace: `    var src = _p.source;
    var tgt = _p.target;
    var sqDist;
    if (!hasCompounds && edgeHitBox(r, edge, EDGE_BOX)) {
      // Out of reach of its line and its arrows (each tested below within these distances of them): no hit.
      var reach = 3 * edgeThreshold;
      if (!(x >= EDGE_BOX.x1 - reach && x <= EDGE_BOX.x2 + reach && y >= EDGE_BOX.y1 - reach && y <= EDGE_BOX.y2 + reach)) {
        return;
      }
    }
    if (rs.edgeType === 'segments' || rs.edgeType === 'straight' || rs.edgeType === 'haystack') {`,
  },
  {
    what: 'findNearestElements: up to three label tests for each element, each reading two styles',
    find: `    var ele = eles[i];
    if (ele.isNode()) {
      checkNode(ele) || checkLabel(ele);
    } else {
      // then edge
      checkEdge(ele) || checkLabel(ele) || checkLabel(ele, 'source') || checkLabel(ele, 'target');
    }`,
    replace: `    var ele = eles[i];
    // checkLabel finds nothing on an element whose labels do not take events: asked once, not per label.
    var labelEvents = ele.pstyle('text-events').strValue === 'yes';
    if (ele.isNode()) {
      checkNode(ele) || labelEvents && checkLabel(ele);
    } else {
      // then edge
      checkEdge(ele) || labelEvents && (checkLabel(ele) || checkLabel(ele, 'source') || checkLabel(ele, 'target'));
    }`,
  },
  {
    what: 'findNearestElements: every element tested for each point',
    find: `  for (var i = eles.length - 1; i >= 0; i--) {
    // reverse order for precedence
    var ele = eles[i];
    // checkLabel finds nothing`,
    replace: `  // Only the elements whose hit boxes come within reach of the point (a grid of them, built once
  // for the elements as they are), in the same order; every element when there is no grid.
  var hitCandidates = hasCompounds ? null : hitGridCandidates(r, eles, x, y, 3 * edgeThreshold);
  for (var hc = hitCandidates ? hitCandidates.length - 1 : eles.length - 1; hc >= 0; hc--) {
    var i = hitCandidates ? hitCandidates[hc] : hc;
    // reverse order for precedence
    var ele = eles[i];
    // checkLabel finds nothing`,
  },
  {
    what: 'findNearestElements: the hit grid',
    find: `BRp$e.findNearestElements = function (x, y, interactiveElementsOnly, isTouch) {`,
    replace: `/*
 * The hit grid: which elements a point may hit. An element's hit area is in model coordinates and
 * holds every point its tests (below) can hit, less the zoom's thresholds: a node's body (its tests
 * add nodeThreshold); an edge's line (each straight segment, or a curve's control points' box) and
 * arrow points, grown by twice its width and its arrow's size (its tests add at most three
 * edgeThresholds: the reach checkEdge passes over). The query grows the point by 3 * edgeThreshold
 * and tests, in z-order, the elements registered in the cells it touches whose boxes it meets. An
 * element with a label that takes events, or whose area is not finite or spans too many cells, is
 * tested for every point.
 * A grid is built for one array of elements (the z-sorted cache, or its interactive part) and kept
 * while it is current: elements the renderer is told changed (positions, bounds, z-order, edges'
 * points) are tested for every point until the next build, unless their areas are found as they were
 * (a label's text changed, say). An element whose geometry recalculateRenderedStyle recomputes (for
 * a frame, a bounding box, a fit) is told too. A change of style alone (a colour: no bounds or
 * z-order trigger) changes no hit area and is not told: restyling 10,000 nodes had them all checked
 * again (~1 s) at the next hover. A 'style' notification's triggers fire when the style is applied,
 * at the next frame: a hit test before it does that frame's work first (the renderer's queue
 * flushed), so a node grown by a class is found where it now reaches.
 * A notification naming no elements or nearly all, or many found changed
 * (over 1,000 or a quarter), makes the grid stale: tested in full, rebuilt at most once per
 * hitGridRebuildMs (while a layout runs, say). A grid is kept for a new array of the same elements in
 * the same order (the renderer sorts afresh after a change that may reorder them).
 */
var HIT_GRID_REBUILD_MS = 1000;
var HIT_GRID_MAX_CELLS_PER_ELE = 4096;
var HIT_GRID_MAX_QUERY_CELLS = 256;
var HIT_GRID_MAX_DIRTY = 1000;
/**
 * An edge's points (its line's, its arrows') in a box grown by twice its width and its arrow's size:
 * each of its hit tests succeeds only within 3 * edgeThreshold of it (the line within half its width
 * plus edgeThreshold, an arrow within half its size plus edgeThreshold). False when it has no points.
 */
var EDGE_BOX = {};
function edgeHitBox(r, ele, out) {
  var rs = ele._private.rscratch;
  var pts = rs.allpts;
  if (!pts) return false;
  var x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity;
  var add = function (px, py) {
    if (px < x1) x1 = px;
    if (px > x2) x2 = px;
    if (py < y1) y1 = py;
    if (py > y2) y2 = py;
  };
  for (var k = 0; k + 1 < pts.length; k += 2) add(pts[k], pts[k + 1]);
  add(rs.arrowStartX, rs.arrowStartY);
  add(rs.arrowEndX, rs.arrowEndY);
  add(rs.midX, rs.midY);
  var styleWidth = ele.pstyle('width').pfValue;
  out.grow = 2 * styleWidth + r.getArrowWidth(styleWidth, ele.pstyle('arrow-scale').value);
  out.x1 = x1 - out.grow;
  out.y1 = y1 - out.grow;
  out.x2 = x2 + out.grow;
  out.y2 = y2 + out.grow;
  return isFinite(out.x1) && isFinite(out.y1) && isFinite(out.x2) && isFinite(out.y2);
}
function hitGridArea(r, ele, out) {
  var _p = ele._private;
  var labelled = ele.pstyle('label').value || ele.isEdge() && (ele.pstyle('source-label').value || ele.pstyle('target-label').value);
  if (labelled && ele.pstyle('text-events').strValue === 'yes') return false;
  out.segs = null;
  if (ele.isNode()) {
    var pos = _p.position;
    var hw = ele.outerWidth() / 2;
    var hh = ele.outerHeight() / 2;
    out.x1 = pos.x - hw;
    out.y1 = pos.y - hh;
    out.x2 = pos.x + hw;
    out.y2 = pos.y + hh;
    out.grow = 0;
  } else {
    if (!edgeHitBox(r, ele, out)) return false;
    var rs = _p.rscratch;
    var pts = rs.allpts;
    if (rs.edgeType === 'straight' || rs.edgeType === 'haystack' || rs.edgeType === 'segments') {
      // The line's segments, then each arrow point as a segment of no length.
      out.segs = pts.slice();
      out.segs.push(NaN, NaN, rs.arrowStartX, rs.arrowStartY, rs.arrowStartX, rs.arrowStartY, NaN, NaN, rs.arrowEndX, rs.arrowEndY, rs.arrowEndX, rs.arrowEndY, NaN, NaN, rs.midX, rs.midY, rs.midX, rs.midY);
    }
  }
  return isFinite(out.x1) && isFinite(out.y1) && isFinite(out.x2) && isFinite(out.y2);
}
/** Calls visit(cellIndex) for each cell of the area (a cell may come more than once); false when it spans too many. */
function hitGridCellsOf(grid, area, visit) {
  var cell = grid.cell, cols = grid.cols, rows = grid.rows, gx1 = grid.x1, gy1 = grid.y1;
  var col = function (v) { return Math.min(cols - 1, Math.max(0, Math.floor((v - gx1) / cell))); };
  var row = function (v) { return Math.min(rows - 1, Math.max(0, Math.floor((v - gy1) / cell))); };
  var c1 = col(area.x1), c2 = col(area.x2), r1 = row(area.y1), r2 = row(area.y2);
  if (!area.segs) {
    if ((c2 - c1 + 1) * (r2 - r1 + 1) > HIT_GRID_MAX_CELLS_PER_ELE) return false;
    for (var cr = r1; cr <= r2; cr++) for (var cc = c1; cc <= c2; cc++) visit(cr * cols + cc);
    return true;
  }
  // A straight segment: in each row its x-range within the row's band grown by the margin, grown too.
  var m = area.grow, segs = area.segs, budget = HIT_GRID_MAX_CELLS_PER_ELE;
  for (var k = 0; k + 3 < segs.length; k += 2) {
    var ax = segs[k], ay = segs[k + 1], bx = segs[k + 2], by = segs[k + 3];
    if (ax !== ax || bx !== bx) continue;
    var ra = row(Math.min(ay, by) - m), rb = row(Math.max(ay, by) + m);
    for (var rr = ra; rr <= rb; rr++) {
      var top = gy1 + rr * cell - m, bottom = gy1 + (rr + 1) * cell + m;
      var xa, xb;
      if (Math.abs(by - ay) < 1e-9) {
        xa = Math.min(ax, bx);
        xb = Math.max(ax, bx);
      } else {
        var t0 = (top - ay) / (by - ay), t1 = (bottom - ay) / (by - ay);
        var tl = Math.max(0, Math.min(t0, t1)), th = Math.min(1, Math.max(t0, t1));
        if (tl > th) continue;
        var pa = ax + (bx - ax) * tl, pb = ax + (bx - ax) * th;
        xa = Math.min(pa, pb);
        xb = Math.max(pa, pb);
      }
      var ca = col(xa - m), cb = col(xb + m);
      budget -= cb - ca + 1;
      if (budget < 0) return false;
      for (var c = ca; c <= cb; c++) visit(rr * cols + c);
    }
  }
  return true;
}
function buildHitGrid(r, eles, now) {
  var n = eles.length;
  var areas = new Array(n);
  var boxes = new Float64Array(n * 4);
  var always = [];
  var indexOf = new Map();
  var gx1 = Infinity, gy1 = Infinity, gx2 = -Infinity, gy2 = -Infinity;
  var nodes = 0;
  for (var i = 0; i < n; i++) {
    indexOf.set(eles[i], i);
    var area = {};
    if (!hitGridArea(r, eles[i], area)) {
      always.push(i);
      continue;
    }
    if (eles[i].isNode()) nodes++;
    areas[i] = area;
    boxes[4 * i] = area.x1;
    boxes[4 * i + 1] = area.y1;
    boxes[4 * i + 2] = area.x2;
    boxes[4 * i + 3] = area.y2;
    if (area.x1 < gx1) gx1 = area.x1;
    if (area.y1 < gy1) gy1 = area.y1;
    if (area.x2 > gx2) gx2 = area.x2;
    if (area.y2 > gy2) gy2 = area.y2;
  }
  var w = Math.max(gx2 - gx1, 1);
  var h = Math.max(gy2 - gy1, 1);
  // About four nodes a cell, at most 512 x 512 cells.
  var cell = Math.max(2 * Math.sqrt((w * h) / Math.max(nodes, 1)), w / 512, h / 512);
  var grid = { eles: eles, madeAt: now, stale: false, boxes: boxes, always: always, indexOf: indexOf, dirty: new Uint8Array(n), dirtyList: [], confirmed: 0, starts: null, members: null, x1: gx1, y1: gy1, cell: cell, cols: Math.max(1, Math.ceil(w / cell)), rows: Math.max(1, Math.ceil(h / cell)), seen: new Uint32Array(n), stamp: 0 };
  var counts = new Int32Array(grid.cols * grid.rows + 1);
  var members = null, fill = null, j = 0;
  var count = function (at) { counts[at + 1]++; };
  var put = function (at) {
    // Consecutive segments may give a cell twice: once is enough.
    var from = counts[at];
    if (fill[at] > from && members[fill[at] - 1] === j) return;
    members[fill[at]++] = j;
  };
  for (j = 0; j < n; j++) if (areas[j] && !hitGridCellsOf(grid, areas[j], count)) {
    always.push(j);
    areas[j] = null;
  }
  for (var q = 0; q < grid.cols * grid.rows; q++) counts[q + 1] += counts[q];
  members = new Int32Array(counts[grid.cols * grid.rows]);
  fill = counts.slice(0, grid.cols * grid.rows);
  for (j = 0; j < n; j++) if (areas[j]) hitGridCellsOf(grid, areas[j], put);
  grid.starts = counts;
  grid.members = members;
  grid.ends = fill;
  grid.areas = areas;
  always.sort(function (a, b) { return a - b; });
  return grid;
}
/** Elements whose hit areas may have changed (all, without a list): each current grid tests them for every point. */
function hitGridChanged(r, eles) {
  var grids = r.hitGrids;
  if (!grids) return;
  for (var g = 0; g < grids.length; g++) {
    var grid = grids[g];
    if (grid.stale) continue;
    if (!eles) {
      grid.stale = true;
      hitGridCount(r, 'staleAll');
      continue;
    }
    for (var k = 0; k < eles.length; k++) {
      var i = grid.indexOf.get(eles[k]);
      if (i !== undefined && !grid.dirty[i]) {
        grid.dirty[i] = 1;
        grid.dirtyList.push(i);
      }
    }
    // Nearly every element named (a layout's tick moves them all): stale now, so the next ticks
    // cost nothing here. Not at fewer: a restyle (the zoom's label level of detail, a selection)
    // names many whose areas do not change.
    if (grid.dirtyList.length > grid.eles.length * 0.9) {
      grid.stale = true;
      hitGridCount(r, 'staleMany');
    }
  }
}
/** The grid's counters (bench:web prints them, the e2e test reads them). */
function hitGridStatsOf(r) {
  return r.hitGridStats = r.hitGridStats || { built: 0, used: 0, full: 0 };
}
function hitGridCount(r, what, by) {
  var stats = hitGridStatsOf(r);
  stats[what] = (stats[what] || 0) + (by == null ? 1 : by);
}
/**
 * Elements told changed whose hit areas are as the grid has them (a label's text) need no full test.
 * Those found changed stay at the head of the list (grid.confirmed of them), tested in full until the
 * next build and not checked again: only elements told changed since are checked.
 */
function hitGridRevalidate(r, grid) {
  if (grid.confirmed >= grid.dirtyList.length) return;
  var area = {};
  var t0 = performanceNow();
  // Checked in order until too many have changed (a layout moves them all: no use checking the rest).
  var most = Math.min(HIT_GRID_MAX_DIRTY, grid.eles.length / 4);
  var changed = grid.dirtyList.slice(0, grid.confirmed);
  var k = grid.confirmed;
  for (; k < grid.dirtyList.length && changed.length <= most; k++) {
    var i = grid.dirtyList[k];
    var kept = grid.areas[i];
    // An element without an area in the grid is tested for every point already (grid.always).
    var same = !kept || hitGridArea(r, grid.eles[i], area) && area.x1 === kept.x1 && area.y1 === kept.y1 && area.x2 === kept.x2 && area.y2 === kept.y2 && area.grow === kept.grow && (area.segs === kept.segs || area.segs && kept.segs && area.segs.length === kept.segs.length && area.segs.every(function (v, s) { return v === kept.segs[s] || v !== v && kept.segs[s] !== kept.segs[s]; }));
    if (same) grid.dirty[i] = 0;
    else changed.push(i);
  }
  hitGridCount(r, 'revalidated', k - grid.confirmed);
  grid.dirtyList = k < grid.dirtyList.length ? changed.concat(grid.dirtyList.slice(k)) : changed;
  grid.confirmed = changed.length;
  hitGridCount(r, 'revalidateMs', performanceNow() - t0);
  if (changed.length > most) {
    grid.stale = true;
    hitGridCount(r, 'staleDirty');
  }
}
/**
 * A grid made for an array holding the same elements in the same order as eles (the renderer sorts
 * its elements afresh after a change that may reorder them, such as a label emptied by the zoom's
 * level of detail, and mostly finds the same order): it holds for eles too.
 */
function hitGridOfSameOrder(r, eles) {
  var grids = r.hitGrids || [];
  for (var g = 0; g < grids.length; g++) {
    var old = grids[g].eles;
    if (grids[g].stale || old.length !== eles.length) continue;
    var k = 0;
    while (k < eles.length && old[k] === eles[k]) k++;
    if (k === eles.length) return grids[g];
  }
  return null;
}
function hitGridCandidates(r, eles, x, y, reach) {
  if (r.hitGridStylePending) {
    // Restyled since the last frame: what the next frame would do now (their styles applied, their
    // and their edges' geometry recomputed), so what changes their hit areas tells the grid and the
    // tests below see the geometry the installed Cytoscape's would.
    r.hitGridStylePending = false;
    r.flushRenderedStyleQueue();
  }
  var grid = eles.hitGrid;
  var stats = hitGridStatsOf(r);
  if (!grid) {
    grid = hitGridOfSameOrder(r, eles);
    if (grid) {
      grid.eles = eles;
      eles.hitGrid = grid;
      hitGridCount(r, 'kept');
    }
  }
  if (grid && !grid.stale) hitGridRevalidate(r, grid);
  if (!grid || grid.stale) {
    var now = performanceNow();
    var wait = r.hitGridRebuildMs == null ? HIT_GRID_REBUILD_MS : r.hitGridRebuildMs;
    if (grid && now - grid.madeAt < wait) {
      stats.full++;
      return null;
    }
    grid = eles.hitGrid = buildHitGrid(r, eles, now);
    hitGridCount(r, 'buildMs', performanceNow() - now);
    var zs = r.cachedZSortedEles;
    r.hitGrids = (r.hitGrids || []).filter(function (g) { return g.eles !== eles && zs && (g.eles === zs || g.eles === zs.interactive); }).concat([grid]);
    stats.built++;
  }
  var c1 = Math.max(0, Math.floor((x - reach - grid.x1) / grid.cell));
  var c2 = Math.min(grid.cols - 1, Math.floor((x + reach - grid.x1) / grid.cell));
  var r1 = Math.max(0, Math.floor((y - reach - grid.y1) / grid.cell));
  var r2 = Math.min(grid.rows - 1, Math.floor((y + reach - grid.y1) / grid.cell));
  if (c2 >= c1 && r2 >= r1 && (c2 - c1 + 1) * (r2 - r1 + 1) > HIT_GRID_MAX_QUERY_CELLS) {
    stats.full++;
    return null;
  }
  stats.used++;
  stats.dirty = grid.dirtyList.length;
  var stamp = ++grid.stamp;
  var seen = grid.seen;
  var out = grid.always.concat(grid.dirtyList);
  for (var d = 0; d < grid.dirtyList.length; d++) seen[grid.dirtyList[d]] = stamp;
  var boxes = grid.boxes;
  for (var cr = r1; cr <= r2; cr++) for (var cc = c1; cc <= c2; cc++) {
    var at = cr * grid.cols + cc;
    for (var m = grid.starts[at]; m < grid.ends[at]; m++) {
      var i = grid.members[m];
      if (seen[i] === stamp) continue;
      seen[i] = stamp;
      if (x + reach >= boxes[4 * i] && x - reach <= boxes[4 * i + 2] && y + reach >= boxes[4 * i + 1] && y - reach <= boxes[4 * i + 3]) out.push(i);
    }
  }
  return out.sort(function (a, b) { return a - b; });
}
BRp$e.findNearestElements = function (x, y, interactiveElementsOnly, isTouch) {`,
  },
  {
    what: 'notify: the hit grid out of date',
    find: `  if (eventName === 'viewport') {
    r.redrawHint('select', true);
  }`,
    replace: `  if (eventName === 'viewport') {
    r.redrawHint('select', true);
  } else if (eventName !== 'style') {
    hitGridChanged(r, eles);
  } else if (eles) {
    // A style change that moves or resizes an element, or changes whether its label takes events,
    // comes with a notification of its own (bounds, zorder), once the style is applied: at the next
    // frame, or when a hit test asks first (hitGridCandidates applies them before it answers).
    r.hitGridStylePending = true;
  } else {
    hitGridChanged(r, eles);
  }`,
  },
  {
    what: 'calculation listeners: the hit grid told of each element whose bounds or style changed',
    find: `  var enqueue = function enqueue(eles) {
    var dirtyStyleCaches = arguments.length > 1 && arguments[1] !== undefined ? arguments[1] : true;
    elesToUpdate.merge(eles);`,
    replace: `  var enqueue = function enqueue(eles) {
    var dirtyStyleCaches = arguments.length > 1 && arguments[1] !== undefined ? arguments[1] : true;
    // Not for a style change alone (dirtyStyleCaches false: its bounds are as they were).
    if (dirtyStyleCaches) hitGridChanged(r, eles);
    elesToUpdate.merge(eles);`,
  },
  {
    what: 'updateEleCalcs: the restyled elements applied (their triggers have told the hit grid)',
    find: `      elesToUpdate.cleanStyle();`,
    replace: `      elesToUpdate.cleanStyle();
      r.hitGridStylePending = false;`,
  },
  {
    what: 'recalculateRenderedStyle: the hit grid told of each element whose geometry it recomputes',
    find: `    rstyle.clean = true;
  }

  // update node data from projections`,
    replace: `    rstyle.clean = true;
  }
  // Whoever asked (a frame, a bounding box, a fit): a hit test since the element changed may have
  // found it as the grid has it, from the geometry it had then.
  if (nodes.length) hitGridChanged(this, nodes);
  if (edges.length) hitGridChanged(this, edges);

  // update node data from projections`,
  },
  {
    what: 'WebGL: a fully transparent label not drawn (its texture kept whatever its opacity became)',
    find: `  var isLabelVisible = function isLabelVisible(prop) {
    return function (ele) {
      var label = ele.pstyle(prop);
      return label && label.value;
    };
  };`,
    replace: `  var isLabelVisible = function isLabelVisible(prop) {
    return function (ele) {
      var label = ele.pstyle(prop);
      return label && label.value && ele.pstyle('text-opacity').value > 0 && !labelFiltered(r, ele);
    };
  };`,
  },
  {
    what: 'labels: those the label filter hides not drawn (cached)',
    find: `var getTextOpacity = function getTextOpacity(e, ele) {
  return ele.pstyle('text-opacity').pfValue * ele.effectiveOpacity();
};`,
    replace: `var getTextOpacity = function getTextOpacity(e, ele) {
  if (labelFiltered(e, ele)) return 0;
  return ele.pstyle('text-opacity').pfValue * ele.effectiveOpacity();
};`,
  },
  {
    what: 'labels: those the label filter hides not drawn (uncached)',
    find: `  if (useEleOpacity && (parentOpacity === 0 || ele.pstyle('text-opacity').value === 0)) {
    return;
  }`,
    replace: `  if (useEleOpacity && (parentOpacity === 0 || ele.pstyle('text-opacity').value === 0)) {
    return;
  }
  // Not when drawing into a label's texture (useEleOpacity false): the cached labels are filtered as
  // drawn (getTextOpacity), and a texture drawn empty would be kept for when the label shows again.
  if (useEleOpacity && labelFiltered(this, ele)) {
    return;
  }`,
  },
  {
    what: 'drawCachedElementPortion: nothing drawn, nor a texture made, for what is fully transparent',
    find: `  var eleCache = eleTxrCache.getElement(ele, bb, pxRatio, lvl, reason);
  if (eleCache != null) {
    var opacity = getOpacity(r, ele);
    if (opacity === 0) {
      return;
    }`,
    replace: `  var opacity = getOpacity(r, ele);
  if (opacity === 0) {
    return;
  }
  var eleCache = eleTxrCache.getElement(ele, bb, pxRatio, lvl, reason);
  if (eleCache != null) {`,
  },
  {
    what: 'render: when the moved bitmap is shown',
    find: `  var textureDraw = r.textureOnViewport && !forcedContext && (r.pinching || r.hoverData.dragging || r.swipePanning || r.data.wheelZooming);`,
    replace: `  var textureMoving = r.pinching || r.hoverData.dragging || r.swipePanning || r.data.wheelZooming;
  var textureNow = performanceNow();
  var textureSettling = r.textureOnViewport && !forcedContext && !textureMoving && r.textureCache != null && textureNow < r.textureSettleUntil && textureNow - r.textureCache.madeAt < TEXTURE_MAX_AGE_MS;
  var textureDraw = r.textureOnViewport && !forcedContext && (textureMoving || textureSettling);
  if (r.textureOnViewport && !r.textureWatchingEles) {
    // What the screen shows is no longer the elements as they are: no copy of it, no waiting to draw.
    r.textureWatchingEles = true;
    r.onUpdateEleCalcs(function (willDraw, eles) {
      if (eles.length) {
        // The screen still shows the last full draw: a gesture starting before the next one moves
        // that picture (a few labels the zoom's level of detail changed, or a node just added, come
        // with the full draw after it) rather than drawing a new bitmap at twice the screen's
        // resolution (~3 s at 10,000 nodes, the view frozen). When still, the full draw is at once.
        if (r.textureScreen) r.textureScreen.stale = true;
        r.textureSettleUntil = 0;
      }
    });
  }`,
  },
  {
    what: 'render: the moved bitmap made',
    find: `    if (!r.textureCache) {
      r.textureCache = {};
      r.textureCache.bb = cy.mutableElements().boundingBox();
      r.textureCache.texture = r.data.bufferCanvases[r.TEXTURE_BUFFER];
      var cxt = r.data.bufferContexts[r.TEXTURE_BUFFER];
      cxt.setTransform(1, 0, 0, 1, 0, 0);
      cxt.clearRect(0, 0, r.canvasWidth * r.textureMult, r.canvasHeight * r.textureMult);
      r.render({
        forcedContext: cxt,
        drawOnlyNodeLayer: true,
        forcedPxRatio: pixelRatio * r.textureMult
      });
      var vp = r.textureCache.viewport = {
        zoom: cy.zoom(),
        pan: cy.pan(),
        width: r.canvasWidth,
        height: r.canvasHeight
      };`,
    replace: `    if (!r.textureCache) {
      r.textureCache = {};
      r.textureCache.madeAt = textureNow;
      r.textureCache.texture = r.data.bufferCanvases[r.TEXTURE_BUFFER];
      var cxt = r.data.bufferContexts[r.TEXTURE_BUFFER];
      cxt.setTransform(1, 0, 0, 1, 0, 0);
      cxt.clearRect(0, 0, r.canvasWidth * r.textureMult, r.canvasHeight * r.textureMult);
      var shot = r.textureScreen;
      if (shot && shot.width === r.canvasWidth && shot.height === r.canvasHeight && shot.pxRatio === pixelRatio) {
        cxt.drawImage(data.canvases[r.NODE], 0, 0, r.canvasWidth * r.textureMult, r.canvasHeight * r.textureMult);
        var vp = r.textureCache.viewport = {
          zoom: shot.zoom,
          pan: shot.pan,
          width: r.canvasWidth,
          height: r.canvasHeight
        };
      } else {
        r.render({
          forcedContext: cxt,
          drawOnlyNodeLayer: true,
          forcedPxRatio: pixelRatio * r.textureMult
        });
        var vp = r.textureCache.viewport = {
          zoom: cy.zoom(),
          pan: cy.pan(),
          width: r.canvasWidth,
          height: r.canvasHeight
        };
      }`,
  },
  {
    what: 'render: the moved bitmap drawn',
    find: `    needDraw[r.DRAG] = false;
    needDraw[r.NODE] = false;
    var context = data.contexts[r.NODE];
    var texture = r.textureCache.texture;`,
    replace: `    needDraw[r.DRAG] = false;
    needDraw[r.NODE] = false;
    r.textureScreen = null;
    if (textureMoving) {
      // The full draw once the view has been still for a while (or the bitmap is old).
      r.textureSettleUntil = textureNow + TEXTURE_SETTLE_MS;
      clearTimeout(r.textureSettleTimer);
      r.textureSettleTimer = setTimeout(function () {
        r.redrawHint('eles', true);
        r.redraw();
      }, TEXTURE_SETTLE_MS + 1);
    }
    var context = data.contexts[r.NODE];
    var texture = r.textureCache.texture;`,
  },
  {
    what: 'render: a full draw of the screen noted',
    find: `    if (hideEdges) {
      r.drawCachedNodes(context, eles.nondrag, pixelRatio, extent);
    } else {
      r.drawLayeredElements(context, eles.nondrag, pixelRatio, extent);
    }`,
    replace: `    if (hideEdges) {
      r.drawCachedNodes(context, eles.nondrag, pixelRatio, extent);
    } else {
      r.drawLayeredElements(context, eles.nondrag, pixelRatio, extent);
    }
    if (!forcedContext && r.textureOnViewport) {
      // The screen now shows every element at this viewport: the next moved bitmap can be a copy of it.
      r.textureScreen = !hideEdges && !motionBlur && !useBuffer ? {
        zoom: cy.zoom(),
        pan: { x: cy.pan().x, y: cy.pan().y },
        width: r.canvasWidth,
        height: r.canvasHeight,
        pxRatio: pixelRatio
      } : null;
    }`,
  },
  {
    what: 'texture caches: their work queued between frames',
    find: `      var dequeue = function dequeue(willDraw, frameStartTime) {
        var startTime = performanceNow();`,
    replace: `      var dequeue = function dequeue(willDraw, frameStartTime) {
        if (r.textureOnViewport && r.textureDrawLastFrame) {
          // The screen shows the moved bitmap: textures for the next full draw wait until it is drawn.
          return;
        }
        var startTime = performanceNow();`,
  },
  {
    what: 'render: how long a full draw waits',
    find: `CRp$5.render = function (options) {`,
    replace: `var TEXTURE_SETTLE_MS = 300;
var TEXTURE_MAX_AGE_MS = 1500;
/**
 * The label filter: labels hidden(ele) says are not drawn, on the 2D and the WebGL renderer, nothing
 * restyled (null draws them all). Their bounds are kept, as with text-opacity 0. Drawn at once.
 */
function labelFiltered(r, ele) {
  return r.labelHidden != null && r.labelHidden(ele);
}
CRp$5.setLabelHidden = function (hidden) {
  this.labelHidden = hidden || null;
  // The layered textures (many elements drawn together per zoom band) hold the labels as they were.
  var lyr = this.data.lyrTxrCache;
  if (lyr) {
    for (var lvl in lyr.layersByLevel) {
      var layers = (lyr.layersByLevel[lvl] || []).slice();
      for (var i = 0; i < layers.length; i++) lyr.invalidateLayer(layers[i]);
    }
  }
  this.textureSettleUntil = 0;
  this.redrawHint('eles', true);
  this.redrawHint('drag', true);
  this.redraw();
};
CRp$5.render = function (options) {`,
  },
  {
    what: 'style: the triggers of an element styled afresh, once per element',
    find: `    var cxtStyle = self.getContextStyle(cxtMeta);
    var app = self.applyContextStyle(cxtMeta, cxtStyle, ele);`,
    replace: `    var cxtStyle = self.getContextStyle(cxtMeta);
    var deferred = _p.deferredTriggers = { ele: ele, style: false, zorder: false, bounds: false, edges: false, parallel: false };
    var app;
    try {
      app = self.applyContextStyle(cxtMeta, cxtStyle, ele);
    } finally {
      _p.deferredTriggers = null;
      self.flushDeferredTriggers(deferred);
    }`,
  },
  {
    what: 'style: triggers noted while an element is styled, acted on after',
    find: `styfn$8.checkTriggers = function (ele, name, fromValue, toValue) {`,
    replace: `var triggerFires = function (check, fromValue, toValue, ele) {
  return check != null && check(fromValue, toValue, ele);
};
styfn$8.flushDeferredTriggers = function (d) {
  var ele = d.ele;
  if (d.style) ele.dirtyStyleCache();
  if (d.zorder) this._private.cy.notify('zorder', ele);
  if (d.bounds) {
    ele.dirtyCompoundBoundsCache();
    ele.dirtyBoundingBoxCache();
  }
  if (d.edges) ele.connectedEdges().forEach(function (edge) {
    edge.dirtyBoundingBoxCache();
  });
  if (d.parallel) ele.parallelEdges().forEach(function (pllEdge) {
    pllEdge.dirtyBoundingBoxCache();
  });
};
styfn$8.checkTriggers = function (ele, name, fromValue, toValue) {
  var d = this._private.deferredTriggers;
  if (d && d.ele === ele) {
    // As below, but what each trigger does is done once, after the element's last property (apply).
    ele._private.styleCache = null;
    d.style = true;
    if (ele.removed()) return;
    var prop = this.properties[name];
    if (!d.zorder && triggerFires(prop.triggersZOrder, fromValue, toValue, ele)) d.zorder = true;
    if (!d.bounds && triggerFires(prop.triggersBounds, fromValue, toValue, ele)) d.bounds = true;
    if (!d.edges && triggerFires(prop.triggersBoundsOfConnectedEdges, fromValue, toValue, ele)) d.edges = true;
    if (!d.parallel && triggerFires(prop.triggersBoundsOfParallelEdges, fromValue, toValue, ele)) d.parallel = true;
    return;
  }`,
  },
];

/** Cytoscape's ES module source with the replacements applied; throws when one is not found exactly once. */
export function patchCytoscape(source: string): string {
  let out = source;
  for (const r of REPLACEMENTS) {
    const at = out.indexOf(r.find);
    if (at < 0 || out.indexOf(r.find, at + 1) >= 0) {
      throw new Error(
        `cytoscape-patches: "${r.what}" is not in this Cytoscape build exactly once; look at web/build/cytoscape-patches.ts again`,
      );
    }
    out = out.slice(0, at) + r.replace + out.slice(at + r.find.length);
  }
  return out;
}

const isCytoscapeModule = (id: string) => /[\\/]node_modules[\\/]cytoscape[\\/]dist[\\/]cytoscape\.esm\.mjs$/.test(id.split('?')[0]);

/** The Vite plugin: patches Cytoscape's ES module in builds and in tests (`vite` dev serves it unbundled, see vite.config.ts). */
export function cytoscapePatches(): Plugin {
  return {
    name: 'cytoscape-patches',
    enforce: 'pre',
    transform(code, id) {
      return isCytoscapeModule(id) ? { code: patchCytoscape(code), map: null } : null;
    },
  };
}
