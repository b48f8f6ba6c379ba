/**
 * An article in, proposals out: the extractor (server/ingest) run against every name in the graph,
 * its answer made into what the review queue keeps. A refused article (empty, binary, too large,
 * only page furniture) is BAD_USER_INPUT with the extractor's code, and nothing is queued.
 */
import { nameIndexAt, nameRecords } from '../domain/curation/name-index.js';
import { badInput } from '../domain/errors.js';
import { extract } from '../ingest/extract.js';
import { Gazetteer } from '../ingest/gazetteer.js';
import type { ArticleInput } from '../ingest/types.js';
import type { GraphStore } from '../store/types.js';
import type { Proposals } from './queue.js';

export interface Proposed {
  /** The cleaned text the proposals' spans refer to. */
  text: string;
  proposals: Proposals;
  /** Title and date the article's own byline gives, when the caller did not. */
  metadata: { title: string | null; date: string | null };
}

/**
 * The automaton over every name in the graph, kept per store for the graph as it is (its version is
 * the key): building it at 100k entities takes ~2 s, and ingesting does not change the graph, so a
 * batch of articles builds it once.
 */
const gazetteers = new WeakMap<GraphStore, { key: string; gazetteer: Promise<Gazetteer> }>();

async function gazetteerFor(store: GraphStore): Promise<Gazetteer> {
  const { index, version: key } = await nameIndexAt(store);
  const cached = gazetteers.get(store);
  if (cached?.key === key) return cached.gazetteer;
  const gazetteer = (async () => new Gazetteer(await nameRecords(store), index))();
  gazetteers.set(store, { key, gazetteer });
  gazetteer.catch(() => gazetteers.delete(store));
  return gazetteer;
}

export async function propose(store: GraphStore, article: ArticleInput): Promise<Proposed> {
  const result = extract(article, await gazetteerFor(store));
  if (result.error) throw badInput(result.error.message, { field: 'text', ingestCode: result.error.code, encoding: result.error.encoding });
  return {
    text: result.text,
    metadata: { title: result.article?.metadata.title ?? null, date: result.article?.metadata.date ?? null },
    proposals: {
      entities: result.entities.map((e) => ({
        key: e.key,
        name: e.name,
        type: e.type,
        kind: e.kind ?? null,
        aliases: e.aliases,
        match: e.match ? { id: e.match.id, name: e.match.name, score: e.match.score, reason: e.match.reason } : null,
        quote: e.quote,
        spans: e.spans,
      })),
      relations: result.relations.map((r) => ({
        type: r.type,
        from: r.from,
        to: r.to,
        role: r.role ?? null,
        kind: r.kind ?? null,
        topic: r.topic ?? null,
        date: r.date ?? null,
        quote: r.quote,
        span: r.span,
      })),
      warnings: result.warnings.map((w) => w.message),
    },
  };
}
