/**
 * Text normalisation of the seed documents, so that quotes can be checked verbatim against them.
 *
 * Pipeline (order matters):
 *   1. CRLF / CR → LF
 *   2. full-width brackets （） → (), full-width space (U+3000) and NBSP → ordinary space
 *   3. pinyin annotations removed: `區(qū)` → `區`, `會(huì)` → `會`
 *      (done BEFORE the script conversion so that OpenCC sees whole words again and its
 *      phrase dictionary can pick the right simplified character, e.g. 著力 → 着力)
 *   4. traditional → simplified with OpenCC (Taiwan standard → mainland; `tw` maps these
 *      documents best: `hk` leaves 著力 unconverted, `twp` rewrites vocabulary, 建立 → 创建)
 *   5. every line trimmed, line breaks kept
 *
 * Simplified input passes through unchanged (apart from whitespace / brackets).
 */
import * as OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';

const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });

/** Tone-marked vowels (all four tones of a e i o u ü) plus ü itself. */
const TONED = 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ';
const TONE_BASE: Record<string, string> = {};
for (const [base, marks] of [
  ['a', 'āáǎà'],
  ['e', 'ēéěè'],
  ['i', 'īíǐì'],
  ['o', 'ōóǒò'],
  ['u', 'ūúǔù'],
  ['ü', 'ǖǘǚǜ'],
] as const) {
  for (const m of marks) TONE_BASE[m] = base;
}

/**
 * Shape of one toneless pinyin syllable (initial + final). `ü` may also be written `v`.
 * Accepts a few non-syllables of the right shape (e.g. `bue`) — harmless here, because a
 * candidate must also carry a tone mark or be a known reading of the preceding character.
 */
const SYLLABLE =
  /^(?:[bpmfdtnlgkhjqxrzcsyw]|[zcs]h)?(?:i(?:a(?:ng|n|o)?|e|u|o(?:ng)?|ng|n)?|u(?:a(?:ng|n|i)?|o|i|n|e)?|[üv](?:e|an|n)?|a(?:i|o|ng|n)?|e(?:i|ng|n|r)?|o(?:u|ng)?)$|^(?:ng|m|n|hm|hng)$/;

/** A Han character directly followed by a parenthesised run of (tone-marked) latin letters. */
const ANNOTATION = new RegExp(`(\\p{Script=Han})\\(([a-zü${TONED}]{1,7})\\)`, 'gu');

function detone(s: string): { base: string; tones: number } {
  let tones = 0;
  let base = '';
  for (const ch of s) {
    const b = TONE_BASE[ch];
    if (b) {
      tones++;
      base += b;
    } else base += ch;
  }
  return { base, tones };
}

/** Is `annotation` a pinyin reading annotation for the Han character `han`? */
export function isPinyinAnnotation(han: string, annotation: string): boolean {
  const { base, tones } = detone(annotation);
  if (tones > 1 || !SYLLABLE.test(base)) return false;
  if (tones === 1) return true;
  // Toneless (neutral tone) syllable: accept only if it is a known reading of the character,
  // so that e.g. `(a)` as a list marker is not mistaken for an annotation.
  const readings = pinyin(han, { toneType: 'none', multiple: true, type: 'array' });
  return readings.map((r) => r.replace(/ü/g, 'v')).includes(base.replace(/ü/g, 'v'));
}

/** Remove pinyin annotations such as `區(qū)` → `區`; real parentheses are kept. */
export function stripPinyinAnnotations(s: string): string {
  return s.replace(ANNOTATION, (whole, han: string, ann: string) => (isPinyinAnnotation(han, ann) ? han : whole));
}

/** Normalise a whole document (keeps line structure). */
export function normaliseText(s: string): string {
  let t = s.replace(/\r\n?/g, '\n');
  t = t
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/[\u3000\u00a0]/g, ' ');
  t = stripPinyinAnnotations(t);
  t = toSimplified(t);
  return t
    .split('\n')
    .map((line) => line.trim())
    .join('\n');
}
