/**
 * The curation model both sides share: enterprise profile fields, document kinds, what a change and
 * a revision are, the fields an import maps columns to, and the unified social credit code check.
 * Codes are what the store keeps and the API sends; labels are the UI's.
 */
import type { Label } from './index.js';

/** Optional company profile fields of an entity (enterprises mostly), stored as entity properties. */
export const PROFILE_FIELDS = [
  'creditCode',
  'registeredCapital',
  'founded',
  'address',
  'website',
  'contact',
  'headcount',
  'qualifications',
  'products',
] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

export const PROFILE_FIELD_LABELS: Record<ProfileField, Label> = {
  creditCode: { zh: '统一社会信用代码', en: 'Unified social credit code' },
  registeredCapital: { zh: '注册资本', en: 'Registered capital' },
  founded: { zh: '成立日期', en: 'Founded' },
  address: { zh: '地址', en: 'Address' },
  website: { zh: '网站', en: 'Website' },
  contact: { zh: '联系方式', en: 'Contact' },
  headcount: { zh: '员工人数', en: 'Headcount' },
  qualifications: { zh: '资质', en: 'Qualifications' },
  products: { zh: '产品', en: 'Products' },
};

/** Qualifications offered as suggestions (free text is allowed). */
export const COMMON_QUALIFICATIONS = [
  '高新技术企业',
  '专精特新',
  '专精特新“小巨人”',
  '科技型中小企业',
  '上市公司',
  '外资研发中心',
] as const;

/**
 * What a source document is: an article (seed or ingested), a web page cited by URL, a staff note
 * (a visit, a call), or an imported file.
 */
export const DOCUMENT_KINDS = ['article', 'web', 'note', 'import'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const DOCUMENT_KIND_LABELS: Record<DocumentKind, Label> = {
  article: { zh: '文章', en: 'Article' },
  web: { zh: '网页', en: 'Web page' },
  note: { zh: '工作记录', en: 'Staff note' },
  import: { zh: '导入文件', en: 'Imported file' },
};

/** How a change set came about. */
export const CHANGE_KINDS = ['EDIT', 'MERGE', 'IMPORT', 'REVERT', 'SEED', 'INGEST'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];
export const CHANGE_KIND_LABELS: Record<ChangeKind, Label> = {
  EDIT: { zh: '编辑', en: 'Edit' },
  MERGE: { zh: '合并', en: 'Merge' },
  IMPORT: { zh: '导入', en: 'Import' },
  REVERT: { zh: '撤销', en: 'Revert' },
  SEED: { zh: '种子数据', en: 'Seed' },
  INGEST: { zh: '文章采集', en: 'Ingest' },
};

/** What one revision did to one entity or relation. */
export const REVISION_OPS = ['CREATE', 'UPDATE', 'RETRACT', 'RESTORE'] as const;
export type RevisionOp = (typeof REVISION_OPS)[number];
export const REVISION_OP_LABELS: Record<RevisionOp, Label> = {
  CREATE: { zh: '新增', en: 'Created' },
  UPDATE: { zh: '修改', en: 'Changed' },
  RETRACT: { zh: '撤回', en: 'Retracted' },
  RESTORE: { zh: '恢复', en: 'Restored' },
};

/** What a change's source is: a document in the store with a quote, a web page, or a staff note. */
export const SOURCE_KINDS = ['document', 'url', 'note'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Why entity resolution proposed a match, strongest first. */
export const MATCH_REASONS = [
  'CREDIT_CODE',
  'EXACT_NAME',
  'ALIAS',
  'TRADITIONAL',
  'NORMALISED',
  'ENGLISH',
  'SHORT_NAME',
  'PINYIN',
] as const;
export type MatchReasonCode = (typeof MATCH_REASONS)[number];
export const MATCH_REASON_LABELS: Record<MatchReasonCode, Label> = {
  CREDIT_CODE: { zh: '统一社会信用代码相同', en: 'same credit code' },
  EXACT_NAME: { zh: '名称相同', en: 'same name' },
  ALIAS: { zh: '与别名相同', en: 'same as an alias' },
  TRADITIONAL: { zh: '繁简体相同', en: 'same in simplified form' },
  NORMALISED: { zh: '去掉地名与公司后缀后相同', en: 'same without place and company suffixes' },
  ENGLISH: { zh: '英文名相同', en: 'same English name' },
  SHORT_NAME: { zh: '简称包含关系', en: 'one name contains the other' },
  PINYIN: { zh: '拼音相同（同音字）', en: 'same pinyin (homophone)' },
};

export const TARGET_KINDS = ['ENTITY', 'RELATION'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/** The fields an imported column can map to. */
export const IMPORT_FIELDS = [
  'name',
  'aliases',
  'type',
  'kind',
  'region',
  'park',
  'segment',
  'nameEn',
  'creditCode',
  'address',
  'website',
  'founded',
  'registeredCapital',
  'contact',
  'headcount',
  'qualifications',
  'products',
  'description',
  'note',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export const IMPORT_FIELD_LABELS: Record<ImportField, Label> = {
  name: { zh: '名称', en: 'Name' },
  aliases: { zh: '别名/简称', en: 'Aliases' },
  type: { zh: '类型', en: 'Type' },
  kind: { zh: '子类', en: 'Sub-kind' },
  region: { zh: '所在区/镇', en: 'Region' },
  park: { zh: '所在园区', en: 'Park' },
  segment: { zh: '产业链环节', en: 'Chain segment' },
  nameEn: { zh: '英文名', en: 'English name' },
  description: { zh: '简介', en: 'Description' },
  note: { zh: '备注', en: 'Note' },
  ...PROFILE_FIELD_LABELS,
};

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/**
 * The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from
 * 0-9 and A-Y without I, O, S, V, Z, the last one a check character computed from the first 17.
 */
export function isValidCreditCode(code: string): boolean {
  const c = code.trim().toUpperCase();
  return /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(c) && creditCodeCheck(c.slice(0, 17)) === c[17];
}

/** The check character of a code's first 17 characters. */
export function creditCodeCheck(body: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(body[i]) * USCC_WEIGHTS[i];
  return USCC_CHARS[(31 - (sum % 31)) % 31];
}

/** What a parsed sheet tells about its cells (warnings only; the file itself was readable). */
export const SHEET_WARNING_CODES = [
  /** A formula cell: its cached result was taken, never evaluated. */
  'FORMULA',
  /** A cell inside a merged range other than its top-left one: left empty. */
  'MERGED_CELL',
  /** A number too long for a spreadsheet to keep every digit (a credit code or phone stored as a number). */
  'NUMBER_PRECISION',
  /** A column with data but no header text: it got a placeholder name. */
  'EMPTY_HEADER',
  /** A header text used twice: the later column got a placeholder name. */
  'DUPLICATE_HEADER',
  /** A title line above the header (one cell, e.g. "闵行区生物医药企业名单") was skipped. */
  'TITLE_ROW_SKIPPED',
] as const;
export type SheetWarningCode = (typeof SHEET_WARNING_CODES)[number];

/** Why a file cannot be imported at all. */
export const IMPORT_FILE_ERROR_CODES = [
  'FILE_EMPTY',
  'FILE_TOO_LARGE',
  'TOO_MANY_ROWS',
  'TOO_MANY_COLUMNS',
  'FILE_UNREADABLE',
  'FILE_FORMAT',
  'NO_HEADER',
] as const;
export type ImportFileErrorCode = (typeof IMPORT_FILE_ERROR_CODES)[number];

/** What is wrong with (or worth a look in) one row. Severity follows from the code: `IMPORT_ISSUE_SEVERITY`. */
export const IMPORT_ISSUE_CODES = [
  'REQUIRED',
  'UNKNOWN_TYPE',
  'UNKNOWN_KIND',
  'UNKNOWN_REGION',
  'UNKNOWN_PARK',
  'UNKNOWN_SEGMENT',
  'BAD_CREDIT_CODE',
  'BAD_DATE',
  'BAD_NUMBER',
  'BAD_URL',
  'TOO_LONG',
  'DUPLICATE_IN_FILE',
  'FORMULA',
  'MERGED_CELL',
  'NUMBER_PRECISION',
  'POSSIBLE_DUPLICATE',
] as const;
export type ImportIssueCode = (typeof IMPORT_ISSUE_CODES)[number];
export type IssueSeverity = 'error' | 'warning';

export const IMPORT_ISSUE_SEVERITY: Record<ImportIssueCode, IssueSeverity> = {
  REQUIRED: 'error',
  UNKNOWN_TYPE: 'error',
  UNKNOWN_KIND: 'error',
  UNKNOWN_REGION: 'error',
  UNKNOWN_PARK: 'error',
  UNKNOWN_SEGMENT: 'error',
  BAD_CREDIT_CODE: 'error',
  BAD_DATE: 'error',
  BAD_NUMBER: 'error',
  BAD_URL: 'error',
  TOO_LONG: 'error',
  DUPLICATE_IN_FILE: 'error',
  FORMULA: 'warning',
  MERGED_CELL: 'warning',
  NUMBER_PRECISION: 'warning',
  POSSIBLE_DUPLICATE: 'warning',
};

/** What an import does with a row (the dry run's verdict). */
export const IMPORT_ACTIONS = ['create', 'update', 'possible_duplicate', 'error'] as const;
export type ImportAction = (typeof IMPORT_ACTIONS)[number];
/** What the person decides for a row before applying. */
export const IMPORT_DECISIONS = ['create', 'update', 'skip'] as const;
export type ImportDecision = (typeof IMPORT_DECISIONS)[number];

/** Where an article in the review queue stands. */
export const INGEST_STATUSES = ['open', 'applied', 'discarded'] as const;
export type IngestStatus = (typeof INGEST_STATUSES)[number];
export const INGEST_STATUS_LABELS: Record<IngestStatus, Label> = {
  open: { zh: '待审核', en: 'To review' },
  applied: { zh: '已应用', en: 'Applied' },
  discarded: { zh: '已放弃', en: 'Discarded' },
};
/** A reviewer's decision on a proposal. */
export const INGEST_DECISIONS = ['accept', 'reject'] as const;
export type IngestDecision = (typeof INGEST_DECISIONS)[number];
