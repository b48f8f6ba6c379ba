/**
 * The store side of an import: an uploaded file is parsed and kept (ImportFile, a day at most, only
 * its uploader may use it); a dry run plans it against the graph with the person's mapping and
 * decisions; applying re-plans and writes everything as ONE change set (kind IMPORT: revertible as a
 * whole), or nothing when any row is still in error or undecided.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { ImportDecision, ImportField } from '../../shared/model/curation.js';
import { IMPORT_FIELDS } from '../../shared/model/curation.js';
import { commitChange, type Committed } from '../domain/curation/changes.js';
import { withSource } from '../domain/curation/entities.js';
import { nameIndexAt } from '../domain/curation/name-index.js';
import type { NameIndex } from '../domain/curation/resolution.js';
import { readEntities, existingRelationIds, type EntityRecord } from '../domain/curation/rows.js';
import { requireAllInScope } from '../domain/curation/scope.js';
import type { ChangeAuthor, EntityDraft } from '../domain/curation/types.js';
import { badInput, notFound } from '../domain/errors.js';
import { relationId, type RelationType } from '../domain/model.js';
import { searchForm } from '../domain/text.js';
import { decodeStrings } from '../domain/records.js';
import type { GraphStore } from '../store/types.js';
import { suggestMapping } from './mapping.js';
import { planImport } from './plan.js';
import type { ImportLookups, ImportPlan, ParsedSheet, PlaceRef, RowPlan } from './types.js';

const KEEP_MS = 24 * 3600 * 1000;

export interface StoredImportFile {
  id: string;
  fileName: string;
  createdBy: string;
  createdAt: string;
  sheet: ParsedSheet;
}

/** Keeps a parsed file for its uploader; files older than a day are removed first. */
export async function saveImportFile(
  store: GraphStore,
  fileName: string,
  sheet: ParsedSheet,
  createdBy: string,
): Promise<StoredImportFile> {
  const now = new Date();
  await store.write('MATCH (f:ImportFile) WHERE f.createdAt < $cutoff DELETE f', {
    cutoff: new Date(now.getTime() - KEEP_MS).toISOString(),
  });
  const file: StoredImportFile = {
    id: `imp-${randomBytes(8).toString('hex')}`,
    fileName: fileName.slice(0, 200),
    createdBy,
    createdAt: now.toISOString(),
    sheet,
  };
  await store.write(
    'CREATE (:ImportFile {id: $id, fileName: $fileName, createdBy: $createdBy, createdAt: $createdAt, format: $format, encoding: $encoding, ' +
      'sheetName: $sheetName, columns: $columns, rows: $rows, warnings: $warnings})',
    {
      id: file.id,
      fileName: file.fileName,
      createdBy,
      createdAt: file.createdAt,
      format: sheet.format,
      encoding: sheet.encoding,
      sheetName: sheet.sheetName,
      columns: JSON.stringify(sheet.columns),
      rows: JSON.stringify(sheet.rows),
      warnings: JSON.stringify(sheet.warnings),
    },
    { operation: 'save import file' },
  );
  return file;
}

/** The caller's uploaded file; someone else's, or an expired one, is NOT_FOUND. */
export async function loadImportFile(store: GraphStore, id: string, username: string): Promise<StoredImportFile> {
  const [r] = await store.read(
    'MATCH (f:ImportFile {id: $id}) RETURN f.fileName AS fileName, f.createdBy AS createdBy, f.createdAt AS createdAt, f.format AS format, ' +
      'f.encoding AS encoding, f.sheetName AS sheetName, f.columns AS columns, f.rows AS rows, f.warnings AS warnings',
    { id: String(id).slice(0, 100) },
    { operation: 'load import file' },
  );
  if (!r || r.createdBy !== username || Date.parse(String(r.createdAt)) < Date.now() - KEEP_MS) {
    throw notFound('that upload is gone (older than a day, or not yours): upload the file again', { argument: 'file' });
  }
  return {
    id,
    fileName: String(r.fileName),
    createdBy: String(r.createdBy),
    createdAt: String(r.createdAt),
    sheet: {
      format: r.format === 'xlsx' ? 'xlsx' : 'csv',
      encoding: (r.encoding as string | null) ?? null,
      sheetName: (r.sheetName as string | null) ?? null,
      columns: JSON.parse(String(r.columns)) as string[],
      rows: JSON.parse(String(r.rows)) as ParsedSheet['rows'],
      warnings: JSON.parse(String(r.warnings)) as ParsedSheet['warnings'],
    },
  };
}

const mappingKey = (username: string, columns: string[]) =>
  `import-mapping:${username}:${createHash('sha256').update(JSON.stringify(columns)).digest('hex').slice(0, 16)}`;

/** The mapping this user last applied for these headers, if any. */
export async function savedMapping(
  store: GraphStore,
  username: string,
  columns: string[],
): Promise<Record<string, ImportField | null> | null> {
  const [r] = await store.read('MATCH (m:AppMeta {key: $key}) RETURN m.value AS value', { key: mappingKey(username, columns) });
  if (!r) return null;
  try {
    const m = JSON.parse(String(r.value)) as Record<string, ImportField | null>;
    return Object.fromEntries(columns.map((c) => [c, m[c] && (IMPORT_FIELDS as readonly string[]).includes(m[c]) ? m[c] : null]));
  } catch {
    return null;
  }
}

export async function mappingFor(
  store: GraphStore,
  username: string,
  columns: string[],
): Promise<{ mapping: Record<string, ImportField | null>; saved: boolean }> {
  const saved = await savedMapping(store, username, columns);
  return saved ? { mapping: saved, saved: true } : { mapping: suggestMapping(columns), saved: false };
}

/** Place names as people write them: with or without 上海(市), with or without 区/镇/街道. */
function placeKeys(name: string): string[] {
  const n = searchForm(name).replace(/[()（）]/g, '');
  const bare = n.replace(/^上海市?/, '');
  const keys = new Set([n, bare]);
  const stem = bare.replace(/(新区|区|镇|街道|园区|产业园)$/, '');
  if (stem.length >= 2) keys.add(stem);
  return [...keys].filter(Boolean);
}

/** Lookups into the graph as it is now: places by name or alias, names through the resolution index. */
export async function storeLookups(store: GraphStore, index: NameIndex): Promise<ImportLookups> {
  const rows = await store.read(
    "MATCH (n:Entity) WHERE n.type IN ['Region', 'Park', 'ChainSegment'] RETURN n.id AS id, n.type AS type, n.name AS name, n.aliases AS aliases, n.nameEn AS nameEn",
    {},
    { operation: 'import places' },
  );
  const places: Record<string, Map<string, PlaceRef>> = { Region: new Map(), Park: new Map(), ChainSegment: new Map() };
  for (const r of rows) {
    const ref = { id: String(r.id), name: String(r.name) };
    const names = [ref.name, ...decodeStrings(r.aliases), ...(r.nameEn ? [String(r.nameEn)] : [])];
    // A segment named "研发服务/CRO" is also found as 研发服务 and as CRO (a list cell splits on '/').
    if (r.type === 'ChainSegment') names.push(...names.flatMap((n) => n.split('/').map((p) => p.trim())).filter((p) => p.length >= 2));
    for (const n of names) for (const k of placeKeys(n)) if (!places[String(r.type)].has(k)) places[String(r.type)].set(k, ref);
  }
  const find = (type: string) => (name: string) => {
    for (const k of placeKeys(name)) {
      const hit = places[type].get(k);
      if (hit) return hit;
    }
    return null;
  };
  return {
    region: find('Region'),
    park: find('Park'),
    segment: find('ChainSegment'),
    resolve: (input) => index.resolve(input, 3),
  };
}

export interface Decision {
  row: number;
  decision: ImportDecision;
  target?: string | null;
}

/** A row with the person's decision applied: what applying will do with it. */
export interface DecidedRow extends RowPlan {
  decision: ImportDecision | null;
  /** create / update (target) / skip, or null while it is in error or undecided. */
  effective: { action: 'create' } | { action: 'update'; target: string } | { action: 'skip' } | null;
  /** The fields an update changes. */
  changes: string[];
}

export interface DecidedPlan {
  file: StoredImportFile;
  plan: ImportPlan;
  rows: DecidedRow[];
  totals: ImportPlan['totals'] & { skip: number };
  canApply: boolean;
  /** The entities updates touch, as they are now. */
  targets: Map<string, EntityRecord>;
  /** Update targets already located somewhere (a row's region or park is then not added), and their segments. */
  placed: Set<string>;
  segmentsOf: Map<string, Set<string>>;
}

/**
 * What a row's placement adds to an entity (`placed`: it has a location already, which is kept —
 * an updated 思路迪 in its park must not gain a looser 位于 闵行区): LOCATED_IN its park, else region,
 * and IN_SEGMENT the segments it is not in.
 */
function placementOf(row: RowPlan, placed: boolean, segments: Set<string>): [RelationType, string][] {
  const at = row.placement.park ?? row.placement.region;
  const out: [RelationType, string][] = [];
  if (at && !placed) out.push(['LOCATED_IN', at]);
  if (['Enterprise', 'Hospital'].includes(row.draft.type)) {
    for (const s of row.placement.segments) if (!segments.has(s)) out.push(['IN_SEGMENT', s]);
  }
  return out;
}

const PROFILE_KEYS = [
  'nameEn',
  'kind',
  'description',
  'creditCode',
  'registeredCapital',
  'founded',
  'address',
  'website',
  'contact',
  'headcount',
] as const;
const LIST_KEYS = ['aliases', 'qualifications', 'products'] as const;

/** What an update from `draft` sets on `current`: fields the row fills that differ; list items added. */
function updateFields(current: EntityRecord, draft: EntityDraft): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of PROFILE_KEYS) {
    const v = draft[k];
    if (v !== undefined && v !== null && v !== '' && v !== current[k]) out[k] = v;
  }
  for (const k of LIST_KEYS) {
    const have = decodeStrings(current[k]);
    const extra = [...(draft[k] ?? []), ...(k === 'aliases' && draft.name && draft.name !== current.name ? [draft.name] : [])].filter(
      (x) => !have.includes(x) && x !== current.name,
    );
    if (extra.length) out[k] = [...have, ...new Set(extra)];
  }
  return out;
}

function checkDecisions(decisions: Decision[], rows: RowPlan[]): Map<number, Decision> {
  if (decisions.length > 50_000) throw badInput('too many decisions', { argument: 'decisions' });
  const known = new Set(rows.map((r) => r.row));
  const out = new Map<number, Decision>();
  for (const d of decisions) {
    if (!known.has(d.row)) throw badInput(`decisions: no row ${d.row} in the file`, { argument: 'decisions', row: d.row });
    if (d.decision === 'update' && !d.target)
      throw badInput(`decisions: row ${d.row} updates which entity? (target)`, { argument: 'decisions', row: d.row });
    out.set(d.row, d);
  }
  return out;
}

/** The dry run: the plan with the person's decisions, and whether applying would write it all. */
/**
 * Dry runs kept per store for the graph as it is (its version is part of the key): applying right
 * after the dry run the person reviewed reuses it instead of planning 10,000 rows again, and any
 * change to the graph in between makes it plan afresh.
 */
const planCache = new WeakMap<GraphStore, Map<string, DecidedPlan>>();
const PLANS_KEPT = 8;

export async function decidePlan(
  store: GraphStore,
  input: { file: string; username: string; mapping: Record<string, ImportField | null>; decisions: Decision[] },
): Promise<DecidedPlan> {
  const { index, version } = await nameIndexAt(store);
  const key = JSON.stringify([input.file, input.username, input.mapping, input.decisions, version]);
  let cache = planCache.get(store);
  if (!cache) planCache.set(store, (cache = new Map()));
  const hit = cache.get(key);
  if (hit && Date.parse(hit.file.createdAt) >= Date.now() - KEEP_MS) return hit;
  const planned = await planAfresh(store, input, index);
  cache.set(key, planned);
  if (cache.size > PLANS_KEPT) cache.delete(cache.keys().next().value!);
  return planned;
}

async function planAfresh(
  store: GraphStore,
  input: { file: string; username: string; mapping: Record<string, ImportField | null>; decisions: Decision[] },
  index: NameIndex,
): Promise<DecidedPlan> {
  const file = await loadImportFile(store, input.file, input.username);
  const plan = planImport(file.sheet, input.mapping, await storeLookups(store, index));
  const decisions = checkDecisions(input.decisions, plan.rows);
  const targetIds = new Set<string>();
  for (const r of plan.rows) {
    const d = decisions.get(r.row);
    const t = d?.decision === 'update' ? d.target : r.action === 'update' ? r.match?.id : null;
    if (t) targetIds.add(t);
  }
  const found = await store.read(
    'UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN n.id AS id, n.type AS type, n.name AS name, n.version AS version, n.aliases AS aliases, ' +
      'n.qualifications AS qualifications, n.products AS products, ' +
      PROFILE_KEYS.map((k) => `n.${k} AS ${k}`).join(', '),
    { ids: [...targetIds] },
    { operation: 'import targets' },
  );
  const targets = new Map(found.map((r) => [String(r.id), { ...r, version: Number(r.version ?? 0) } as EntityRecord]));
  const ids = [...targetIds];
  const placed = new Set(
    (
      await store.read(
        'UNWIND $ids AS id MATCH (n:Entity {id: id})-[:LOCATED_IN]->() RETURN DISTINCT n.id AS id',
        { ids },
        { operation: 'import targets' },
      )
    ).map((r) => String(r.id)),
  );
  const segmentsOf = new Map<string, Set<string>>();
  for (const r of await store.read(
    'UNWIND $ids AS id MATCH (n:Entity {id: id})-[:IN_SEGMENT]->(s:Entity) RETURN n.id AS id, s.id AS segment',
    { ids },
    {
      operation: 'import targets',
    },
  )) {
    const set = segmentsOf.get(String(r.id));
    if (set) set.add(String(r.segment));
    else segmentsOf.set(String(r.id), new Set([String(r.segment)]));
  }
  const totals = { ...plan.totals, create: 0, update: 0, possibleDuplicate: 0, error: 0, skip: 0 };
  const rows: DecidedRow[] = plan.rows.map((r) => {
    const d = decisions.get(r.row) ?? null;
    let effective: DecidedRow['effective'] = null;
    if (d?.decision === 'skip') effective = { action: 'skip' };
    else if (r.action !== 'error') {
      if (d?.decision === 'create') effective = { action: 'create' };
      else if (d?.decision === 'update') effective = { action: 'update', target: d.target! };
      else if (r.action === 'create') effective = { action: 'create' };
      else if (r.action === 'update' && r.match) effective = { action: 'update', target: r.match.id };
    }
    if (effective?.action === 'update' && !targets.has(effective.target)) {
      throw badInput(`decisions: row ${r.row}: no entity ${effective.target}`, { argument: 'decisions', row: r.row });
    }
    const changes =
      effective?.action === 'update'
        ? [
            ...Object.keys(updateFields(targets.get(effective.target)!, r.draft)),
            // Placement it adds, named by the import field it came from.
            ...placementOf(r, placed.has(effective.target), segmentsOf.get(effective.target) ?? new Set()).map(([type]) =>
              type === 'IN_SEGMENT' ? 'segment' : r.placement.park ? 'park' : 'region',
            ),
          ]
        : [];
    if (!effective) {
      if (r.action === 'error') totals.error++;
      else totals.possibleDuplicate++;
    } else if (effective.action === 'skip') totals.skip++;
    else totals[effective.action]++;
    return { ...r, decision: d?.decision ?? null, effective, changes };
  });
  return {
    file,
    plan,
    rows,
    totals,
    canApply: rows.every((r) => r.effective !== null) && totals.create + totals.update > 0,
    targets,
    placed,
    segmentsOf,
  };
}

/** Each row as the file has it, after its number (data, in the data's language): the quote of its facts. */
function rowQuotes(file: StoredImportFile): (row: number) => string {
  const byRow = new Map(file.sheet.rows.map((r) => [r.row, r.cells]));
  return (row) => `第 ${row} 行：${(byRow.get(row) ?? []).map((c) => c ?? '').join(' | ')}`.slice(0, 500);
}

/** Applies the import as one change set; nothing is written unless every row is fine or decided. */
export async function applyImport(
  store: GraphStore,
  author: ChangeAuthor,
  input: { file: string; mapping: Record<string, ImportField | null>; decisions: Decision[]; note: string },
): Promise<Committed<{ created: number; updated: number; relations: number }>> {
  const decided = await decidePlan(store, { ...input, username: author.username });
  if (!decided.canApply) {
    throw badInput(
      `the import cannot be applied yet: ${decided.totals.error} row(s) with errors and ${decided.totals.possibleDuplicate} possible duplicate(s) need a decision`,
      {
        argument: 'decisions',
        errors: decided.totals.error,
        undecided: decided.totals.possibleDuplicate,
      },
    );
  }
  const { file, rows } = decided;
  await saveMapping(store, author.username, file.sheet.columns, input.mapping);
  return commitChange(
    store,
    { kind: 'IMPORT', note: input.note, source: { kind: 'import', fileName: file.fileName }, author },
    async (change) => {
      const document = change.source!.document;
      const quote = rowQuotes(file);
      const sources = new Map<number, string>();
      // One sources list per row, shared by the entity and its placement (written once, not thrice).
      const sourceFor = (row: number) => sources.get(row) ?? sources.set(row, withSource('[]', { document, quote: quote(row) })).get(row)!;
      const now = new Map((await readEntities(change.tx, [...decided.targets.keys()])).map((e) => [e.id, e]));
      const entities: { before: EntityRecord | null; after: Record<string, unknown> }[] = [];
      const placed: { id: string; row: DecidedRow }[] = [];
      for (const r of rows) {
        if (r.effective?.action === 'create') {
          const d = r.draft;
          const id = `${d.type.toLowerCase()}-${randomBytes(5).toString('hex')}`;
          const aliases = d.aliases ?? [];
          entities.push({
            before: null,
            after: {
              id,
              type: d.type,
              name: d.name,
              nameEn: d.nameEn ?? null,
              aliases: JSON.stringify(aliases),
              kind: d.kind ?? null,
              description: d.description ?? null,
              creditCode: d.creditCode ?? null,
              registeredCapital: d.registeredCapital ?? null,
              founded: d.founded ?? null,
              address: d.address ?? null,
              website: d.website ?? null,
              contact: d.contact ?? null,
              headcount: d.headcount ?? null,
              qualifications: JSON.stringify(d.qualifications ?? []),
              products: JSON.stringify(d.products ?? []),
              sources: sourceFor(r.row),
              lastSeen: change.at.slice(0, 10),
            },
          });
          placed.push({ id, row: r });
        } else if (r.effective?.action === 'update') {
          const current = now.get(r.effective.target);
          if (!current || current.version !== decided.targets.get(r.effective.target)!.version) {
            throw badInput(`row ${r.row}: ${r.effective.target} changed while you were reviewing; run the dry run again`, { row: r.row });
          }
          const set = updateFields(current, r.draft);
          const merged: Record<string, unknown> = { ...current, ...set };
          for (const k of LIST_KEYS) if (Array.isArray(merged[k])) merged[k] = JSON.stringify(merged[k]);
          merged.sources = withSource(current.sources, { document, quote: quote(r.row) });
          merged.lastSeen = change.at.slice(0, 10);
          entities.push({ before: current, after: merged });
          placed.push({ id: current.id, row: r });
        }
      }
      await change.putEntities(entities);
      // Placement: LOCATED_IN its park (else region), IN_SEGMENT its segments — those not already there.
      const rels: { id: string; type: RelationType; from: string; to: string; [k: string]: unknown }[] = [];
      for (const { id, row } of placed) {
        for (const [type, to] of placementOf(row, decided.placed.has(id), decided.segmentsOf.get(id) ?? new Set())) {
          const draft = { type, from: id, to, role: null, kind: null, topic: null, date: null };
          rels.push({ ...draft, id: relationId(draft), inferred: false, reason: null, sources: sourceFor(row.row) });
        }
      }
      const fresh: typeof rels = [];
      for (const type of ['LOCATED_IN', 'IN_SEGMENT'] as RelationType[]) {
        const ofType = rels.filter((r) => r.type === type);
        const have = await existingRelationIds(
          change.tx,
          type,
          ofType.map((r) => r.id),
        );
        const seen = new Set<string>();
        for (const r of ofType) {
          if (have.has(r.id) || seen.has(r.id)) continue;
          seen.add(r.id);
          fresh.push(r);
        }
      }
      await change.createRelations(fresh);
      await requireAllInScope(
        change.tx,
        author,
        placed.map((p) => p.id),
      );
      return {
        created: entities.filter((e) => !e.before).length,
        updated: entities.filter((e) => e.before).length,
        relations: fresh.length,
      };
    },
  );
}

async function saveMapping(
  store: GraphStore,
  username: string,
  columns: string[],
  mapping: Record<string, ImportField | null>,
): Promise<void> {
  await store.write(
    'MERGE (m:AppMeta {key: $key}) SET m.value = $value',
    { key: mappingKey(username, columns), value: JSON.stringify(mapping) },
    { operation: 'save import mapping' },
  );
}
