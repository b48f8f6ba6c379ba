/**
 * Downloads: subgraph files from the server's /export route, and images from the canvas.
 *
 * "The current view" is what the canvas shows: its visible nodes that stand for entities and the
 * links drawn between them, read from the Cytoscape instance (see `visibleView`), so filters,
 * hidden and removed nodes are respected by the images and the files alike.
 */
import type { Core, EdgeSingular, NodeSingular } from 'cytoscape';
import { GraphQLRequestError } from '../api/graphql-client.js';
import { ENTITY_TYPES, EXPORT_FORMATS, RELATION_TYPES, type ExportFormat, type RelationType } from '../../../shared/model/index.js';
import type { Lang } from '../i18n/i18n.js';

export const FILE_FORMATS: readonly ExportFormat[] = EXPORT_FORMATS;

/** Entities and their neighbourhood to `depth`, as the server finds them (the selection's export). */
export interface ExportScope {
  ids: string[];
  depth: number;
}

/** A relation drawn on the canvas, by its two entities and its type. */
export interface ViewLink {
  source: string;
  target: string;
  type: RelationType;
}

/** Exactly these entities and the relations of these links between them (the current view's export). */
export interface ViewElements {
  ids: string[];
  links: ViewLink[];
}

/** At most this many entities whose neighbourhood one export asks for (the server's EXPORT_MAX_IDS). */
export const EXPORT_MAX_IDS = 100;
/** At most this many entities and links in the export of a view (the server's EXPORT_MAX_VIEW_IDS / _LINKS). */
export const EXPORT_MAX_VIEW_IDS = 2000;
export const EXPORT_MAX_VIEW_LINKS = 5000;

const isEntityType = (t: unknown): boolean => (ENTITY_TYPES as readonly unknown[]).includes(t);
const isRelationType = (t: unknown): t is RelationType => (RELATION_TYPES as readonly unknown[]).includes(t);

/**
 * The entity a canvas node stands for: `data.entityId` when the canvas gives one (the chain map's
 * members and segments), else the node's id when `data.type` is an entity type. Tiers, "+N more"
 * and other drawing aids stand for none.
 */
export function entityOf(node: NodeSingular): string | null {
  const explicit: unknown = node.data('entityId');
  if (typeof explicit === 'string' && explicit) return explicit;
  return isEntityType(node.data('type')) ? node.id() : null;
}

/**
 * What the canvas shows, as entities and links. A node counts when `visible()` (not `display:
 * none`, not `visibility: hidden`, nor inside a hidden parent); an edge when it is visible, has a
 * relation type and joins two entities. A node drawn inside a chain segment is linked to it by
 * IN_SEGMENT, which the chain map draws as nesting instead of an edge.
 */
export function visibleView(cy: Core): ViewElements {
  const ids = new Set<string>();
  const links = new Map<string, ViewLink>();
  const link = (l: ViewLink) => links.set(`${l.source}\u0000${l.target}\u0000${l.type}`, l);
  cy.nodes().forEach((n) => {
    if (!n.visible()) return;
    const id = entityOf(n);
    if (id === null) return;
    ids.add(id);
    const parent = n.parent().first();
    if (parent.nonempty() && parent.data('type') === 'ChainSegment' && n.data('type') !== 'ChainSegment') {
      const segment = entityOf(parent);
      if (segment !== null) link({ source: id, target: segment, type: 'IN_SEGMENT' });
    }
  });
  cy.edges().forEach((e: EdgeSingular) => {
    const type: unknown = e.data('type');
    if (!e.visible() || !isRelationType(type)) return;
    const source = entityOf(e.source());
    const target = entityOf(e.target());
    if (source !== null && target !== null) link({ source, target, type });
  });
  return { ids: [...ids], links: [...links.values()] };
}

export function saveBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const filenameFrom = (disposition: string | null): string | null => {
  const m = disposition?.match(/filename\*=UTF-8''([^;]+)|filename="?([^";]+)"?/i);
  if (!m) return null;
  return m[1] ? decodeURIComponent(m[1]) : (m[2] ?? null);
};

/** The download URL of a neighbourhood export; label columns (GraphML, CSV) are in `lang`. */
export const exportUrl = (scope: ExportScope, format: ExportFormat, lang: Lang): string =>
  `/export?${new URLSearchParams({ ids: scope.ids.join(','), depth: String(scope.depth), format: format.toLowerCase(), lang })}`;

async function download(request: Promise<Response>, format: ExportFormat): Promise<{ filename: string; blob: Blob }> {
  let res: Response;
  try {
    res = await request;
  } catch (err) {
    throw new GraphQLRequestError((err as Error).message, 'NETWORK');
  }
  if (res.ok) {
    const filename = filenameFrom(res.headers.get('content-disposition')) ?? `graph.${format.toLowerCase()}`;
    return { filename, blob: await res.blob() };
  }
  // The route answers errors as { error: { code, message } }, with the GraphQL API's codes.
  let message = `HTTP ${res.status}`;
  let code = 'HTTP_ERROR';
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string } };
    message = body.error?.message ?? message;
    code = body.error?.code ?? code;
  } catch {
    // not JSON; keep the status
  }
  throw new GraphQLRequestError(message, code);
}

/**
 * Fetches the neighbourhood file from GET /export. A download, not data for the screen: it is not
 * cached, and it goes straight to a file (the route sends the right file name and type).
 */
export function fetchExport(scope: ExportScope, format: ExportFormat, lang: Lang): Promise<{ filename: string; blob: Blob }> {
  return download(fetch(exportUrl(scope, format, lang)), format);
}

/**
 * Fetches the file of exactly these entities and links from POST /export: a view of hundreds of
 * nodes does not fit in a URL.
 */
export function fetchViewExport(view: ViewElements, format: ExportFormat, lang: Lang): Promise<{ filename: string; blob: Blob }> {
  const body = JSON.stringify({ ids: view.ids, links: view.links, format: format.toLowerCase(), lang });
  return download(fetch('/export', { method: 'POST', headers: { 'content-type': 'application/json' }, body }), format);
}

export function canvasPng(cy: Core): Blob {
  return cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff', maxWidth: 8000, maxHeight: 8000 }) as unknown as Blob;
}

/** The parts of Cytoscape's canvas renderer and of canvas2svg's context that the SVG export adjusts. */
interface SvgContext {
  beginPath?: () => void;
  save: () => void;
  restore: () => void;
  /** canvas2svg's element being drawn: after save(), the new group. */
  __currentElement?: Element;
}
interface Renderer {
  drawRoundPolygonPath: (ctx: SvgContext, ...rest: unknown[]) => void;
  drawElement: (ctx: SvgContext, ele: NodeSingular | EdgeSingular, ...rest: unknown[]) => void;
  eleTextBiggerThanMin: (ele: unknown, scale?: number) => boolean;
  usePaths: () => boolean;
}
type Patched = Pick<Renderer, 'drawRoundPolygonPath' | 'drawElement' | 'eleTextBiggerThanMin' | 'usePaths'>;

/**
 * Runs `draw` with the canvas renderer adjusted for cytoscape-svg, and puts it back afterwards:
 *
 * - Cytoscape draws round polygons (round-hexagon, -octagon, -triangle, -diamond, -tag) without
 *   `beginPath()`: on screen each goes into a fresh Path2D, but cytoscape-svg draws on a canvas2svg
 *   context, where the corners were added to the element drawn last — the previous label's <text> —
 *   so the shape vanished ("Attempted to apply path command to node text") and its fill and border
 *   were applied to that label, painting it white. Each such shape now begins its own path.
 * - Each element is drawn in its own group, `<g class="node" data-id="…">` (or `edge`) with a
 *   <title> holding the full name, so the file can be edited by element and read by a screen reader.
 * - Labels are drawn as the canvas draws them at 100 % zoom, whatever the zoom on screen, since a
 *   vector image is zoomed by its reader (labels hidden by level of detail come back).
 */
function withSvgRenderer<T>(cy: Core, draw: () => T): T {
  const r = (cy as unknown as { renderer: () => Renderer }).renderer();
  const keys = ['drawRoundPolygonPath', 'drawElement', 'eleTextBiggerThanMin', 'usePaths'] as const;
  const own = new Map(keys.map((k) => [k, Object.getOwnPropertyDescriptor(r, k)]));
  const orig: Patched = { ...Object.fromEntries(keys.map((k) => [k, r[k]])) } as Patched;
  r.drawRoundPolygonPath = function (ctx, ...rest) {
    if (typeof ctx.beginPath === 'function') ctx.beginPath();
    orig.drawRoundPolygonPath.call(this, ctx, ...rest);
  };
  r.drawElement = function (ctx, ele, ...rest) {
    const svgContext = ctx.__currentElement !== undefined;
    if (!svgContext || !ele.visible()) return orig.drawElement.call(this, ctx, ele, ...rest);
    ctx.save();
    const group = ctx.__currentElement;
    if (group) {
      group.setAttribute('class', ele.isNode() ? 'node' : 'edge');
      group.setAttribute('data-id', ele.id());
      const name: unknown = ele.isNode() ? (ele.data('title') ?? ele.data('label')) : ele.data('label');
      if (typeof name === 'string' && name.trim()) {
        const title = group.ownerDocument.createElementNS('http://www.w3.org/2000/svg', 'title');
        title.textContent = name.replace(/\s*\n\s*/g, ' ');
        group.appendChild(title);
      }
    }
    try {
      orig.drawElement.call(this, ctx, ele, ...rest);
    } finally {
      ctx.restore();
    }
  };
  r.eleTextBiggerThanMin = function (ele, scale) {
    return orig.eleTextBiggerThanMin.call(this, ele, scale ?? 1);
  };
  try {
    return draw();
  } finally {
    for (const k of keys) {
      const d = own.get(k);
      if (d) Object.defineProperty(r, k, d);
      else delete (r as Partial<Renderer>)[k];
    }
  }
}

/** The whole graph as drawn (hidden elements are not), as an SVG document. */
export function canvasSvgText(cy: Core): string {
  return withSvgRenderer(cy, () => (cy as unknown as { svg: (o: object) => string }).svg({ full: true, scale: 1, bg: '#ffffff' }));
}

export function canvasSvg(cy: Core): Blob {
  return new Blob([canvasSvgText(cy)], { type: 'image/svg+xml' });
}
