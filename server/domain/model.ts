/**
 * The model: the single source of truth for entity and relation types and their properties.
 * The LadybugDB DDL, the Neo4j constraints/indexes and the GraphQL enums are all derived from it.
 */

export const ENTITY_TYPES = [
  'Enterprise',
  'Park',
  'Hospital',
  'University',
  'Alliance',
  'Government',
  'Region',
  'Event',
  'Person',
  'ChainSegment',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export const RELATION_TYPES = [
  'LOCATED_IN',
  'PART_OF',
  'MEMBER_OF',
  'IN_SEGMENT',
  'SIGNED',
  'AFFILIATED_WITH',
  'GUIDES',
  'ORGANISES',
  'OPERATES',
  'SUPPLIES',
  'SERVES_IN',
  'PARTICIPATES_IN',
] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

export const ENTITY_LABELS: Record<EntityType, { zh: string; en: string }> = {
  Enterprise: { zh: '企业', en: 'Enterprise' },
  Park: { zh: '园区', en: 'Park' },
  Hospital: { zh: '医院', en: 'Hospital' },
  University: { zh: '高校', en: 'University' },
  Alliance: { zh: '联盟/商协会', en: 'Alliance' },
  Government: { zh: '政府机构', en: 'Government' },
  Region: { zh: '行政区', en: 'Region' },
  Event: { zh: '活动', en: 'Event' },
  Person: { zh: '人物', en: 'Person' },
  ChainSegment: { zh: '产业链环节', en: 'Chain segment' },
};

export const RELATION_LABELS: Record<RelationType, { zh: string; en: string }> = {
  LOCATED_IN: { zh: '位于', en: 'located in' },
  PART_OF: { zh: '隶属', en: 'part of' },
  MEMBER_OF: { zh: '成员', en: 'member of' },
  IN_SEGMENT: { zh: '所属环节', en: 'in segment' },
  SIGNED: { zh: '签约', en: 'signed with' },
  AFFILIATED_WITH: { zh: '附属于', en: 'affiliated with' },
  GUIDES: { zh: '指导', en: 'guides' },
  ORGANISES: { zh: '主办', en: 'organises' },
  OPERATES: { zh: '运营', en: 'operates' },
  SUPPLIES: { zh: '供应', en: 'supplies' },
  SERVES_IN: { zh: '任职', en: 'serves in' },
  PARTICIPATES_IN: { zh: '参加', en: 'participates in' },
};

/** Sub-kinds an entity of a type may have (`kind`). */
export const ENTITY_KINDS: Partial<Record<EntityType, readonly string[]>> = {
  Alliance: ['industry_alliance', 'chamber_of_commerce', 'industry_association', 'party_alliance', 'council', 'committee', 'chain'],
  Government: ['party_committee', 'government', 'agency', 'customs', 'congress', 'media'],
  Park: ['biomedicine', 'other'],
  Region: ['city', 'district', 'town', 'subdistrict'],
  Event: ['forum', 'salon', 'meeting', 'ceremony'],
  Hospital: ['hospital', 'community_health', 'specialist'],
};

/** Sub-kinds a relation of a type may have (`kind`). */
export const RELATION_KINDS: Partial<Record<RelationType, readonly string[]>> = {
  SIGNED: ['agreement', 'investment_intent', 'co_building', 'memorandum'],
  ORGANISES: ['host', 'co_host'],
};

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
} as const satisfies Record<string, PropKind>;
export type RelationProp = keyof typeof RELATION_PROPS;

/** A property value as both stores keep it. */
export type StoredValue = string | number | boolean | null;

/**
 * How a property is stored, the same in every store and export: the lists (aliases, sources) as JSON
 * strings, so they round-trip unchanged through LadybugDB's COPY; `inferred` as a boolean, false
 * when unset; anything missing as null.
 */
export function storedValue(prop: EntityProp | RelationProp, v: unknown): StoredValue {
  if (prop === 'aliases' || prop === 'sources') return JSON.stringify(v ?? []);
  if (prop === 'inferred') return Boolean(v);
  return (v ?? null) as StoredValue;
}

export const CHAIN_TIERS = ['upstream', 'midstream', 'downstream'] as const;
export type ChainTier = (typeof CHAIN_TIERS)[number];

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
  kind: string | null;
  description: string | null;
  tier: string | null;
  ord: number | null;
  date: string | null;
  lastSeen: string | null;
  sources: Source[];
}

export interface Edge {
  id: string;
  type: RelationType;
  source: string;
  target: string;
  role: string | null;
  kind: string | null;
  topic: string | null;
  date: string | null;
  inferred: boolean;
  reason: string | null;
  sources: Source[];
}

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
}

export interface GraphData {
  entities: EntityRow[];
  relations: RelationRow[];
}

export const isEntityType = (s: string): s is EntityType => (ENTITY_TYPES as readonly string[]).includes(s);
export const isRelationType = (s: string): s is RelationType => (RELATION_TYPES as readonly string[]).includes(s);

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
