/**
 * Bytes of an uploaded article → text. UTF-8 (strict) first, then GB18030 (a superset of GBK, what
 * Chinese Windows and many mainland sites write), then Big5 (Taiwan and Hong Kong sites), each with
 * the platform's TextDecoder in fatal mode.
 *
 * Every Big5 byte pair is also a valid GBK pair, so Big5 text "decodes" as GB18030 without an
 * error — into kana, Greek, box drawing and user-defined characters. A GB18030 reading that is
 * mostly such characters is therefore passed over for a Big5 reading that is not.
 */
import type { CleanError, TextEncoding } from './types.js';

export type Decoded = { ok: true; text: string; encoding: TextEncoding } | { ok: false; error: CleanError };

/** Share of suspicious characters among the non-ASCII ones above which a reading is implausible. */
const IMPLAUSIBLE = 0.05;

/** Characters a Chinese article hardly ever holds but mis-decoded double-byte text is full of. */
function isSuspicious(c: number): boolean {
  return (
    (c >= 0x80 && c <= 0x9f) || // C1 controls
    (c >= 0x0370 && c <= 0x04ff) || // Greek, Cyrillic
    (c >= 0x2500 && c <= 0x257f) || // box drawing
    (c >= 0x3040 && c <= 0x30ff) || // kana
    (c >= 0x3100 && c <= 0x312f) || // bopomofo
    (c >= 0xe000 && c <= 0xf8ff) || // private use
    (c >= 0xff61 && c <= 0xff9f) || // half-width katakana
    c === 0xfffd
  );
}

/** Share of suspicious characters among the non-ASCII ones (0 for ASCII-only text). */
export function implausibility(text: string): number {
  let wide = 0;
  let odd = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    wide++;
    if (isSuspicious(c)) odd++;
  }
  return wide === 0 ? 0 : odd / wide;
}

function tryDecode(bytes: Uint8Array, encoding: TextEncoding): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** NUL bytes (or UTF-16 without a BOM) mean this is not a text file. */
export function hasNul(bytes: Uint8Array): boolean {
  return bytes.includes(0);
}

/** Decodes article bytes; see the module comment for the order and the Big5 check. */
export function decodeBytes(bytes: Uint8Array): Decoded {
  if (hasNul(bytes))
    return { ok: false, error: { code: 'BINARY', message: 'The file holds binary data (NUL bytes), not text.', encoding: null } };
  const body = UTF8_BOM.every((b, i) => bytes[i] === b) ? bytes.subarray(3) : bytes;
  const utf8 = tryDecode(body, 'utf-8');
  if (utf8 !== null) return { ok: true, text: utf8, encoding: 'utf-8' };
  const gb = tryDecode(body, 'gb18030');
  if (gb !== null && implausibility(gb) <= IMPLAUSIBLE) return { ok: true, text: gb, encoding: 'gb18030' };
  const big5 = tryDecode(body, 'big5');
  if (big5 !== null && implausibility(big5) <= IMPLAUSIBLE) return { ok: true, text: big5, encoding: 'big5' };
  return {
    ok: false,
    error: {
      code: 'ENCODING',
      message: 'The file is not text in UTF-8, GBK/GB18030 or Big5. Save it as UTF-8 and upload it again.',
      encoding: null,
    },
  };
}
