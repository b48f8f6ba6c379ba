/**
 * A parsed sheet + a column mapping + lookups into the graph → what importing each row would do:
 * create, update (a credit code or a confident same-type match), possible duplicate (the user
 * decides) or error, with the entity draft, its placement and every issue found (row, column, value,
 * code). Pure: the graph is reached only through `ImportLookups`; each distinct place name is looked
 * up once and each row resolved once, so planning is linear in the rows.
 */
import { isValidCreditCode, type ImportField } from '../../shared/model/curation.js';
import {
  ENTITY_KIND_LABELS,
  ENTITY_LABELS,
  ENTITY_TYPES,
  ALL_ENTITY_KINDS,
  entityKindsOf,
  type EntityKind,
  type EntityType,
} from '../../shared/model/index.js';
import { CONFIDENT_MATCH, type EntityDraft, type NameMatch } from '../domain/curation/types.js';
import { badInput } from '../domain/errors.js';
import { toSimplified } from '../domain/text.js';
import {
  IMPORT_ISSUE_SEVERITY,
  type ImportIssueCode,
  type ImportLookups,
  type ImportPlan,
  type ParsedSheet,
  type PlaceRef,
  type RowAction,
  type RowIssue,
  type RowPlan,
  type SheetRow,
  type SheetWarning,
} from './types.js';
import { isPlaceholder, normaliseCreditCode, parseDate, parseHeadcount, parseWebsite, splitList, textKey } from './values.js';

/** Longest name, English name or alias taken. */
export const MAX_NAME_LENGTH = 100;
/** Longest other text taken (each list item on its own). */
export const MAX_TEXT_LENGTH = 500;
/** From this score a match is worth a person's look (below CONFIDENT_MATCH: possible duplicate). */
export const POSSIBLE_MATCH = 0.6;

const DEFAULT_TYPE: EntityType = 'Enterprise';

/** Type cells: codes, and the Chinese and English labels (each part of `联盟/商协会` too), case-insensitive. */
const TYPE_BY_TEXT = new Map<string, EntityType>();
for (const type of ENTITY_TYPES) {
  const { zh, en } = ENTITY_LABELS[type];
  for (const text of [type, en, zh, ...zh.split('/')]) TYPE_BY_TEXT.set(text.toLowerCase(), type);
}
/** Kind cells: codes and the Chinese and English labels. */
const KIND_BY_TEXT = new Map<string, EntityKind>();
for (const kind of ALL_ENTITY_KINDS) {
  const { zh, en } = ENTITY_KIND_LABELS[kind];
  for (const text of [kind, en, zh]) KIND_BY_TEXT.set(text.toLowerCase(), kind);
}

type PlaceKind = 'region' | 'park' | 'segment';
const UNKNOWN_PLACE: Record<PlaceKind, ImportIssueCode> = { region: 'UNKNOWN_REGION', park: 'UNKNOWN_PARK', segment: 'UNKNOWN_SEGMENT' };
const CARRIED_WARNINGS = new Set<string>(['FORMULA', 'MERGED_CELL', 'NUMBER_PRECISION']);

/** What planning keeps across rows: the mapping resolved to indexes, lookup caches, first rows by key. */
interface Context {
  columnOf: Map<ImportField, { column: string; index: number }>;
  fieldOf: Map<string, ImportField>;
  lookups: ImportLookups;
  places: Record<PlaceKind, Map<string, PlaceRef | null>>;
  warningsByRow: Map<number, SheetWarning[]>;
  firstByName: Map<string, number>;
  firstByCode: Map<string, number>;
  firstByTarget: Map<string, number>;
}

/** Collects one row's issues. */
class Issues {
  readonly list: RowIssue[] = [];
  constructor(
    private readonly row: number,
    private readonly ctx: Context,
  ) {}

  add(code: ImportIssueCode, field: ImportField | null, value: string | null, relatedRow: number | null = null): void {
    const column = field ? (this.ctx.columnOf.get(field)?.column ?? null) : null;
    this.list.push({ row: this.row, column, field, value, code, severity: IMPORT_ISSUE_SEVERITY[code], relatedRow });
  }

  get hasError(): boolean {
    return this.list.some((i) => i.severity === 'error');
  }
}

function contextOf(sheet: ParsedSheet, mapping: Record<string, ImportField | null>, lookups: ImportLookups): Context {
  const indexOf = new Map(sheet.columns.map((c, i) => [c, i]));
  const columnOf = new Map<ImportField, { column: string; index: number }>();
  const fieldOf = new Map<string, ImportField>();
  for (const [column, field] of Object.entries(mapping)) {
    if (field === null) continue;
    const index = indexOf.get(column);
    if (index === undefined) throw badInput(`The mapping names a column the file does not have: “${column}”.`, { column });
    const other = columnOf.get(field);
    if (other)
      throw badInput(`Two columns are mapped to ${field}: “${other.column}” and “${column}”.`, { field, columns: [other.column, column] });
    columnOf.set(field, { column, index });
    fieldOf.set(column, field);
  }
  const dataRows = new Set(sheet.rows.map((r) => r.row));
  const warningsByRow = new Map<number, SheetWarning[]>();
  for (const w of sheet.warnings) {
    if (!dataRows.has(w.row)) continue;
    const list = warningsByRow.get(w.row) ?? [];
    list.push(w);
    warningsByRow.set(w.row, list);
  }
  return {
    columnOf,
    fieldOf,
    lookups,
    places: { region: new Map(), park: new Map(), segment: new Map() },
    warningsByRow,
    firstByName: new Map(),
    firstByCode: new Map(),
    firstByTarget: new Map(),
  };
}

/** Traditional → simplified; printable ASCII is left as it is (the conversion is the costly step of a row). */
const simplified = (text: string): string => (/[^ -~\s]/.test(text) ? toSimplified(text) : text);

/** A place by name, asked once per distinct text (the text as typed, then its simplified form). */
function place(ctx: Context, kind: PlaceKind, text: string): PlaceRef | null {
  const cache = ctx.places[kind];
  if (cache.has(text)) return cache.get(text) ?? null;
  const plain = simplified(text);
  const found = ctx.lookups[kind](text) ?? (plain !== text ? ctx.lookups[kind](plain) : null);
  cache.set(text, found);
  return found;
}

/** The cell of a mapped field, trimmed; null when unmapped, empty or a placeholder (`-`, `无`, `不详` …). */
function cellOf(ctx: Context, row: SheetRow, field: ImportField): string | null {
  const at = ctx.columnOf.get(field);
  if (!at) return null;
  const text = row.cells[at.index]?.trim() ?? '';
  return text === '' || isPlaceholder(text) ? null : text;
}

/** Text fields: as given, TOO_LONG past the limit. */
function text(ctx: Context, row: SheetRow, field: ImportField, issues: Issues, max = MAX_TEXT_LENGTH): string | null {
  const value = cellOf(ctx, row, field);
  if (value !== null && value.length > max) issues.add('TOO_LONG', field, value);
  return value;
}

/** List fields: split on 、,，;；/, deduplicated; each item TOO_LONG past the limit. */
function list(ctx: Context, row: SheetRow, field: ImportField, issues: Issues, max = MAX_TEXT_LENGTH): string[] {
  const value = cellOf(ctx, row, field);
  if (value === null) return [];
  const items = splitList(simplified(value), textKey);
  for (const item of items) if (item.length > max) issues.add('TOO_LONG', field, item);
  return items;
}

function typeAndKind(ctx: Context, row: SheetRow, issues: Issues): { type: EntityType; kind: EntityKind | null } {
  const typeText = cellOf(ctx, row, 'type');
  let type = DEFAULT_TYPE;
  if (typeText !== null) {
    const found = TYPE_BY_TEXT.get(typeText.toLowerCase());
    if (found) type = found;
    else issues.add('UNKNOWN_TYPE', 'type', typeText);
  }
  const kindText = cellOf(ctx, row, 'kind');
  if (kindText === null) return { type, kind: null };
  const kind = KIND_BY_TEXT.get(kindText.toLowerCase()) ?? null;
  if (kind === null || !entityKindsOf(type).includes(kind)) {
    issues.add('UNKNOWN_KIND', 'kind', kindText);
    return { type, kind: null };
  }
  return { type, kind };
}

/** The name, simplified, and the key repeats are found by. */
function nameOf(ctx: Context, row: SheetRow, issues: Issues): { name: string; key: string } | null {
  const raw = cellOf(ctx, row, 'name');
  if (raw === null) {
    issues.add('REQUIRED', 'name', null);
    return null;
  }
  if (raw.length > MAX_NAME_LENGTH) issues.add('TOO_LONG', 'name', raw);
  const name = simplified(raw).replace(/\s+/g, ' ');
  return { name, key: textKey(name) };
}

/** Profile fields: each parsed, or an issue naming the cell. Only fields the row fills are set. */
function profile(ctx: Context, row: SheetRow, issues: Issues): Partial<EntityDraft> {
  const draft: Partial<EntityDraft> = {};
  const nameEn = text(ctx, row, 'nameEn', issues, MAX_NAME_LENGTH);
  if (nameEn !== null) draft.nameEn = nameEn.replace(/\s+/g, ' ');
  const code = cellOf(ctx, row, 'creditCode');
  if (code !== null) {
    const normalised = normaliseCreditCode(code);
    if (isValidCreditCode(normalised)) draft.creditCode = normalised;
    else issues.add('BAD_CREDIT_CODE', 'creditCode', code);
  }
  const founded = cellOf(ctx, row, 'founded');
  if (founded !== null) {
    const date = parseDate(founded);
    if (date !== null) draft.founded = date;
    else issues.add('BAD_DATE', 'founded', founded);
  }
  const headcount = cellOf(ctx, row, 'headcount');
  if (headcount !== null) {
    const n = parseHeadcount(headcount);
    if (n !== null) draft.headcount = n;
    else issues.add('BAD_NUMBER', 'headcount', headcount);
  }
  const website = text(ctx, row, 'website', issues);
  if (website !== null) {
    const url = parseWebsite(website);
    if (url !== null) draft.website = url;
    else issues.add('BAD_URL', 'website', website);
  }
  for (const field of ['registeredCapital', 'address', 'contact', 'description'] as const) {
    const value = text(ctx, row, field, issues);
    if (value !== null) draft[field] = value;
  }
  for (const field of ['qualifications', 'products'] as const) {
    const items = list(ctx, row, field, issues);
    if (items.length > 0) draft[field] = items;
  }
  return draft;
}

function placement(ctx: Context, row: SheetRow, issues: Issues): RowPlan['placement'] {
  const one = (kind: 'region' | 'park') => {
    const value = cellOf(ctx, row, kind);
    if (value === null) return null;
    const found = place(ctx, kind, value);
    if (!found) issues.add(UNKNOWN_PLACE[kind], kind, value);
    return found?.id ?? null;
  };
  const region = one('region');
  const park = one('park');
  const segments: string[] = [];
  const segmentText = cellOf(ctx, row, 'segment');
  for (const item of segmentText === null ? [] : splitList(segmentText)) {
    const found = place(ctx, 'segment', item);
    if (!found) issues.add('UNKNOWN_SEGMENT', 'segment', item);
    else if (!segments.includes(found.id)) segments.push(found.id);
  }
  return { region, park, segments };
}

/** The warnings the sheet found in this row's mapped cells. */
function carriedWarnings(ctx: Context, row: SheetRow, issues: Issues): void {
  for (const w of ctx.warningsByRow.get(row.row) ?? []) {
    const field = w.column === null ? undefined : ctx.fieldOf.get(w.column);
    if (field && CARRIED_WARNINGS.has(w.code)) issues.add(w.code as ImportIssueCode, field, w.value);
  }
}

/** The existing entity the row would update, or may duplicate, by the action rules. */
function decideMatch(matches: NameMatch[], type: EntityType): { action: RowAction; match: NameMatch | null } {
  let byCode: NameMatch | null = null;
  let best: NameMatch | null = null;
  let bestSameType: NameMatch | null = null;
  for (const m of matches) {
    if (m.reason === 'CREDIT_CODE' && (!byCode || m.score > byCode.score)) byCode = m;
    if (!best || m.score > best.score || (m.score === best.score && m.type === type && best.type !== type)) best = m;
    if (m.type === type && (!bestSameType || m.score > bestSameType.score)) bestSameType = m;
  }
  if (byCode) return { action: 'update', match: byCode };
  if (bestSameType && bestSameType.score >= CONFIDENT_MATCH) return { action: 'update', match: bestSameType };
  if (best && best.score >= POSSIBLE_MATCH) return { action: 'possible_duplicate', match: best };
  return { action: 'create', match: null };
}

/** DUPLICATE_IN_FILE against earlier rows (same credit code, same type and normalised name, same entity updated). */
function duplicates(ctx: Context, row: number, draft: EntityDraft, nameKey: string | null, target: string | null, issues: Issues): void {
  const firstWins = (map: Map<string, number>, key: string): number | null => {
    const first = map.get(key);
    if (first === undefined) map.set(key, row);
    return first ?? null;
  };
  const byCode = draft.creditCode ? firstWins(ctx.firstByCode, draft.creditCode) : null;
  const byName = nameKey !== null ? firstWins(ctx.firstByName, `${draft.type}|${nameKey}`) : null;
  const byTarget = target ? firstWins(ctx.firstByTarget, target) : null;
  if (byCode !== null) issues.add('DUPLICATE_IN_FILE', 'creditCode', draft.creditCode ?? null, byCode);
  else if (byName !== null) issues.add('DUPLICATE_IN_FILE', 'name', draft.name, byName);
  else if (byTarget !== null) issues.add('DUPLICATE_IN_FILE', 'name', draft.name, byTarget);
}

function planRow(ctx: Context, row: SheetRow): RowPlan {
  const issues = new Issues(row.row, ctx);
  const named = nameOf(ctx, row, issues);
  const { type, kind } = typeAndKind(ctx, row, issues);
  const draft: EntityDraft = { type, name: named?.name ?? '' };
  if (kind) draft.kind = kind;
  if (named !== null) {
    const aliases = list(ctx, row, 'aliases', issues, MAX_NAME_LENGTH).filter((a) => textKey(a) !== named.key);
    if (aliases.length > 0) draft.aliases = aliases;
  }
  Object.assign(draft, profile(ctx, row, issues));
  const where = placement(ctx, row, issues);
  const note = text(ctx, row, 'note', issues);
  carriedWarnings(ctx, row, issues);

  const decided =
    named === null
      ? { action: 'create' as RowAction, match: null }
      : decideMatch(ctx.lookups.resolve({ name: named.name, type, creditCode: draft.creditCode ?? null }), type);
  duplicates(ctx, row.row, draft, named?.key ?? null, decided.action === 'update' ? (decided.match?.id ?? null) : null, issues);
  if (decided.action === 'possible_duplicate' && decided.match) issues.add('POSSIBLE_DUPLICATE', 'name', decided.match.name);
  const action: RowAction = issues.hasError ? 'error' : decided.action;
  return { row: row.row, action, draft, placement: where, match: decided.match, note, issues: issues.list };
}

export function planImport(sheet: ParsedSheet, mapping: Record<string, ImportField | null>, lookups: ImportLookups): ImportPlan {
  const ctx = contextOf(sheet, mapping, lookups);
  const rows = sheet.rows.map((row) => planRow(ctx, row));
  const totals = { rows: rows.length, create: 0, update: 0, possibleDuplicate: 0, error: 0, warnings: 0 };
  for (const r of rows) {
    if (r.action === 'create') totals.create++;
    else if (r.action === 'update') totals.update++;
    else if (r.action === 'possible_duplicate') totals.possibleDuplicate++;
    else totals.error++;
    for (const i of r.issues) if (i.severity === 'warning') totals.warnings++;
  }
  const dataRows = new Set(sheet.rows.map((r) => r.row));
  return {
    rows,
    totals,
    missingFields: ctx.columnOf.has('name') ? [] : ['name'],
    sheetWarnings: sheet.warnings.filter((w) => !dataRows.has(w.row)),
  };
}
