/**
 * The review queue of ingested articles: an article's cleaned text and the extractor's proposals are
 * kept as an IngestJob until an editor applies or discards it. Applying turns the accepted proposals
 * into ONE change set (kind INGEST): the article becomes a document, each new entity and relation is
 * sourced to its sentence, an existing entity matched (or re-linked by the reviewer) gains the
 * sentence as a source. The job is marked applied in the same transaction, so applying it twice does
 * nothing the second time; nothing is written before a person applies.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IngestDecision, IngestStatus } from '../../shared/model/curation.js';
import { commitChange, type Committed } from '../domain/curation/changes.js';
import { canonicalName, checkRelationDraft } from '../domain/curation/drafts.js';
import { withSource } from '../domain/curation/entities.js';
import { lockRelation, readEntities, type EntityRecord } from '../domain/curation/rows.js';
import { requireAnyInScope } from '../domain/curation/scope.js';
import type { ChangeAuthor } from '../domain/curation/types.js';
import { badInput, notFound } from '../domain/errors.js';
import { entityKindsOf, isEntityType, isRelationType, relationId, type EntityType, type RelationType } from '../domain/model.js';
import { checkId, checkLimit } from '../domain/validate.js';
import type { GraphStore, Row } from '../store/types.js';

export interface TextSpan {
  start: number;
  end: number;
}

export interface ProposedEntity {
  key: string;
  name: string;
  type: EntityType;
  kind?: string | null;
  aliases: string[];
  match: { id: string; name: string; score: number; reason?: string } | null;
  /** The sentence that names it. */
  quote: string;
  spans?: TextSpan[];
}

export interface ProposedRelation {
  type: RelationType;
  /** Entity keys. */
  from: string;
  to: string;
  role?: string | null;
  kind?: string | null;
  topic?: string | null;
  date?: string | null;
  quote: string;
  span?: TextSpan | null;
}

export interface Proposals {
  entities: ProposedEntity[];
  relations: ProposedRelation[];
  warnings?: string[];
}

export interface Article {
  text: string;
  title: string;
  date?: string | null;
  url?: string | null;
  publisher?: string | null;
}

export interface IngestJob {
  id: string;
  createdBy: string;
  createdAt: string;
  title: string;
  date: string | null;
  url: string | null;
  publisher: string | null;
  text: string;
  proposals: Proposals;
  status: IngestStatus;
  changeSet: string | null;
  document: string | null;
}

const COLUMNS = [
  'id',
  'createdBy',
  'createdAt',
  'title',
  'date',
  'url',
  'publisher',
  'text',
  'proposals',
  'status',
  'changeSet',
  'document',
];
const cols = COLUMNS.map((k) => `j.${k} AS ${k}`).join(', ');

function toJob(r: Row): IngestJob {
  let proposals: Proposals = { entities: [], relations: [] };
  try {
    proposals = JSON.parse(String(r.proposals)) as Proposals;
  } catch {
    // an unreadable record proposes nothing
  }
  const status = String(r.status);
  return {
    id: String(r.id),
    createdBy: String(r.createdBy ?? ''),
    createdAt: String(r.createdAt ?? ''),
    title: String(r.title ?? ''),
    date: (r.date as string | null) ?? null,
    url: (r.url as string | null) ?? null,
    publisher: (r.publisher as string | null) ?? null,
    text: String(r.text ?? ''),
    proposals,
    status: (['open', 'applied', 'discarded'].includes(status) ? status : 'open') as IngestStatus,
    changeSet: (r.changeSet as string | null) ?? null,
    document: (r.document as string | null) ?? null,
  };
}

const textHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 24);

/** Puts an article and its proposals in the queue (nothing in the graph yet). */
export async function createJob(store: GraphStore, username: string, article: Article, proposals: Proposals): Promise<IngestJob> {
  const job: IngestJob = {
    id: `ing-${randomBytes(8).toString('hex')}`,
    createdBy: username,
    createdAt: new Date().toISOString(),
    title: article.title.trim().slice(0, 300),
    date: article.date ?? null,
    url: article.url ?? null,
    publisher: article.publisher?.trim().slice(0, 200) || null,
    text: article.text,
    proposals,
    status: 'open',
    changeSet: null,
    document: null,
  };
  await store.write(
    'CREATE (:IngestJob {id: $id, createdBy: $createdBy, createdAt: $createdAt, title: $title, date: $date, url: $url, publisher: $publisher, ' +
      'text: $text, textHash: $textHash, proposals: $proposals, status: $status})',
    { ...job, textHash: textHash(job.text), proposals: JSON.stringify(proposals) },
    { operation: 'ingest job' },
  );
  return job;
}

export async function getJob(store: GraphStore, id: string): Promise<IngestJob> {
  const [r] = await store.read(`MATCH (j:IngestJob {id: $id}) RETURN ${cols}`, { id: checkId(id) }, { operation: 'ingest job' });
  if (!r) throw notFound(`no article ${id} in the review queue`, { id });
  return toJob(r);
}

export async function listJobs(store: GraphStore, opts: { status?: IngestStatus | null; limit?: number }): Promise<IngestJob[]> {
  const limit = checkLimit(opts.limit ?? 50, 'limit', 200);
  const rows = await store.read(
    `MATCH (j:IngestJob)${opts.status ? ' WHERE j.status = $status' : ''} RETURN ${cols} ORDER BY j.createdAt DESC LIMIT $limit`,
    { status: opts.status ?? null, limit },
    { operation: 'ingest jobs' },
  );
  return rows.map(toJob);
}

export async function discardJob(store: GraphStore, id: string): Promise<IngestJob> {
  const job = await getJob(store, id);
  if (job.status !== 'open') throw badInput(`this article was ${job.status} already`, { field: 'id', status: job.status });
  await store.write("MATCH (j:IngestJob {id: $id}) SET j.status = 'discarded'", { id: job.id }, { operation: 'ingest discard' });
  return { ...job, status: 'discarded' };
}

export interface EntityDecision {
  key: string;
  decision: IngestDecision;
  /** Re-link: the existing entity this proposal is (instead of its match, or of a new one). */
  target?: string | null;
  /** Edits of a new entity's name and type. */
  name?: string | null;
  type?: EntityType | null;
}

export interface RelationDecision {
  index: number;
  decision: IngestDecision;
}

/**
 * Applies the reviewed proposals as one change set. Entities: accepted by default when matched
 * confidently (score ≥ 0.9: linked) — everything else needs an explicit decision; relations: applied
 * when accepted and both ends are accepted. A second apply returns the first change set.
 */
export async function applyJob(
  store: GraphStore,
  author: ChangeAuthor,
  input: { id: string; entities: EntityDecision[]; relations: RelationDecision[]; note: string },
): Promise<Committed<{ job: IngestJob; created: number; linked: number; relations: number }> | { alreadyApplied: IngestJob }> {
  const job = await getJob(store, input.id);
  if (job.status === 'applied') return { alreadyApplied: job };
  if (job.status === 'discarded') throw badInput('this article was discarded', { field: 'id' });
  const byKey = new Map(job.proposals.entities.map((e) => [e.key, e]));
  const decided = new Map<string, EntityDecision>();
  for (const d of input.entities) {
    if (!byKey.has(d.key)) throw badInput(`entities: no proposal ${d.key}`, { field: 'entities', key: d.key });
    decided.set(d.key, d);
  }
  const relDecisions = new Map(input.relations.map((d) => [d.index, d.decision]));
  for (const i of relDecisions.keys()) {
    if (!Number.isInteger(i) || i < 0 || i >= job.proposals.relations.length)
      throw badInput(`relations: no proposal ${i}`, { field: 'relations' });
  }
  const undecided = job.proposals.entities.filter((e) => !decided.has(e.key) && !(e.match && e.match.score >= 0.9));
  if (undecided.length) {
    throw badInput(
      `${undecided.length} proposal(s) need a decision: ${undecided
        .slice(0, 5)
        .map((e) => e.name)
        .join('、')}`,
      {
        field: 'entities',
        keys: undecided.map((e) => e.key),
      },
    );
  }

  return commitChange(
    store,
    {
      kind: 'INGEST',
      note: input.note,
      source: {
        kind: 'article',
        title: job.title,
        date: job.date,
        url: job.url,
        publisher: job.publisher,
        key: `article-${textHash(job.text)}`,
      },
      author,
    },
    async (change) => {
      const document = change.source!.document;
      // Which entity each accepted proposal is: an existing one (match or re-link) or a new one.
      const resolved = new Map<string, string>();
      const links: { id: string; quote: string }[] = [];
      let created = 0;
      for (const p of job.proposals.entities) {
        const d = decided.get(p.key);
        if (d?.decision === 'reject') continue;
        const existing = d?.target ?? (d?.name || d?.type ? null : (p.match?.id ?? null));
        if (existing) {
          resolved.set(p.key, checkId(existing, 'target'));
          links.push({ id: existing, quote: p.quote });
          continue;
        }
        const type = d?.type ?? p.type;
        if (!isEntityType(type) || type === 'ChainSegment')
          throw badInput(`entities: ${p.name}: not a type to add`, { field: 'entities', key: p.key });
        const name = canonicalName(d?.name ?? p.name);
        if (!name) throw badInput(`entities: ${p.key}: a name is needed`, { field: 'entities', key: p.key });
        const id = `${type.toLowerCase()}-${randomBytes(5).toString('hex')}`;
        const kind = p.kind && entityKindsOf(type).includes(p.kind) ? p.kind : null;
        await change.putEntity(null, {
          id,
          type,
          name,
          aliases: JSON.stringify([...new Set(p.aliases.filter((a) => a && a !== name))]),
          kind,
          sources: JSON.stringify([{ document, quote: p.quote.slice(0, 500) }]),
          lastSeen: job.date ?? change.at.slice(0, 10),
        });
        resolved.set(p.key, id);
        created++;
      }
      // Existing entities gain the sentence as a source (and the article's date as last seen).
      const current = new Map((await readEntities(change.tx, [...new Set(links.map((l) => l.id))])).map((e) => [e.id, e]));
      for (const l of links) {
        if (!current.has(l.id)) throw badInput(`entities: no entity ${l.id} to link to`, { field: 'entities', id: l.id });
      }
      const grouped = new Map<string, string[]>();
      for (const l of links) {
        const list = grouped.get(l.id);
        if (list) list.push(l.quote);
        else grouped.set(l.id, [l.quote]);
      }
      for (const [id, quotes] of grouped) {
        const before = current.get(id) as EntityRecord;
        let sources: unknown = before.sources;
        for (const q of quotes) sources = withSource(sources, { document, quote: q.slice(0, 500) });
        if (sources === before.sources) continue;
        const lastSeen = [before.lastSeen as string | null, job.date].filter(Boolean).sort().at(-1) ?? null;
        await change.putEntity(before, { ...before, sources, lastSeen });
      }
      // Relations between accepted ends, checked against the model.
      let relations = 0;
      const types = new Map<string, EntityType>();
      for (const e of await readEntities(change.tx, [...new Set(resolved.values())])) types.set(e.id, e.type as EntityType);
      for (const [index, r] of job.proposals.relations.entries()) {
        if (relDecisions.get(index) !== 'accept') continue;
        const from = resolved.get(r.from);
        const to = resolved.get(r.to);
        if (!from || !to) throw badInput(`relations: ${index}: an end was rejected`, { field: 'relations', index });
        if (!isRelationType(r.type)) throw badInput(`relations: ${index}: unknown type`, { field: 'relations', index });
        const draft = checkRelationDraft(
          { type: r.type, from, to, role: r.role ?? null, kind: (r.kind ?? null) as never, topic: r.topic ?? null, date: r.date ?? null },
          { from: types.get(from)!, to: types.get(to)! },
        );
        await requireAnyInScope(change.tx, author, [from, to]);
        const id = relationId(draft);
        const source = { document, quote: r.quote.slice(0, 500) };
        const existing = await lockRelation(change.tx, change.engine, id);
        if (existing) {
          const sources = withSource(existing.sources, source);
          if (sources !== existing.sources) await change.putRelation(existing, { ...existing, sources });
        } else {
          await change.putRelation(null, { ...draft, id, inferred: false, reason: null, sources: JSON.stringify([source]) });
        }
        relations++;
      }
      await change.tx.run("MATCH (j:IngestJob {id: $id}) SET j.status = 'applied', j.changeSet = $cs, j.document = $document", {
        id: job.id,
        cs: change.id,
        document,
      });
      return { job: { ...job, status: 'applied' as const, changeSet: change.id, document }, created, linked: grouped.size, relations };
    },
  );
}
