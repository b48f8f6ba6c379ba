/** Runs read-only Cypher for analysts: guarded, timed out, row-capped, with graph elements extracted. */
import { entityIdsByElementIds } from '../store/dialect.js';
import { StoreError, type GraphStore } from '../store/types.js';
import { badInput } from './errors.js';
import type { Subgraph } from './graph.js';
import { assertReadOnly } from './read-only.js';
import { missingEndpoints, recordsToGraph } from './records-to-graph.js';

export interface QueryResult {
  columns: string[];
  rows: Record<string, unknown>[];
  graph: Subgraph;
  truncated: boolean;
  elapsedMs: number;
}

export interface RunLimits {
  timeoutMs: number;
  maxRows: number;
  operation: string;
}

/**
 * The caller's own Cypher failing as it runs (a division by zero, a missing parameter, a type
 * mismatch) is the caller's mistake: BAD_USER_INPUT with the engine's explanation, not a masked
 * server error. An outage or a timeout stays what it is.
 */
async function asUserError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof StoreError && (err.code === 'QUERY_FAILED' || err.code === 'CONSTRAINT')) {
      throw badInput(`Cypher error: ${err.message}`, { argument: 'cypher' });
    }
    throw err;
  }
}

const readUserTable = (store: GraphStore, cypher: string, params: Record<string, unknown>, limits: RunLimits) =>
  asUserError(() => store.readTable(cypher, params, { maxRows: limits.maxRows, timeoutMs: limits.timeoutMs, operation: limits.operation }));

export async function runReadOnly(
  store: GraphStore,
  cypher: string,
  params: Record<string, unknown>,
  limits: RunLimits,
): Promise<QueryResult> {
  if (cypher.trim() === '') throw badInput('cypher must not be empty', { argument: 'cypher' });
  if (cypher.length > 20_000) throw badInput('cypher must be at most 20,000 characters', { argument: 'cypher' });
  const started = performance.now();
  // One row past the cap tells the reader the answer was cut; the engine stops there too.
  // The engine compiles the text to judge it, and refuses what it cannot compile (a function it does
  // not have, e.g. LadybugDB's missing type(r)): the caller's mistake too.
  const text = await asUserError(() => assertReadOnly(store, cypher, { rowCap: limits.maxRows + 1, params }));
  const table = await readUserTable(store, text, params, limits);
  const missing = missingEndpoints(table.rows);
  const endpointIds = new Map<string, string>();
  if (missing.length) {
    const lookup = entityIdsByElementIds(store.engine);
    const rows = await store.read(lookup.cypher, { eids: lookup.param(missing) }, { operation: 'endpoint ids' });
    const byKey = new Map(rows.map((r) => [String(r.eid), String(r.id)]));
    for (const eid of missing) {
      const id = byKey.get(eid) ?? byKey.get(eid.split(':')[1] ?? '');
      if (id) endpointIds.set(eid, id);
    }
  }
  const g = recordsToGraph({ rows: table.rows, endpointIds });
  return {
    columns: table.columns,
    rows: g.rows,
    graph: { nodes: g.nodes, edges: g.edges, truncated: table.truncated },
    truncated: table.truncated,
    elapsedMs: Math.round(performance.now() - started),
  };
}
