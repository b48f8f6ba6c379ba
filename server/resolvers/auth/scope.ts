/** What the auth resolvers need from the per-request context, and their resolver types. */
import { getEntities } from '../../domain/graph.js';
import type { UserRecord } from '../../auth/accounts.js';
import type { Caller } from '../../auth/caller.js';
import type { AppContext, AuthScope } from '../../context.js';
import type { MutationResolvers, ResolversTypes } from '../../generated/resolvers-types.js';
import type { GraphStore } from '../../store/types.js';

export type MutationResolver<K extends keyof MutationResolvers> = NonNullable<MutationResolvers[K]>;

/** The caller and auth scope; the yoga context factory sets both for every request. */
export function scope(ctx: AppContext): AuthScope & { caller: Caller } {
  if (!ctx.auth || !ctx.caller) throw new Error('no caller in the context: build the server with buildYoga');
  return { ...ctx.auth, caller: ctx.caller };
}

const iso = (ms: number | null): string | null => (ms == null ? null : new Date(ms).toISOString());

/** Accounts as the API shows them; their regions are read in one statement, however many there are. */
export async function toUsers(store: GraphStore, users: UserRecord[]): Promise<ResolversTypes['User'][]> {
  const regions = await getEntities(store, [...new Set(users.flatMap((u) => (u.region ? [u.region] : [])))]);
  return users.map((u) => ({
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    region: u.region ? (regions.get(u.region) ?? null) : null,
    disabled: u.disabled,
    createdAt: iso(u.createdAt)!,
    lastLoginAt: iso(u.lastLoginAt),
  }));
}

export async function toUser(store: GraphStore, u: UserRecord): Promise<ResolversTypes['User']> {
  const [user] = await toUsers(store, [u]);
  return user;
}

export async function toViewer(store: GraphStore, caller: Caller): Promise<ResolversTypes['Viewer']> {
  return {
    user: caller.user ? await toUser(store, caller.user) : null,
    role: caller.role,
    localMode: caller.localMode,
    accountsEnabled: caller.accountsEnabled,
  };
}
