/**
 * An article as pasted or uploaded → cleaned text with sentences, or a typed refusal.
 *
 * Pipeline: bytes decoded (decode.ts) → HTML to text (html.ts, for .html or text that is a page) →
 * normalised (seed/normalise.ts: traditional → simplified, pinyin annotations, brackets) → page
 * furniture dropped line by line → sentences.
 *
 * Furniture, as the five seed pages show it: navigation (当前位置: 首页 > …), bylines with a date or
 * 来源 / 编辑 (kept as metadata only), image file names (mmexport….jpeg, also inside a paragraph),
 * links, phone numbers and 微信 lines, copyright and disclaimer lines (版权 / ICP / 不代表本站立场),
 * share buttons (分享到 / 扫一扫 / 前往…APP), and everything after the article's end: once the
 * body has started, a 来源 / 本文地址 / 相关文章 / 文章排行榜 … line ends it (001's 头条 list and
 * 排行榜, 004's headlines, ads and 相关文章 sidebar). A related-list heading before the body only
 * drops the short lines after it.
 *
 * The cleaned text is built from pieces of the normalised text; `segments` maps every cleaned
 * offset back (toSourceOffset), so a proposal can be shown in the page as it was and checked
 * against furniture.
 */
import { normaliseText } from '../../seed/normalise.js';
import { decodeBytes } from './decode.js';
import { htmlToText } from './html.js';
import type {
  ArticleInput,
  ArticleMetadata,
  CleanArticle,
  CleanError,
  CleanResult,
  Furniture,
  FurnitureReason,
  Segment,
  Sentence,
  Span,
} from './types.js';

/** More text than any article: 2 MiB once decoded (UTF-8). */
export const MAX_TEXT_BYTES = 2 * 1024 * 1024;
/** Raw bytes read at most (an HTML page carries much markup around its text). */
export const MAX_INPUT_BYTES = 8 * 1024 * 1024;
/** Han characters of body text before an end marker (来源, 相关文章 …) may end the article. */
const BODY_BEFORE_END = 30;

const fail = (code: CleanError['code'], message: string, encoding: CleanError['encoding'] = null): CleanResult => ({
  ok: false,
  error: { code, message, encoding },
});

const HAN = /\p{Script=Han}/gu;
const hanCount = (s: string) => s.match(HAN)?.length ?? 0;

const DATE = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?/;
const SENTENCE_PUNCT = /[。,,;;!?！？]/;

/** Lines that end the article once the body has started (and are furniture anywhere). */
const END_LINE =
  /^(?:【?\s*(?:来源|稿源|出处)[::]|本文(?:地址|链接|网址)|原文(?:链接|地址)|友情提示|免责声明|版权声明|版权所有|责任编辑|(?:相关|热门|热点|推荐|延伸|更多)(?:文章|阅读|新闻|推荐|资讯|专题)|热门|猜你喜欢|(?:文章)?排行榜|头条|上一篇|下一篇|(?:前往|打开|下载).{0,12}APP|标签[::]|分享(?:到|给))/i;
/** Headings of related-article lists (they start the tail, or drop the short lines after them). */
const RELATED_HEADING =
  /^(?:(?:相关|热门|热点|推荐|延伸|更多)(?:文章|阅读|新闻|推荐|资讯|专题)|热门|猜你喜欢|(?:文章)?排行榜|头条|周排名|月排名)\s*[::]?$/;
const NAVIGATION = /^(?:当前位置|您的位置|你的位置|您当前的位置|所在位置)[::]|首页\s*[>»›]|[>»›]\s*正文/;
const BYLINE_LABEL = /^【?\s*(来源|稿源|出处|责任编辑|编辑|作者|记者|通讯员|撰稿|审核|校对|责编|摄影)\s*[::]\s*([^】]*)】?/;
const COPYRIGHT =
  /版权所有|版权声明|copyright|©|ICP[备证]|公网安备|不代表本站|与本站立场无关|免责声明|风险自担|不构成(?:任何|投资)?建议|转载请注明|如有侵权|联系我们删除|最终解释权/i;
const SHARE =
  /^(?:分享到|分享给|扫一扫|扫描二维码|长按|关注公众号|(?:前往|打开|下载).{0,12}APP|点击.{0,6}阅读|阅读原文|返回顶部|打印|关闭窗口|收藏本文|字号)/i;
const CONTACT_LINE = /微信|QQ|电话|热线|手机|联系人|\d{3,4}[\s-]?\d{3,4}[\s-]?\d{3,4}/i;
const DATETIME_AT_END = /\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/;
const LIST_MARK = /^(?:[-–—•·*]|\d{1,2}(?=\D))\s*/;

/** Inline furniture: removed from inside a line, the rest of the line kept. */
const INLINE: [RegExp, FurnitureReason][] = [
  [/\s*[A-Za-z0-9_\-.%]*\.(?:jpe?g|png|gif|webp|bmp|svg)\b\s*/gi, 'image'],
  [/\s*(?:https?:\/\/|www\.)[\w\-./?%&=#:~+]+\s*/gi, 'link'],
  [/\s*[((【[]\s*(?:图片?来源|图源|来源|摄影|图|视频|编辑|记者)\s*[::][^))】\]]{0,40}[))】\]]\s*/g, 'byline'],
  [/\s*(?:\+?86[\s-]?)?1[3-9]\d{9}\d*\s*/g, 'contact'],
  [/\s*(?:400|800)[\s-]?\d{3,4}[\s-]?\d{3,4}\s*/g, 'contact'],
];

interface Line {
  start: number;
  text: string;
}

interface Piece {
  source: number;
  text: string;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const text_ of text.split('\n')) {
    lines.push({ start, text: text_ });
    start += text_.length + 1;
  }
  return lines;
}

function isoDate(s: string): string | null {
  const m = DATE.exec(s);
  if (!m) return null;
  const [, y, mo, d] = m;
  return `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

/** What kind of furniture a whole line is, or null for article text. */
function classifyLine(text: string, bodyStarted: boolean): FurnitureReason | null {
  if (NAVIGATION.test(text)) return 'navigation';
  if (BYLINE_LABEL.test(text)) return 'byline';
  if (COPYRIGHT.test(text)) return 'copyright';
  if (SHARE.test(text)) return 'share';
  if (/^[-–—•·*]$/.test(text)) return 'list-item';
  const short = text.length < 60 && !SENTENCE_PUNCT.test(text);
  if (short && DATE.test(text)) return LIST_MARK.test(text) && hanCount(text) > 8 ? 'list-item' : 'byline';
  if (DATETIME_AT_END.test(text) && LIST_MARK.test(text)) return 'list-item';
  if (short && text.length < 40 && CONTACT_LINE.test(text) && /\d{5,}|微信|QQ/i.test(text)) return 'contact';
  if (!bodyStarted && /^[-–—•·*]\s*\S{1,8}$/.test(text)) return 'navigation';
  return null;
}

function readMetadata(text: string, meta: ArticleMetadata): void {
  const label = BYLINE_LABEL.exec(text);
  if (label) {
    const value = label[2].replace(DATE, '').trim().split(/\s+/)[0] ?? '';
    if (value) {
      if (/来源|稿源|出处/.test(label[1])) meta.source ??= value;
      else if (/编辑|审核|校对|责编/.test(label[1])) meta.editor ??= value;
      else meta.author ??= value;
    }
  }
  const url = /(?:https?:\/\/|www\.)[\w\-./?%&=#:~+]+/i.exec(text);
  if (url && /本文|原文|地址|链接/.test(text)) meta.url ??= url[0];
  if (!meta.date && text.length < 80) meta.date = isoDate(text);
}

/** Removes inline furniture from a kept line: the pieces that remain, with their offsets. */
function inlinePieces(line: Line, furniture: Furniture[]): Piece[] {
  const cuts: (Span & { reason: FurnitureReason })[] = [];
  for (const [re, reason] of INLINE) {
    re.lastIndex = 0;
    for (let m = re.exec(line.text); m; m = re.exec(line.text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      const span = { start: m.index, end: m.index + m[0].length };
      if (!cuts.some((c) => c.start < span.end && span.start < c.end)) cuts.push({ ...span, reason });
    }
  }
  cuts.sort((a, b) => a.start - b.start);
  const pieces: Piece[] = [];
  let at = 0;
  for (const c of cuts) {
    if (c.start > at) pieces.push({ source: line.start + at, text: line.text.slice(at, c.start) });
    furniture.push({
      start: line.start + c.start,
      end: line.start + c.end,
      reason: c.reason,
      text: line.text.slice(c.start, c.end).trim(),
    });
    at = c.end;
  }
  if (at < line.text.length) pieces.push({ source: line.start + at, text: line.text.slice(at) });
  return pieces.filter((p) => p.text.trim());
}

/** Splits cleaned text into sentences at 。！？；!?; (closing quotes stay with them) and line breaks. */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e > s) sentences.push({ index: sentences.length, start: s, end: e, text: text.slice(s, e) });
    start = end;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      push(i);
      start = i + 1;
    } else if ('。！？；!?;'.includes(c)) {
      let j = i + 1;
      while (j < text.length && '”’"」』)'.includes(text[j])) j++;
      push(j);
      i = j - 1;
    }
  }
  push(text.length);
  return sentences;
}

/** The sentence holding a cleaned offset (binary search), or null past the end. */
export function sentenceAt(sentences: readonly Sentence[], offset: number): Sentence | null {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid];
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return s;
  }
  return null;
}

/** A cleaned-text offset → the offset in the normalised text (`article.source`). */
export function toSourceOffset(article: Pick<CleanArticle, 'segments'>, offset: number): number {
  const segs = article.segments;
  let lo = 0;
  let hi = segs.length - 1;
  let best = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (segs[mid].clean <= offset) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const seg = segs[best];
  return seg ? seg.source + Math.min(offset - seg.clean, seg.length) : offset;
}

function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 2000).trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html') || (/^<[a-z]/.test(head) && /<\/(?:p|div|body)>/.test(text));
}

/** Share of control characters (other than tab, line breaks, form feed) in a string. */
function controlShare(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0x7f) n++;
  }
  return text.length ? n / text.length : 0;
}

/** Decodes, extracts and normalises; see the module comment. */
export function cleanArticle(input: ArticleInput): CleanResult {
  let raw: string;
  let encoding: CleanArticle['encoding'] = null;
  if (typeof input.text === 'string') {
    raw = input.text;
    if (raw.includes('\u0000')) return fail('BINARY', 'The text holds NUL characters: this is binary data, not an article.');
  } else {
    if (input.text.byteLength > MAX_INPUT_BYTES)
      return fail('TOO_LARGE', `The file is ${(input.text.byteLength / 1048576).toFixed(1)} MB; an article is at most 2 MB of text.`);
    const decoded = decodeBytes(input.text);
    if (!decoded.ok) return { ok: false, error: decoded.error };
    raw = decoded.text;
    encoding = decoded.encoding;
  }
  if (!raw.trim()) return fail('EMPTY', 'The article is empty.', encoding);
  if (controlShare(raw) > 0.01)
    return fail('BINARY', 'The input is full of control characters: this is binary data, not an article.', encoding);
  if (Buffer.byteLength(raw, 'utf8') > MAX_TEXT_BYTES)
    return fail('TOO_LARGE', 'The article is longer than 2 MB of text; split it or paste the article alone.', encoding);
  const format = input.format ?? (looksLikeHtml(raw) ? 'html' : 'text');
  let pageTitle: string | null = null;
  if (format === 'html') {
    const page = htmlToText(raw);
    raw = page.text;
    pageTitle = page.title;
    if (!raw.trim()) return fail('EMPTY', 'The page has no text.', encoding);
  }
  let source = normaliseText(raw);
  // A title typed in the form and missing from the text is read as its first line (titles state facts too).
  const title = input.title?.trim() ? normaliseText(input.title.trim()) : null;
  if (title && !source.slice(0, 400).includes(title)) source = `${title}\n${source}`;
  const result = dropFurniture(source, format, encoding, title ?? pageTitle);
  if (result.ok) {
    const meta = result.article.metadata;
    if (title) meta.title = title;
    meta.date = input.date ?? meta.date;
    meta.url = input.url ?? meta.url;
    meta.source = input.publisher ?? meta.source;
  }
  return result;
}

function dropFurniture(
  source: string,
  format: CleanArticle['format'],
  encoding: CleanArticle['encoding'],
  pageTitle: string | null,
): CleanResult {
  const metadata: ArticleMetadata = { title: null, date: null, source: null, editor: null, author: null, url: null };
  const furniture: Furniture[] = [];
  const kept: Piece[][] = [];
  let bodyHan = 0;
  let tail: FurnitureReason | null = null;
  let afterRelatedHeading = false;
  for (const line of splitLines(source)) {
    const text = line.text;
    if (!text.trim()) continue;
    const drop = (reason: FurnitureReason) => furniture.push({ start: line.start, end: line.start + text.length, reason, text });
    if (tail) {
      readMetadata(text, metadata);
      drop(tail);
      continue;
    }
    const bodyStarted = bodyHan >= BODY_BEFORE_END;
    if (END_LINE.test(text) && bodyStarted && text.length < 120) {
      readMetadata(text, metadata);
      drop(RELATED_HEADING.test(text) ? 'related-list' : (classifyLine(text, true) ?? 'after-article'));
      tail = 'after-article';
      continue;
    }
    if (RELATED_HEADING.test(text)) {
      afterRelatedHeading = true;
      drop('related-list');
      continue;
    }
    const reason = classifyLine(text, bodyHan > 0);
    if (reason) {
      readMetadata(text, metadata);
      drop(reason);
      continue;
    }
    if (afterRelatedHeading && text.length < 40 && !SENTENCE_PUNCT.test(text)) {
      drop('related-list');
      continue;
    }
    afterRelatedHeading = false;
    const pieces = inlinePieces(line, furniture);
    if (!pieces.length) continue;
    if (!metadata.title && kept.length === 0 && text.length <= 80 && !/[。]/.test(text)) metadata.title = text;
    else bodyHan += hanCount(text);
    kept.push(pieces);
  }
  metadata.title ??= pageTitle;
  let text = '';
  const segments: Segment[] = [];
  kept.forEach((pieces, i) => {
    if (i > 0) text += '\n';
    for (const p of pieces) {
      segments.push({ clean: text.length, source: p.source, length: p.text.length });
      text += p.text;
    }
  });
  furniture.sort((a, b) => a.start - b.start);
  const prose = kept.some((pieces) => hanCount(pieces.map((p) => p.text).join('')) >= 8 && pieces[0].text !== metadata.title);
  if (!text.trim() || (furniture.length > 0 && !prose))
    return fail(
      furniture.length ? 'ONLY_FURNITURE' : 'EMPTY',
      furniture.length
        ? 'Only page furniture was found (navigation, links, copyright, related articles): paste the article text itself.'
        : 'The article is empty.',
      encoding,
    );
  return {
    ok: true,
    article: { text, source, format, encoding, sentences: splitSentences(text), segments, furniture, metadata },
  };
}
