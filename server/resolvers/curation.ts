/**
 * Curation: the write mutations (editor role, checked in server/auth/permissions.ts), the history and
 * recent-changes feed, the documents, and duplicate warnings. Thin: the domain checks and writes.
 */
import DataLoader from 'dataloader';
import { authorName } from '../auth/caller.js';
import type { AppContext } from '../context.js';
import type { Committed } from '../domain/curation/changes.js';
import { citingEntities, documentsById, factCount, listDocuments } from '../domain/curation/documents.js';
import { createEntity, mergeEntities, restoreEntity, retractEntity, updateEntity } from '../domain/curation/entities.js';
import { changeSet, changeSets, diffRows, entityHistory, revisionsOf, type StoredRevision } from '../domain/curation/history.js';
import { addRelation, confirmRelation, restoreRelation, retractRelation, updateRelation } from '../domain/curation/relations.js';
import { revertChangeSet } from '../domain/curation/revert.js';
import type { EntityRecord, RelationRecord } from '../domain/curation/rows.js';
import type { DocumentRecord } from '../domain/curation/sources.js';
import type { ChangeAuthor, SourceInput } from '../domain/curation/types.js';
import { getEntities } from '../domain/graph.js';
import { isRelationType, type Entity } from '../domain/model.js';
import { decodeEntity, edgeFromProps } from '../domain/records.js';
import { checkLimit } from '../domain/validate.js';
import type {
  ChangeSetResolvers,
  DocumentResolvers,
  MutationResolvers,
  RevisionResolvers,
  SourceInput as SourceInputGql,
} from '../generated/resolvers-types.js';
import type { QueryResolver } from './types.js';
import { similarNames } from './similar-names.js';

type MutationResolver<K extends keyof MutationResolvers> = NonNullable<MutationResolvers[K]>;

/** Who makes the change: the signed-in user (with their region scope), or the local-mode user. */
export function authorOf(ctx: AppContext): ChangeAuthor {
  const caller = ctx.caller;
  const username = caller ? authorName(caller) : null;
  // The schema lets only signed-in editors (or local mode) reach a mutation; this is a second lock.
  if (!username) throw new Error('a change needs an author');
  return { username, region: caller?.user?.region ?? null, clientAddress: caller?.clientAddress ?? null };
}

function sourceOf(s: SourceInputGql): SourceInput {
  switch (s.kind) {
    case 'document':
      return { kind: 'document', document: s.document ?? '', quote: s.quote ?? '' };
    case 'url':
      return { kind: 'url', url: s.url ?? '', title: s.title, date: s.date, quote: s.quote };
    case 'note':
      return { kind: 'note', note: s.note ?? '', date: s.date };
  }
}

/** GraphQL leaves out what the caller did not send; null means "clear it". Only sent keys reach the patch. */
function sent<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const entityResult = (c: Committed<EntityRecord | null>) => ({
  changeSet: c.changeSet,
  entity: c.result ? decodeEntity(c.result) : null,
  edge: null,
});
const edgeResult = (c: Committed<RelationRecord | null>, live = true) => ({
  changeSet: c.changeSet,
  entity: null,
  edge: c.result && live ? edgeFromProps(c.result, c.result.type, c.result.from, c.result.to) : null,
});
const only = (c: Committed<unknown>) => ({ changeSet: c.changeSet, entity: null, edge: null });

export const curationMutations: Pick<
  MutationResolvers,
  | 'createEntity'
  | 'updateEntity'
  | 'retractEntity'
  | 'restoreEntity'
  | 'mergeEntities'
  | 'addRelation'
  | 'updateRelation'
  | 'retractRelation'
  | 'restoreRelation'
  | 'confirmRelation'
  | 'revertChange'
> = {
  createEntity: (async (_, a, ctx) =>
    entityResult(
      await createEntity(ctx.store, authorOf(ctx), {
        draft: sent(a.input) as never,
        placement: a.placement ? { locatedIn: a.placement.locatedIn ?? null, segments: a.placement.segments ?? [] } : undefined,
        note: a.note,
        source: sourceOf(a.source),
      }),
    )) as MutationResolver<'createEntity'>,
  updateEntity: (async (_, a, ctx) =>
    entityResult(
      await updateEntity(ctx.store, authorOf(ctx), {
        id: a.id,
        expectedVersion: a.expectedVersion,
        patch: sent(a.patch) as never,
        note: a.note,
        source: sourceOf(a.source),
      }),
    )) as MutationResolver<'updateEntity'>,
  retractEntity: (async (_, a, ctx) =>
    only(
      await retractEntity(ctx.store, authorOf(ctx), {
        id: a.id,
        expectedVersion: a.expectedVersion,
        note: a.note,
        source: sourceOf(a.source),
      }),
    )) as MutationResolver<'retractEntity'>,
  restoreEntity: (async (_, a, ctx) => {
    const c = await restoreEntity(ctx.store, authorOf(ctx), { id: a.id, note: a.note });
    const entity = (await getEntities(ctx.store, [a.id])).get(a.id) ?? null;
    return { changeSet: c.changeSet, entity, edge: null };
  }) as MutationResolver<'restoreEntity'>,
  mergeEntities: (async (_, a, ctx) => {
    const c = await mergeEntities(ctx.store, authorOf(ctx), {
      keepId: a.keepId,
      mergeId: a.mergeId,
      expectedVersions: { keep: a.keepVersion, merge: a.mergeVersion },
      note: a.note,
    });
    const entity = (await getEntities(ctx.store, [a.keepId])).get(a.keepId) ?? null;
    return { changeSet: c.changeSet, entity, edge: null };
  }) as MutationResolver<'mergeEntities'>,
  addRelation: (async (_, a, ctx) =>
    edgeResult(
      await addRelation(ctx.store, authorOf(ctx), { draft: sent(a.input) as never, note: a.note, source: sourceOf(a.source) }),
    )) as MutationResolver<'addRelation'>,
  updateRelation: (async (_, a, ctx) =>
    edgeResult(
      await updateRelation(ctx.store, authorOf(ctx), {
        id: a.id,
        ends: { from: a.from, to: a.to },
        expectedVersion: a.expectedVersion,
        patch: sent(a.patch) as never,
        note: a.note,
        source: sourceOf(a.source),
      }),
    )) as MutationResolver<'updateRelation'>,
  retractRelation: (async (_, a, ctx) =>
    edgeResult(
      await retractRelation(ctx.store, authorOf(ctx), {
        id: a.id,
        ends: { from: a.from, to: a.to },
        expectedVersion: a.expectedVersion,
        note: a.note,
        source: sourceOf(a.source),
      }),
      false,
    )) as MutationResolver<'retractRelation'>,
  restoreRelation: (async (_, a, ctx) =>
    edgeResult(await restoreRelation(ctx.store, authorOf(ctx), { id: a.id, note: a.note }))) as MutationResolver<'restoreRelation'>,
  confirmRelation: (async (_, a, ctx) =>
    edgeResult(
      await confirmRelation(ctx.store, authorOf(ctx), {
        id: a.id,
        ends: { from: a.from, to: a.to },
        expectedVersion: a.expectedVersion,
        note: a.note,
        source: sourceOf(a.source),
      }),
    )) as MutationResolver<'confirmRelation'>,
  revertChange: (async (_, a, ctx) =>
    only(await revertChangeSet(ctx.store, authorOf(ctx), { id: a.id, note: a.note }))) as MutationResolver<'revertChange'>,
};

/** Per request: documents by id, and entity names for revision labels, each fetched in one batch. */
const loaders = new WeakMap<
  AppContext,
  {
    documents: DataLoader<string, DocumentRecord | null>;
    entities: DataLoader<string, Entity | null>;
    formerNames: DataLoader<string, string | null>;
  }
>();

export function curationLoaders(ctx: AppContext) {
  let l = loaders.get(ctx);
  if (!l) {
    l = {
      documents: new DataLoader(async (ids: readonly string[]) => {
        const found = await documentsById(ctx.store, ids);
        return ids.map((id) => found.get(id) ?? null);
      }),
      entities: new DataLoader(async (ids: readonly string[]) => {
        const found = await getEntities(ctx.store, [...ids]);
        return ids.map((id) => found.get(id) ?? null);
      }),
      // The last name an entity no longer in the graph (retracted, merged) had, from its history.
      formerNames: new DataLoader(async (ids: readonly string[]) => {
        const rows = await ctx.store.read(
          "MATCH (r:Revision) WHERE r.target = 'ENTITY' AND r.targetId IN $ids RETURN r.targetId AS id, r.before AS before, r.after AS after ORDER BY r.id DESC",
          { ids: [...ids] },
          { operation: 'former names' },
        );
        const names = new Map<string, string>();
        for (const r of rows) {
          if (names.has(String(r.id))) continue;
          for (const raw of [r.after, r.before]) {
            try {
              const name = raw ? (JSON.parse(String(raw)) as { name?: unknown }).name : null;
              if (typeof name === 'string') {
                names.set(String(r.id), name);
                break;
              }
            } catch {
              // an unreadable snapshot names nothing
            }
          }
        }
        return ids.map((id) => names.get(id) ?? null);
      }),
    };
    loaders.set(ctx, l);
  }
  return l;
}

export const curationQueries = {
  changes: (async (_, a, ctx) =>
    changeSets(
      ctx.store,
      { region: a.region, type: a.type, author: a.author, kind: a.kind, entity: a.entity },
      { limit: a.limit ?? 50, after: a.after },
    )) as QueryResolver<'changes'>,
  changeSet: (async (_, a, ctx) => changeSet(ctx.store, a.id)) as QueryResolver<'changeSet'>,
  history: (async (_, a, ctx) => entityHistory(ctx.store, a.id, { limit: a.limit ?? 50, after: a.after })) as QueryResolver<'history'>,
  documents: (async (_, a, ctx) =>
    listDocuments(ctx.store, { kind: a.kind, text: a.text, limit: a.limit ?? 100 })) as QueryResolver<'documents'>,
  document: (async (_, a, ctx) => curationLoaders(ctx).documents.load(a.id)) as QueryResolver<'document'>,
  similarNames: similarNames as QueryResolver<'similarNames'>,
};

/** An entity's name: in the graph, else its last name in the history, else its id. */
const name = async (ctx: AppContext, id: unknown, row?: Record<string, unknown> | null) =>
  (row && typeof row.name === 'string' ? row.name : null) ??
  (await curationLoaders(ctx).entities.load(String(id)))?.name ??
  (await curationLoaders(ctx).formerNames.load(String(id))) ??
  String(id);

export const changeSetFields: ChangeSetResolvers = {
  document: (c, _, ctx) => (c.document ? curationLoaders(ctx).documents.load(c.document) : null),
  counts: (c) => {
    let parsed: Record<string, number> = {};
    try {
      parsed = JSON.parse(c.summary) as Record<string, number>;
    } catch {
      // an unreadable summary counts nothing
    }
    return Object.entries(parsed).map(([k, count]) => {
      const [target, op] = k.split('_');
      return { target, op, count } as never;
    });
  },
  revisions: (c, a, ctx) => revisionsOf(ctx.store, c.id, checkLimit(a.limit ?? 100, 'limit', 10_000)),
};

const row = (r: StoredRevision) => r.after ?? r.before ?? {};

export const revisionFields: RevisionResolvers = {
  changeSet: async (r, _, ctx) => (await changeSet(ctx.store, r.changeSet))!,
  label: async (r, _, ctx) => {
    const x = row(r);
    if (r.target === 'ENTITY') return String(x.name ?? r.targetId);
    return `${await name(ctx, x.from)} → ${await name(ctx, x.to)}`;
  },
  relationType: (r) => (r.target === 'RELATION' && isRelationType(String(row(r).type)) ? (String(row(r).type) as never) : null),
  fromId: (r) => (r.target === 'RELATION' ? String(row(r).from) : null),
  toId: (r) => (r.target === 'RELATION' ? String(row(r).to) : null),
  fromName: (r, _, ctx) => (r.target === 'RELATION' ? name(ctx, row(r).from) : null),
  toName: (r, _, ctx) => (r.target === 'RELATION' ? name(ctx, row(r).to) : null),
  fields: (r) => diffRows(r.before, r.after),
  mergedInto: (r) => (typeof r.detail?.mergedInto === 'string' ? r.detail.mergedInto : null),
};

export const documentFields: DocumentResolvers = {
  factCount: (d, _, ctx) => factCount(ctx.store, d.id),
  entities: async (d, a, ctx) => {
    const ids = await citingEntities(ctx.store, d.id, a.limit ?? 50);
    const found = await getEntities(ctx.store, ids);
    return ids.flatMap((id) => (found.has(id) ? [found.get(id)!] : []));
  },
};
