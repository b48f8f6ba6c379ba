/**
 * An HTML page → its text, one block per line, with parse5 (the WHATWG parsing algorithm, so broken
 * markup reads as a browser reads it). What is never article text is skipped by element — scripts,
 * styles, forms, navigation, asides, and page headers and footers outside the article — and by a
 * class or id that names furniture (breadcrumb, share, related, comment …). The rest of the
 * furniture is recognised line by line in clean.ts, the same as in pasted text.
 */
import { parse, type DefaultTreeAdapterTypes as T } from 'parse5';

const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'iframe',
  'object',
  'embed',
  'canvas',
  'video',
  'audio',
  'form',
  'button',
  'select',
  'textarea',
  'input',
  'nav',
  'aside',
  'img',
  'picture',
  'head',
]);
/** Skipped outside an <article> or <main> only: a site's own header and footer. */
const SKIP_OUTSIDE_ARTICLE = new Set(['header', 'footer']);
const BLOCK = new Set([
  'address',
  'article',
  'blockquote',
  'body',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'li',
  'main',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'td',
  'th',
  'tr',
  'ul',
  'header',
  'footer',
]);
/** A class or id naming page furniture (whole words of a class list, or parts of a BEM name). */
const FURNITURE_CLASS =
  /(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|crumbs?|share|sharing|social|related|recommend|hot|rank|ranking|comments?|advert|ads?|banner|sidebar|footer|copyright|toolbar|pager|pagination|qrcode)(?:$|[\s_-])/i;

export interface HtmlText {
  text: string;
  /** The <title> (or first <h1>) of the page, if any. */
  title: string | null;
}

function attr(el: T.Element, name: string): string {
  return el.attrs.find((a) => a.name === name)?.value ?? '';
}

function isElement(node: T.Node): node is T.Element {
  return 'tagName' in node;
}

function isText(node: T.Node): node is T.TextNode {
  return node.nodeName === '#text';
}

function textOf(node: T.Node): string {
  if (isText(node)) return node.value;
  if (!('childNodes' in node)) return '';
  return node.childNodes.map(textOf).join('');
}

function find(node: T.Node, test: (el: T.Element) => boolean): T.Element | null {
  if (isElement(node) && test(node)) return node;
  if (!('childNodes' in node)) return null;
  for (const child of node.childNodes) {
    const hit = find(child, test);
    if (hit) return hit;
  }
  return null;
}

/** Text of a page, one block element per line. */
export function htmlToText(html: string): HtmlText {
  const doc = parse(html);
  const titleEl = find(doc, (el) => el.tagName === 'title') ?? find(doc, (el) => el.tagName === 'h1');
  const title = titleEl ? textOf(titleEl).replace(/\s+/g, ' ').trim() || null : null;
  const out: string[] = [];
  const walk = (node: T.Node, inArticle: boolean) => {
    if (isText(node)) {
      out.push(node.value.replace(/[ \t\r\n\f]+/g, ' '));
      return;
    }
    if (!isElement(node)) {
      if ('childNodes' in node) for (const child of node.childNodes) walk(child, inArticle);
      return;
    }
    const tag = node.tagName;
    if (SKIP.has(tag) || (!inArticle && SKIP_OUTSIDE_ARTICLE.has(tag))) return;
    if (FURNITURE_CLASS.test(`${attr(node, 'class')} ${attr(node, 'id')}`)) return;
    if (tag === 'br') {
      out.push('\n');
      return;
    }
    const block = BLOCK.has(tag);
    if (block) out.push('\n');
    for (const child of node.childNodes) walk(child, inArticle || tag === 'article' || tag === 'main');
    if (block) out.push('\n');
  };
  walk(doc, false);
  const text = out
    .join('')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n');
  return { text, title };
}
