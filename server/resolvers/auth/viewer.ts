/** Who is asking, signing in and out, and one's own password. */
import type { QueryResolver } from '../types.js';
import { scope, toViewer, type MutationResolver } from './scope.js';

export const meResolver: QueryResolver<'me'> = (_, __, ctx) => toViewer(ctx.store, scope(ctx).caller);

export const loginResolver: MutationResolver<'login'> = async (_, args, ctx) => {
  const { service, request, cookies } = scope(ctx);
  const { caller, cookie } = await service.login(args.username, args.password, request);
  cookies.push(cookie);
  return toViewer(ctx.store, caller);
};

export const logoutResolver: MutationResolver<'logout'> = async (_, __, ctx) => {
  const { service, caller, cookies } = scope(ctx);
  cookies.push(await service.logout(caller));
  return true;
};

export const logoutEverywhereResolver: MutationResolver<'logoutEverywhere'> = async (_, __, ctx) => {
  const { service, caller, cookies } = scope(ctx);
  cookies.push(await service.logoutEverywhere(caller));
  return true;
};

export const changePasswordResolver: MutationResolver<'changePassword'> = async (_, args, ctx) => {
  const { service, caller } = scope(ctx);
  await service.changePassword(caller, args.current, args.next);
  return true;
};
