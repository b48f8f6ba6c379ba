/**
 * Header texts → the fields they most likely hold, from Chinese and English synonyms as staff lists
 * and registry exports (企查查, 天眼查) write them. A suggestion only: the user confirms it. Each
 * field goes to one column at most; a header matched in full beats one that only contains a keyword.
 */
import { IMPORT_FIELDS, type ImportField } from '../../shared/model/curation.js';
import { toSimplified } from '../domain/text.js';

/** Whole-header synonyms, the preferred ones first (a field claimed by two columns goes to the better synonym). */
const SYNONYMS: Record<ImportField, string[]> = {
  name: [
    '企业名称',
    '公司名称',
    '单位名称',
    '机构名称',
    '名称',
    '企业全称',
    '全称',
    '主体名称',
    '企业名',
    '企业',
    '公司',
    '单位',
    'name',
    'company name',
    'company',
    'enterprise name',
    'enterprise',
    'organisation',
    'organization',
  ],
  aliases: [
    '简称',
    '别名',
    '企业简称',
    '公司简称',
    '别名/简称',
    '简称/别名',
    '曾用名',
    '又名',
    'aliases',
    'alias',
    'short name',
    'abbreviation',
    'aka',
  ],
  type: ['类型', '主体类型', '机构类型', '实体类型', '类别', 'type', 'entity type'],
  kind: ['子类', '子类型', '子类别', '细类', 'kind', 'sub-kind', 'subkind', 'subtype'],
  region: [
    '所在区',
    '所属区',
    '区域',
    '所在区域',
    '所属区域',
    '街镇',
    '所在街镇',
    '所属街镇',
    '所在区/镇',
    '区/镇',
    '行政区',
    '区县',
    '所在地区',
    '属地',
    '镇',
    '街道',
    '区',
    'region',
    'district',
    'town',
  ],
  park: ['园区', '所在园区', '所属园区', '载体', '所在载体', '园区/载体', '产业园', '基地', 'park', 'industrial park'],
  segment: [
    '产业链环节',
    '环节',
    '细分领域',
    '领域',
    '所属领域',
    '细分行业',
    '所属行业',
    '行业',
    '赛道',
    '产业链',
    'segment',
    'chain segment',
    'sector',
    'field',
    'industry',
  ],
  nameEn: ['英文名', '英文名称', '企业英文名', '英文', 'english name', 'name (en)', 'name en', 'name_en', 'nameen'],
  creditCode: [
    '统一社会信用代码',
    '信用代码',
    '社会信用代码',
    '统一信用代码',
    '社会统一信用代码',
    '纳税人识别号',
    'uscc',
    'credit code',
    'unified social credit code',
  ],
  address: ['地址', '注册地址', '经营地址', '办公地址', '企业地址', '详细地址', '通讯地址', '住所', 'address'],
  website: ['网址', '官网', '网站', '官方网站', '企业官网', '主页', 'website', 'url', 'web', 'homepage'],
  founded: ['成立日期', '成立时间', '注册日期', '注册时间', '成立年份', '成立', 'founded', 'established', 'founding date', 'date founded'],
  registeredCapital: ['注册资本', '注册资金', 'registered capital', 'capital'],
  contact: ['联系方式', '联系电话', '电话', '联系人', '联系人及电话', '手机', 'contact', 'phone', 'tel', 'telephone'],
  headcount: ['员工人数', '人数', '职工人数', '从业人数', '员工数', '参保人数', '员工规模', 'headcount', 'employees', 'staff'],
  qualifications: ['资质', '企业资质', '资质荣誉', '荣誉资质', '资质认定', '认定', 'qualifications', 'certifications'],
  products: ['主营产品', '产品', '主要产品', '核心产品', '主营业务', '产品管线', '管线', 'products', 'main products', 'pipeline'],
  description: ['简介', '企业简介', '公司简介', '介绍', '概况', '描述', 'description', 'profile', 'about', 'summary'],
  note: ['备注', '说明', '其他', 'note', 'notes', 'remark', 'remarks', 'comment', 'comments'],
};

/**
 * Keywords a longer header may contain (`企业统一社会信用代码`, `注册资本（万元）`), tried in this
 * order so the more specific field wins (`园区地址` is an address, `园区名称` a park).
 */
const KEYWORDS: [ImportField, string[]][] = [
  ['nameEn', ['英文']],
  ['aliases', ['简称', '别名', '曾用名']],
  ['creditCode', ['信用代码', 'uscc']],
  ['registeredCapital', ['注册资本', '注册资金']],
  ['founded', ['成立']],
  ['website', ['网址', '官网', '网站']],
  ['address', ['地址']],
  ['contact', ['联系', '电话', '手机']],
  ['headcount', ['人数', '员工']],
  ['qualifications', ['资质']],
  ['products', ['产品']],
  ['description', ['简介']],
  ['note', ['备注']],
  ['park', ['园区', '载体']],
  ['segment', ['环节', '领域', '赛道']],
  ['region', ['街镇', '区域', '行政区', '所在区', '所属区']],
  ['kind', ['子类']],
  ['name', ['名称', '全称']],
];

/** What headers are compared as: simplified, half-width, lower case, without spaces, marks or a required `*`. */
function headerKey(text: string): string {
  return toSimplified(text.normalize('NFKC'))
    .toLowerCase()
    .replace(/[\s*:：_\-.。]+/g, '');
}

/** The header without a bracketed note: `注册资本（万元）`, `成立日期(yyyy-mm-dd)`, `名称【必填】`. */
const withoutNote = (key: string) => key.replace(/[(（[【].*?[)）\]】]/g, '');

const EXACT: Map<string, { field: ImportField; rank: number }> = new Map();
for (const field of IMPORT_FIELDS) {
  SYNONYMS[field].forEach((synonym, rank) => {
    const key = headerKey(synonym);
    if (!EXACT.has(key)) EXACT.set(key, { field, rank });
  });
}

interface Candidate {
  column: string;
  index: number;
  field: ImportField;
  /** Lower is better: whole-header matches by synonym rank, then keyword matches by keyword order. */
  score: number;
}

function candidateOf(column: string, index: number): Candidate | null {
  const key = headerKey(column);
  const exact = EXACT.get(key) ?? EXACT.get(withoutNote(key));
  if (exact) return { column, index, field: exact.field, score: exact.rank };
  const bare = withoutNote(key);
  for (let k = 0; k < KEYWORDS.length; k++) {
    const [field, words] = KEYWORDS[k];
    if (words.some((w) => bare.includes(w))) return { column, index, field, score: 1000 + k };
  }
  return null;
}

/** For each column, the field it most likely holds (null: none, or a better column took that field). */
export function suggestMapping(columns: string[]): Record<string, ImportField | null> {
  const candidates: Candidate[] = [];
  columns.forEach((column, index) => {
    const c = candidateOf(column, index);
    if (c) candidates.push(c);
  });
  candidates.sort((a, b) => a.score - b.score || a.index - b.index);
  const chosen = new Map<string, ImportField>();
  const taken = new Set<ImportField>();
  for (const c of candidates) {
    if (taken.has(c.field)) continue;
    taken.add(c.field);
    chosen.set(c.column, c.field);
  }
  // fromEntries: a header such as `__proto__` stays an ordinary key.
  return Object.fromEntries(columns.map((column) => [column, chosen.get(column) ?? null]));
}
