/** Admin: accounts. Roles are checked by the schema (server/auth/permissions.ts), not here. */
import type { QueryResolver } from '../types.js';
import { scope, toUser, toUsers, type MutationResolver } from './scope.js';

export const usersResolver: QueryResolver<'users'> = async (_, __, ctx) => toUsers(ctx.store, await scope(ctx).service.listUsers());

export const createUserResolver: MutationResolver<'createUser'> = async (_, { input }, ctx) => {
  const { service, caller } = scope(ctx);
  return toUser(ctx.store, await service.createUser(caller, input));
};

export const updateUserResolver: MutationResolver<'updateUser'> = async (_, { id, change }, ctx) => {
  const { service, caller } = scope(ctx);
  return toUser(ctx.store, await service.updateUser(caller, id, change));
};

export const resetPasswordResolver: MutationResolver<'resetPassword'> = async (_, args, ctx) => {
  const { service, caller } = scope(ctx);
  await service.resetPassword(caller, args.id, args.password);
  return true;
};
