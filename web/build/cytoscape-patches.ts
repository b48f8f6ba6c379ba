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
 * 2. The moving view (`textureOnViewport`, which graph-canvas.tsx turns on above LARGE_GRAPH nodes
 *    without a GPU). While the wheel, a drag or a pinch moves the view, Cytoscape shows one bitmap of
 *    the view moved and scaled, and draws everything again when the move ends. At 10,000 nodes that
 *    cost two full draws per gesture on this CPU: one into the bitmap when the gesture started (~1 s, at
 *    twice the screen's resolution) and one when it ended (~370 ms), during which the view froze. Now:
 *    - the bitmap is a copy of what the screen shows when that is a full draw of the same elements (a
 *      drawImage of the canvas) — drawn afresh only when the elements changed since;
 *    - the full draw waits until the view has been still for TEXTURE_SETTLE_MS, as long as the bitmap
 *      is younger than TEXTURE_MAX_AGE_MS, so a pan that follows a zoom keeps moving the same picture
 *      instead of stopping for a draw between them; a change to the elements (a click that selects, a
 *      label that appears with the zoom) draws at once.
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
    if (!hasCompounds) {
      // Out of reach of its line and its arrows (each tested below within these distances of these points): no hit.
      var reachPts = rs.allpts || [];
      var bx1 = Infinity, by1 = Infinity, bx2 = -Infinity, by2 = -Infinity;
      var reachAdd = function (px, py) {
        if (px < bx1) bx1 = px;
        if (px > bx2) bx2 = px;
        if (py < by1) by1 = py;
        if (py > by2) by2 = py;
      };
      for (var k = 0; k + 1 < reachPts.length; k += 2) reachAdd(reachPts[k], reachPts[k + 1]);
      reachAdd(rs.arrowStartX, rs.arrowStartY);
      reachAdd(rs.arrowEndX, rs.arrowEndY);
      reachAdd(rs.midX, rs.midY);
      var reach = width2 + styleWidth + edgeThreshold + self.getArrowWidth(styleWidth, scale);
      if (!(x >= bx1 - reach && x <= bx2 + reach && y >= by1 - reach && y <= by2 + reach)) {
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
        r.textureScreen = null;
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
CRp$5.render = function (options) {`,
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
