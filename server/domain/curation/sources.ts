/**
 * A change's source, made into a document + quote: an existing document cited verbatim, a web page
 * (a `web` document per URL, reused), or a staff note (a `note` document of its own). Documents live
 * in the store beside the graph (the seed's articles are loaded there too).
 */
import { createHash } from 'node:crypto';
import { badInput } from '../errors.js';
import type { Source } from '../model.js';
import type { Transaction } from '../../store/types.js';
import type { SourceInput } from './types.js';

export const MAX_QUOTE = 500;
export const MAX_NOTE = 2000;

export interface DocumentRecord {
  id: string;
  kind: string;
  title: string;
  date: string | null;
  url: string | null;
  publisher: string | null;
  note: string | null;
  createdAt: string | null;
  createdBy: string | null;
}

export const DOCUMENT_COLUMNS = ['id', 'kind', 'title', 'date', 'url', 'publisher', 'note', 'createdAt', 'createdBy'] as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real date YYYY-MM-DD, or null when none is given; BAD_USER_INPUT naming `field` otherwise. */
export function checkDate(value: string | null | undefined, field: string): string | null {
  if (value == null || value === '') return null;
  if (
    !DATE.test(value) ||
    Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ||
    new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value
  ) {
    throw badInput(`${field} must be a date YYYY-MM-DD, got "${value.slice(0, 40)}"`, { field });
  }
  return value;
}

function checkQuote(value: string | null | undefined, field: string, required: boolean): string | null {
  const q = (value ?? '').trim();
  if (!q) {
    if (required) throw badInput(`${field} must quote the document`, { field });
    return null;
  }
  if (q.length > MAX_QUOTE) throw badInput(`${field} must be at most ${MAX_QUOTE} characters`, { field });
  return q;
}

/** An http(s) URL, normalised; anything else is refused (no javascript:, file:, data:). */
export function checkUrl(raw: string, field: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw badInput(`${field} must be a web address (http or https)`, { field });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw badInput(`${field} must be a web address (http or https)`, { field });
  if (url.href.length > 1000) throw badInput(`${field} must be at most 1000 characters`, { field });
  return url.href;
}

/** Checks a source before any write, so a bad one is reported naming its field. */
export function checkSource(source: SourceInput | null | undefined): SourceInput {
  if (!source) throw badInput('every change needs a source: a document and quote, a web address, or a staff note', { field: 'source' });
  switch (source.kind) {
    case 'document':
      if (!source.document?.trim()) throw badInput('source.document must name a document', { field: 'source.document' });
      return { kind: 'document', document: source.document.trim(), quote: checkQuote(source.quote, 'source.quote', true)! };
    case 'url':
      return {
        kind: 'url',
        url: checkUrl(source.url ?? '', 'source.url'),
        title: source.title?.trim().slice(0, 200) || null,
        date: checkDate(source.date, 'source.date'),
        quote: checkQuote(source.quote, 'source.quote', false),
      };
    case 'note': {
      const note = (source.note ?? '').trim();
      if (!note) throw badInput('source.note must say what was seen or heard, and where', { field: 'source.note' });
      if (note.length > MAX_NOTE) throw badInput(`source.note must be at most ${MAX_NOTE} characters`, { field: 'source.note' });
      return { kind: 'note', note, date: checkDate(source.date, 'source.date') };
    }
    case 'import':
    case 'article':
      return source;
    default:
      throw badInput('source.kind must be document, url or note', { field: 'source.kind' });
  }
}

const short = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * The document + quote a checked source becomes, creating the document where needed. Returns the
 * document's date too (a fact's `lastSeen`).
 */
export async function sourceOf(
  tx: Transaction,
  input: SourceInput,
  ctx: { changeSet: string; at: string; author: string },
): Promise<{ source: Source; date: string | null }> {
  switch (input.kind) {
    case 'document': {
      const [doc] = await tx.run('MATCH (d:Document {id: $id}) RETURN d.date AS date', { id: input.document });
      if (!doc) throw badInput(`source.document "${short(input.document, 60)}" is not a known document`, { field: 'source.document' });
      return { source: { document: input.document, quote: input.quote }, date: (doc.date as string | null) ?? null };
    }
    case 'url': {
      const id = `web-${createHash('sha256').update(input.url).digest('hex').slice(0, 16)}`;
      const title = input.title ?? input.url;
      await tx.run(
        'MERGE (d:Document {id: $id}) ON CREATE SET d.kind = $kind, d.title = $title, d.url = $url, d.date = $date, d.createdAt = $at, d.createdBy = $author',
        { id, kind: 'web', title, url: input.url, date: input.date ?? null, at: ctx.at, author: ctx.author },
      );
      return { source: { document: id, quote: input.quote ?? title }, date: input.date ?? null };
    }
    case 'note': {
      const id = `note-${ctx.changeSet}`;
      const date = input.date ?? ctx.at.slice(0, 10);
      await tx.run(
        'CREATE (d:Document {id: $id, kind: $kind, title: $title, note: $note, date: $date, createdAt: $at, createdBy: $author})',
        { id, kind: 'note', title: short(input.note.split('\n')[0], 80), note: input.note, date, at: ctx.at, author: ctx.author },
      );
      return { source: { document: id, quote: short(input.note, MAX_QUOTE) }, date };
    }
    case 'article': {
      // One document per article text (the key is its hash): ingesting the same text again cites it again.
      await tx.run(
        'MERGE (d:Document {id: $id}) ON CREATE SET d.kind = $kind, d.title = $title, d.date = $date, d.url = $url, d.publisher = $publisher, ' +
          'd.createdAt = $at, d.createdBy = $author',
        {
          id: input.key,
          kind: 'article',
          title: short(input.title, 300),
          date: input.date ?? null,
          url: input.url ?? null,
          publisher: input.publisher ?? null,
          at: ctx.at,
          author: ctx.author,
        },
      );
      return { source: { document: input.key, quote: short(input.title, MAX_QUOTE) }, date: input.date ?? null };
    }
    case 'import': {
      // Each fact quotes its own row (the import sets it); this is the file's document.
      const id = `import-${ctx.changeSet}`;
      const date = ctx.at.slice(0, 10);
      await tx.run('CREATE (d:Document {id: $id, kind: $kind, title: $title, date: $date, createdAt: $at, createdBy: $author})', {
        id,
        kind: 'import',
        title: short(input.fileName, 200),
        date,
        at: ctx.at,
        author: ctx.author,
      });
      return { source: { document: id, quote: input.fileName }, date };
    }
  }
}
