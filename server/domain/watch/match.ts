/**
 * Which of a user's follows a revision concerns. A revision concerns the entities it names (an
 * entity, or a relation's two ends); an entity is covered by a follow of itself, of a region it lies
 * in (LOCATED_IN through parks and towns, found a level at a time by key, as an editor's scope is),
 * or of a segment it is IN_SEGMENT of (sub-segments included). Coverage is read for the ids at hand
 * only and cached for the request; a change set that touched none of the followed regions (its
 * `regions`, recorded when it was made) skips the region lookup.
 */
import { placesAbove, typeOfRelationId } from '../curation/rows.js';
import type { GraphStore, Transaction } from '../../store/types.js';
import type { WatchKind, WatchRecord } from './watches.js';

/** Something that concerns entities (a revision, a lead event): what the matcher needs of it. */
export interface Concern {
  id: string;
  /** The entities it concerns: a revision's entity or a relation's ends (from, to); a lead's target, region and segment. */
  subjects: string[];
  /** A relation's revision: its id names its type. */
  target?: 'ENTITY' | 'RELATION';
  targetId?: string;
}

/** A revision as the feed's scan reads it: no snapshots, just what it concerns. */
export interface LightRevision extends Concern {
  seq: number;
  target: 'ENTITY' | 'RELATION';
  targetId: string;
  op: string;
}

const KIND_ORDER: Record<WatchKind, number> = { ENTITY: 0, REGION: 1, SEGMENT: 2 };

/** Sub-segments are chain segments PART_OF a followed one, at most this many levels down. */
const SEGMENT_DEPTH = 3;

export class WatchMatcher {
  private readonly entities = new Map<string, WatchRecord>();
  private readonly regions: WatchRecord[];
  /** A followed segment or one of its sub-segments → the follows it stands for. */
  private readonly segments = new Map<string, WatchRecord[]>();
  private readonly inRegions = new Map<string, WatchRecord[]>();
  private readonly inSegments = new Map<string, WatchRecord[]>();
  private readonly reader: Transaction;

  private constructor(
    private readonly store: GraphStore,
    watches: WatchRecord[],
  ) {
    for (const w of watches) if (w.kind === 'ENTITY') this.entities.set(w.targetId, w);
    this.regions = watches.filter((w) => w.kind === 'REGION');
    // placesAbove reads through a transaction's `run`; here every statement is a read of its own.
    this.reader = { engine: store.engine, run: (cypher, params) => store.read(cypher, params, { operation: 'feed coverage' }) };
  }

  static async of(store: GraphStore, watches: WatchRecord[]): Promise<WatchMatcher> {
    const m = new WatchMatcher(store, watches);
    const followed = watches.filter((w) => w.kind === 'SEGMENT');
    for (const w of followed) m.add(m.segments, w.targetId, [w]);
    if (followed.length) {
      const rows = await store.read(
        `UNWIND $ids AS id MATCH (s:Entity)-[:PART_OF*1..${SEGMENT_DEPTH}]->(p:Entity {id: id}) WHERE s.type = 'ChainSegment' RETURN DISTINCT s.id AS sub, p.id AS id`,
        { ids: followed.map((w) => w.targetId) },
        { operation: 'feed sub-segments' },
      );
      for (const r of rows)
        m.add(
          m.segments,
          String(r.sub),
          followed.filter((w) => w.targetId === String(r.id)),
        );
    }
    return m;
  }

  /** When only region follows could match, those regions: a change set that touched none of them is skipped whole. */
  get onlyRegions(): string[] | null {
    return this.entities.size === 0 && this.segments.size === 0 ? this.regions.map((w) => w.targetId) : null;
  }

  /** Whether a change set that touched these regions can concern a region follow. */
  touchesFollowedRegion(regions: readonly string[]): boolean {
    return this.regions.some((w) => regions.includes(w.targetId));
  }

  private add(map: Map<string, WatchRecord[]>, key: string, ws: WatchRecord[]) {
    const list = map.get(key) ?? [];
    for (const w of ws) if (!list.includes(w)) list.push(w);
    map.set(key, list);
  }

  private async coverRegions(ids: string[]): Promise<void> {
    const todo = ids.filter((id) => !this.inRegions.has(id));
    if (!todo.length || !this.regions.length) return;
    const above = await placesAbove(this.reader, todo);
    for (const id of todo)
      this.inRegions.set(
        id,
        this.regions.filter((w) => w.targetId === id || above.get(id)?.has(w.targetId)),
      );
  }

  private async coverSegments(ids: string[]): Promise<void> {
    const todo = ids.filter((id) => !this.inSegments.has(id));
    if (!todo.length || !this.segments.size) return;
    for (const id of todo) this.inSegments.set(id, [...(this.segments.get(id) ?? [])]);
    const rows = await this.store.read(
      'UNWIND $ids AS id MATCH (e:Entity {id: id})-[:IN_SEGMENT]->(s:Entity) RETURN e.id AS id, s.id AS seg',
      { ids: todo },
      { operation: 'feed segments' },
    );
    for (const r of rows) this.add(this.inSegments, String(r.id), this.segments.get(String(r.seg)) ?? []);
  }

  /**
   * The follows each revision of one change set concerns (revisions concerning none are left out);
   * `regions`: the regions the change set touched, or 'all' (lead events, read apart from changes).
   * An entity placed in a followed region or segment by a relation of the same change counts as in
   * it for that change: a company retracted with its placement is still news to the region.
   */
  async match(revisions: Concern[], regions: readonly string[] | 'all'): Promise<Map<string, WatchRecord[]>> {
    const ids = [...new Set(revisions.flatMap((r) => r.subjects))];
    const regional = regions === 'all' || this.touchesFollowedRegion(regions);
    if (regional) await this.coverRegions(ids);
    await this.coverSegments(ids);
    const local = new Map<string, WatchRecord[]>();
    const coverOf = (id: string): WatchRecord[] => [
      ...(this.entities.has(id) ? [this.entities.get(id)!] : []),
      ...(regional ? (this.inRegions.get(id) ?? []) : []),
      ...(this.inSegments.get(id) ?? []),
      ...(local.get(id) ?? []),
    ];
    for (const r of revisions) {
      const type = r.target === 'RELATION' && r.targetId ? typeOfRelationId(r.targetId) : null;
      if ((type === 'LOCATED_IN' || type === 'IN_SEGMENT') && r.subjects.length === 2) {
        const [from, to] = r.subjects;
        const placed = coverOf(to).filter((w) => w.kind === (type === 'LOCATED_IN' ? 'REGION' : 'SEGMENT'));
        if (placed.length) this.add(local, from, placed);
      }
    }
    const out = new Map<string, WatchRecord[]>();
    for (const r of revisions) {
      const found = [...new Set(r.subjects.flatMap(coverOf))].sort(
        (a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.targetId.localeCompare(b.targetId),
      );
      if (found.length) out.set(r.id, found);
    }
    return out;
  }
}
