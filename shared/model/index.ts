/**
 * The model both sides share: entity and relation types, their sub-kinds, chain tiers, and the labels
 * of each in Chinese and English. The server derives the LadybugDB DDL, the Neo4j constraints and
 * the GraphQL enums from these lists; the web app labels the canvas, filters and tables with them,
 * and exports write their label columns from them. Imports nothing from `server/` or `web/`.
 */

import {
  CHANGE_KINDS,
  DOCUMENT_KINDS,
  IMPORT_ACTIONS,
  IMPORT_DECISIONS,
  IMPORT_FIELDS,
  IMPORT_FILE_ERROR_CODES,
  IMPORT_ISSUE_CODES,
  INGEST_DECISIONS,
  INGEST_STATUSES,
  MATCH_REASONS,
  REVISION_OPS,
  SHEET_WARNING_CODES,
  SOURCE_KINDS,
  TARGET_KINDS,
} from './curation.js';

export * from './curation.js';

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

export const CHAIN_TIERS = ['upstream', 'midstream', 'downstream'] as const;
export type ChainTier = (typeof CHAIN_TIERS)[number];

/** Sub-kinds an entity of a type may have (`kind`). */
export const ENTITY_KINDS = {
  Alliance: ['industry_alliance', 'chamber_of_commerce', 'industry_association', 'party_alliance', 'council', 'committee', 'chain'],
  Government: ['party_committee', 'government', 'agency', 'customs', 'congress', 'media'],
  Park: ['biomedicine', 'other'],
  Region: ['city', 'district', 'town', 'subdistrict'],
  Event: ['forum', 'salon', 'meeting', 'ceremony'],
  Hospital: ['hospital', 'community_health', 'specialist'],
} as const satisfies Partial<Record<EntityType, readonly string[]>>;
export type EntityKind = (typeof ENTITY_KINDS)[keyof typeof ENTITY_KINDS][number];
/** Every entity sub-kind once (`hospital` is a Hospital kind only; `other` a Park kind). */
export const ALL_ENTITY_KINDS: readonly EntityKind[] = [...new Set(Object.values(ENTITY_KINDS).flat())];

/** Sub-kinds a relation of a type may have (`kind`). */
export const RELATION_KINDS = {
  SIGNED: ['agreement', 'investment_intent', 'co_building', 'memorandum'],
  ORGANISES: ['host', 'co_host'],
} as const satisfies Partial<Record<RelationType, readonly string[]>>;
export type RelationKind = (typeof RELATION_KINDS)[keyof typeof RELATION_KINDS][number];
export const ALL_RELATION_KINDS: readonly RelationKind[] = [...new Set(Object.values(RELATION_KINDS).flat())];

export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/**
 * Roles, each allowing what the one before allows and more: viewer (browse, search, analyses,
 * export), analyst (+ saved and ad-hoc Cypher), editor (+ edit, import, ingest, leads), admin
 * (+ users, settings, audit log).
 */
export const ROLES = ['viewer', 'analyst', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, Label> = {
  viewer: { zh: '浏览者', en: 'Viewer' },
  analyst: { zh: '分析员', en: 'Analyst' },
  editor: { zh: '编辑', en: 'Editor' },
  admin: { zh: '管理员', en: 'Administrator' },
};
/** True when `role` may do what `needed` may. */
export const roleAllows = (role: Role, needed: Role): boolean => ROLES.indexOf(role) >= ROLES.indexOf(needed);

/** What an audited action was, and how it ended (the audit log's closed sets). */
export const AUDIT_ACTIONS = [
  'LOGIN',
  'LOGOUT',
  'USER_CREATE',
  'USER_UPDATE',
  'PASSWORD_CHANGE',
  'PASSWORD_RESET',
  'EXPORT',
  'QUERY',
  'SAVED_QUERY',
  'WRITE',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export const AUDIT_OUTCOMES = ['OK', 'DENIED', 'FAILED'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** Subgraph file formats (the `/export` route and the exportSubgraph query). */
export const EXPORT_FORMATS = ['JSON', 'GRAPHML', 'CSV', 'CYPHER'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * Types of a saved query's parameters: as a `.cypher` header writes them (`string[]`), and the
 * API's code for each (`STRING_LIST`).
 */
export const QUERY_PARAM_TYPES = {
  string: 'STRING',
  id: 'ID',
  int: 'INT',
  float: 'FLOAT',
  boolean: 'BOOLEAN',
  date: 'DATE',
  entityType: 'ENTITY_TYPE',
  'string[]': 'STRING_LIST',
  'id[]': 'ID_LIST',
} as const;
export type QueryParamType = (typeof QUERY_PARAM_TYPES)[keyof typeof QUERY_PARAM_TYPES];
export type Label = Record<Lang, string>;

export const ENTITY_LABELS: Record<EntityType, Label> = {
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

export const RELATION_LABELS: Record<RelationType, Label> = {
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

export const ENTITY_KIND_LABELS: Record<EntityKind, Label> = {
  industry_alliance: { zh: '产业联盟', en: 'industry alliance' },
  chamber_of_commerce: { zh: '商会', en: 'chamber of commerce' },
  industry_association: { zh: '行业协会', en: 'industry association' },
  party_alliance: { zh: '党建联盟', en: 'party-building alliance' },
  council: { zh: '议事会', en: 'council' },
  committee: { zh: '专委会', en: 'committee' },
  chain: { zh: '产业链', en: 'industry chain' },
  party_committee: { zh: '党委', en: 'party committee' },
  government: { zh: '政府', en: 'government' },
  agency: { zh: '政府部门', en: 'agency' },
  customs: { zh: '海关', en: 'customs' },
  congress: { zh: '人大', en: 'people’s congress' },
  media: { zh: '媒体', en: 'media' },
  biomedicine: { zh: '生物医药园区', en: 'biomedicine park' },
  other: { zh: '其他园区', en: 'other park' },
  city: { zh: '市', en: 'city' },
  district: { zh: '区', en: 'district' },
  town: { zh: '镇', en: 'town' },
  subdistrict: { zh: '街道', en: 'subdistrict' },
  forum: { zh: '论坛', en: 'forum' },
  salon: { zh: '沙龙', en: 'salon' },
  meeting: { zh: '会议', en: 'meeting' },
  ceremony: { zh: '仪式', en: 'ceremony' },
  hospital: { zh: '医院', en: 'hospital' },
  community_health: { zh: '社区卫生服务中心', en: 'community health centre' },
  specialist: { zh: '专科医院', en: 'specialist hospital' },
};

export const RELATION_KIND_LABELS: Record<RelationKind, Label> = {
  agreement: { zh: '合作协议', en: 'agreement' },
  investment_intent: { zh: '投资意向', en: 'investment intent' },
  co_building: { zh: '共建', en: 'co-building' },
  memorandum: { zh: '备忘录', en: 'memorandum' },
  host: { zh: '主办', en: 'host' },
  co_host: { zh: '协办', en: 'co-host' },
};

export const CHAIN_TIER_LABELS: Record<ChainTier, Label> = {
  upstream: { zh: '上游', en: 'Upstream' },
  midstream: { zh: '中游', en: 'Midstream' },
  downstream: { zh: '下游', en: 'Downstream' },
};

/** The sub-kinds a type allows (none for most types). */
export const entityKindsOf = (type: EntityType): readonly string[] =>
  (ENTITY_KINDS as Partial<Record<EntityType, readonly string[]>>)[type] ?? [];
export const relationKindsOf = (type: RelationType): readonly string[] =>
  (RELATION_KINDS as Partial<Record<RelationType, readonly string[]>>)[type] ?? [];

export const isEntityKind = (s: string): s is EntityKind => (ALL_ENTITY_KINDS as readonly string[]).includes(s);
export const isRelationKind = (s: string): s is RelationKind => (ALL_RELATION_KINDS as readonly string[]).includes(s);
export const isChainTier = (s: string): s is ChainTier => (CHAIN_TIERS as readonly string[]).includes(s);

export const isAuditAction = (s: string): s is AuditAction => (AUDIT_ACTIONS as readonly string[]).includes(s);
export const isAuditOutcome = (s: string): s is AuditOutcome => (AUDIT_OUTCOMES as readonly string[]).includes(s);

export const isEntityType = (s: string): s is EntityType => (ENTITY_TYPES as readonly string[]).includes(s);
export const isRelationType = (s: string): s is RelationType => (RELATION_TYPES as readonly string[]).includes(s);

/**
 * The GraphQL enums that follow from the model, as SDL. The server's schema and the code generator
 * both read them from here, so the model, the API and the generated types cannot disagree. Enum
 * values are the stored codes (`Enterprise`, `upstream`, `party_alliance`), so nothing is mapped.
 */
export function modelEnumsSdl(): string {
  const enumOf = (name: string, description: string, values: readonly string[]) =>
    `"${description}"\nenum ${name} {\n${values.map((v) => `  ${v}`).join('\n')}\n}`;
  return [
    enumOf('EntityType', 'What an entity is.', ENTITY_TYPES),
    enumOf('RelationType', 'What a relation says.', RELATION_TYPES),
    enumOf('EntityKind', 'Sub-kind of an entity (an alliance’s or region’s kind …), the stored code.', ALL_ENTITY_KINDS),
    enumOf('RelationKind', 'Sub-kind of a relation (an agreement’s kind, a host role), the stored code.', ALL_RELATION_KINDS),
    enumOf('ChainTier', 'Tier of the reference chain, the stored code.', CHAIN_TIERS),
    enumOf('QueryParamType', 'The type of a saved query parameter.', Object.values(QUERY_PARAM_TYPES)),
    enumOf('ExportFormat', 'A subgraph file format.', EXPORT_FORMATS),
    enumOf('Lang', 'A language of the UI and of export labels.', LANGS),
    enumOf('Role', 'What a user may do; each role may do what the one before may, and more.', ROLES),
    enumOf('AuditAction', 'What an audited action was.', AUDIT_ACTIONS),
    enumOf('AuditOutcome', 'How an audited action ended.', AUDIT_OUTCOMES),
    enumOf('ChangeKind', 'How a change set came about.', CHANGE_KINDS),
    enumOf('RevisionOp', 'What a revision did to a fact.', REVISION_OPS),
    enumOf('TargetKind', 'What a revision is about.', TARGET_KINDS),
    enumOf('DocumentKind', 'What a source document is.', DOCUMENT_KINDS),
    enumOf('SourceKind', 'What the source of a change is.', SOURCE_KINDS),
    enumOf('MatchReason', 'Why a name was matched to an entity.', MATCH_REASONS),
    enumOf('ImportField', 'A field an imported column maps to.', IMPORT_FIELDS),
    enumOf('ImportIssueCode', 'What is wrong with, or worth a look in, an imported row.', IMPORT_ISSUE_CODES),
    enumOf('IssueSeverity', 'An error stops the row; a warning does not.', ['error', 'warning']),
    enumOf('SheetWarningCode', 'What a parsed sheet tells about its cells.', SHEET_WARNING_CODES),
    enumOf('ImportFileErrorCode', 'Why a file cannot be imported at all.', IMPORT_FILE_ERROR_CODES),
    enumOf('ImportAction', 'What an import does with a row.', IMPORT_ACTIONS),
    enumOf('ImportDecision', 'What a person decided for a row.', IMPORT_DECISIONS),
    enumOf('IngestStatus', 'Where an article in the review queue stands.', INGEST_STATUSES),
    enumOf('IngestDecision', 'A reviewer’s decision on a proposal.', INGEST_DECISIONS),
  ].join('\n\n');
}
