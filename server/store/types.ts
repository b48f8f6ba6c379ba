/** The one GraphStore interface, the values it returns, and its typed errors. */
import type { GraphData } from '../domain/model.js';

export type Engine = 'embedded' | 'neo4j';

/** A node as returned by a query, independent of the engine. */
export class GraphNode {
  constructor(
    readonly elementId: string,
    readonly labels: string[],
    readonly properties: Record<string, unknown>,
  ) {}
}

/** A relationship as returned by a query; start/end are the element ids of its nodes. */
export class GraphRel {
  constructor(
    readonly elementId: string,
    readonly type: string,
    readonly startId: string,
    readonly endId: string,
    readonly properties: Record<string, unknown>,
  ) {}
}

export class GraphPath {
  constructor(
    readonly nodes: GraphNode[],
    readonly rels: GraphRel[],
  ) {}
}

export type Row = Record<string, unknown>;

export interface Table {
  columns: string[];
  rows: Row[];
  /** True when the query had more rows than maxRows. */
  truncated: boolean;
}

export interface QueryOptions {
  /** Names the operation in logs and Neo4j transaction metadata. */
  operation?: string;
  timeoutMs?: number;
}

export interface GraphStore {
  readonly engine: Engine;
  /** Runs read-only Cypher with parameters. */
  read(cypher: string, params?: Record<string, unknown>, opts?: QueryOptions): Promise<Row[]>;
  /** Runs read-only Cypher and returns at most `maxRows` rows with the column names. */
  readTable(cypher: string, params: Record<string, unknown>, opts: QueryOptions & { maxRows: number }): Promise<Table>;
  /** Runs writing Cypher in one transaction. */
  write(cypher: string, params?: Record<string, unknown>, opts?: QueryOptions): Promise<Row[]>;
  /** Creates tables / constraints and indexes (idempotent). */
  ensureSchema(): Promise<void>;
  /** Loads entities and relations into an empty graph (callers clear first). */
  bulkLoad(data: GraphData): Promise<void>;
  /** Removes every entity and relation. */
  clear(): Promise<void>;
  /** True when the engine says the statement only reads (checked before it runs). */
  isReadOnly(cypher: string): Promise<boolean>;
  close(): Promise<void>;
}

export type StoreErrorCode = 'STORE_UNAVAILABLE' | 'CYPHER_SYNTAX' | 'QUERY_TIMEOUT' | 'CONSTRAINT' | 'QUERY_FAILED';

/** A store failure with a code; the API maps codes, never messages. */
export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
  }
}
