/**
 * The seed loader: reads seed/facts/*.yaml, validates everything (schema, references, quotes),
 * and only then replaces the graph. A bad entry is reported with file, entry and field.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { z } from 'zod';
import {
  entityKindsOf,
  RELATION_ENDPOINTS,
  relationKindsOf,
  ROLE_REQUIRED,
  relationId,
  type EntityType,
  type GraphData,
} from '../server/domain/model.js';
import { buildSearchKey } from '../server/domain/text.js';
import type { GraphStore } from '../server/store/types.js';
import { ensureDocuments } from '../server/domain/curation/documents.js';
import { normaliseText } from './normalise.js';
import { reseed, type ReseedReport } from './reseed.js';
import { documentSchema, entitySchema, relationSchema, type DocumentFact, type EntityFact, type RelationFact } from './schema.js';

export interface SeedProblem {
  file: string;
  entry: number | null;
  field: string | null;
  message: string;
}

export class SeedValidationError extends Error {
  constructor(readonly problems: SeedProblem[]) {
    super(`seed facts are invalid:\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'SeedValidationError';
  }
}

export function formatProblem(p: SeedProblem): string {
  const where = [p.file, p.entry !== null ? `entry ${p.entry}` : null, p.field ? `field ${p.field}` : null].filter(Boolean).join(', ');
  return `  ${where}: ${p.message}`;
}

export interface SeedFacts {
  documents: DocumentFact[];
  entities: (EntityFact & { file: string; index: number })[];
  relations: (RelationFact & { file: string; index: number })[];
}

/** Which collection a facts file holds is told by its name: documents*, relations*, everything else entities. */
function kindOf(file: string): 'documents' | 'relations' | 'entities' {
  const base = path.basename(file);
  if (base.startsWith('documents')) return 'documents';
  if (base.startsWith('relations')) return 'relations';
  return 'entities';
}

function parseList<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  file: string,
  problems: SeedProblem[],
): (z.infer<S> & { index: number })[] {
  if (!Array.isArray(raw)) {
    problems.push({ file, entry: null, field: null, message: 'the file must hold a YAML list' });
    return [];
  }
  const out: (z.infer<S> & { index: number })[] = [];
  raw.forEach((item, index) => {
    const res = schema.safeParse(item);
    if (res.success) out.push({ ...(res.data as object), index } as z.infer<S> & { index: number });
    else
      for (const issue of res.error.issues)
        problems.push({ file, entry: index, field: issue.path.join('.') || null, message: issue.message });
  });
  return out;
}

/** Reads and validates every facts file; throws SeedValidationError listing all problems. */
export function readSeedFacts(seedDir: string): SeedFacts {
  const factsDir = path.join(seedDir, 'facts');
  const sourcesDir = path.join(seedDir, 'sources');
  const problems: SeedProblem[] = [];
  const facts: SeedFacts = { documents: [], entities: [], relations: [] };
  const files = fs
    .readdirSync(factsDir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  for (const f of files) {
    const file = path.join('seed', 'facts', f);
    let raw: unknown;
    try {
      raw = YAML.parse(fs.readFileSync(path.join(factsDir, f), 'utf8'));
    } catch (err) {
      problems.push({ file, entry: null, field: null, message: `not valid YAML: ${(err as Error).message}` });
      continue;
    }
    const kind = kindOf(f);
    if (kind === 'documents') facts.documents.push(...parseList(documentSchema, raw, file, problems));
    else if (kind === 'relations') facts.relations.push(...parseList(relationSchema, raw, file, problems).map((r) => ({ ...r, file })));
    else facts.entities.push(...parseList(entitySchema, raw, file, problems).map((e) => ({ ...e, file })));
  }

  const texts = new Map<string, string>();
  for (const d of facts.documents) {
    const p = path.join(sourcesDir, d.file);
    if (fs.existsSync(p)) texts.set(d.file, normaliseText(fs.readFileSync(p, 'utf8')));
  }
  const checkSources = (sources: { document: string; quote: string }[], file: string, index: number) =>
    sources.forEach((s, i) => {
      const t = texts.get(s.document);
      if (t === undefined)
        problems.push({ file, entry: index, field: `sources.${i}.document`, message: `unknown document "${s.document}"` });
      else if (!t.includes(s.quote))
        problems.push({
          file,
          entry: index,
          field: `sources.${i}.quote`,
          message: `quote not found verbatim in ${s.document}: "${s.quote}"`,
        });
    });

  const types = new Map<string, EntityType>();
  for (const e of facts.entities) {
    if (types.has(e.id)) problems.push({ file: e.file, entry: e.index, field: 'id', message: `duplicate id "${e.id}"` });
    types.set(e.id, e.type);
    const kinds = entityKindsOf(e.type);
    if (e.kind && !kinds.includes(e.kind)) {
      const message = kinds.length ? `a ${e.type} kind is one of ${kinds.join(', ')}` : `a ${e.type} has no kind`;
      problems.push({ file: e.file, entry: e.index, field: 'kind', message });
    }
    if (e.type !== 'ChainSegment' && e.sources.length === 0)
      problems.push({ file: e.file, entry: e.index, field: 'sources', message: 'needs at least one source' });
    checkSources(e.sources, e.file, e.index);
  }
  const relKeys = new Set<string>();
  for (const r of facts.relations) {
    const problem = (field: string, message: string) => problems.push({ file: r.file, entry: r.index, field, message });
    for (const end of ['from', 'to'] as const) {
      if (!types.has(r[end])) problem(end, `unknown entity id "${r[end]}"`);
    }
    const [fromTypes, toTypes] = RELATION_ENDPOINTS[r.type] ?? [null, null];
    const ft = types.get(r.from);
    const tt = types.get(r.to);
    if (ft && fromTypes && !fromTypes.includes(ft)) problem('from', `${r.type} may not start at a ${ft}`);
    if (tt && toTypes && !toTypes.includes(tt)) problem('to', `${r.type} may not end at a ${tt}`);
    const kinds = relationKindsOf(r.type);
    if (r.kind && !kinds.includes(r.kind))
      problem('kind', kinds.length ? `a ${r.type} kind is one of ${kinds.join(', ')}` : `a ${r.type} has no kind`);
    if (ROLE_REQUIRED.includes(r.type) && !r.role) problem('role', `required on ${r.type}`);
    if (r.type === 'SIGNED' && (!r.kind || !r.topic)) problem(r.kind ? 'topic' : 'kind', 'required on SIGNED');
    const id = relationId(r);
    if (relKeys.has(id))
      problems.push({ file: r.file, entry: r.index, field: null, message: `duplicate relation ${r.type} ${r.from} → ${r.to}` });
    relKeys.add(id);
    checkSources(r.sources, r.file, r.index);
  }
  if (problems.length) throw new SeedValidationError(problems);
  return facts;
}

/** Facts → the rows a store loads (search keys derived, relation ids deterministic). */
export function toGraphData(facts: SeedFacts): GraphData {
  const dateOf = new Map(facts.documents.map((d) => [d.file, d.date ?? null]));
  const lastSeen = (sources: { document: string }[]) =>
    sources
      .map((s) => dateOf.get(s.document))
      .filter((d): d is string => Boolean(d))
      .sort()
      .at(-1) ?? null;
  return {
    entities: facts.entities.map((e) => ({
      id: e.id,
      type: e.type,
      name: e.name,
      nameEn: e.nameEn ?? null,
      aliases: e.aliases,
      kind: e.kind ?? null,
      description: e.description ?? null,
      tier: e.tier ?? null,
      ord: e.order ?? null,
      search: buildSearchKey(e.name, e.aliases, e.nameEn),
      sources: e.sources,
      date: e.date ?? null,
      lastSeen: lastSeen(e.sources),
    })),
    relations: facts.relations.map((r) => ({
      id: relationId(r),
      type: r.type,
      from: r.from,
      to: r.to,
      role: r.role ?? null,
      kind: r.kind ?? null,
      topic: r.topic ?? null,
      date: r.date ?? null,
      inferred: r.inferred ?? false,
      reason: r.reason ?? null,
      sources: r.sources,
    })),
  };
}

/**
 * Whether the last seed load finished: an AppMeta record (a table / label of its own, never linked
 * to Entity, so no graph query reaches it), written `loading` before the load touches the graph
 * and `complete` with the counts as its very last write. A load killed at any point leaves
 * `loading` behind (each statement is a transaction, replayed in order after a crash), so the
 * next start or `npm run seed` sees it and loads again.
 */
export interface SeedState {
  state: 'loading' | 'complete';
  at: string;
  entities?: number;
  relations?: number;
}

const SEED_KEY = 'seed';

export async function readSeedState(store: GraphStore): Promise<SeedState | null> {
  const [row] = await store.read('MATCH (m:AppMeta {key: $key}) RETURN m.value AS value', { key: SEED_KEY }, { operation: 'seed state' });
  if (!row) return null;
  try {
    const state = JSON.parse(String(row.value)) as SeedState;
    return state.state === 'complete' || state.state === 'loading' ? state : null;
  } catch {
    return null;
  }
}

/** Writes the seed record; a graph loaded another way (the benches' generated ones) is marked complete with it, so a server serves it instead of seeding. */
export async function writeSeedState(store: GraphStore, state: SeedState): Promise<void> {
  await store.write(
    'MERGE (m:AppMeta {key: $key}) SET m.value = $value',
    { key: SEED_KEY, value: JSON.stringify(state) },
    { operation: 'seed state' },
  );
}

/**
 * Validates first, then loads. An empty store, or one whose last load never finished, gets the whole
 * seed (the graph replaced, marked complete last; loading twice gives the same graph). A store with a
 * complete seed is reseeded instead (seed/reseed.ts): only new or corrected facts are applied, and
 * nothing people changed is overwritten — unless `reset` asks for the graph to be replaced anyway.
 */
export async function loadSeed(
  store: GraphStore,
  seedDir: string,
  opts: { reset?: boolean } = {},
): Promise<{ entities: number; relations: number; reseed?: ReseedReport }> {
  const facts = readSeedFacts(seedDir);
  const data = toGraphData(facts);
  await ensureDocuments(store, facts.documents);
  const state = await readSeedState(store);
  if (state?.state === 'complete' && !opts.reset && (await countEntities(store)) > 0) {
    const report = await reseed(store, data);
    return { entities: data.entities.length, relations: data.relations.length, reseed: report };
  }
  await writeSeedState(store, { state: 'loading', at: new Date().toISOString() });
  await store.clear();
  try {
    await store.bulkLoad(data);
  } catch (err) {
    // Never leave half a seed behind (and the marker says `loading`, so the next start loads again).
    await store.clear();
    throw err;
  }
  const counts = { entities: data.entities.length, relations: data.relations.length };
  await writeSeedState(store, { state: 'complete', at: new Date().toISOString(), ...counts });
  return counts;
}

export type SeedCheck = { action: 'none' } | { action: 'seeded' | 'reloaded'; reason: string; entities: number; relations: number };

async function countEntities(store: GraphStore): Promise<number> {
  const [row] = await store.read('MATCH (n:Entity) RETURN count(n) AS n', {}, { operation: 'count' });
  return Number(row?.n ?? 0);
}

/**
 * At start: a store whose last seed load completed is used as it is; an empty one is seeded; one
 * with a load that never finished (killed during `npm run seed` or the first start), or with
 * entities but no record of a load, is cleared and loaded again — never served half-loaded.
 */
export async function ensureSeeded(store: GraphStore, seedDir: string): Promise<SeedCheck> {
  const state = await readSeedState(store);
  if (state?.state === 'complete') {
    // A store seeded before documents were kept in it gains them.
    await ensureDocuments(store, readDocuments(seedDir));
    return { action: 'none' };
  }
  const found = await countEntities(store);
  let reason: string;
  if (state?.state === 'loading') reason = `a seed load started ${state.at} never finished (${found} entities were in place)`;
  else if (found > 0) reason = `it holds ${found} entities but no record that a seed load finished`;
  else reason = 'it is empty';
  const counts = await loadSeed(store, seedDir, { reset: true });
  return { action: state || found > 0 ? 'reloaded' : 'seeded', reason, entities: counts.entities, relations: counts.relations };
}

/** Things a reviewer should look at that do not stop a load. */
export function seedWarnings(facts: SeedFacts): string[] {
  const segments = new Map<string, number>();
  for (const r of facts.relations) if (r.type === 'IN_SEGMENT') segments.set(r.from, (segments.get(r.from) ?? 0) + 1);
  return facts.entities
    .filter((e) => e.type === 'Enterprise')
    .flatMap((e) => {
      const n = segments.get(e.id) ?? 0;
      if (n === 0) return [`${e.file}, entry ${e.index} (${e.id}): enterprise has no chain segment`];
      if (n > 2) return [`${e.file}, entry ${e.index} (${e.id}): enterprise has ${n} chain segments (expected 1–2)`];
      return [];
    });
}

/**
 * Document titles and dates for showing sources: only the documents files, not the whole seed (the
 * server reads this at every start). Throws SeedValidationError when they are invalid.
 */
export function readDocuments(seedDir: string): DocumentFact[] {
  const factsDir = path.join(seedDir, 'facts');
  const problems: SeedProblem[] = [];
  const documents = fs
    .readdirSync(factsDir)
    .filter((f) => /\.ya?ml$/.test(f) && kindOf(f) === 'documents')
    .sort()
    .flatMap((f) => {
      const file = path.join('seed', 'facts', f);
      try {
        return parseList(documentSchema, YAML.parse(fs.readFileSync(path.join(factsDir, f), 'utf8')), file, problems);
      } catch (err) {
        problems.push({ file, entry: null, field: null, message: `not valid YAML: ${(err as Error).message}` });
        return [];
      }
    });
  if (problems.length) throw new SeedValidationError(problems);
  return documents.map(({ index: _index, ...d }) => d);
}
