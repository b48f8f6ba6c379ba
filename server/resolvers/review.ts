/** The article review queue (editor role, checked in permissions.ts): ingest, review, apply. */
import { changeSet } from '../domain/curation/history.js';
import { getEntities } from '../domain/graph.js';
import { badInput } from '../domain/errors.js';
import { checkText } from '../domain/validate.js';
import type { IngestJobResolvers, MutationResolvers } from '../generated/resolvers-types.js';
import { checkDate } from '../domain/curation/sources.js';
import { propose } from '../review/propose.js';
import { applyJob, createJob, discardJob, getJob, listJobs } from '../review/queue.js';
import { authorOf } from './curation.js';
import type { QueryResolver } from './types.js';

export const reviewQueries = {
  ingestJobs: ((_, a, ctx) => listJobs(ctx.store, { status: a.status, limit: a.limit ?? 50 })) as QueryResolver<'ingestJobs'>,
  ingestJob: ((_, a, ctx) => getJob(ctx.store, a.id)) as QueryResolver<'ingestJob'>,
};

export const reviewMutations: Pick<MutationResolvers, 'ingestArticle' | 'applyIngest' | 'discardIngest'> = {
  ingestArticle: async (_, { input }, ctx) => {
    const title = checkText(input.title, 'title');
    const date = checkDate(input.date, 'date');
    if (input.text.length > 5_000_000) throw badInput('the article is longer than 5 MB', { field: 'text', ingestCode: 'TOO_LARGE' });
    const { username } = authorOf(ctx);
    const proposed = await propose(ctx.store, {
      text: input.text,
      format: input.html ? 'html' : 'text',
      title,
      date,
      url: input.url ?? null,
      publisher: input.publisher ?? null,
    });
    return createJob(
      ctx.store,
      username,
      {
        text: proposed.text,
        title,
        date: date ?? proposed.metadata.date,
        url: input.url ?? null,
        publisher: input.publisher ?? null,
      },
      proposed.proposals,
    );
  },
  applyIngest: async (_, a, ctx) => {
    const result = await applyJob(ctx.store, authorOf(ctx), {
      id: a.id,
      entities: (a.entities ?? []).map((d) => ({ key: d.key, decision: d.decision, target: d.target, name: d.name, type: d.type })),
      relations: (a.relations ?? []).map((d) => ({ index: d.index, decision: d.decision })),
      note: a.note,
    });
    if ('alreadyApplied' in result) {
      const cs = result.alreadyApplied.changeSet ? await changeSet(ctx.store, result.alreadyApplied.changeSet) : null;
      if (!cs) throw badInput('this article was applied, but its change set is gone', { field: 'id' });
      return { changeSet: cs, entity: null, edge: null };
    }
    return { changeSet: result.changeSet, entity: null, edge: null };
  },
  discardIngest: (_, a, ctx) => discardJob(ctx.store, a.id),
};

export const ingestJobFields: IngestJobResolvers = {
  entities: async (job, _, ctx) => {
    const matched = await getEntities(ctx.store, [...new Set(job.proposals.entities.flatMap((e) => (e.match ? [e.match.id] : [])))]);
    return job.proposals.entities.map((e) => ({
      key: e.key,
      name: e.name,
      type: e.type,
      kind: (e.kind ?? null) as never,
      aliases: e.aliases,
      match:
        e.match && matched.has(e.match.id)
          ? {
              entity: matched.get(e.match.id)!,
              score: e.match.score,
              reason: (e.match.reason ?? 'EXACT_NAME') as never,
              matched: e.match.name,
            }
          : null,
      quote: e.quote,
      spans: e.spans ?? [],
    }));
  },
  relations: (job) =>
    job.proposals.relations.map((r, index) => ({
      index,
      type: r.type,
      from: r.from,
      to: r.to,
      role: r.role ?? null,
      kind: (r.kind ?? null) as never,
      topic: r.topic ?? null,
      date: r.date ?? null,
      quote: r.quote,
      span: r.span ?? null,
    })),
  entityCount: (job) => job.proposals.entities.length,
  relationCount: (job) => job.proposals.relations.length,
  warnings: (job) => job.proposals.warnings ?? [],
  changeSet: (job, _, ctx) => (job.changeSet ? changeSet(ctx.store, job.changeSet) : null),
};
