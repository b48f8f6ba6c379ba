/** Entities, their relations, neighbourhoods, paths and counts: plain Cypher over any GraphStore. */
import { allShortestPaths, pathReturn, relTypeExpr } from '../store/dialect.js';
import { GraphPath, type GraphStore } from '../store/types.js';
import { isEntityType, isRelationType, type Edge, type Entity, type EntityType, type RelationType } from './model.js';
import { notFound } from './errors.js';
import { decodeEdge, decodeEntity, edgeColumns, edgeFromProps, entityColumns, entityFromProps, type Columns } from './records.js';
import { modelServes, readModel } from './live/read-model.js';

export interface Subgraph {
  nodes: Entity[];
  edges: Edge[];
  truncated: boolean;
}

export interface PathResult {
  nodes: Entity[];
  edges: Edge[];
}

export interface Neighbour {
  edge: Edge;
  other: Entity;
  direction: 'OUT' | 'IN';
}

const relPattern = (relations?: RelationType[] | null) => (relations?.length ? `:${relations.join('|')}` : '');

export async function getEntities(store: GraphStore, ids: string[]): Promise<Map<string, Entity>> {
  if (ids.length === 0) return new Map();
  // UNWIND + a keyed MATCH uses the primary-key index on LadybugDB; `WHERE n.id IN $ids` scans every node.
  const rows = await store.read(
    `UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN ${entityColumns('n')}`,
    { ids },
    { operation: 'entities' },
  );
  return new Map(rows.map((r) => decodeEntity(r)).map((e) => [e.id, e]));
}

/**
 * Entities by id with at least these columns: from the read model when it holds them (no statement),
 * else from the store (every column).
 */
export async function getEntitiesWith(store: GraphStore, ids: string[], columns: Columns['entity']): Promise<Map<string, Entity>> {
  const model = modelServes({ entity: columns, edge: [] }) ? await readModel(store) : null;
  return model ? model.entities(ids) : getEntities(store, ids);
}

export async function getEntity(store: GraphStore, id: string): Promise<Entity | null> {
  return (await getEntities(store, [id])).get(id) ?? null;
}

/** The region with this id; an unknown id, or one that is not a region, is NOT_FOUND. */
export async function getRegion(store: GraphStore, id: string): Promise<Entity> {
  const region = await getEntity(store, id);
  if (!region || region.type !== 'Region') throw notFound(`no region with id "${id}"`, { id });
  return region;
}

type NeighbourItem = Neighbour & { from: string };

function toItem(row: Record<string, unknown>, direction: 'OUT' | 'IN'): NeighbourItem {
  const other = decodeEntity(row, 'b_');
  const from = String(row.a_id);
  const edge = direction === 'OUT' ? decodeEdge(row, from, other.id) : decodeEdge(row, other.id, from);
  return { from, other, direction, edge };
}

/**
 * Relations touching the given entities, both directions, with the entity at the other end.
 * `cap` bounds the rows per direction, so a hub with thousands of links cannot blow up the answer.
 *
 * Both directions in one statement (UNION ALL, each side with its own LIMIT): measured on the seed
 * graph under 64 clients, a statement costs the embedded engine ~1 ms of CPU however small its
 * answer, and the two statements this was were half the cost of a neighbourhood.
 */
export async function neighbours(
  store: GraphStore,
  ids: string[],
  opts: { relations?: RelationType[] | null; types?: EntityType[] | null; cap?: number; columns?: Columns } = {},
): Promise<{ items: NeighbourItem[]; capped: boolean }> {
  const model = modelServes(opts.columns) ? await readModel(store) : null;
  if (model)
    return model.neighbours(ids, {
      relations: opts.relations,
      types: opts.types,
      cap: opts.cap === undefined ? undefined : Math.trunc(opts.cap),
    });
  const rel = relPattern(opts.relations);
  const typeFilter = opts.types?.length ? ' AND b.type IN $types' : '';
  const cap = opts.cap === undefined ? undefined : Math.trunc(opts.cap);
  const limit = cap === undefined ? '' : ` LIMIT ${cap + 1}`;
  const cols = `a.id AS a_id, ${entityColumns('b', 'b_', opts.columns?.entity)}, ${edgeColumns('r', relTypeExpr(store.engine, 'r'), 'r_', opts.columns?.edge)}`;
  const params = { ids, id: ids[0], types: opts.types ?? [] };
  // One seed (the common case: a user expands a node) is a keyed lookup; several seeds filter by list
  // (an UNWIND joined to the relationship scan measured worse on LadybugDB for large frontiers).
  const [a, where] =
    ids.length === 1 ? ['(a:Entity {id: $id})', typeFilter.replace(' AND', ' WHERE')] : ['(a:Entity)', ` WHERE a.id IN $ids${typeFilter}`];
  const rows = await store.read(
    `MATCH ${a}-[r${rel}]->(b:Entity)${where} RETURN ${cols}, true AS r_out${limit}` +
      ` UNION ALL MATCH ${a}<-[r${rel}]-(b:Entity)${where} RETURN ${cols}, false AS r_out${limit}`,
    params,
    { operation: 'neighbours' },
  );
  const out: NeighbourItem[] = [];
  const inc: NeighbourItem[] = [];
  let outRows = 0;
  let inRows = 0;
  for (const row of rows) {
    if (row.r_out === true) {
      if (++outRows <= (cap ?? Infinity)) out.push(toItem(row, 'OUT'));
    } else if (++inRows <= (cap ?? Infinity)) inc.push(toItem(row, 'IN'));
  }
  return { items: [...out, ...inc], capped: cap !== undefined && (outRows > cap || inRows > cap) };
}

/** How many relations of each type touch each entity, by direction: `id → (TYPE:OUT | TYPE:IN → n)`. */
export async function relationCountsOf(
  store: GraphStore,
  ids: string[],
  relations?: RelationType[] | null,
): Promise<Map<string, Map<string, number>>> {
  const model = await readModel(store);
  if (model) return model.counts(ids, relations);
  const rel = relPattern(relations);
  const t = relTypeExpr(store.engine, 'r');
  // A keyed lookup for one entity; a list filter for several (as in neighbours).
  const [a, where] = ids.length === 1 ? ['(a:Entity {id: $id})', ''] : ['(a:Entity)', ' WHERE a.id IN $ids'];
  const params = { ids, id: ids[0] };
  const [out, inc] = await Promise.all([
    store.read(`MATCH ${a}-[r${rel}]->(:Entity)${where} RETURN a.id AS id, ${t} AS type, count(*) AS n`, params, {
      operation: 'relation counts out',
    }),
    store.read(`MATCH ${a}<-[r${rel}]-(:Entity)${where} RETURN a.id AS id, ${t} AS type, count(*) AS n`, params, {
      operation: 'relation counts in',
    }),
  ]);
  const counts = new Map(ids.map((id) => [id, new Map<string, number>()]));
  for (const [rows, dir] of [
    [out, 'OUT'],
    [inc, 'IN'],
  ] as const) {
    for (const r of rows) counts.get(String(r.id))?.set(`${String(r.type)}:${dir}`, Number(r.n));
  }
  return counts;
}

/** How many relations of each type touch an entity, by direction: keys `TYPE:OUT` and `TYPE:IN`. */
export async function relationCounts(store: GraphStore, id: string, relations?: RelationType[] | null): Promise<Map<string, number>> {
  return (await relationCountsOf(store, [id], relations)).get(id) ?? new Map();
}

/** Relation counts (as relationCountsOf) of entities whose every relation is in `items`. */
function countsOf(ids: string[], items: NeighbourItem[]): Map<string, Map<string, number>> {
  const counts = new Map(ids.map((id) => [id, new Map<string, number>()]));
  for (const it of items) {
    const c = counts.get(it.from);
    const key = `${it.edge.type}:${it.direction}`;
    c?.set(key, (c.get(key) ?? 0) + 1);
  }
  return counts;
}

export interface RelationGroup {
  type: RelationType;
  direction: 'OUT' | 'IN';
  /** The true number of such relations; `items` holds at most the cap. */
  count: number;
  items: { edge: Edge; other: Entity }[];
}

/**
 * The relations of each entity grouped by type and direction, at most `cap` items per direction, with
 * the true counts. One entity: its neighbours (capped) and counts at once. Several (one batch of a
 * request): their counts first, then the neighbours of every entity within the cap in one go, and of
 * the few beyond it one by one with the cap — a constant number of statements for the batch, where
 * one entity at a time took four each.
 */
export async function relationGroups(
  store: GraphStore,
  ids: string[],
  opts: { relations?: RelationType[] | null; cap: number; columns?: Columns },
): Promise<Map<string, RelationGroup[]>> {
  const columns = opts.columns;
  let counts: Map<string, Map<string, number>>;
  let items: NeighbourItem[];
  if (ids.length === 1) {
    // Its neighbours within the cap, then — only when the cap cut them — the true counts.
    const found = await neighbours(store, ids, { relations: opts.relations, cap: opts.cap, columns });
    items = found.items;
    counts = found.capped ? await relationCountsOf(store, ids, opts.relations) : countsOf(ids, items);
  } else {
    counts = await relationCountsOf(store, ids, opts.relations);
    // Per entity, its links out and in (summed over types), once.
    const totals = new Map(
      ids.map((id) => {
        const t = { OUT: 0, IN: 0 };
        for (const [k, v] of counts.get(id) ?? []) t[k.endsWith(':OUT') ? 'OUT' : 'IN'] += v;
        return [id, t] as const;
      }),
    );
    const linked = ids.filter((id) => totals.get(id)!.OUT + totals.get(id)!.IN > 0);
    const fits = (id: string) => totals.get(id)!.OUT <= opts.cap && totals.get(id)!.IN <= opts.cap;
    const small = linked.filter(fits);
    const big = linked.filter((id) => !fits(id));
    const found = await Promise.all([
      small.length ? neighbours(store, small, { relations: opts.relations, columns }) : { items: [] },
      ...big.map((id) => neighbours(store, [id], { relations: opts.relations, cap: opts.cap, columns })),
    ]);
    items = found.flatMap((f) => f.items);
  }
  const byEntity = new Map<string, NeighbourItem[]>();
  for (const it of items) {
    const list = byEntity.get(it.from);
    if (list) list.push(it);
    else byEntity.set(it.from, [it]);
  }
  const out = new Map<string, RelationGroup[]>();
  for (const id of ids) {
    const groups = new Map<string, RelationGroup>();
    const total = counts.get(id) ?? new Map<string, number>();
    for (const it of byEntity.get(id) ?? []) {
      const key = `${it.edge.type}:${it.direction}`;
      const g = groups.get(key) ?? { type: it.edge.type, direction: it.direction, count: 0, items: [] };
      g.items.push({ edge: it.edge, other: it.other });
      groups.set(key, g);
    }
    for (const [key, g] of groups) {
      g.count = total.get(key) ?? g.items.length;
      // By name, then relation id: the store's row order differs between one entity's read and a batch's.
      g.items.sort(
        (a, b) => a.other.name.localeCompare(b.other.name, 'zh') || (a.edge.id < b.edge.id ? -1 : a.edge.id > b.edge.id ? 1 : 0),
      );
    }
    out.set(
      id,
      [...groups.values()].sort((a, b) => a.type.localeCompare(b.type) || a.direction.localeCompare(b.direction)),
    );
  }
  return out;
}

/** Breadth-first neighbourhood to `depth`, at most `limit` nodes; `truncated` when more existed. */
export async function neighborhood(
  store: GraphStore,
  ids: string[],
  opts: {
    depth: number;
    limit: number;
    types?: EntityType[] | null;
    relations?: RelationType[] | null;
    /** The seed entities when the caller has already fetched them (saves a round trip). */
    seeds?: Map<string, Entity>;
    /** Only these properties of the neighbours and edges (default: all). */
    columns?: Columns;
  },
): Promise<Subgraph> {
  const seeds = opts.seeds ?? (await getEntities(store, ids));
  const nodes = new Map<string, Entity>(seeds);
  const edges = new Map<string, Edge>();
  let truncated = false;
  let frontier = [...seeds.keys()];
  for (let level = 0; level < opts.depth && frontier.length > 0; level++) {
    const room = opts.limit - nodes.size;
    const { items, capped } = await neighbours(store, frontier, {
      relations: opts.relations,
      types: opts.types,
      cap: Math.max(room, 0) + opts.limit,
      columns: opts.columns,
    });
    if (capped) truncated = true;
    const next: string[] = [];
    for (const it of items) {
      if (!nodes.has(it.other.id)) {
        if (nodes.size >= opts.limit) {
          truncated = true;
          continue;
        }
        nodes.set(it.other.id, it.other);
        next.push(it.other.id);
      }
      edges.set(it.edge.id, it.edge);
    }
    frontier = next;
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()], truncated };
}

function toPathResult(p: GraphPath): PathResult {
  const idOf = new Map(p.nodes.map((n) => [n.elementId, String(n.properties.id)]));
  return {
    nodes: p.nodes.map((n) => entityFromProps(n.properties)),
    edges: p.rels.map((r) => edgeFromProps(r.properties, r.type, idOf.get(r.startId) ?? '', idOf.get(r.endId) ?? '')),
  };
}

/** The highest step bound a path search takes (BAD_USER_INPUT above it). */
export const PATH_MAX_BOUND = 10;
/**
 * How long one path search may run. A search between two far-apart entities explores everything
 * within the bound (through hubs: most of a large graph), so it gets its own short budget rather than
 * the request's; past it the caller gets TIMEOUT and can search with fewer steps.
 */
export const PATH_TIMEOUT_MS = 8000;
/**
 * Shortest paths read before choosing `limit` of them: the stores enumerate equal-length paths in
 * different orders, so both read this many, sort them the same way and keep the first `limit` (the
 * same answer whenever there are at most this many shortest paths). Not more: on LadybugDB reading a
 * path's nodes is most of the cost (100 paths of 8 steps from a hub of 15k links: 4 s, 20: under 1 s).
 */
const PATH_CANDIDATES = 20;

/** A path's sort key: the ids of its nodes, then of its edges, in order. */
const pathKey = (p: PathResult) => [...p.nodes.map((n) => n.id), ...p.edges.map((e) => e.id)].join('\u0001');

/**
 * Every shortest path (ignoring direction) of at most `maxLength` steps, at most `limit`, in a stable
 * order; none when nothing connects the two within the bound. Time-bounded (PATH_TIMEOUT_MS).
 */
export async function paths(
  store: GraphStore,
  from: string,
  to: string,
  opts: { maxLength: number; limit: number; timeoutMs?: number },
): Promise<PathResult[]> {
  const timeoutMs = opts.timeoutMs ?? PATH_TIMEOUT_MS;
  const started = Date.now();
  // LadybugDB searches outward from the first end only (Neo4j from both): starting from the end with
  // fewer links, a search between a hub and an entity in a small pocket explores the pocket (12 ms on
  // the 100k bench graph) instead of everything the hub reaches (1.2 s).
  const reversed = store.engine === 'embedded' && (await fewerLinks(store, from, to, timeoutMs)) === to;
  const rows = await store.read(
    `${allShortestPaths(store.engine, opts.maxLength)} ${pathReturn(store.engine)} LIMIT $limit`,
    { from: reversed ? to : from, to: reversed ? from : to, limit: Math.max(opts.limit, PATH_CANDIDATES) },
    { operation: 'paths', timeoutMs: Math.max(1, timeoutMs - (Date.now() - started)) },
  );
  const found = rows
    .map((r) => toPathResult(new GraphPath(r.ns as never, r.rs as never)))
    .map((p) => (reversed ? { nodes: p.nodes.reverse(), edges: p.edges.reverse() } : p));
  // Only the shortest length is kept: both engines return all of it, but not necessarily alike beyond it.
  const shortest = Math.min(...found.map((p) => p.edges.length));
  return found
    .filter((p) => p.edges.length === shortest)
    .map((p) => ({ p, key: pathKey(p) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, opts.limit)
    .map(({ p }) => p);
}

/** Which of two entities has fewer relations (either direction); `a` on a tie. */
async function fewerLinks(store: GraphStore, a: string, b: string, timeoutMs: number): Promise<string> {
  // One keyed count per end: an UNWIND over both measured 50× slower on LadybugDB at 100k.
  const count = async (id: string) =>
    Number(
      (await store.read('MATCH (n:Entity {id: $id})-[r]-() RETURN count(r) AS links', { id }, { operation: 'paths ends', timeoutMs }))[0]
        ?.links ?? 0,
    );
  const [na, nb] = await Promise.all([count(a), count(b)]);
  return nb < na ? b : a;
}

/** One relation by its id and its two ends (a keyed lookup from `source`); null when it is gone. */
export async function getEdge(store: GraphStore, ref: { id: string; source: string; target: string }): Promise<Edge | null> {
  const [row] = await store.read(
    `MATCH (a:Entity {id: $source})-[r]->(b:Entity {id: $target}) WHERE r.id = $id RETURN ${edgeColumns('r', relTypeExpr(store.engine, 'r'))}`,
    ref,
    { operation: 'edge' },
  );
  return row ? decodeEdge(row, ref.source, ref.target) : null;
}

/**
 * What "located in a region" means: a chain of LOCATED_IN (entity → park → town → district → city)
 * from `v` to the region bound to the `$region` parameter.
 */
export const locatedIn = (v: string): string => `(${v})-[:LOCATED_IN*1..6]->(:Entity {id: $region})`;

/** The region itself and every entity located in it, through towns and parks. */
export async function regionScope(store: GraphStore, regionId: string): Promise<string[]> {
  const rows = await store.read(
    `MATCH ${locatedIn('n:Entity')} RETURN DISTINCT n.id AS id`,
    { region: regionId },
    { operation: 'region scope' },
  );
  return [regionId, ...rows.map((r) => String(r.id))];
}

export interface Stats {
  entities: number;
  relations: number;
  byEntityType: { type: EntityType; count: number }[];
  byRelationType: { type: RelationType; count: number }[];
}

/** Counts by entity and relation type, for the whole graph or for what lies in a region. */
export async function stats(store: GraphStore, regionId?: string | null): Promise<Stats> {
  const scope = regionId ? await regionScope(store, regionId) : null;
  const where = scope ? ' WHERE n.id IN $ids' : '';
  const relWhere = scope ? ' WHERE a.id IN $ids OR b.id IN $ids' : '';
  const params = { ids: scope ?? [] };
  const [byType, byRel] = await Promise.all([
    store.read(`MATCH (n:Entity)${where} RETURN n.type AS type, count(*) AS count`, params, { operation: 'stats entities' }),
    store.read(`MATCH (a:Entity)-[r]->(b:Entity)${relWhere} RETURN ${relTypeExpr(store.engine, 'r')} AS type, count(*) AS count`, params, {
      operation: 'stats relations',
    }),
  ]);
  const sort = <T extends string>(rows: { type: T; count: number }[]) =>
    rows.sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));
  const counted = <T extends string>(rows: Record<string, unknown>[], is: (s: string) => s is T) =>
    sort(rows.flatMap((r) => (is(String(r.type)) ? [{ type: String(r.type) as T, count: Number(r.count) }] : [])));
  const byEntityType = counted(byType, isEntityType);
  const byRelationType = counted(byRel, isRelationType);
  return {
    entities: byEntityType.reduce((s, r) => s + r.count, 0),
    relations: byRelationType.reduce((s, r) => s + r.count, 0),
    byEntityType,
    byRelationType,
  };
}
