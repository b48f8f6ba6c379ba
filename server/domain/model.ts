/**
 * The server's side of the model: stored properties, rows and ids. The types, kinds, tiers and labels
 * are in `shared/model` (re-exported here); the LadybugDB DDL, the Neo4j constraints/indexes and the
 * GraphQL enums are derived from both.
 */

import type { ChainTier, EntityKind, EntityType, RelationKind, RelationType } from '../../shared/model/index.js';

export * from '../../shared/model/index.js';

/** Which entity types a relation may start and end at (null: any). */
export const RELATION_ENDPOINTS: Partial<Record<RelationType, [readonly EntityType[] | null, readonly EntityType[] | null]>> = {
  IN_SEGMENT: [['Enterprise', 'Hospital'], ['ChainSegment']],
  SERVES_IN: [['Person'], null],
  AFFILIATED_WITH: [['Hospital'], ['University']],
  PARTICIPATES_IN: [null, ['Event']],
  LOCATED_IN: [null, ['Region', 'Park', 'Alliance', 'Government']],
};

/** Relations that need a role (membership role, title held). */
export const ROLE_REQUIRED: readonly RelationType[] = ['MEMBER_OF', 'SERVES_IN'];

export type PropKind = 'string' | 'int' | 'bool';

/** Stored entity properties. `aliases` and `sources` are JSON-encoded strings on both stores. */
export const ENTITY_PROPS = {
  id: 'string',
  type: 'string',
  name: 'string',
  nameEn: 'string',
  aliases: 'string',
  kind: 'string',
  description: 'string',
  tier: 'string',
  ord: 'int',
  search: 'string',
  sources: 'string',
  /** Date of an event (YYYY-MM-DD) where the text gives it. */
  date: 'string',
  /** Date of the newest dated document that mentions the entity (YYYY-MM-DD), if any. */
  lastSeen: 'string',
  // Company profile (shared/model/curation.ts PROFILE_FIELDS); the lists as JSON strings.
  creditCode: 'string',
  registeredCapital: 'string',
  founded: 'string',
  address: 'string',
  website: 'string',
  contact: 'string',
  headcount: 'int',
  qualifications: 'string',
  products: 'string',
  // Versioning (server/domain/curation): bumped by every change; null for a fact loaded in bulk.
  version: 'int',
  updatedAt: 'string',
  updatedBy: 'string',
} as const satisfies Record<string, PropKind>;
export type EntityProp = keyof typeof ENTITY_PROPS;

/** Stored relation properties, the same for every relation type. */
export const RELATION_PROPS = {
  id: 'string',
  role: 'string',
  kind: 'string',
  topic: 'string',
  date: 'string',
  inferred: 'bool',
  reason: 'string',
  sources: 'string',
  version: 'int',
  updatedAt: 'string',
  updatedBy: 'string',
} as const satisfies Record<string, PropKind>;
export type RelationProp = keyof typeof RELATION_PROPS;

/** A property value as both stores keep it. */
export type StoredValue = string | number | boolean | null;

/**
 * How a property is stored, the same in every store and export: the lists (aliases, sources) as JSON
 * strings, so they round-trip unchanged through LadybugDB's COPY; `inferred` as a boolean, false
 * when unset; anything missing as null.
 */
/** Properties kept as JSON-encoded lists. */
export const LIST_PROPS: readonly string[] = ['aliases', 'sources', 'qualifications', 'products'];

export function storedValue(prop: EntityProp | RelationProp, v: unknown): StoredValue {
  if (LIST_PROPS.includes(prop)) return JSON.stringify(v ?? []);
  if (prop === 'inferred') return Boolean(v);
  return (v ?? null) as StoredValue;
}

export interface Source {
  document: string;
  quote: string;
}

/** An entity as the domain sees it (decoded from the store). */
export interface Entity {
  id: string;
  type: EntityType;
  name: string;
  nameEn: string | null;
  aliases: string[];
  kind: EntityKind | null;
  description: string | null;
  tier: ChainTier | null;
  ord: number | null;
  date: string | null;
  lastSeen: string | null;
  sources: Source[];
  creditCode: string | null;
  registeredCapital: string | null;
  founded: string | null;
  address: string | null;
  website: string | null;
  contact: string | null;
  headcount: number | null;
  qualifications: string[];
  products: string[];
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface Edge {
  id: string;
  type: RelationType;
  source: string;
  target: string;
  role: string | null;
  kind: RelationKind | null;
  topic: string | null;
  date: string | null;
  inferred: boolean;
  reason: string | null;
  sources: Source[];
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** An entity's profile and version fields when it has none (a fact loaded in bulk, a test's entity). */
export const noProfile = (): Omit<Entity, keyof EntityCore> => ({
  creditCode: null,
  registeredCapital: null,
  founded: null,
  address: null,
  website: null,
  contact: null,
  headcount: null,
  qualifications: [],
  products: [],
  version: 0,
  updatedAt: null,
  updatedBy: null,
});

/** The fields every entity has had from the start; the rest are profile and version (noProfile). */
type EntityCore = Pick<
  Entity,
  'id' | 'type' | 'name' | 'nameEn' | 'aliases' | 'kind' | 'description' | 'tier' | 'ord' | 'date' | 'lastSeen' | 'sources'
>;

/** An edge's version fields when it has none. */
export const noVersion = (): Pick<Edge, 'version' | 'updatedAt' | 'updatedBy'> => ({ version: 0, updatedAt: null, updatedBy: null });

/** What a bulk load writes: entity rows with every stored property, relation rows with endpoints. */
export interface EntityRow {
  id: string;
  type: EntityType;
  name: string;
  nameEn?: string | null;
  aliases: string[];
  kind?: string | null;
  description?: string | null;
  tier?: string | null;
  ord?: number | null;
  search: string;
  sources: Source[];
  date?: string | null;
  lastSeen?: string | null;
  creditCode?: string | null;
  registeredCapital?: string | null;
  founded?: string | null;
  address?: string | null;
  website?: string | null;
  contact?: string | null;
  headcount?: number | null;
  qualifications?: string[];
  products?: string[];
  version?: number | null;
  updatedAt?: string | null;
  updatedBy?: string | null;
}

export interface RelationRow {
  id: string;
  type: RelationType;
  from: string;
  to: string;
  role?: string | null;
  kind?: string | null;
  topic?: string | null;
  date?: string | null;
  inferred?: boolean;
  reason?: string | null;
  sources: Source[];
  version?: number | null;
  updatedAt?: string | null;
  updatedBy?: string | null;
}

export interface GraphData {
  entities: EntityRow[];
  relations: RelationRow[];
}

/** Deterministic relation id, so loading the same facts twice yields the same ids. */
export function relationId(r: {
  type: string;
  from: string;
  to: string;
  role?: string | null;
  kind?: string | null;
  topic?: string | null;
}): string {
  const key = [r.type, r.from, r.to, r.role ?? '', r.kind ?? '', r.topic ?? ''].join('\u0001');
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 16777619);
    h2 = Math.imul(h2 ^ c, 2246822519);
  }
  return `${r.type.toLowerCase()}-${(h1 >>> 0).toString(36)}${(h2 >>> 0).toString(36)}`;
}
