/**
 * The part of the graph the gap analysis counts, in memory and kept in step with writes (a live
 * projection, projection.ts): each entity's type and degree, the LOCATED_IN links (which entities a
 * region holds, through towns and parks) and the IN_SEGMENT links (which organisations a chain segment
 * has). A region's segment counts are then a walk down its LOCATED_IN tree in memory — a district at
 * 100k entities is a few thousand steps, milliseconds — instead of two counting queries
 * over the region's thousands of ids (or the whole graph) per request; answers are kept per graph
 * generation, so a repeated report costs a map lookup.
 *
 * The same links also answer the gap candidates' places, alliance ties and segments, and partner
 * suggestions' which-candidates-are-in-a-segment, without reading thousands of rows per request.
 *
 * Entity ids are interned to numbers and links kept as arrays of numbers: at 100k entities / 1M
 * relations (94k LOCATED_IN, 113k IN_SEGMENT, 283k MEMBER_OF) it takes ~67 MB of heap, built from four
 * reads (10–40 s on the shared bench machine at load ~17; built at start by app.ts warmUp).
 */
import type { GraphStore } from '../../store/types.js';
import { bySegmentOrder, typeCounts, type SegmentTotals, type TypeCount } from '../analysis/chain.js';
import { getEntities } from '../graph.js';
import type { Entity } from '../model.js';
import { LiveProjection, type RevisionDelta } from './projection.js';

/** How deep LOCATED_IN is followed: as regionScope's `LOCATED_IN*1..6` (entity → park → town → district → city). */
export const LOCATED_IN_DEPTH = 6;

/** One IN_SEGMENT relation of an entity. */
export interface SegmentLink {
  seg: number;
  inferred: boolean;
  reason: string | null;
}

/** A gap candidate row: an organisation outside the region linked to a segment, with its degree. */
export interface SegmentRow {
  seg: string;
  id: string;
  inferred: boolean;
  why: string | null;
  degree: number;
}

/**
 * Relations of one type between interned entities, both ways: per entity a plain array of numbers (a
 * pair related twice appears twice), a fraction of the memory of a map per entity.
 */
class Links {
  readonly out = new Map<number, number[]>();
  readonly in = new Map<number, number[]>();

  add(from: number, to: number): void {
    Links.push(this.out, from, to);
    Links.push(this.in, to, from);
  }

  /** Sets an entity's outgoing links to `tos`, whatever they were: the same call twice changes nothing. */
  replaceOut(from: number, tos: readonly number[]): void {
    for (const to of this.out.get(from) ?? []) Links.drop(this.in, to, from);
    this.out.delete(from);
    for (const to of tos) this.add(from, to);
  }

  private static push(index: Map<number, number[]>, k: number, v: number) {
    const list = index.get(k);
    if (list) list.push(v);
    else index.set(k, [v]);
  }

  private static drop(index: Map<number, number[]>, k: number, v: number) {
    const list = index.get(k);
    const i = list?.indexOf(v) ?? -1;
    if (!list || i < 0) return;
    list[i] = list[list.length - 1];
    list.pop();
    if (list.length === 0) index.delete(k);
  }
}

/** An entity as the store has it now, for AnalysisGraph.refresh: absent (null type) when retracted. */
export interface EntityFacts {
  id: string;
  type: string | null;
  degree: number;
  places: string[];
  alliances: string[];
  segments: { seg: string; inferred: boolean; reason: string | null }[];
}

export class AnalysisGraph {
  private readonly index = new Map<string, number>();
  private readonly ids: string[] = [];
  /** Entity type by number; undefined once retracted (or never seen as an entity). */
  private readonly types: (string | undefined)[] = [];
  /** Relations of every type at each entity, both directions: `(c)-[q]-(:Entity)` counted. */
  private readonly degrees: number[] = [];
  /** LOCATED_IN: an entity's places (out) and a place's entities (in). */
  private readonly located = new Links();
  /** MEMBER_OF: an entity's alliances (out) and an alliance's members (in). */
  private readonly memberships = new Links();
  /** Entity → its IN_SEGMENT relations. */
  private readonly segmentLinks = new Map<number, SegmentLink[]>();
  /** IN_SEGMENT: a segment's members (in); the links with their flags are in segmentLinks. */
  private readonly segmented = new Links();
  private entities = 0;
  /** Bumped by every applied change: answers kept for one generation only. */
  private generation = 0;
  private readonly memo = new Map<string, unknown>();
  private memoGeneration = 0;

  get size(): number {
    return this.entities;
  }

  private num(id: string): number {
    let n = this.index.get(id);
    if (n === undefined) {
      n = this.ids.length;
      this.index.set(id, n);
      this.ids.push(id);
      this.types.push(undefined);
      this.degrees.push(0);
    }
    return n;
  }

  setEntity(id: string, type: string | null): void {
    const n = this.num(id);
    const had = this.types[n] !== undefined;
    this.types[n] = type ?? undefined;
    this.entities += Number(type !== null) - Number(had);
    this.generation++;
  }

  setDegree(id: string, degree: number): void {
    this.degrees[this.num(id)] = degree;
  }

  /** Adds one relation's link (the build; degrees are set apart). */
  relation(type: string, from: string, to: string, props: { inferred?: unknown; reason?: unknown }): void {
    const f = this.num(from);
    const t = this.num(to);
    this.generation++;
    if (type === 'LOCATED_IN') this.located.add(f, t);
    else if (type === 'MEMBER_OF') this.memberships.add(f, t);
    else if (type === 'IN_SEGMENT') {
      const link = { seg: t, inferred: props.inferred === true, reason: typeof props.reason === 'string' ? props.reason : null };
      const links = this.segmentLinks.get(f);
      if (links) links.push(link);
      else this.segmentLinks.set(f, [link]);
      this.segmented.add(f, t);
    }
  }

  /**
   * Sets entities to what the store has now — type, degree and outgoing links — whatever the
   * projection held for them. Idempotent, unlike adding and removing the revisions' relations: an edit
   * that the build already saw (it committed while the build read) and that the catch-up then
   * replays is not counted twice. A relation changed has both its ends refreshed; the `from` end
   * carries the link.
   */
  refresh(facts: readonly EntityFacts[], absent: readonly string[]): void {
    for (const id of absent) {
      this.setEntity(id, null);
      this.setDegree(id, 0);
      this.replaceOutLinks(this.num(id), [], [], []);
    }
    for (const f of facts) {
      this.setEntity(f.id, f.type);
      this.setDegree(f.id, f.degree);
      const segs = f.segments.map((l) => ({ ...l, seg: this.num(l.seg) }));
      this.replaceOutLinks(
        this.num(f.id),
        f.places.map((p) => this.num(p)),
        f.alliances.map((a) => this.num(a)),
        segs,
      );
    }
    this.generation++;
  }

  private replaceOutLinks(n: number, places: number[], alliances: number[], segments: SegmentLink[]): void {
    this.located.replaceOut(n, places);
    this.memberships.replaceOut(n, alliances);
    this.segmented.replaceOut(
      n,
      segments.map((l) => l.seg),
    );
    if (segments.length) this.segmentLinks.set(n, segments);
    else this.segmentLinks.delete(n);
  }

  /** The entities a batch of revisions touched: each changed entity and both ends of each changed relation. */
  static touched(revisions: readonly RevisionDelta[]): Set<string> {
    const ids = new Set<string>();
    for (const r of revisions) {
      if (r.target === 'ENTITY') {
        ids.add(r.targetId);
        continue;
      }
      for (const fact of [r.before, r.after]) {
        if (fact && typeof fact.from === 'string') ids.add(fact.from);
        if (fact && typeof fact.to === 'string') ids.add(fact.to);
      }
    }
    return ids;
  }

  private cached<T>(key: string, compute: () => T): T {
    if (this.memoGeneration !== this.generation) {
      this.memo.clear();
      this.memoGeneration = this.generation;
    }
    if (this.memo.has(key)) return this.memo.get(key) as T;
    // A few hundred regions at most; a bound in case of many distinct benchmarks.
    if (this.memo.size > 2000) this.memo.clear();
    const value = compute();
    this.memo.set(key, value);
    return value;
  }

  typeOf(id: string): string | undefined {
    const n = this.index.get(id);
    return n === undefined ? undefined : this.types[n];
  }

  /** Ids of the entities of a type. */
  entitiesOfType(type: string): string[] {
    return this.cached(`type:${type}`, () => this.ids.filter((_, n) => this.types[n] === type));
  }

  /**
   * The entities located in a region, at most LOCATED_IN_DEPTH steps down (the region itself only if a
   * cycle leads back to it): what `(n)-[:LOCATED_IN*1..6]->(region)` matches.
   */
  private locatedIn(regionId: string): Set<number> {
    return this.cached(`located:${regionId}`, () => {
      const root = this.index.get(regionId);
      const found = new Set<number>();
      if (root === undefined) return found;
      let frontier = [root];
      for (let depth = 0; depth < LOCATED_IN_DEPTH && frontier.length; depth++) {
        const next: number[] = [];
        for (const p of frontier) {
          for (const x of this.located.in.get(p) ?? []) {
            if (found.has(x)) continue;
            found.add(x);
            next.push(x);
          }
        }
        frontier = next;
      }
      // Entities only: a LOCATED_IN end that was never an entity (or was retracted) matches nothing.
      for (const x of found) if (this.types[x] === undefined) found.delete(x);
      return found;
    });
  }

  /** The region and every entity located in it: what regionScope answers. */
  scope(regionId: string): string[] {
    return this.cached(`scope:${regionId}`, () => {
      const located = this.locatedIn(regionId);
      const root = this.index.get(regionId);
      return [regionId, ...[...located].filter((n) => n !== root).map((n) => this.ids[n])];
    });
  }

  /** Segment counts for a region (its scope) or the whole graph (null). */
  segmentTotals(regionId: string | null): SegmentTotals {
    return this.cached(`totals:${regionId ?? ''}`, () => {
      let entities: Iterable<number>;
      if (regionId === null) entities = this.segmentLinks.keys();
      else {
        const scope = new Set(this.locatedIn(regionId));
        const root = this.index.get(regionId);
        if (root !== undefined && this.types[root] !== undefined) scope.add(root);
        entities = scope;
      }
      const perSegment = new Map<number, Map<string, number>>();
      const all = new Map<string, number>();
      for (const e of entities) {
        const type = this.types[e];
        const links = this.segmentLinks.get(e);
        if (type === undefined || !links) continue;
        const segs = new Set(links.map((l) => l.seg).filter((s) => this.types[s] === 'ChainSegment'));
        if (segs.size === 0) continue;
        all.set(type, (all.get(type) ?? 0) + 1);
        for (const s of segs) {
          const counts = perSegment.get(s) ?? new Map<string, number>();
          counts.set(type, (counts.get(type) ?? 0) + 1);
          perSegment.set(s, counts);
        }
      }
      const sum = (xs: TypeCount[]) => xs.reduce((n, x) => n + x.count, 0);
      const byType = new Map([...perSegment].map(([s, counts]) => [this.ids[s], typeCounts(counts)]));
      const totals = typeCounts(all);
      return { counts: new Map([...byType].map(([s, xs]) => [s, sum(xs)])), byType, total: sum(totals), totals };
    });
  }

  /**
   * Entities outside the region linked to the segments, one row per segment, link flags and entity
   * (the degree counted once per such relation, as the query's grouped count did), most linked first
   * then by id, at most `cap`.
   */
  segmentRows(segmentIds: readonly string[], regionId: string, cap: number): SegmentRow[] {
    const located = this.locatedIn(regionId);
    const rows: SegmentRow[] = [];
    for (const segId of segmentIds) {
      const s = this.index.get(segId);
      if (s === undefined || this.types[s] === undefined) continue;
      for (const c of new Set(this.segmented.in.get(s))) {
        if (located.has(c) || this.types[c] === undefined) continue;
        const groups = new Map<string, SegmentRow>();
        for (const l of this.segmentLinks.get(c) ?? []) {
          if (l.seg !== s) continue;
          const key = `${l.inferred}\u0000${l.reason ?? '\u0001'}`;
          const row = groups.get(key);
          if (row) row.degree += this.degrees[c];
          else groups.set(key, { seg: segId, id: this.ids[c], inferred: l.inferred, why: l.reason, degree: this.degrees[c] });
        }
        rows.push(...groups.values());
      }
    }
    return rows.sort((a, b) => b.degree - a.degree || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).slice(0, cap);
  }

  private linked(links: Map<number, number[]>, id: string): string[] {
    const n = this.index.get(id);
    return [...new Set(n === undefined ? [] : links.get(n))].filter((x) => this.types[x] !== undefined).map((x) => this.ids[x]);
  }

  /** The distinct segments (any IN_SEGMENT target) of an entity. */
  segmentsOf(id: string): string[] {
    const n = this.index.get(id);
    const links = n === undefined ? [] : (this.segmentLinks.get(n) ?? []);
    return [...new Set(links.map((l) => l.seg))].filter((s) => this.types[s] !== undefined).map((s) => this.ids[s]);
  }

  /** The distinct places an entity is LOCATED_IN, with their types. */
  placesOf(id: string): { id: string; type: string }[] {
    return this.linked(this.located.out, id).map((p) => ({ id: p, type: this.typeOf(p)! }));
  }

  /** Whether an entity states any location. */
  isPlaced(id: string): boolean {
    return this.placesOf(id).length > 0;
  }

  /** The distinct entities an entity is a MEMBER_OF. */
  alliancesOf(id: string): string[] {
    return this.linked(this.memberships.out, id);
  }

  /** The distinct members of an alliance. */
  membersOf(id: string): string[] {
    return this.linked(this.memberships.in, id);
  }
}

/** Reads the projection from the store: the oracle the tests compare the replayed one against. */
export async function buildAnalysisGraph(store: GraphStore): Promise<AnalysisGraph> {
  const opts = (operation: string) => ({ operation, timeoutMs: 0 });
  const [entities, located, segments, members] = await Promise.all([
    store.read(
      'MATCH (n:Entity) OPTIONAL MATCH (n)-[q]-(:Entity) RETURN n.id AS id, n.type AS type, count(q) AS degree',
      {},
      opts('analysis graph entities'),
    ),
    store.read('MATCH (a:Entity)-[r:LOCATED_IN]->(b:Entity) RETURN a.id AS a, b.id AS b', {}, opts('analysis graph places')),
    store.read(
      'MATCH (a:Entity)-[r:IN_SEGMENT]->(b:Entity) RETURN a.id AS a, b.id AS b, r.inferred AS inferred, r.reason AS reason',
      {},
      opts('analysis graph segments'),
    ),
    store.read('MATCH (a:Entity)-[r:MEMBER_OF]->(b:Entity) RETURN a.id AS a, b.id AS b', {}, opts('analysis graph members')),
  ]);
  const g = new AnalysisGraph();
  for (const r of entities) g.setEntity(String(r.id), String(r.type));
  for (const r of located) g.relation('LOCATED_IN', String(r.a), String(r.b), {});
  for (const r of members) g.relation('MEMBER_OF', String(r.a), String(r.b), {});
  for (const r of segments) g.relation('IN_SEGMENT', String(r.a), String(r.b), { inferred: r.inferred, reason: r.reason });
  for (const r of entities) g.setDegree(String(r.id), Number(r.degree));
  return g;
}

/** More entities touched than this in one catch-up (a big import): rebuild instead. */
const MAX_REFRESHED = 20_000;
const REFRESH_BATCH = 1_000;

/** The store's facts for these entities now (keyed reads), and the ids it no longer has. */
export async function readEntityFacts(store: GraphStore, ids: readonly string[]): Promise<{ facts: EntityFacts[]; absent: string[] }> {
  const facts = new Map<string, EntityFacts>();
  const opts = { operation: 'analysis graph refresh' };
  for (let i = 0; i < ids.length; i += REFRESH_BATCH) {
    const batch = ids.slice(i, i + REFRESH_BATCH);
    const links = (type: string, extra = '') =>
      store.read(
        `UNWIND $ids AS i MATCH (a:Entity {id: i})-[r:${type}]->(b:Entity) RETURN a.id AS a, b.id AS b${extra}`,
        { ids: batch },
        opts,
      );
    const [entities, located, members, segments] = await Promise.all([
      store.read(
        'UNWIND $ids AS i MATCH (n:Entity {id: i}) OPTIONAL MATCH (n)-[q]-(:Entity) RETURN n.id AS id, n.type AS type, count(q) AS degree',
        { ids: batch },
        opts,
      ),
      links('LOCATED_IN'),
      links('MEMBER_OF'),
      links('IN_SEGMENT', ', r.inferred AS inferred, r.reason AS reason'),
    ]);
    for (const r of entities) {
      facts.set(String(r.id), {
        id: String(r.id),
        type: String(r.type),
        degree: Number(r.degree),
        places: [],
        alliances: [],
        segments: [],
      });
    }
    for (const r of located) facts.get(String(r.a))?.places.push(String(r.b));
    for (const r of members) facts.get(String(r.a))?.alliances.push(String(r.b));
    for (const r of segments) {
      facts.get(String(r.a))?.segments.push({
        seg: String(r.b),
        inferred: r.inferred === true,
        reason: typeof r.reason === 'string' ? r.reason : null,
      });
    }
  }
  return { facts: [...facts.values()], absent: ids.filter((id) => !facts.has(id)) };
}

const live = new LiveProjection<AnalysisGraph>({
  name: 'analysis graph',
  build: buildAnalysisGraph,
  // The revisions say which entities changed; what they are now is read from the store (see refresh).
  async apply(graph, revisions, store) {
    const touched = [...AnalysisGraph.touched(revisions)];
    if (touched.length > MAX_REFRESHED) return false;
    const { facts, absent } = await readEntityFacts(store, touched);
    graph.refresh(facts, absent);
    return true;
  },
  entityCount: (graph) => graph.size,
});

/** The projection for the graph as it is now. */
export async function analysisGraph(store: GraphStore): Promise<AnalysisGraph> {
  return (await live.get(store)).value;
}

/**
 * The chain segments in chain order, as chainSegments answers: listed by the projection and read by
 * key, instead of a scan of every entity for the dozen segments (0.3 s under load at 100k).
 */
export async function chainSegmentsIn(store: GraphStore, graph: AnalysisGraph): Promise<Entity[]> {
  const found = await getEntities(store, graph.entitiesOfType('ChainSegment'));
  return [...found.values()].sort(bySegmentOrder);
}
