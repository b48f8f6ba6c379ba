/** Duplicate warnings as you type: existing entities a name may refer to (entity resolution). */
import { nameIndex } from '../domain/curation/name-index.js';
import { getEntities } from '../domain/graph.js';
import { checkLimit } from '../domain/validate.js';
import { badInput } from '../domain/errors.js';
import type { QueryResolver } from './types.js';

export const similarNames: QueryResolver<'similarNames'> = async (_, a, ctx) => {
  const name = a.name.trim();
  if (name.length > 200) throw badInput('name must be at most 200 characters', { argument: 'name' });
  const limit = checkLimit(a.limit ?? 5, 'limit', 20);
  if (!name && !a.creditCode) return [];
  const index = await nameIndex(ctx.store);
  const matches = index.resolve(
    { name, type: a.type, creditCode: a.creditCode?.trim() || null, excludeId: a.excludeId ?? undefined },
    limit,
  );
  const entities = await getEntities(
    ctx.store,
    matches.map((m) => m.id),
  );
  return matches.flatMap((m) => {
    const entity = entities.get(m.id);
    return entity ? [{ entity, score: m.score, reason: m.reason, matched: m.matched }] : [];
  });
};
