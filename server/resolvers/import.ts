/** Import: the uploaded file, the dry run, and applying it (editor role, checked in permissions.ts). */
import type { ImportField } from '../../shared/model/curation.js';
import type { AppContext } from '../context.js';
import { badInput } from '../domain/errors.js';
import type { ImportPlanResolvers, MutationResolvers } from '../generated/resolvers-types.js';
import { importFileView } from '../import/route.js';
import { authorOf } from './curation.js';
import { applyImport, decidePlan, loadImportFile, mappingFor, type DecidedPlan } from '../import/service.js';
import { getEntities } from '../domain/graph.js';
import type { QueryResolver } from './types.js';
import { IMPORT_ACTIONS } from '../../shared/model/curation.js';

const username = (ctx: AppContext): string => authorOf(ctx).username;

function mappingOf(list: readonly { column: string; field?: ImportField | null }[]): Record<string, ImportField | null> {
  if (list.length > 500) throw badInput('mapping: at most 500 columns', { argument: 'mapping' });
  return Object.fromEntries(list.map((m) => [m.column, m.field ?? null]));
}

const ORDER: Record<string, number> = { error: 0, possible_duplicate: 1, update: 2, create: 3 };

export const importQueries = {
  importFile: (async (_, a, ctx) => {
    const file = await loadImportFile(ctx.store, a.id, username(ctx));
    return importFileView(file, await mappingFor(ctx.store, file.createdBy, file.sheet.columns));
  }) as QueryResolver<'importFile'>,
  importPlan: (async (_, a, ctx) => {
    const user = username(ctx);
    return decidePlan(ctx.store, { file: a.file, username: user, mapping: mappingOf(a.mapping), decisions: a.decisions ?? [] });
  }) as QueryResolver<'importPlan'>,
};

export const importPlanFields: ImportPlanResolvers = {
  file: async (p, _, ctx) => importFileView(p.file, await mappingFor(ctx.store, p.file.createdBy, p.file.sheet.columns)),
  totals: (p) => ({ ...p.totals }),
  missingFields: (p) => p.plan.missingFields,
  canApply: (p) => p.canApply,
  rows: async (p, a, ctx) => {
    if (a.action && !(IMPORT_ACTIONS as readonly string[]).includes(a.action)) throw badInput('action: unknown', { argument: 'action' });
    const offset = Math.max(0, a.offset ?? 0);
    const limit = Math.min(Math.max(1, a.limit ?? 100), 1000);
    const rows = p.rows
      .filter((r) => !a.action || r.action === a.action)
      .sort((x, y) => ORDER[x.action] - ORDER[y.action] || x.row - y.row)
      .slice(offset, offset + limit);
    const matched = await getEntities(ctx.store, [...new Set(rows.flatMap((r) => (r.match ? [r.match.id] : [])))]);
    return rows.map((r) => ({
      row: r.row,
      action: r.action,
      decision: r.decision ?? (r.effective ? r.effective.action : null),
      name: r.draft.name || null,
      type: r.draft.type ?? null,
      match:
        r.match && matched.has(r.match.id)
          ? { entity: matched.get(r.match.id)!, score: r.match.score, reason: r.match.reason, matched: r.match.matched }
          : null,
      changes: r.changes,
      issues: r.issues.map((i) => ({ ...i })),
    }));
  },
};

export const importMutations: Pick<MutationResolvers, 'applyImport'> = {
  applyImport: async (_, a, ctx) => {
    const c = await applyImport(ctx.store, authorOf(ctx), {
      file: a.file,
      mapping: mappingOf(a.mapping),
      decisions: a.decisions ?? [],
      note: a.note,
    });
    return { changeSet: c.changeSet, entity: null, edge: null };
  },
};

export type { DecidedPlan };
