/**
 * Cell text → field values, as staff type them in Excel: dates in several Chinese and ISO forms,
 * head counts with 人, bare domains, lists split on Chinese and Latin separators. Each parser
 * returns null for text it cannot read; the planner turns that into an issue.
 */

/** Texts that mean "nothing here" in a filled-in list. */
const PLACEHOLDERS = new Set(['-', '--', '—', '——', '/', '\\', '无', '暂无', '不详', '未知', 'n/a', 'na', 'null', 'none', '#n/a']);

export const isPlaceholder = (text: string): boolean => PLACEHOLDERS.has(text.trim().toLowerCase());

/** Separators of aliases and lists: 、 , ， ; ； / and line breaks. */
const LIST_SEPARATORS = /[、,，;；/\n\r]+/;

/** Items of a list cell, trimmed, without empties and repeats (compared by `key`). */
export function splitList(text: string, key: (s: string) => string = (s) => s): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of text.split(LIST_SEPARATORS)) {
    const item = part.trim();
    if (item === '' || isPlaceholder(item)) continue;
    const k = key(item);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(item);
  }
  return out;
}

const pad = (n: number) => String(n).padStart(2, '0');
const MIN_YEAR = 1800;
const MAX_YEAR = 2100;

function isoDate(y: number, m: number | null, d: number | null): string | null {
  if (y < MIN_YEAR || y > MAX_YEAR) return null;
  if (m === null) return String(y);
  if (m < 1 || m > 12) return null;
  if (d === null) return `${y}-${pad(m)}`;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d < 1 || d > days) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

const DATE_FORMS = [
  // 2020, 2020-03, 2020-03-05, 2020/3/5, 2020.3.5 (a time of day after it is ignored)
  /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/,
  // 2020年, 2020年3月, 2020年3月5日 (号)
  /^(\d{4})\s*年(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?)?$/,
  // 20200305, as registry exports write it
  /^(\d{4})(\d{2})(\d{2})$/,
];

/** A founding date → `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; null when not a real date. */
export function parseDate(text: string): string | null {
  const t = text.trim();
  for (const form of DATE_FORMS) {
    const m = form.exec(t);
    if (m) return isoDate(Number(m[1]), m[2] ? Number(m[2]) : null, m[3] ? Number(m[3]) : null);
  }
  return null;
}

const MAX_HEADCOUNT = 10_000_000;

/** A head count: `120`, `1,200`, `120人`, `120 名`, `120.0` → an integer ≥ 0; null otherwise. */
export function parseHeadcount(text: string): number | null {
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.0+)?\s*[人名]?$/.exec(text.trim());
  if (!m) return null;
  const n = Number(m[1].replace(/,/g, ''));
  return Number.isSafeInteger(n) && n <= MAX_HEADCOUNT ? n : null;
}

/** A website: http(s) URLs as given, a bare domain (`www.example.com/cn`) with https:// added; null otherwise. */
export function parseWebsite(text: string): string | null {
  const t = text.trim();
  if (/\s/.test(t)) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(t) ? t : `https://${t.replace(/^\/\//, '')}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  // A host needs a dot and a top-level part with a letter (`.cn`, punycode `.xn--fiqs8s`), or is an IPv4 address.
  if (!/\.(?=[a-z0-9-]*[a-z])[a-z0-9-]{2,}$/i.test(url.hostname) && !/^\d{1,3}(\.\d{1,3}){3}$/.test(url.hostname)) return null;
  return withScheme;
}

/**
 * What repeats are compared by, for text already simplified: `searchForm` without its (costly)
 * traditional→simplified step — lower case, no spaces, half-width brackets.
 */
export const textKey = (simplified: string): string =>
  simplified
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/[\s\u3000]+/g, '')
    .toLowerCase();

/** A credit code as typed: spaces and dashes out, upper case. */
export const normaliseCreditCode = (text: string): string => text.replace(/[\s-]+/g, '').toUpperCase();
