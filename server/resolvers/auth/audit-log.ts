/** Admin: the audit log, newest first, a page at a time (read-only: nothing in the API changes it). */
import { auditPage } from '../../auth/audit.js';
import type { QueryResolver } from '../types.js';

export const auditLogResolver: QueryResolver<'auditLog'> = (_, args, ctx) =>
  auditPage(ctx.store, args.filter ?? {}, args.before ?? null, args.limit);
