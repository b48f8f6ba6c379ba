/**
 * Saved queries: queries/*.cypher, each with a header of `// key: value` lines —
 * name, title (中文), titleEn, description, descriptionEn, and
 * `param: name type = default — 中文描述 | English description`; an `id` parameter may name the entity
 * types it takes, `param: park id(Park) = …`, so the form searches those by name.
 * An engine-specific variant (`name.neo4j.cypher` / `name.embedded.cypher`) replaces the body
 * only where the dialects force it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Engine } from '../store/types.js';
import { badInput, notFound } from './errors.js';
import { ENTITY_TYPES, QUERY_PARAM_TYPES as PARAM_TYPES, type EntityType, type QueryParamType as ParamType } from './model.js';

export type { ParamType };

export interface QueryParam {
  name: string;
  type: ParamType;
  default: unknown;
  description: string | null;
  descriptionEn: string | null;
  /** An ID parameter's entity types (the form's search is limited to them); null = any. */
  entityTypes: EntityType[] | null;
}

export interface SavedQuery {
  name: string;
  title: string;
  titleEn: string;
  description: string;
  descriptionEn: string;
  params: QueryParam[];
  cypher: string;
  variants: Partial<Record<Engine, string>>;
}

const HEADER = /^\/\/\s*([A-Za-z]+)\s*:\s*(.*)$/;
const PARAM = /^([A-Za-z_]\w*)\s+([\w[\]]+)(?:\(([\w,\s]+)\))?(?:\s*=\s*(.*?))?(?:\s+—\s+(.*))?$/;

function parseDefault(type: ParamType, raw: string | undefined, file: string, name: string): unknown {
  if (raw === undefined || raw === '') return null;
  try {
    return coerce(type, JSON.parse(raw), name);
  } catch {
    throw new Error(`${file}: param ${name} has a default that is not JSON of type ${type}: ${raw}`);
  }
}

/** Splits a file into header fields and the Cypher body. */
function parseFile(text: string, file: string): Omit<SavedQuery, 'variants'> {
  const lines = text.split('\n');
  const fields: Record<string, string> = {};
  const params: QueryParam[] = [];
  let i = 0;
  for (; i < lines.length; i++) {
    const m = HEADER.exec(lines[i].trim());
    if (!m) break;
    const [, key, value] = m;
    if (key === 'param') {
      const p = PARAM.exec(value.trim());
      if (!p || !Object.hasOwn(PARAM_TYPES, p[2])) throw new Error(`${file}: bad param line "${value}"`);
      const type = PARAM_TYPES[p[2] as keyof typeof PARAM_TYPES];
      const entityTypes = p[3] ? p[3].split(',').map((x) => x.trim()) : null;
      if (entityTypes && (!type.startsWith('ID') || entityTypes.some((x) => !(ENTITY_TYPES as readonly string[]).includes(x))))
        throw new Error(`${file}: param ${p[1]} names entity types it cannot take: ${p[3]}`);
      const [zh, en] = (p[5] ?? '').split('|').map((x) => x.trim() || null);
      params.push({
        name: p[1],
        type,
        default: parseDefault(type, p[4], file, p[1]),
        description: zh ?? null,
        descriptionEn: en ?? zh ?? null,
        entityTypes: entityTypes as EntityType[] | null,
      });
    } else fields[key] = value.trim();
  }
  const cypher = lines.slice(i).join('\n').trim();
  for (const k of ['name', 'title', 'titleEn', 'description', 'descriptionEn'])
    if (!fields[k]) throw new Error(`${file}: header lacks "${k}"`);
  if (!cypher) throw new Error(`${file}: no Cypher after the header`);
  const { name, title, titleEn, description, descriptionEn } = fields;
  return { name, title, titleEn, description, descriptionEn, params, cypher };
}

export function loadSavedQueries(dir: string): SavedQuery[] {
  if (!fs.existsSync(dir)) return [];
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.cypher'));
  const base = files.filter((f) => f.split('.').length === 2).sort();
  return base.map((f) => {
    const q = parseFile(fs.readFileSync(path.join(dir, f), 'utf8'), f);
    if (`${q.name}.cypher` !== f) throw new Error(`${f}: name "${q.name}" must match the file name`);
    const variants: Partial<Record<Engine, string>> = {};
    for (const engine of ['embedded', 'neo4j'] as const) {
      const vf = path.join(dir, `${q.name}.${engine}.cypher`);
      if (fs.existsSync(vf)) variants[engine] = parseFile(fs.readFileSync(vf, 'utf8'), path.basename(vf)).cypher;
    }
    return { ...q, variants };
  });
}

/** Bounds of a value: ints within ±1e9 (a LIMIT-like one at least 1), strings and lists of a sane size. */
const MAX_INT = 1_000_000_000;
const MAX_STRING = 1000;
const MAX_LIST = 1000;

/** A real calendar day: `2023-02-31` is not one (Date.parse would roll it over to March). */
function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function coerceInt(value: unknown, name: string): number | null {
  const n = typeof value === 'string' && /^-?\d{1,16}$/.test(value.trim()) ? Number(value) : value;
  if (!Number.isSafeInteger(n) || Math.abs(n as number) > MAX_INT) return null;
  // A limit of none or fewer rows is a mistake, not a query.
  return /limit$/i.test(name) && (n as number) < 1 ? null : (n as number);
}

const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.trim() !== '' && v.length <= max;

function coerce(type: ParamType, value: unknown, name: string): unknown {
  const fail = (): never => {
    const bounds = type !== 'INT' ? '' : /limit$/i.test(name) ? ` from 1 to ${MAX_INT}` : ` within ±${MAX_INT}`;
    throw badInput(`parameter "${name}" must be of type ${type}${bounds}`, { param: name, expected: type });
  };
  switch (type) {
    case 'STRING':
    case 'ID':
      return isText(value, MAX_STRING) ? value : fail();
    case 'INT':
      return coerceInt(value, name) ?? fail();
    case 'FLOAT':
      if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
      return typeof value === 'number' && Number.isFinite(value) ? value : fail();
    case 'BOOLEAN':
      if (value === 'true' || value === 'false') return value === 'true';
      return typeof value === 'boolean' ? value : fail();
    case 'DATE':
      return typeof value === 'string' && isCalendarDate(value) ? value : fail();
    case 'ENTITY_TYPE':
      return typeof value === 'string' && (ENTITY_TYPES as readonly string[]).includes(value) ? value : fail();
    case 'STRING_LIST':
    case 'ID_LIST':
      return Array.isArray(value) && value.length <= MAX_LIST && value.every((v) => isText(v, MAX_STRING)) ? value : fail();
  }
}

/**
 * Checks and coerces the caller's parameters; unknown names and wrong types are BAD_USER_INPUT. A
 * parameter left out (or null) takes its default; one sent explicitly is checked as sent, so an
 * empty string is BAD_USER_INPUT rather than quietly the default.
 */
export function bindParams(q: SavedQuery, given: unknown): Record<string, unknown> {
  if (given !== null && given !== undefined && (typeof given !== 'object' || Array.isArray(given))) {
    throw badInput('params must be an object of parameter values', { argument: 'params' });
  }
  const values = (given ?? {}) as Record<string, unknown>;
  for (const k of Object.keys(values)) {
    if (!q.params.some((p) => p.name === k)) throw badInput(`unknown parameter "${k}" for query ${q.name}`, { param: k });
  }
  const out: Record<string, unknown> = {};
  for (const p of q.params) {
    const v = values[p.name];
    if (v === undefined || v === null) {
      if (p.default === null) throw badInput(`parameter "${p.name}" is required`, { param: p.name });
      out[p.name] = p.default;
    } else out[p.name] = coerce(p.type, v, p.name);
  }
  return out;
}

export function findSavedQuery(queries: SavedQuery[], name: string): SavedQuery {
  const q = queries.find((x) => x.name === name);
  if (!q) throw notFound(`no saved query named "${name}"`, { name });
  return q;
}

export function cypherFor(q: SavedQuery, engine: Engine): string {
  return q.variants[engine] ?? q.cypher;
}
