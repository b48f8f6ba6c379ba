/**
 * Node positions in a few characters per node, so a reloaded or shared Explore canvas draws the same
 * picture (`pos` in the URL). Each node is a 5-character hash of its id and two 2-character
 * coordinates; the header gives the grid step and the origin:
 *
 *   `<step>.<originX>.<originY>.<hash x y>…`   (step and origin in base 36, entries in base64url)
 *
 * 120 nodes take about 1,100 characters. Coordinates are rounded to the step (1 model pixel for a
 * picture up to 4,096 pixels wide, coarser beyond), which a reload cannot tell from the original.
 * Two ids on one canvas with the same hash (about 1 in 10,000 for 120 nodes) are left out: those
 * two nodes are placed afresh next to their neighbours.
 */

export interface Pos {
  x: number;
  y: number;
}

const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const HASH_CHARS = 5;
const COORD_CHARS = 2;
const COORD_MAX = DIGITS.length ** COORD_CHARS - 1;
const ENTRY = HASH_CHARS + 2 * COORD_CHARS;
/** A URL stays usable: past this many nodes positions are not written (the layout is redone on reload). */
export const MAX_SAVED_NODES = 3000;

function digits(n: number, width: number): string {
  let out = '';
  for (let i = 0; i < width; i++) {
    out = DIGITS[n % DIGITS.length] + out;
    n = Math.floor(n / DIGITS.length);
  }
  return out;
}

function undigits(s: string): number | null {
  let n = 0;
  for (const ch of s) {
    const d = DIGITS.indexOf(ch);
    if (d < 0) return null;
    n = n * DIGITS.length + d;
  }
  return n;
}

/** FNV-1a of the id's UTF-16 units, 30 bits as 5 characters. */
export function idHash(id: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return digits(h & 0x3fffffff, HASH_CHARS);
}

/** The codec's text for these positions ("" when there is nothing to write). */
export function encodePositions(positions: Iterable<readonly [string, Pos]>): string {
  const byHash = new Map<string, Pos | null>();
  for (const [id, p] of positions) {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) continue;
    const h = idHash(id);
    byHash.set(h, byHash.has(h) ? null : p);
  }
  const entries = [...byHash].filter((e): e is [string, Pos] => e[1] !== null);
  if (!entries.length || entries.length > MAX_SAVED_NODES) return '';
  const xs = entries.map(([, p]) => p.x);
  const ys = entries.map(([, p]) => p.y);
  const ox = Math.floor(Math.min(...xs));
  const oy = Math.floor(Math.min(...ys));
  const range = Math.max(Math.max(...xs) - ox, Math.max(...ys) - oy);
  const step = Math.max(1, Math.ceil(range / COORD_MAX));
  // Sorted, so the same picture always gives the same text (the URL does not churn).
  entries.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const body = entries
    .map(([h, p]) => h + digits(Math.round((p.x - ox) / step), COORD_CHARS) + digits(Math.round((p.y - oy) / step), COORD_CHARS))
    .join('');
  return `${step.toString(36)}.${ox.toString(36)}.${oy.toString(36)}.${body}`;
}

/** Positions by id hash; an empty map for anything malformed (a hand-edited or cut URL). */
export function decodePositions(text: string | null | undefined): Map<string, Pos> {
  const out = new Map<string, Pos>();
  if (!text) return out;
  const parts = text.split('.');
  if (parts.length !== 4) return out;
  const [step, ox, oy] = parts.slice(0, 3).map((s) => (/^-?[0-9a-z]{1,12}$/.test(s) ? parseInt(s, 36) : NaN));
  const body = parts[3];
  if (!(step >= 1) || !Number.isFinite(ox) || !Number.isFinite(oy) || body.length % ENTRY !== 0) return out;
  for (let i = 0; i < body.length; i += ENTRY) {
    const h = body.slice(i, i + HASH_CHARS);
    const x = undigits(body.slice(i + HASH_CHARS, i + HASH_CHARS + COORD_CHARS));
    const y = undigits(body.slice(i + HASH_CHARS + COORD_CHARS, i + ENTRY));
    if (x === null || y === null || undigits(h) === null) return new Map();
    out.set(h, { x: ox + x * step, y: oy + y * step });
  }
  return out;
}

/** The saved position of a node, if any. */
export const savedPosition = (saved: ReadonlyMap<string, Pos>, id: string): Pos | undefined => saved.get(idHash(id));
