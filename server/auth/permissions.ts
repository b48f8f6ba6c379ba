/**
 * Who may do what, in one table: `Type.field` → the least role that may resolve it. Root fields not
 * listed need `viewer` (queries) or `admin` (mutations: a new mutation stays closed until it is
 * listed here). `public` fields answer anonymous callers too. server/auth/guard.ts applies the table
 * to the schema; the /export and /audit.jsonl routes read the same entries.
 *
 * Saved queries are analyst-only, listing included: the list is there to be run, so a viewer's UI
 * hides the whole Queries view rather than showing queries it cannot run.
 */
import { roleAllows, type Role } from '../../shared/model/index.js';
import type { AuditEntry } from './audit.js';
import type { Caller } from './caller.js';
import { AuthError, signInFirst } from './errors.js';

export type Access = Role | 'public';

export const FIELD_ACCESS: Record<string, Access> = {
  'Query.me': 'public',
  'Mutation.login': 'public',
  'Mutation.logout': 'viewer',
  'Mutation.logoutEverywhere': 'viewer',
  'Mutation.changePassword': 'viewer',
  'Query.savedQueries': 'analyst',
  'Query.runSavedQuery': 'analyst',
  'Query.runCypher': 'analyst',
  'Query.users': 'admin',
  'Query.auditLog': 'admin',
  'Mutation.createUser': 'admin',
  'Mutation.updateUser': 'admin',
  'Mutation.resetPassword': 'admin',
  // Curation (server/domain/curation): editors; a region scope on the user narrows what they may change.
  ...Object.fromEntries(
    [
      'createEntity',
      'updateEntity',
      'retractEntity',
      'restoreEntity',
      'mergeEntities',
      'addRelation',
      'updateRelation',
      'retractRelation',
      'restoreRelation',
      'confirmRelation',
      'revertChange',
      'applyImport',
      'ingestArticle',
      'applyIngest',
      'discardIngest',
    ].map((m): [string, Access] => [`Mutation.${m}`, 'editor']),
  ),
  // Import (server/import): the upload route (POST /import/upload) checks 'Query.importFile' too.
  'Query.importFile': 'editor',
  'Query.importPlan': 'editor',
  // The article review queue (server/review).
  'Query.ingestJobs': 'editor',
  'Query.ingestJob': 'editor',
  // Leads (server/domain/leads): viewers read (their region's, with a scope), editors own and change
  // them, admins set the SLA rules and reassign; every change is audited in its own transaction.
  'Mutation.createLead': 'editor',
  'Mutation.updateLead': 'editor',
  'Mutation.moveLeadStage': 'editor',
  'Mutation.logInteraction': 'editor',
  'Mutation.setSlaRules': 'admin',
  'Mutation.reassignLeads': 'admin',
  // Follows and the changes feed (server/domain/watch): every signed-in role, each only their own.
  'Mutation.follow': 'viewer',
  'Mutation.unfollow': 'viewer',
  'Mutation.markVisited': 'viewer',
};

const DEFAULT_ACCESS: Record<string, Access> = { Query: 'viewer', Mutation: 'admin', Subscription: 'admin' };

/** The access of a field; null for a non-root field that is not listed (its parent's check covers it). */
export function accessOf(type: string, field: string): Access | null {
  if (field === '__typename') return 'public';
  return FIELD_ACCESS[`${type}.${field}`] ?? DEFAULT_ACCESS[type] ?? null;
}

/** Why `caller` may not use a field of `access`, or null when it may. */
export function denial(caller: Caller | undefined, access: Access): AuthError | null {
  if (access === 'public') return null;
  if (!caller?.role) return signInFirst();
  if (roleAllows(caller.role, access)) return null;
  return new AuthError('FORBIDDEN', `This needs the ${access} role.`, { reason: 'ROLE', requiredRole: access });
}

type Args = Record<string, any>;

/** Fields audited around their resolver (an event per call, with its outcome), and what each event says. */
export const AUDITED: Record<string, (args: Args) => Omit<AuditEntry, 'outcome'>> = {
  'Query.runCypher': (a) => ({ action: 'QUERY', params: { cypher: a.cypher, params: a.params ?? {} } }),
  'Query.runSavedQuery': (a) => ({ action: 'SAVED_QUERY', target: a.name, params: { params: a.params ?? {} } }),
  'Query.exportSubgraph': (a) => exportEntry(a.ids ?? [], { depth: a.depth, format: a.format, lang: a.lang }),
};

/** The event of an export, from GraphQL or GET /export. */
export function exportEntry(ids: string[], options: Record<string, unknown>): Omit<AuditEntry, 'outcome'> {
  return { action: 'EXPORT', target: ids.slice(0, 10).join(','), params: { ids, ...options } };
}
