/**
 * The neighbourhood read model: every entity's short fields (those the canvas, the search list and the
 * details panel's relation items show) and every relation with its own fields, in memory and kept in
 * step with writes (a live projection, projection.ts). A neighbourhood, or an entity's relations
 * grouped for its details, is then answered without a statement.
 *
 * Why: at 100k entities / 1M relations one direction of a neighbourhood costs LadybugDB 7–8 ms of
 * statement time (it scans the twelve relation tables' adjacency and reads each column of each row
 * at random), an entity's relations 12–13 ms, and every statement at least ~1.4 ms however small; on
 * 2 cores that held the uncached search / neighbourhood / entity mix near 130–160 requests/s, 3–4% of
 * a hello-world server (issue 14 asks 30%). In memory a neighbourhood is a walk over a few dozen
 * array entries.
 *
 * Memory (measured at 100k / 1M, heap snapshot): ~80 MB, not an object per relation. Ends and types
 * are typed arrays; the other short fields are one number per relation naming a combination of values
 * (~45k distinct); a relation id is computed again from the relation's fields when it is the
 * app's deterministic id (relationId), and otherwise held less its type's prefix; ids and sources
 * (document ids as numbers) are packed into one string per 1,024 relations. Each entity's relations are ranges of one array per direction
 * (CSR) built once; an entity a change touched gets its new lists in a map until the next build.
 *
 * Only where this process owns the store (embedded, GraphStore.localWrites): on Neo4j several API
 * servers write and the database's own adjacency is fast, so each statement goes to the store.
 * READ_MODEL=0 turns it off (then every answer comes from the store's statements, as before).
 * Until it is built (in the background at start, app.ts warmUp) and while it is rebuilt, answers come
 * from the store; a small change is caught up before the next read (read-your-writes).
 */
import { relTypeExpr } from '../../store/dialect.js';
import type { GraphStore, Row } from '../../store/types.js';
import { relationId, type Edge, type Entity, type EntityType, type RelationType } from '../model.js';
import { decodeEdge, decodeEntity, EDGE_COLUMNS, ENTITY_COLUMNS, type Columns } from '../records.js';
import { LiveProjection, touchedEntities } from './projection.js';

/** The entity properties the model holds: what a neighbourhood's nodes and relation items show. */
export const MODEL_ENTITY_FIELDS: readonly string[] = ['id', 'type', 'name', 'nameEn', 'kind', 'tier', 'ord'];
/** The relation properties it holds (besides id and type); not who changed it last or when. */
export const MODEL_EDGE_FIELDS: readonly string[] = ['role', 'kind', 'topic', 'date', 'inferred', 'reason', 'sources', 'version'];

const ENTITY_SET = new Set<string>(ENTITY_COLUMNS);
const EDGE_SET = new Set<string>(EDGE_COLUMNS);
const MODEL_ENTITY_SET = new Set(MODEL_ENTITY_FIELDS);
const MODEL_EDGE_SET = new Set(MODEL_EDGE_FIELDS);

/** The model can answer a read of these columns (every asked stored property is one it holds; none named: every column, so no). */
export function modelServes(columns: Columns | undefined): boolean {
  const { entity, edge } = columns ?? {};
  if (!entity || !edge) return false;
  return entity.every((k) => !ENTITY_SET.has(k) || MODEL_ENTITY_SET.has(k)) && edge.every((k) => !EDGE_SET.has(k) || MODEL_EDGE_SET.has(k));
}

/** One relation of an entity as a neighbourhood reads it (graph.ts neighbours). */
export interface ModelNeighbour {
  from: string;
  direction: 'OUT' | 'IN';
  other: Entity;
  edge: Edge;
}

/** A growable typed array. */
class Column<A extends Int32Array | Uint8Array> {
  length = 0;
  constructor(
    private data: A,
    private readonly make: (n: number) => A,
  ) {}

  push(v: number): number {
    if (this.length === this.data.length) {
      const next = this.make(Math.max(1024, this.data.length * 2));
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length] = v;
    return this.length++;
  }

  get(i: number): number {
    return this.data[i];
  }

  set(i: number, v: number): void {
    this.data[i] = v;
  }
}

const ints = () => new Column(new Int32Array(1024), (n) => new Int32Array(n));
const bytes = () => new Column(new Uint8Array(1024), (n) => new Uint8Array(n));

/** Distinct strings by number (0: none), for columns with few distinct values. */
class Pool {
  readonly values: (string | null)[] = [null];
  private readonly index = new Map<string, number>();

  /** The number of a value, if it has one. */
  find(v: string): number | undefined {
    return this.index.get(v);
  }

  intern(v: unknown): number {
    if (typeof v !== 'string') return 0;
    let i = this.index.get(v);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(v);
      this.index.set(v, i);
    }
    return i;
  }
}

/** Numbers in a combination of relation values: role, kind, topic, date, reason, inferred, version, how its id is held. */
const PROP_FIELDS = 8;
const ID_FORM = 7;
/** How a relation's id is held: as stored, less its type's prefix, or not at all (it is relationId of its fields). */
const ID_STORED = 0;
const ID_PREFIXED = 1;
const ID_DERIVED = 2;

/** Marks sources held as packSources packs them (stored JSON never starts with it). */
const PACKED = '\u0001';

/** Strings in blocks: one joined string per PACK_BLOCK, so a million short strings are a thousand (no header and pointer each). */
const PACK_BLOCK = 1024;

class PackedStrings {
  private readonly blocks: string[] = [];
  private open: string[] = [];
  /** Where each string ends in its block. */
  private readonly ends = ints();

  push(s: string): void {
    const i = this.ends.length;
    this.ends.push((i % PACK_BLOCK === 0 ? 0 : this.ends.get(i - 1)) + s.length);
    this.open.push(s);
    if (this.open.length === PACK_BLOCK) {
      this.blocks.push(this.open.join(''));
      this.open = [];
    }
  }

  get(i: number): string {
    const block = Math.floor(i / PACK_BLOCK);
    if (block >= this.blocks.length) return this.open[i % PACK_BLOCK];
    return this.blocks[block].slice(i % PACK_BLOCK === 0 ? 0 : this.ends.get(i - 1), this.ends.get(i));
  }
}

const NONE = new Int32Array(0);

/** What the store says about entities a change touched: their short fields and every relation both ways. */
export interface TouchedFacts {
  /** Present entities with the model's fields. */
  entities: Row[];
  /** Relations out of or into them (src, dst: the ends' ids), with the model's columns, the far end's fields (f_…) and `out` (the far end is b). */
  relations: Row[];
  /** Ids the store no longer has. */
  absent: string[];
}

export class ReadModel {
  private readonly ids: string[] = [];
  private readonly index = new Map<string, number>();
  // Each entity's short fields, by number: whether the graph has it, its type, kind and tier (text
  // pool numbers), name, English name and chain order.
  private readonly present = bytes();
  private readonly entityTexts = new Pool();
  private readonly entityType = ints();
  private readonly entityKind = ints();
  private readonly entityTier = ints();
  private readonly names: string[] = [];
  private readonly namesEn: (string | null)[] = [];
  private readonly ords: (number | null)[] = [];
  private count = 0;

  // Relations, by slot: the ends, the type, and the rest of the short fields as one combination of
  // values (`props`: at 100k / 1M there are ~45k distinct combinations of role, kind, topic, date,
  // reason, inferred and version, so one number a relation instead of seven).
  private readonly from = ints();
  private readonly to = ints();
  private readonly type = bytes();
  private readonly props = ints();
  private readonly types = new Pool();
  private readonly texts = new Pool();
  /** Each combination: PROP_FIELDS values (text pool numbers, inferred 0/1, version), PROP_FIELDS.length apiece. */
  private readonly combos = ints();
  private readonly comboIndex = new Map<string, number>();
  /** Relation ids without their type's prefix when they have it (`organises-1o1n…`: flag in the combination). */
  private readonly relIds = new PackedStrings();
  private readonly sources = new PackedStrings();
  private builtSlots = 0;

  // Adjacency: CSR of the slots at build, and the lists of entities changed since.
  private builtEntities = 0;
  private outAt: Int32Array = new Int32Array(1);
  private outSlots: Int32Array = NONE;
  private inAt: Int32Array = new Int32Array(1);
  private inSlots: Int32Array = NONE;
  private readonly outOver = new Map<number, number[]>();
  private readonly inOver = new Map<number, number[]>();

  get size(): number {
    return this.count;
  }

  /** Slots and changed entities, for the rebuild decision. */
  get load(): { slots: number; built: number; changed: number } {
    return { slots: this.from.length, built: this.builtSlots, changed: this.outOver.size };
  }

  private intern(id: string): number {
    let i = this.index.get(id);
    if (i === undefined) {
      i = this.ids.length;
      this.ids.push(id);
      this.present.push(0);
      this.entityType.push(0);
      this.entityKind.push(0);
      this.entityTier.push(0);
      this.names.push('');
      this.namesEn.push(null);
      this.ords.push(null);
      this.index.set(id, i);
    }
    return i;
  }

  /** Sets an entity's short fields (null: it is gone). */
  setEntity(id: string, row: Row | null): number {
    const e = this.intern(id);
    const had = this.present.get(e) === 1;
    this.present.set(e, row ? 1 : 0);
    this.count += (row ? 1 : 0) - (had ? 1 : 0);
    if (row) {
      this.entityType.set(e, this.entityTexts.intern(row.type));
      this.entityKind.set(e, this.entityTexts.intern(row.kind));
      this.entityTier.set(e, this.entityTexts.intern(row.tier));
      this.names[e] = typeof row.name === 'string' ? row.name : String(row.name ?? '');
      this.namesEn[e] = typeof row.nameEn === 'string' ? row.nameEn : null;
      this.ords[e] = typeof row.ord === 'number' ? row.ord : null;
    }
    return e;
  }

  private has(e: number | undefined): e is number {
    return e !== undefined && this.present.get(e) === 1;
  }

  private typeOf(e: number): string | null {
    return this.entityTexts.values[this.entityType.get(e)];
  }

  /** An entity's short fields as the store returns them (MODEL_ENTITY_FIELDS). */
  private entity(e: number): Entity {
    const text = this.entityTexts.values;
    return decodeEntity({
      id: this.ids[e],
      type: text[this.entityType.get(e)],
      name: this.names[e],
      nameEn: this.namesEn[e],
      kind: text[this.entityKind.get(e)],
      tier: text[this.entityTier.get(e)],
      ord: this.ords[e],
    });
  }

  /** Adds a relation (`row`: src, dst, id, type and the model's columns); its slot. */
  private addSlot(a: number, b: number, row: Row): number {
    const slot = this.from.push(a);
    this.to.push(b);
    const type = String(row.type);
    this.type.push(this.types.intern(type));
    const id = String(row.id);
    const prefix = `${type.toLowerCase()}-`;
    // Ids the app gives are relationId of the relation's type, ends, role, kind and topic (1M of them
    // ~13 MB of text at 100k): such an id is computed again when asked for, not held.
    const form =
      this.derivedId(type, a, b, row.role, row.kind, row.topic) === id
        ? ID_DERIVED
        : id.startsWith(prefix) && id.length > prefix.length
          ? ID_PREFIXED
          : ID_STORED;
    this.relIds.push(form === ID_DERIVED ? '' : form === ID_PREFIXED ? id.slice(prefix.length) : id);
    const values = [
      this.texts.intern(row.role),
      this.texts.intern(row.kind),
      this.texts.intern(row.topic),
      this.texts.intern(row.date),
      this.texts.intern(row.reason),
      row.inferred === true ? 1 : 0,
      typeof row.version === 'number' && Number.isInteger(row.version) && Math.abs(row.version) < 2 ** 31 ? row.version : 0,
      form,
    ];
    const key = values.join(',');
    let combo = this.comboIndex.get(key);
    if (combo === undefined) {
      combo = this.comboIndex.size;
      this.comboIndex.set(key, combo);
      for (const v of values) this.combos.push(v);
    }
    this.props.push(combo);
    this.sources.push(this.packSources(row.sources));
    return slot;
  }

  /**
   * A relation's stored sources, shorter: a list of {document, quote} (what the app writes) as
   * PACKED then `[[document's text pool number, quote], …]` — the document ids (a few hundred
   * distinct) and the keys were half the text; anything else as stored. Absent and empty decode alike.
   */
  private packSources(raw: unknown): string {
    // A stored value starting with the mark is no JSON and decodes as no sources either.
    if (typeof raw !== 'string' || raw === '' || raw === '[]' || raw.startsWith(PACKED)) return '';
    let list: unknown;
    try {
      list = JSON.parse(raw);
    } catch {
      return raw;
    }
    const plain = (x: unknown): x is { document: string; quote: string } => {
      if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
      const keys = Object.keys(x);
      const o = x as Record<string, unknown>;
      return keys.length === 2 && typeof o.document === 'string' && typeof o.quote === 'string';
    };
    if (!Array.isArray(list) || !list.every(plain)) return raw;
    return PACKED + JSON.stringify(list.map((x) => [this.texts.intern(x.document), x.quote]));
  }

  /** A relation's sources as stored (JSON), from packSources' form. */
  private unpackSources(packed: string): string {
    if (!packed.startsWith(PACKED)) return packed;
    const list = JSON.parse(packed.slice(PACKED.length)) as [number, string][];
    return JSON.stringify(list.map(([d, quote]) => ({ document: this.texts.values[d], quote })));
  }

  /** Build: one relation read from the store. */
  addRelation(row: Row): void {
    this.addSlot(this.intern(String(row.src)), this.intern(String(row.dst)), row);
  }

  /** Build: compacts what was added into the CSR arrays. */
  settle(): void {
    this.builtSlots = this.from.length;
    this.builtEntities = this.ids.length;
    const n = this.builtEntities;
    const csr = (ends: Column<Int32Array>): [Int32Array, Int32Array] => {
      const at = new Int32Array(n + 1);
      for (let s = 0; s < this.builtSlots; s++) at[ends.get(s) + 1]++;
      for (let i = 0; i < n; i++) at[i + 1] += at[i];
      const fill = at.slice(0, n);
      const slots = new Int32Array(this.builtSlots);
      for (let s = 0; s < this.builtSlots; s++) slots[fill[ends.get(s)]++] = s;
      return [at, slots];
    };
    [this.outAt, this.outSlots] = csr(this.from);
    [this.inAt, this.inSlots] = csr(this.to);
  }

  private outOf(e: number): ArrayLike<number> {
    return this.outOver.get(e) ?? (e < this.builtEntities ? this.outSlots.subarray(this.outAt[e], this.outAt[e + 1]) : NONE);
  }

  private inOf(e: number): ArrayLike<number> {
    return this.inOver.get(e) ?? (e < this.builtEntities ? this.inSlots.subarray(this.inAt[e], this.inAt[e + 1]) : NONE);
  }

  private prop(s: number, field: number): number {
    return this.combos.get(this.props.get(s) * PROP_FIELDS + field);
  }

  private slotId(s: number): string {
    const type = String(this.types.values[this.type.get(s)]);
    const form = this.prop(s, ID_FORM);
    if (form === ID_DERIVED) {
      const text = (field: number) => this.texts.values[this.prop(s, field)];
      return this.derivedId(type, this.from.get(s), this.to.get(s), text(0), text(1), text(2))!;
    }
    const id = this.relIds.get(s);
    return form === ID_PREFIXED ? `${type.toLowerCase()}-${id}` : id;
  }

  /** relationId of these fields as stored (null when one is neither text nor absent, which relationId never saw). */
  private derivedId(type: string, a: number, b: number, role: unknown, kind: unknown, topic: unknown): string | null {
    const text = (v: unknown) => v === null || v === undefined || typeof v === 'string';
    if (!text(role) || !text(kind) || !text(topic)) return null;
    const opt = (v: unknown) => (v ?? null) as string | null;
    return relationId({ type, from: this.ids[a], to: this.ids[b], role: opt(role), kind: opt(kind), topic: opt(topic) });
  }

  /** Entities in the model (with the model's fields), by id; ids it does not have are left out. */
  entities(ids: readonly string[]): Map<string, Entity> {
    const out = new Map<string, Entity>();
    for (const id of ids) {
      const e = this.index.get(id);
      if (this.has(e)) out.set(id, this.entity(e));
    }
    return out;
  }

  /** The numbers of these relation types (null: every type). */
  private typeSet(relations?: readonly RelationType[] | null): Set<number> | null {
    if (!relations?.length) return null;
    return new Set(relations.map((r) => this.types.find(r)).filter((n): n is number => n !== undefined));
  }

  private edge(s: number, source: string, target: string): Edge {
    const text = (field: number) => this.texts.values[this.prop(s, field)];
    return decodeEdge(
      {
        r_id: this.slotId(s),
        r_type: this.types.values[this.type.get(s)],
        r_role: text(0),
        r_kind: text(1),
        r_topic: text(2),
        r_date: text(3),
        r_reason: text(4),
        r_inferred: this.prop(s, 5) === 1,
        r_version: this.prop(s, 6),
        r_sources: this.unpackSources(this.sources.get(s)),
      },
      source,
      target,
    );
  }

  /**
   * The relations of these entities, out then in (as graph.ts neighbours reads them), filtered by
   * relation type and the far end's type; `cap` bounds each direction's items over all the entities.
   */
  neighbours(
    ids: readonly string[],
    opts: { relations?: readonly RelationType[] | null; types?: readonly EntityType[] | null; cap?: number },
  ): { items: ModelNeighbour[]; capped: boolean } {
    const rels = this.typeSet(opts.relations);
    const types = opts.types?.length ? new Set<unknown>(opts.types) : null;
    const cap = opts.cap ?? Infinity;
    const items: ModelNeighbour[] = [];
    let capped = false;
    for (const direction of ['OUT', 'IN'] as const) {
      let n = 0;
      for (const id of new Set(ids)) {
        const e = this.index.get(id);
        if (!this.has(e)) continue;
        const slots = direction === 'OUT' ? this.outOf(e) : this.inOf(e);
        for (let i = 0; i < slots.length; i++) {
          const s = slots[i];
          if (rels && !rels.has(this.type.get(s))) continue;
          const o = direction === 'OUT' ? this.to.get(s) : this.from.get(s);
          if (!this.has(o) || (types && !types.has(this.typeOf(o)))) continue;
          if (++n > cap) {
            capped = true;
            break;
          }
          const other = this.entity(o);
          const edge = direction === 'OUT' ? this.edge(s, id, other.id) : this.edge(s, other.id, id);
          items.push({ from: id, direction, other, edge });
        }
        if (n > cap) break;
      }
    }
    return { items, capped };
  }

  /** How many relations of each type touch each entity, by direction: `id → (TYPE:OUT | TYPE:IN → n)` (graph.ts relationCountsOf). */
  counts(ids: readonly string[], relations?: readonly RelationType[] | null): Map<string, Map<string, number>> {
    const rels = this.typeSet(relations);
    const out = new Map<string, Map<string, number>>();
    for (const id of new Set(ids)) {
      const c = new Map<string, number>();
      out.set(id, c);
      const e = this.index.get(id);
      if (!this.has(e)) continue;
      for (const direction of ['OUT', 'IN'] as const) {
        const slots = direction === 'OUT' ? this.outOf(e) : this.inOf(e);
        for (let i = 0; i < slots.length; i++) {
          const s = slots[i];
          if ((rels && !rels.has(this.type.get(s))) || !this.has(direction === 'OUT' ? this.to.get(s) : this.from.get(s))) continue;
          const key = `${this.types.values[this.type.get(s)]}:${direction}`;
          c.set(key, (c.get(key) ?? 0) + 1);
        }
      }
    }
    return out;
  }

  /**
   * Catches up with a change: each touched entity's fields and both its lists of relations are
   * replaced by what the store says now. A relation between a touched entity and an untouched one
   * is then held twice (the untouched end keeps its old slot, the same relation unchanged: a changed
   * relation touches both its ends) until the next build.
   */
  refresh(facts: TouchedFacts): void {
    for (const id of facts.absent) {
      const e = this.setEntity(id, null);
      this.outOver.set(e, []);
      this.inOver.set(e, []);
    }
    const touched = new Map<string, number>();
    for (const row of facts.entities) touched.set(String(row.id), this.setEntity(String(row.id), row));
    const outs = new Map<number, number[]>([...touched.values()].map((e) => [e, []]));
    const ins = new Map<number, number[]>([...touched.values()].map((e) => [e, []]));
    for (const row of facts.relations) {
      const [a, b] = [String(row.src), String(row.dst)];
      // The far end's fields, when the model does not have them (an entity created with the relation).
      const far = row.out === true ? b : a;
      if (!touched.has(far) && !this.has(this.intern(far)) && row.f_type != null)
        this.setEntity(far, { ...Object.fromEntries(FAR_FIELDS.map((k) => [k, row[`f_${k}`]])), id: far });
      const slot = this.addSlot(this.intern(a), this.intern(b), row);
      outs.get(this.from.get(slot))?.push(slot);
      ins.get(this.to.get(slot))?.push(slot);
    }
    for (const [e, list] of outs) this.outOver.set(e, list);
    for (const [e, list] of ins) this.inOver.set(e, list);
  }
}

/** Relation columns the model reads, for a relation bound to `r` (`t`: its type expression). */
const relationColumns = (t: string) => `r.id AS id, ${t} AS type, ${MODEL_EDGE_FIELDS.map((k) => `r.${k} AS ${k}`).join(', ')}`;
const entityFields = (v: string, prefix = '', fields = MODEL_ENTITY_FIELDS) => fields.map((k) => `${v}.${k} AS ${prefix}${k}`).join(', ');
/**
 * The far end's fields but its id (which is src or dst already): LadybugDB answered a UNION ALL whose
 * halves each returned one expression twice (`b.id AS dst, …, b.id AS f_id`) with its columns shifted.
 */
const FAR_FIELDS = MODEL_ENTITY_FIELDS.filter((k) => k !== 'id');

/** Source entities per statement of the build: ~10 relations each at 100k / 1M, so ~15k rows a read (~50 ms on the event loop). */
const BUILD_CHUNK = 1_500;

/**
 * Reads the model from the store: every entity's fields, then every relation, a range of source ids
 * at a time (the rows of one read are held at once: ~15k at 100k / 1M, not a million).
 */
export async function buildReadModel(store: GraphStore): Promise<ReadModel> {
  const opts = (operation: string) => ({ operation, timeoutMs: 0 });
  const model = new ReadModel();
  // In the engine's order of ids: the ranges below compare in that order (a boundary sorted by
  // JavaScript's UTF-16 order could disagree with the engine's for non-ASCII ids, and a relation
  // between two boundaries out of order would be read twice).
  const entities = await store.read(`MATCH (n:Entity) RETURN ${entityFields('n')} ORDER BY n.id`, {}, opts('read model entities'));
  const ids: string[] = [];
  for (const r of entities) {
    model.setEntity(String(r.id), r);
    ids.push(String(r.id));
  }
  entities.length = 0;
  const t = relTypeExpr(store.engine, 'r');
  // Ranges of source ids: `a.id < $hi`, then `$lo <= a.id < $hi`, …, then `a.id >= $lo`: every
  // relation is in exactly one range.
  const bounds = ids.filter((_, i) => i > 0 && i % BUILD_CHUNK === 0);
  for (let i = 0; i <= bounds.length; i++) {
    const lo = i > 0 ? bounds[i - 1] : null;
    const hi = i < bounds.length ? bounds[i] : null;
    const where = [lo !== null ? 'a.id >= $lo' : '', hi !== null ? 'a.id < $hi' : ''].filter(Boolean).join(' AND ');
    const rows = await store.read(
      `MATCH (a:Entity)-[r]->(b:Entity)${where ? ` WHERE ${where}` : ''} RETURN a.id AS src, b.id AS dst, ${relationColumns(t)}`,
      { ...(lo !== null ? { lo } : {}), ...(hi !== null ? { hi } : {}) },
      opts('read model relations'),
    );
    for (const r of rows) model.addRelation(r);
  }
  model.settle();
  return model;
}

/**
 * More entities touched than this in one catch-up (an import): rebuild instead. Reads wait for a
 * catch-up but not for a build (they read the store meanwhile), and a catch-up costs two statements
 * per entity (~10 ms each at 100k on four connections): 200 is about half a second; 5,000 would
 * have held every neighbourhood ~25 s, twice the build.
 */
const MAX_REFRESHED = 200;

/** Reads what the store has now for the entities a change touched (keyed reads, a few statements each). */
async function readTouched(store: GraphStore, ids: readonly string[]): Promise<TouchedFacts> {
  const opts = { operation: 'read model refresh' };
  const t = relTypeExpr(store.engine, 'r');
  const each = await Promise.all(
    ids.map((id) =>
      Promise.all([
        store.read(`MATCH (n:Entity {id: $id}) RETURN ${entityFields('n')}`, { id }, opts),
        store.read(
          `MATCH (a:Entity {id: $id})-[r]->(b:Entity) RETURN a.id AS src, b.id AS dst, ${relationColumns(t)}, ${entityFields('b', 'f_', FAR_FIELDS)}, true AS out` +
            ` UNION ALL MATCH (a:Entity)-[r]->(b:Entity {id: $id}) RETURN a.id AS src, b.id AS dst, ${relationColumns(t)}, ${entityFields('a', 'f_', FAR_FIELDS)}, false AS out`,
          { id },
          opts,
        ),
      ]),
    ),
  );
  const entities = each.flatMap(([e]) => e);
  const found = new Set(entities.map((r) => String(r.id)));
  // A relation between two touched entities (or an entity and itself) is read from both ends: kept once.
  const seen = new Set<string>();
  const relations = each
    .flatMap(([, rels]) => rels)
    .filter((r) => {
      const key = `${String(r.id)}\u0000${String(r.src)}\u0000${String(r.dst)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  return { entities, relations, absent: ids.filter((id) => !found.has(id)) };
}

const live = new LiveProjection<ReadModel>({
  name: 'read model',
  build: buildReadModel,
  async apply(model, revisions, store) {
    const touched = [...touchedEntities(revisions)];
    const { slots, built, changed } = model.load;
    // Many entities, or slots past twice the build's (old lists held by untouched ends): rebuild.
    if (touched.length > MAX_REFRESHED || changed + touched.length > 50_000 || slots > 2 * built + 100_000) return false;
    model.refresh(await readTouched(store, touched));
    return true;
  },
  entityCount: (model) => model.size,
});

/** Up to this many entities a read waits for the model's build (~0.1 s per 1,000 at 100k / 1M). */
const WAIT_FOR_BUILD = 5_000;

/** Whether reads may use the model: the store is this process's own and READ_MODEL is not 0. */
export function readModelEnabled(store: GraphStore): boolean {
  return store.localWrites !== undefined && process.env.READ_MODEL !== '0';
}

/**
 * The model for the graph as it is now, or null while it is being built (the caller reads the
 * store): a catch-up after a change is waited for, a build only on a small graph.
 */
export async function readModel(store: GraphStore): Promise<ReadModel | null> {
  if (!readModelEnabled(store)) return null;
  // A small graph's build is quicker than the statements it saves (the seed's: a few ms), and waiting
  // for it gives every read the same answer path (the tests, a fresh seed).
  return live.ready(store, { waitForBuild: (version) => version.entities <= WAIT_FOR_BUILD });
}

/** Builds the model (start: app.ts warmUp). */
export async function warmReadModel(store: GraphStore): Promise<void> {
  if (readModelEnabled(store)) await live.get(store);
}

/** The live model, built or caught up now (tests compare it with a fresh build). */
export const readModelForTests = { live: (store: GraphStore) => live.get(store).then((r) => r.value) };
