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
  /** The statement's own timeout (default: QUERY_TIMEOUT_MS; 0 = none), shortened to the deadline. */
  timeoutMs?: number;
  /**
   * When the caller's request must be done (ms since the epoch, like Date.now()): no statement starts
   * after it (QUERY_TIMEOUT), and one that runs is stopped by then.
   */
  deadline?: number;
  /** Who is asking: analyst queries (readTable, isReadOnly) are limited per actor. Default 'anonymous'. */
  actor?: string;
}

/** Statements run inside one transaction (GraphStore.transaction). */
export interface Transaction {
  /** Which engine runs it (a batch of rows is passed to each differently: `unwindRows`). */
  readonly engine: Engine;
  run(cypher: string, params?: Record<string, unknown>): Promise<Row[]>;
}

export interface GraphStore {
  readonly engine: Engine;
  /**
   * Where one process owns the store (embedded): a count bumped after every committed write, so an
   * unchanged count means an unchanged graph and in-memory projections need not ask the store.
   * Undefined where other processes write too (Neo4j): ask the store.
   */
  readonly localWrites?: number;
  /** Runs read-only Cypher with parameters. */
  read(cypher: string, params?: Record<string, unknown>, opts?: QueryOptions): Promise<Row[]>;
  /**
   * Runs an analyst's read-only Cypher and returns at most `maxRows` rows with the column names. Runs
   * on connections of its own, apart from read/write, at most ANALYST_QUERIES_PER_USER per actor.
   */
  readTable(cypher: string, params: Record<string, unknown>, opts: QueryOptions & { maxRows: number }): Promise<Table>;
  /** Runs writing Cypher in one transaction. */
  write(cypher: string, params?: Record<string, unknown>, opts?: QueryOptions): Promise<Row[]>;
  /**
   * Runs `work` in one write transaction: every statement it runs commits together, or (when it
   * throws, or the process dies) none does. `work` may run more than once (Neo4j retries transient
   * failures), so it must not change anything outside the store.
   */
  transaction<T>(work: (tx: Transaction) => Promise<T>, opts?: QueryOptions): Promise<T>;
  /** Creates tables / constraints and indexes (idempotent). */
  ensureSchema(): Promise<void>;
  /** Loads entities and relations into an empty graph (callers clear first). */
  bulkLoad(data: GraphData): Promise<void>;
  /** Removes every entity and relation. */
  clear(): Promise<void>;
  /** True when the engine says the statement only reads (checked before it runs; on the analysts' connections). */
  isReadOnly(cypher: string, opts?: QueryOptions): Promise<boolean>;
  close(): Promise<void>;
}

export type StoreErrorCode = 'STORE_UNAVAILABLE' | 'CYPHER_SYNTAX' | 'QUERY_TIMEOUT' | 'CONSTRAINT' | 'OUT_OF_MEMORY' | 'QUERY_FAILED';

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

/** Carries an error thrown by a transaction's own work (a conflict, bad input) past the store's error mapping, unchanged. */
export class WorkError extends Error {
  constructor(override readonly cause: unknown) {
    super('transaction work failed');
    this.name = 'WorkError';
  }
}
