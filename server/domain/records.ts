/** Decoding stored rows into domain entities and edges; the column lists queries return. */
import {
  ENTITY_PROPS,
  isChainTier,
  isEntityKind,
  isEntityType,
  isRelationKind,
  isRelationType,
  type Edge,
  type Entity,
  type EntityProp,
  type Source,
} from './model.js';
import type { Row } from '../store/types.js';

/** Every stored entity property but the search key (which is only matched against, never shown). */
export const ENTITY_COLUMNS = Object.keys(ENTITY_PROPS).filter((k) => k !== 'search');
export const EDGE_COLUMNS = [
  'role',
  'kind',
  'topic',
  'date',
  'inferred',
  'reason',
  'sources',
  'version',
  'updatedAt',
  'updatedBy',
] as const;

/**
 * The stored properties a reader asked for (e.g. the fields a GraphQL query selects); `id` and
 * `type` are always read. Reading fewer columns is most of what makes a large neighbourhood fast on
 * LadybugDB (400 rows of a hub: 21 ms with every column, 9 ms with ids).
 */
export interface Columns {
  entity?: readonly string[];
  edge?: readonly string[];
}

const pick = (all: readonly string[], wanted?: readonly string[]) => (wanted ? all.filter((k) => wanted.includes(k)) : [...all]);

/** Columns a query returns for an entity bound to `v`, prefixed so several can share a row. */
export function entityColumns(v: string, prefix = '', only?: readonly string[]): string {
  return pick(ENTITY_COLUMNS, only && ['id', 'type', ...only])
    .map((k) => `${v}.${k} AS ${prefix}${k}`)
    .join(', ');
}

/**
 * The properties ranking needs (to filter, score and word a suggestion): the long ones (aliases,
 * description, sources) are read afterwards for the few entities that make the answer.
 */
export const SUMMARY_PROPS = ['name', 'nameEn', 'kind', 'tier', 'ord'] as const;

/** Columns for a relation bound to `r` (its type expression comes from the dialect). */
export function edgeColumns(r: string, typeExpr: string, prefix = 'r_', only?: readonly string[]): string {
  return [`${r}.id AS ${prefix}id`, `${typeExpr} AS ${prefix}type`]
    .concat(pick(EDGE_COLUMNS, only).map((k) => `${r}.${k} AS ${prefix}${k}`))
    .join(', ');
}

function parseJson<T>(raw: unknown, fallback: T): T {
  if (typeof raw !== 'string' || raw === '') return fallback;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
/** A code of a closed set, or null: a stored value outside the model never reaches the API's enums. */
const oneOf = <T extends string>(v: unknown, is: (s: string) => s is T): T | null => {
  const s = str(v);
  return s !== null && is(s) ? s : null;
};

const int = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
/** A stored list of strings (JSON, or a list already decoded); anything else in it is dropped. */
export function decodeStrings(raw: unknown): string[] {
  const list = Array.isArray(raw) ? raw : parseJson<unknown>(raw, []);
  return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
}
const strings = decodeStrings;

export function decodeSources(raw: unknown): Source[] {
  const list = parseJson<unknown>(raw, []);
  return Array.isArray(list) ? list.filter((s): s is Source => typeof s === 'object' && s !== null && 'document' in s && 'quote' in s) : [];
}

/** Column names under a prefix, made once per prefix: decoding thousands of rows built them per row. */
function prefixed<K extends string>(keys: readonly K[]): (prefix: string) => Record<K, string> {
  const made = new Map<string, Record<K, string>>();
  return (prefix) => {
    let names = made.get(prefix);
    if (!names) {
      names = Object.fromEntries(keys.map((k) => [k, `${prefix}${k}`])) as Record<K, string>;
      made.set(prefix, names);
    }
    return names;
  };
}

const entityKeys = prefixed(Object.keys(ENTITY_PROPS) as EntityProp[]);

export function decodeEntity(row: Row, prefix = ''): Entity {
  const k = entityKeys(prefix);
  const type = String(row[k.type]);
  const ord = row[k.ord];
  return {
    id: String(row[k.id]),
    type: isEntityType(type) ? type : 'Enterprise',
    name: String(row[k.name] ?? ''),
    nameEn: str(row[k.nameEn]),
    aliases: parseJson<string[]>(row[k.aliases], []),
    kind: oneOf(row[k.kind], isEntityKind),
    description: str(row[k.description]),
    tier: oneOf(row[k.tier], isChainTier),
    ord: typeof ord === 'number' ? ord : null,
    date: str(row[k.date]),
    lastSeen: str(row[k.lastSeen]),
    sources: decodeSources(row[k.sources]),
    creditCode: str(row[k.creditCode]),
    registeredCapital: str(row[k.registeredCapital]),
    founded: str(row[k.founded]),
    address: str(row[k.address]),
    website: str(row[k.website]),
    contact: str(row[k.contact]),
    headcount: int(row[k.headcount]),
    qualifications: strings(row[k.qualifications]),
    products: strings(row[k.products]),
    version: int(row[k.version]) ?? 0,
    updatedAt: str(row[k.updatedAt]),
    updatedBy: str(row[k.updatedBy]),
  };
}

const edgeKeys = prefixed(['id', 'type', ...EDGE_COLUMNS] as const);

export function decodeEdge(row: Row, source: string, target: string, prefix = 'r_'): Edge {
  const k = edgeKeys(prefix);
  const type = String(row[k.type]);
  return {
    id: String(row[k.id]),
    type: isRelationType(type) ? type : 'PART_OF',
    source,
    target,
    role: str(row[k.role]),
    kind: oneOf(row[k.kind], isRelationKind),
    topic: str(row[k.topic]),
    date: str(row[k.date]),
    inferred: row[k.inferred] === true,
    reason: str(row[k.reason]),
    sources: decodeSources(row[k.sources]),
    version: int(row[k.version]) ?? 0,
    updatedAt: str(row[k.updatedAt]),
    updatedBy: str(row[k.updatedBy]),
  };
}

/** Decodes an entity from a node's stored properties (paths, ad-hoc queries). */
export function entityFromProps(p: Record<string, unknown>): Entity {
  return decodeEntity(p);
}

export function edgeFromProps(p: Record<string, unknown>, type: string, source: string, target: string): Edge {
  return decodeEdge({ ...Object.fromEntries(Object.entries(p).map(([k, v]) => [`r_${k}`, v])), r_type: type }, source, target);
}
