/**
 * Checks the curated facts in seed/facts/*.yaml against the source documents.
 *
 *   npx tsx seed/check-quotes.ts
 *
 * - every source quote is a verbatim substring of normaliseText(seed/sources/<document>)
 * - ids are unique; every relation's from/to is an existing id
 * - no duplicate relation (type, from, to, role, kind, topic) — the same key the model's relationId uses
 * - types / kinds / dates are well-formed; inferred facts carry a reason; relations have sources
 * Prints every problem as `file#index field: message` and exits 1 if there is any.
 * Warnings (e.g. an enterprise without a chain segment) are printed but do not fail the check.
 *
 * File roles by name: documents.yaml, relations*.yaml, everything else is a list of entities.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { normaliseText } from './normalise';

const SEED = resolve(process.argv[2] ?? join(process.cwd(), 'seed'));
const FACTS = join(SEED, 'facts');
const SOURCES = join(SEED, 'sources');

const ENTITY_TYPES = [
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
];
const RELATION_TYPES = [
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
];
const ENTITY_KINDS: Record<string, string[]> = {
  Alliance: ['industry_alliance', 'chamber_of_commerce', 'industry_association', 'party_alliance', 'council', 'committee', 'chain'],
  Government: ['party_committee', 'government', 'agency', 'customs', 'congress', 'media'],
  Park: ['biomedicine', 'other'],
  Region: ['city', 'district', 'town', 'subdistrict'],
  Event: ['forum', 'salon', 'meeting', 'ceremony'],
  Hospital: ['hospital', 'community_health', 'specialist'],
};
const RELATION_KINDS: Record<string, string[]> = {
  SIGNED: ['agreement', 'investment_intent', 'co_building', 'memorandum'],
  ORGANISES: ['host', 'co_host'],
};
const SEGMENT_IDS = [
  'seg-rd-services',
  'seg-raw-materials',
  'seg-equipment',
  'seg-chemical-drugs',
  'seg-biologics',
  'seg-tcm',
  'seg-medical-devices',
  'seg-ivd',
  'seg-cell-gene-therapy',
  'seg-distribution',
  'seg-medical-services',
  'seg-health-management',
];
/** Endpoint constraints that are cheap to check: [allowed from types | null, allowed to types | null]. */
const ENDPOINTS: Record<string, [string[] | null, string[] | null]> = {
  IN_SEGMENT: [['Enterprise', 'Hospital'], ['ChainSegment']],
  SERVES_IN: [['Person'], null],
  AFFILIATED_WITH: [['Hospital'], ['University']],
  PARTICIPATES_IN: [null, ['Event']],
  LOCATED_IN: [null, ['Region', 'Park', 'Alliance', 'Government']],
};
const ID_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DATE_RE = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/;

type Obj = Record<string, unknown>;
const problems: string[] = [];
const warnings: string[] = [];
const problem = (where: string, field: string, msg: string): void => {
  problems.push(`${where} ${field}: ${msg}`);
};

const docText = new Map<string, string>();
function normalisedDoc(name: string): string | undefined {
  if (!docText.has(name)) {
    const p = join(SOURCES, name);
    if (!existsSync(p)) return undefined;
    docText.set(name, normaliseText(readFileSync(p, 'utf8')));
  }
  return docText.get(name);
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

function checkSources(where: string, v: unknown, allowEmpty: boolean): void {
  if (!Array.isArray(v)) return problem(where, 'sources', 'missing (must be a list)');
  if (v.length === 0 && !allowEmpty) problem(where, 'sources', 'empty');
  v.forEach((s, i) => {
    const f = `sources[${i}]`;
    if (!isObj(s)) return problem(where, f, 'not a {document, quote} mapping');
    const doc = str(s.document);
    const quote = str(s.quote);
    if (!doc) return problem(where, `${f}.document`, 'missing');
    if (!quote) return problem(where, `${f}.quote`, 'missing');
    const text = normalisedDoc(doc);
    if (text === undefined) return problem(where, `${f}.document`, `no such source file ${doc}`);
    if (!text.includes(quote)) problem(where, `${f}.quote`, `not a verbatim substring of normalised ${doc}: "${quote}"`);
  });
}

function checkDate(where: string, v: unknown): void {
  if (v === undefined || v === null) return;
  if (typeof v !== 'string' || !DATE_RE.test(v))
    problem(where, 'date', `must be 'YYYY-MM-DD' (or YYYY / YYYY-MM) as a string or null, got ${String(v)}`);
}

function load(file: string): unknown[] {
  const data: unknown = parse(readFileSync(join(FACTS, file), 'utf8'));
  if (data == null) return [];
  if (!Array.isArray(data)) {
    problem(file, '(file)', 'top level must be a list');
    return [];
  }
  return data;
}

const files = readdirSync(FACTS)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();
const entities = new Map<string, { type: string; where: string }>();

// documents
for (const file of files.filter((f) => /^documents\.ya?ml$/.test(f))) {
  load(file).forEach((d, i) => {
    const where = `${file}#${i}`;
    if (!isObj(d)) return problem(where, '(entry)', 'not a mapping');
    const f = str(d.file);
    if (!f) problem(where, 'file', 'missing');
    else if (!existsSync(join(SOURCES, f))) problem(where, 'file', `no such source file ${f}`);
    if (!str(d.title)) problem(where, 'title', 'missing');
    if (!('date' in d)) problem(where, 'date', 'missing (use null when unknown)');
    checkDate(where, d.date);
  });
}

// entities
for (const file of files.filter((f) => !/^documents\.ya?ml$/.test(f) && !/^relations/.test(f))) {
  load(file).forEach((e, i) => {
    const where = `${file}#${i}`;
    if (!isObj(e)) return problem(where, '(entry)', 'not a mapping');
    const id = str(e.id);
    const type = str(e.type);
    if (!id) return problem(where, 'id', 'missing');
    const at = `${where}(${id})`;
    if (!ID_RE.test(id)) problem(at, 'id', 'must be ascii kebab-case');
    if (entities.has(id)) problem(at, 'id', `duplicate of ${entities.get(id)!.where}`);
    if (!type || !ENTITY_TYPES.includes(type)) problem(at, 'type', `unknown entity type ${String(e.type)}`);
    if (!str(e.name)) problem(at, 'name', 'missing');
    if (e.aliases !== undefined && (!Array.isArray(e.aliases) || e.aliases.some((a) => !str(a))))
      problem(at, 'aliases', 'must be a list of non-empty strings');
    if (e.kind !== undefined && type && ENTITY_KINDS[type] && !ENTITY_KINDS[type].includes(String(e.kind)))
      problem(at, 'kind', `unknown ${type} kind ${String(e.kind)}`);
    if (type === 'ChainSegment') {
      if (!SEGMENT_IDS.includes(id)) problem(at, 'id', 'not one of the reference chain segment ids');
      if (!['upstream', 'midstream', 'downstream'].includes(String(e.tier))) problem(at, 'tier', 'must be upstream|midstream|downstream');
      if (!Number.isInteger(e.order)) problem(at, 'order', 'must be an integer');
    }
    if (type === 'Event') checkDate(at, e.date);
    checkSources(at, e.sources, type === 'ChainSegment');
    entities.set(id, { type: type ?? '?', where });
  });
}
for (const seg of SEGMENT_IDS) if (!entities.has(seg)) problem('chain', seg, 'reference chain segment missing');

// relations
const relKeys = new Map<string, string>();
const segmentsOf = new Map<string, number>();
for (const file of files.filter((f) => /^relations/.test(f))) {
  load(file).forEach((r, i) => {
    const where = `${file}#${i}`;
    if (!isObj(r)) return problem(where, '(entry)', 'not a mapping');
    const type = str(r.type);
    const from = str(r.from);
    const to = str(r.to);
    const at = `${where}(${type ?? '?'} ${from ?? '?'}→${to ?? '?'})`;
    if (!type || !RELATION_TYPES.includes(type)) problem(at, 'type', `unknown relation type ${String(r.type)}`);
    for (const [field, id] of [
      ['from', from],
      ['to', to],
    ] as const) {
      if (!id) problem(at, field, 'missing');
      else if (!entities.has(id)) problem(at, field, `unknown id ${id}`);
    }
    if (from && from === to) problem(at, 'to', 'relation to itself');
    if (type && ENDPOINTS[type] && from && to && entities.has(from) && entities.has(to)) {
      const [fromTypes, toTypes] = ENDPOINTS[type];
      const ft = entities.get(from)!.type;
      const tt = entities.get(to)!.type;
      if (fromTypes && !fromTypes.includes(ft)) problem(at, 'from', `${type} may not start at a ${ft}`);
      if (toTypes && !toTypes.includes(tt)) problem(at, 'to', `${type} may not end at a ${tt}`);
    }
    if (r.kind !== undefined && type && RELATION_KINDS[type] && !RELATION_KINDS[type].includes(String(r.kind)))
      problem(at, 'kind', `unknown ${type} kind ${String(r.kind)}`);
    if ((type === 'MEMBER_OF' || type === 'SERVES_IN') && !str(r.role)) problem(at, 'role', `required on ${type}`);
    if (type === 'SIGNED' && (!str(r.kind) || !str(r.topic))) problem(at, 'kind/topic', 'required on SIGNED');
    checkDate(at, r.date);
    if (r.inferred !== undefined && typeof r.inferred !== 'boolean') problem(at, 'inferred', 'must be true or false');
    if (r.inferred === true && !str(r.reason)) problem(at, 'reason', 'required when inferred: true');
    if (r.inferred !== true && r.reason !== undefined) problem(at, 'reason', 'only for inferred: true');
    checkSources(at, r.sources, false);
    const key = [type, from, to, r.role ?? '', r.kind ?? '', r.topic ?? ''].join('|');
    if (relKeys.has(key)) problem(at, '(relation)', `duplicate of ${relKeys.get(key)}`);
    else relKeys.set(key, where);
    if (type === 'IN_SEGMENT' && from) segmentsOf.set(from, (segmentsOf.get(from) ?? 0) + 1);
  });
}

for (const [id, e] of entities) {
  if (e.type !== 'Enterprise') continue;
  const n = segmentsOf.get(id) ?? 0;
  if (n === 0) warnings.push(`${e.where}(${id}): enterprise has no IN_SEGMENT`);
  if (n > 2) warnings.push(`${e.where}(${id}): enterprise has ${n} segments (expected 1–2)`);
}

const byType = new Map<string, number>();
for (const e of entities.values()) byType.set(e.type, (byType.get(e.type) ?? 0) + 1);
console.log(`${entities.size} entities (${[...byType].map(([t, n]) => `${t} ${n}`).join(', ')}), ${relKeys.size} relations`);
for (const w of warnings) console.log(`warning: ${w}`);
if (problems.length) {
  for (const p of problems) console.error(`problem: ${p}`);
  console.error(`${problems.length} problem(s)`);
  process.exit(1);
}
console.log('ok: all quotes verbatim, all ids resolve, no duplicate relations');
