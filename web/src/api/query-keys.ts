/**
 * Every cache key of the web app, in one place. Keys start with what the data is about, so a
 * mutation can invalidate by prefix: `['entity', id]` drops every view of that entity.
 */
import type { EntityType } from '../gql/graphql.js';

export const keys = {
  me: () => ['me'] as const,
  users: () => ['users'] as const,
  auditLog: (filter: Record<string, unknown>, before: string | null) => ['auditLog', filter, before] as const,
  stats: () => ['stats'] as const,
  regions: () => ['regions'] as const,
  search: (text: string, types: readonly EntityType[] | null, limit: number) => ['search', text, types, limit] as const,
  entity: (id: string) => ['entity', id] as const,
  entityRef: (id: string) => [...keys.entity(id), 'ref'] as const,
  entityDetails: (id: string) => [...keys.entity(id), 'details'] as const,
  /** A relation with its sources, under its source entity (so a change to that entity drops it). */
  edge: (source: string, id: string) => [...keys.entity(source), 'edge', id] as const,
  neighborhood: (id: string, limit: number) => ['neighborhood', id, limit] as const,
  paths: (from: string, to: string, maxLength: number) => ['paths', from, to, maxLength] as const,
  chain: (region: string | null) => ['chain', region] as const,
  gaps: (region: string, benchmark: string | null) => ['gaps', region, benchmark] as const,
  partners: (id: string, limit: number) => ['partners', id, limit] as const,
  savedQueries: () => ['savedQueries'] as const,
  savedQueryRun: (name: string, params: Record<string, unknown>) => ['savedQueryRun', name, params] as const,
  cypherRun: (cypher: string, params: Record<string, unknown>, run: number) => ['cypherRun', cypher, params, run] as const,
  history: (id: string, limit: number) => ['history', id, limit] as const,
  documents: (text: string) => ['documents', text] as const,
  similarNames: (name: string, type: EntityType | null, excludeId: string | null, creditCode: string | null) =>
    ['similarNames', name, type, excludeId, creditCode] as const,
};

/**
 * The first element of every key whose answer a change to the graph (an edit, a merge, a revert, an
 * import) can make stale: a mutation invalidates these by prefix.
 */
export const GRAPH_DATA_PREFIXES: readonly string[] = [
  'entity',
  'neighborhood',
  'search',
  'paths',
  'chain',
  'gaps',
  'partners',
  'keyPlayers',
  'stats',
  'regions',
  'history',
  'changes',
  'changeSet',
  'documents',
  'document',
  'similarNames',
  'savedQueryRun',
  'cypherRun',
];
