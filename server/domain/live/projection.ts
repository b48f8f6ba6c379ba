/**
 * In-memory projections of the graph — the name index, the search index, per-region aggregates —
 * kept in step with the store instead of recounting the graph per request.
 *
 * A projection is built once from the store, then brought forward with the revisions of the change
 * sets committed since (an edit: a few records; an import: one change set of many). Every graph write
 * goes through a change set with its revisions, except a seed or bulk load, which the version notices
 * (the seed marker, the entity count) and answers with a rebuild. Projections are per process and safe
 * to lose: nothing is ever read from them that the store could not give again.
 *
 * Knowing whether the graph changed: the embedded store is owned by this process and counts its
 * committed writes (GraphStore.localWrites), so an unchanged count costs nothing. On Neo4j other API
 * servers write too; there each request reads the version once (three small reads; again after it
 * writes), so a user who edited through another server reads their own write here.
 */
import { log } from '../../log.js';
import { unlimited, type GraphStore } from '../../store/index.js';

const debug = log('projection');

export interface GraphVersion {
  /** The newest change set's id (ids sort by time). */
  last: string;
  /** How many change sets there are. */
  changes: number;
  entities: number;
  /** The seed marker: changes when the graph is seeded or loaded again. */
  seed: string;
  /** All of the above in one string: equal keys, equal graphs. */
  key: string;
}

/** One revision as a projection applies it: the fact before and after (null: absent / retracted). */
export interface RevisionDelta {
  changeSet: string;
  seq: number;
  target: 'ENTITY' | 'RELATION';
  targetId: string;
  op: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface ProjectionSpec<T> {
  /** Names it in logs and errors. */
  name: string;
  build(store: GraphStore): Promise<T>;
  /**
   * Applies revisions in commit order, changing `state` in place; false when they cannot be applied
   * (it is rebuilt). It must be idempotent: a change set that committed while the state was being
   * built is in the state and among the revisions of the next catch-up too. It may read the store
   * (`store`: the unlimited one); it changes `state` only after its reads, in one synchronous step,
   * so a request reading the state never sees half a catch-up.
   */
  apply(state: T, revisions: RevisionDelta[], store: GraphStore): boolean | Promise<boolean>;
  /** How many entities it holds, when it knows: a mismatch with the store after catching up means a rebuild. */
  entityCount?(state: T): number;
  /** More change sets than this since the last version: rebuild rather than replay (default 500). */
  maxReplay?: number;
}

interface VersionCache {
  writes: number;
  version: Promise<GraphVersion>;
}

const versions = new WeakMap<GraphStore, VersionCache>();

async function readVersion(store: GraphStore): Promise<GraphVersion> {
  const opts = { operation: 'graph version' };
  const [c] = await store.read('MATCH (c:ChangeSet) RETURN max(c.id) AS last, count(c) AS n', {}, opts);
  const [e] = await store.read('MATCH (n:Entity) RETURN count(n) AS n', {}, opts);
  const [m] = await store.read("MATCH (m:AppMeta {key: 'seed'}) RETURN m.value AS v", {}, opts);
  const v = { last: String(c?.last ?? ''), changes: Number(c?.n ?? 0), entities: Number(e?.n ?? 0), seed: String(m?.v ?? '') };
  return { ...v, key: `${v.last}|${v.changes}|${v.entities}|${v.seed}` };
}

/**
 * The graph's version now: free on the embedded store when nothing was written since the last call.
 * Elsewhere (Neo4j) it is read once per request (a request's store, withRequestLimits) and again
 * after the request writes, so a request using several projections checks the version once.
 */
export function graphVersion(store: GraphStore): Promise<GraphVersion> {
  const writes = store.localWrites ?? (store as { requestWrites?: number }).requestWrites;
  if (writes === undefined) return readVersion(store);
  const key = store.localWrites === undefined ? store : unlimited(store);
  const cached = versions.get(key);
  if (cached && cached.writes === writes) return cached.version;
  // The count is taken before reading: a write landing meanwhile only makes the next call read again.
  const version = readVersion(store);
  versions.set(key, { writes, version });
  version.catch(() => {
    if (versions.get(key)?.version === version) versions.delete(key);
  });
  return version;
}

function parseFact(s: unknown): Record<string, unknown> | null {
  if (typeof s !== 'string' || !s) return null;
  const v: unknown = JSON.parse(s);
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

interface Delta {
  revisions: RevisionDelta[];
  changeSets: number;
}

/** Per store, the catch-ups read lately: every projection catches up over the same versions, and reads and parses them once. */
const feeds = new WeakMap<GraphStore, Map<string, Promise<Delta>>>();
const FEED_ENTRIES = 4;

/** The revisions of the change sets after `from` up to `to`, in commit order, with how many change sets they came from. */
function revisionsSince(store: GraphStore, from: GraphVersion, to: GraphVersion): Promise<Delta> {
  const feed = feeds.get(store) ?? new Map<string, Promise<Delta>>();
  feeds.set(store, feed);
  const key = `${from.last}\u0000${to.last}`;
  const known = feed.get(key);
  if (known) return known;
  const delta = readRevisions(store, from.last, to.last);
  feed.set(key, delta);
  if (feed.size > FEED_ENTRIES) feed.delete(feed.keys().next().value!);
  delta.catch(() => {
    if (feed.get(key) === delta) feed.delete(key);
  });
  return delta;
}

async function readRevisions(store: GraphStore, last: string, upto: string): Promise<Delta> {
  const rows = await store.read(
    'MATCH (r:Revision) WHERE r.changeSet > $last AND r.changeSet <= $upto RETURN r.changeSet AS cs, r.seq AS seq, r.target AS target, r.targetId AS id, r.op AS op, r.before AS before, r.after AS after ORDER BY r.changeSet, r.seq',
    { last, upto },
    { operation: 'projections catch-up' },
  );
  const revisions = rows.map((r) => ({
    changeSet: String(r.cs),
    seq: Number(r.seq),
    target: (r.target === 'RELATION' ? 'RELATION' : 'ENTITY') as RevisionDelta['target'],
    targetId: String(r.id),
    op: String(r.op),
    before: parseFact(r.before),
    after: parseFact(r.after),
  }));
  return { revisions, changeSets: new Set(revisions.map((r) => r.changeSet)).size };
}

/** The entities revisions touched: each changed entity and both ends of each changed relation (a projection refreshes these). */
export function touchedEntities(revisions: readonly RevisionDelta[]): Set<string> {
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

/** `a` is the same graph as `b` or an older one (a version read before a write that `b` has seen). */
function notNewer(a: GraphVersion, b: GraphVersion): boolean {
  return a.seed === b.seed && a.last <= b.last && a.changes <= b.changes && (a.last < b.last || a.changes < b.changes || a.key === b.key);
}

interface Entry<T> {
  version: GraphVersion;
  state: Promise<T>;
  /** The state once it is there. */
  value?: { state: T };
  /** Resolved when this entry's state is being built from scratch (not caught up). */
  building: Promise<void>;
  startBuilding: () => void;
}

/** A projection per store, brought up to date on each `get`. */
export class LiveProjection<T> {
  private readonly entries = new WeakMap<GraphStore, Entry<T>>();

  constructor(private readonly spec: ProjectionSpec<T>) {}

  /** The projection for the graph as it is now, and the version it is for (what caches built on it are keyed by). */
  async get(store: GraphStore): Promise<{ value: T; version: GraphVersion }> {
    const entry = this.entryFor(store, await graphVersion(store));
    return { value: await entry.state, version: entry.version };
  }

  /**
   * The projection for the graph as it is now when it is there or a catch-up away; null while it is
   * being built from scratch (the build goes on: a later call gets it) unless `waitForBuild` says
   * the build is worth waiting for. For readers that can answer from the store instead and must not
   * wait seconds for a build.
   */
  async ready(store: GraphStore, opts: { waitForBuild?: (version: GraphVersion) => boolean } = {}): Promise<T | null> {
    const entry = this.entryFor(store, await graphVersion(store));
    if (entry.value) return entry.value.state;
    if (opts.waitForBuild?.(entry.version)) return entry.state;
    return Promise.race([entry.state.catch(() => null), entry.building.then(() => null)]);
  }

  /** The entry for `version`: the current one, or a new one advancing from it. */
  private entryFor(store: GraphStore, version: GraphVersion): Entry<T> {
    // A request's store (withRequestLimits) shares the projection of the store it stands for.
    const key = unlimited(store);
    const entry = this.entries.get(key);
    if (entry && notNewer(version, entry.version)) return entry;
    let startBuilding = () => {};
    const building = new Promise<void>((resolve) => (startBuilding = resolve));
    const next: Entry<T> = { version, state: Promise.resolve(null as T), building, startBuilding };
    // Built and caught up with the store itself, not the request's: it outlives the request, and a
    // build cut off by one request's deadline (20 s; a 100k build under load can take longer) would
    // leave nothing built for the next.
    next.state = this.advance(key, entry ?? null, next);
    this.entries.set(key, next);
    next.state.then(
      (state) => (next.value = { state }),
      () => {
        if (this.entries.get(key) === next) this.entries.delete(key);
      },
    );
    return next;
  }

  /** Forgets every store's projection (tests; a store reloaded behind the version's back). */
  reset(store: GraphStore): void {
    this.entries.delete(unlimited(store));
  }

  private async advance(store: GraphStore, prev: Entry<T> | null, next: Entry<T>): Promise<T> {
    if (prev) {
      // Waits for the catch-up or build before it, so revisions are applied once, in order.
      const current = await prev.state.catch(() => null);
      if (current !== null && (await this.catchUp(store, current, prev.version, next.version))) return current;
    }
    next.startBuilding();
    return this.spec.build(store);
  }

  private async catchUp(store: GraphStore, state: T, from: GraphVersion, to: GraphVersion): Promise<boolean> {
    const { spec } = this;
    if (from.seed !== to.seed || to.changes < from.changes || to.changes - from.changes > (spec.maxReplay ?? 500)) return false;
    let delta;
    try {
      delta = await revisionsSince(store, from, to);
    } catch {
      return false;
    }
    // A change set committed late with an id below `from.last` (another server's clock) is not in
    // the delta: the counts disagree and the projection is rebuilt instead.
    if (delta.changeSets !== to.changes - from.changes) return false;
    if (delta.revisions.length > 0) {
      // The revisions are shared with the other projections: each gets its own copy of the list.
      // Async, so an apply that throws at once is caught like one whose reads fail.
      const applied = await (async () => spec.apply(state, [...delta.revisions], store))().catch((err: unknown) => {
        debug('%s: catching up failed, rebuilding: %o', spec.name, err);
        return false;
      });
      if (!applied) return false;
    }
    return spec.entityCount ? spec.entityCount(state) === to.entities : true;
  }
}
