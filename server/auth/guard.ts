/**
 * Applies the access table (permissions.ts) to the schema as resolver composition: every root
 * field, and every other field the table lists, checks the caller's role before its resolver runs,
 * and the audited ones append an event with their outcome. A failure to audit fails the field.
 */
import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { AppContext } from '../context.js';
import { toApiError } from '../error-codes.js';
import { accessOf, AUDITED, denial, FIELD_ACCESS, type Access } from './permissions.js';

type Resolver = GraphQLFieldResolver<unknown, AppContext>;

function guarded(coordinate: string, access: Access, resolve: Resolver): Resolver {
  const audited = AUDITED[coordinate];
  return async (source, args, ctx, info) => {
    const caller = ctx.caller;
    const refused = denial(caller, access);
    const entry = audited?.(args);
    if (refused) {
      if (entry && caller?.role && ctx.auth) await ctx.auth.service.audit(caller, { ...entry, outcome: 'DENIED' });
      throw refused;
    }
    if (!entry || !caller || !ctx.auth) return resolve(source, args, ctx, info);
    const auth = ctx.auth.service;
    let result: unknown;
    try {
      result = await resolve(source, args, ctx, info);
    } catch (err) {
      await auth.audit(caller, { ...entry, outcome: 'FAILED', params: { ...entry.params, error: toApiError(err).code } });
      throw err;
    }
    await auth.audit(caller, { ...entry, outcome: 'OK' });
    return result;
  };
}

type FieldMap = Record<string, { name: string; resolve?: Resolver }>;

/**
 * The root types' fields and the listed ones. Types are found by name, not with graphql's
 * `isObjectType`: under Vitest the schema's classes and this module's can be two copies of graphql.
 */
export function applyAccess(schema: GraphQLSchema): GraphQLSchema {
  const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((t) => (t ? [t.name] : []));
  const typeNames = new Set([...roots, ...Object.keys(FIELD_ACCESS).map((c) => c.split('.')[0])]);
  const listed = new Set(Object.keys(FIELD_ACCESS));
  for (const typeName of typeNames) {
    const type = schema.getType(typeName) as { getFields?: () => FieldMap } | undefined;
    for (const field of Object.values(type?.getFields?.() ?? {})) {
      const coordinate = `${typeName}.${field.name}`;
      listed.delete(coordinate);
      if (!roots.includes(typeName) && !(coordinate in FIELD_ACCESS)) continue;
      field.resolve = guarded(coordinate, accessOf(typeName, field.name)!, field.resolve ?? (defaultFieldResolver as Resolver));
    }
  }
  // A typo in the table would leave a field at its default; refuse to build instead.
  if (listed.size) throw new Error(`access table names fields the schema does not have: ${[...listed].join(', ')}`);
  for (const coordinate of Object.keys(AUDITED)) {
    if (!(coordinate in FIELD_ACCESS) && !roots.includes(coordinate.split('.')[0]))
      throw new Error(`audited field ${coordinate} is not guarded`);
  }
  return schema;
}
