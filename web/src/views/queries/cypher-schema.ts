/**
 * The graph's schema as the Cypher editor and its browser see it: one node label (`Entity`, the
 * read-only boundary refuses any other), entity types as values of `type`, the model's relation
 * types, and the stored properties an analyst reads. Kept on the client: the web app imports nothing
 * from `server/`, and the stored properties change rarely (server/domain/model.ts is their source).
 */
import { ENTITY_TYPES, RELATION_TYPES } from '../../../../shared/model/index.js';

export const NODE_LABEL = 'Entity';

export const ENTITY_PROPERTIES = [
  'id',
  'type',
  'name',
  'nameEn',
  'aliases',
  'kind',
  'description',
  'tier',
  'date',
  'lastSeen',
  'creditCode',
  'registeredCapital',
  'founded',
  'address',
  'website',
  'headcount',
  'products',
] as const;

export const RELATION_PROPERTIES = ['role', 'kind', 'topic', 'date', 'inferred', 'reason'] as const;

export type SchemaProperty = (typeof ENTITY_PROPERTIES)[number] | (typeof RELATION_PROPERTIES)[number];

/** What the language service needs (`DbSchema` of @neo4j-cypher/language-support). */
export const DB_SCHEMA = {
  labels: [NODE_LABEL],
  relationshipTypes: [...RELATION_TYPES],
  propertyKeys: [...new Set<string>([...ENTITY_PROPERTIES, ...RELATION_PROPERTIES])].sort(),
};

export { ENTITY_TYPES, RELATION_TYPES };

/** Text the schema browser inserts for each kind of item. */
export const snippet = {
  entityType: (type: string) => `(n:${NODE_LABEL} {type: '${type}'})`,
  relation: (type: string) => `-[:${type}]->`,
  property: (prop: string) => prop,
  label: () => `(n:${NODE_LABEL})`,
};
