/** The embedded store: LadybugDB on disk under DATA_DIR; needs no server. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lbug from '@ladybugdb/core';
import { RELATION_TYPES, type GraphData } from '../domain/model.js';
import { log, loggable } from '../log.js';
import { LBUG_GROWING_TABLES, lbugMissingColumns, schemaStatements } from './dialect.js';
import { writeLoadFiles, type LoadFile } from './load-files.js';
import { ActorGates, Gate, statementTimeout, withActorBudget } from './limits.js';
import {
  GraphNode,
  GraphPath,
  GraphRel,
  StoreError,
  type GraphStore,
  type QueryOptions,
  type Row,
  type StoreErrorCode,
  type Table,
  type Transaction,
  WorkError,
} from './types.js';

const debug = log('embedded');
/** Always shown: what an operator must know. */
const warn = (format: string, ...args: unknown[]) => console.warn(`[embedded store] ${format}`, ...args);

export interface EmbeddedOptions {
  dataDir: string;
  bufferPoolBytes: number;
  queryTimeoutMs: number;
  /** Connections for the app's own reads and writes (default 4). */
  poolSize?: number;
  /** Connections for analysts' queries (readTable, isReadOnly), apart from the app's (default 2; at most cores - 1). */
  analystPoolSize?: number;
  /** Analyst queries one actor may run at once; more wait their turn (default 2). */
  analystQueriesPerUser?: number;
  /** Write-ahead log size from which the store checkpoints once writes pause (default 8 MB). */
  checkpointWalBytes?: number;
  /** How long writes must pause before that checkpoint (default 1 s). */
  checkpointIdleMs?: number;
  /** How long a log past the threshold may wait for writes to pause before it is checkpointed anyway (default 3 s). */
  checkpointMaxWaitMs?: number;
}

/** From this many times the threshold the log is checkpointed at once, however busy the writers. */
const CHECKPOINT_HARD_FACTOR = 8;

type Conn = InstanceType<typeof lbug.Connection>;

function elementId(id: { offset: number; table: number } | null): string {
  return id ? `${id.table}:${id.offset}` : '';
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof Map);
}

function props(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (!k.startsWith('_')) out[k] = toValue(v);
  return out;
}

/** Engine values → plain values and GraphNode / GraphRel / GraphPath. */
function toValue(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(toValue);
  if (v instanceof Map) return Object.fromEntries([...v.entries()].map(([k, x]) => [String(k), toValue(x)]));
  if (!isObj(v)) return v;
  if ('_nodes' in v && '_rels' in v) {
    return new GraphPath((v._nodes as unknown[]).map(toValue) as GraphNode[], (v._rels as unknown[]).map(toValue) as GraphRel[]);
  }
  if ('_src' in v && '_dst' in v && '_label' in v) {
    const id = v._id as { offset: number; table: number } | null;
    return new GraphRel(elementId(id), String(v._label), elementId(v._src as never), elementId(v._dst as never), props(v));
  }
  if ('_label' in v && '_id' in v) {
    return new GraphNode(elementId(v._id as never), [String(v._label)], props(v));
  }
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toValue(x)]));
}

/**
 * A result row's engine values → plain values, in place (the row is the engine binding's fresh
 * object): most columns are already text, numbers, booleans or null, and copying every row into a new
 * object (as toValue does for a map) was a third of the conversion's time and garbage at 100k rows.
 */
function plainRow(row: Row): Row {
  for (const k in row) {
    const v = row[k];
    if (v !== null && (typeof v === 'object' || typeof v === 'bigint')) row[k] = toValue(v);
  }
  return row;
}

/**
 * LadybugDB reports no error codes: each message starts with the engine's exception class
 * ("Parser exception: …", "Binder exception: …", "Interrupted."). That class is the code mapped here;
 * the rest of the message is never inspected. A duplicate key is a plain Runtime exception, so it
 * stays QUERY_FAILED (masked either way).
 */
const LBUG_KINDS: Record<string, StoreErrorCode> = {
  Parser: 'CYPHER_SYNTAX',
  Binder: 'CYPHER_SYNTAX',
  Interrupted: 'QUERY_TIMEOUT',
  // "Buffer manager exception: Unable to allocate memory!": more than the buffer pool can hold.
  Buffer: 'OUT_OF_MEMORY',
};

function toStoreError(err: unknown): StoreError {
  if (err instanceof StoreError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const kind = /^[A-Za-z]+/.exec(message)?.[0] ?? '';
  const code = Object.hasOwn(LBUG_KINDS, kind) ? LBUG_KINDS[kind] : 'QUERY_FAILED';
  if (code === 'QUERY_TIMEOUT') return new StoreError(code, 'the query took too long and was stopped', { cause: err });
  return new StoreError(code, message, { cause: err });
}

type QueryResults = Awaited<ReturnType<Conn['query']>>;
type QueryResult = Exclude<QueryResults, unknown[]>;

/** Reads a statement's (last) result, at most maxRows rows when given; every result is closed. */
function readResults(res: QueryResults, maxRows?: number): Table {
  const results: QueryResult[] = Array.isArray(res) ? res : [res];
  try {
    const last = results[results.length - 1];
    const columns = last.getColumnNamesSync();
    // The query has run (off the event loop) by now and its result sits in memory: reading it
    // synchronously avoids one promise per row, which dominated small queries at the bench scale.
    // (Not spread into another array: a spread of 200k rows overflows the call stack.)
    let rows: Row[] = [];
    let truncated = false;
    if (maxRows === undefined) {
      rows = last.getAllSync() as Row[];
    } else {
      while (last.hasNext()) {
        const row = last.getNextSync() as Row;
        if (rows.length >= maxRows) {
          truncated = true;
          break;
        }
        rows.push(row);
      }
    }
    for (const r of rows) plainRow(r);
    return { columns, rows, truncated };
  } finally {
    for (const r of results) r.close();
  }
}

type Prepared = Awaited<ReturnType<Conn['prepare']>>;

/**
 * Why statements are cached and connections recycled: every `prepare` registers the statement (its
 * parsed form and logical plan, tens of KB) in the connection's CachedPreparedStatementManager, which
 * has no removal API — dropping or garbage-collecting the JS PreparedStatement frees none of it; only
 * closing the connection does. So each connection keeps one prepared statement per Cypher text (the
 * app sends a few hundred distinct texts, with parameters), and a connection that has prepared
 * RECYCLE_AFTER statements (analysts' ad-hoc texts, mostly) is closed and replaced.
 */
const STATEMENT_CACHE = 200;
const RECYCLE_AFTER = 500;

interface Pooled {
  conn: Conn;
  /** Prepared statements by Cypher text, least recently used first. */
  statements: Map<string, Prepared>;
  /** Statements this connection has prepared: what its statement manager holds. */
  prepared: number;
  /** The schema generation its cached plans were made for. */
  generation: number;
}

/** A fixed set of connections behind a gate; a connection is used by one statement at a time. */
class ConnectionPool {
  private readonly free: Pooled[] = [];
  private readonly gate: Gate;

  constructor(
    private readonly db: InstanceType<typeof lbug.Database>,
    readonly name: string,
    size: number,
    private readonly generation: () => number,
    /** Threads one statement may use (default: the engine's, every core). */
    private readonly threads?: number,
  ) {
    this.gate = new Gate(size);
    for (let i = 0; i < size; i++) this.free.push(this.open());
  }

  private open(): Pooled {
    return { conn: new lbug.Connection(this.db, this.threads), statements: new Map(), prepared: 0, generation: this.generation() };
  }

  async acquire(opts: QueryOptions): Promise<Pooled> {
    await this.gate.acquire(opts, `while waiting for a free ${this.name} connection`);
    let c = this.free.pop()!;
    // A schema change (clear, ensureSchema) makes cached plans stale: start on a fresh connection.
    if (c.generation !== this.generation()) c = await this.replace(c);
    return c;
  }

  async release(c: Pooled): Promise<void> {
    if (c.prepared >= RECYCLE_AFTER) {
      debug('%s connection recycled after %d prepared statements', this.name, c.prepared);
      c = await this.replace(c);
    }
    this.free.push(c);
    this.gate.release();
  }

  /** A fresh connection in place of `c`; never throws, so the pool never loses a place. */
  private async replace(c: Pooled): Promise<Pooled> {
    c.statements.clear();
    await c.conn.close().catch((err: unknown) => debug('%s connection did not close cleanly: %o', this.name, err));
    return this.open();
  }

  /** The connection's prepared statement for this text: cached, or prepared now (and counted). */
  static async statement(c: Pooled, cypher: string): Promise<Prepared> {
    const cached = c.statements.get(cypher);
    if (cached) {
      c.statements.delete(cypher);
      c.statements.set(cypher, cached);
      return cached;
    }
    c.prepared++;
    const stmt = await c.conn.prepare(cypher);
    if (!stmt.isSuccess()) throw new Error(stmt.getErrorMessage());
    c.statements.set(cypher, stmt);
    if (c.statements.size > STATEMENT_CACHE) c.statements.delete(c.statements.keys().next().value!);
    return stmt;
  }

  async close(): Promise<void> {
    this.gate.rejectAll(new StoreError('STORE_UNAVAILABLE', 'the embedded store is closed'));
    for (const c of this.free.splice(0)) {
      c.statements.clear();
      await c.conn.close();
    }
  }
}

/**
 * How a statement is run: on which pool, and prepared (cached; with parameters) or sent as text (the
 * store's own parameter-less DDL and COPY, which a connection's statement manager never sees).
 */
type RunOptions = QueryOptions & { maxRows?: number; pool?: 'app' | 'analysts'; mode?: 'prepared' | 'text' };

export class EmbeddedStore implements GraphStore {
  readonly engine = 'embedded' as const;
  private db: InstanceType<typeof lbug.Database>;
  /** The app's own reads and writes. */
  private pool: ConnectionPool;
  /** Analysts' queries, so a heavy one never waits for or holds up the app's connections. */
  private analysts: ConnectionPool;
  /** Opening the database (replaying its log); every statement waits for it. */
  private readonly opening: Promise<void>;
  private readonly actors: ActorGates;
  private writeLock: Promise<unknown> = Promise.resolve();
  private schemaGeneration = 0;
  private closed = false;
  private readonly walFile: string;
  private checkpointTimer: NodeJS.Timeout | null = null;
  /** When the log passed the threshold with no checkpoint since (0: it has not). */
  private checkpointDueSince = 0;
  /** Bumped after every committed write (GraphStore.localWrites). */
  private writes = 0;

  get localWrites(): number {
    return this.writes;
  }

  constructor(private readonly opts: EmbeddedOptions) {
    fs.mkdirSync(opts.dataDir, { recursive: true });
    this.walFile = `${this.file}.wal`;
    this.db = this.database(true);
    [this.pool, this.analysts] = this.pools();
    this.actors = new ActorGates(opts.analystQueriesPerUser ?? 2);
    this.opening = this.open();
    this.opening.catch(() => undefined); // reported by the first statement
  }

  private get file(): string {
    return path.join(this.opts.dataDir, 'graph.lbug');
  }

  private database(strictLog: boolean): InstanceType<typeof lbug.Database> {
    // The engine's own checkpoint runs inside the commit that grows the log past its threshold, so
    // that one writer waited for it (~2 s of a 10,000-row import at 100k entities); the store
    // checkpoints instead when writes pause (see checkpointSoon).
    return new lbug.Database(this.file, this.opts.bufferPoolBytes, true, false, 0, false, -1, strictLog);
  }

  private pools(): [ConnectionPool, ConnectionPool] {
    const generation = () => this.schemaGeneration;
    // The engine runs every connection's statements on one scheduler with a worker per core, and a
    // statement holds its worker until it ends: analysts get one thread per statement and at most
    // cores - 1 statements at once, so a worker is always left for the app's queries.
    const analystPool = Math.max(1, Math.min(this.opts.analystPoolSize ?? 2, os.availableParallelism() - 1));
    return [
      new ConnectionPool(this.db, 'app', this.opts.poolSize ?? 4, generation),
      new ConnectionPool(this.db, 'analyst', analystPool, generation, 1),
    ];
  }

  /**
   * Opens the database, replaying its write-ahead log. A log whose tail is torn (the process died
   * while writing it: that transaction never committed) makes the engine refuse the whole store;
   * then the log is kept aside for inspection, the store reopened replaying the log up to the tear
   * (every transaction that committed), and a warning says so.
   */
  private async open(): Promise<void> {
    try {
      await this.db.init();
      return;
    } catch (err) {
      if (!/\bwal\b|\.wal\b/i.test(err instanceof Error ? err.message : String(err))) throw toStoreError(err);
      const kept = `${this.walFile}.torn-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      fs.copyFileSync(this.walFile, kept);
      warn(
        'the write-ahead log of %s ends in a torn record (%s): replaying it up to there — every committed change — and keeping the whole log as %s',
        this.file,
        err instanceof Error ? err.message : String(err),
        kept,
      );
      await Promise.all([this.pool.close(), this.analysts.close()]).catch(() => undefined);
      await this.db.close().catch(() => undefined);
      this.db = this.database(false);
      [this.pool, this.analysts] = this.pools();
      await this.db.init().catch((e: unknown) => {
        throw toStoreError(e);
      });
    }
  }

  /**
   * The one place a statement runs: a pooled connection (the analysts' or the app's), the timeout
   * (0 = none; shortened to the caller's deadline, after which nothing starts), the statement
   * prepared or taken from the connection's cache, `use` run with it (execute and read, or only
   * inspect), errors mapped once, the connection released.
   */
  private async execute<T>(
    cypher: string,
    params: Record<string, unknown>,
    opts: RunOptions,
    use: (conn: Conn, stmt: Prepared | null, pooled: Pooled) => Promise<T> | T,
  ): Promise<T> {
    try {
      if (this.closed) throw new StoreError('STORE_UNAVAILABLE', 'the embedded store is closed');
      await this.opening;
      statementTimeout(opts, this.opts.queryTimeoutMs);
      const pool = opts.pool === 'analysts' ? this.analysts : this.pool;
      const c = await pool.acquire(opts);
      try {
        debug('%s %s %o', opts.operation ?? 'query', cypher, loggable(params));
        // Measured again: waiting for the connection took some of the time left. 0 = no limit (bulk
        // loads); the engine wants a positive number.
        const timeout = statementTimeout(opts, this.opts.queryTimeoutMs);
        c.conn.setQueryTimeout(timeout > 0 ? timeout : 24 * 3600 * 1000);
        const stmt = opts.mode === 'text' ? null : await ConnectionPool.statement(c, cypher);
        return await use(c.conn, stmt, c);
      } finally {
        await pool.release(c);
      }
    } catch (err) {
      // A transaction's own work may throw the caller's errors (a conflict, bad input): those pass.
      throw err instanceof WorkError ? err.cause : toStoreError(err);
    }
  }

  /** Runs a statement and reads its result (at most maxRows rows when given). */
  private query(cypher: string, params: Record<string, unknown>, opts: RunOptions): Promise<Table> {
    return this.execute(cypher, params, opts, async (conn, stmt) => {
      const res = stmt ? await conn.execute(stmt, params as never) : await conn.query(cypher);
      return readResults(res, opts.maxRows);
    });
  }

  readTable(cypher: string, params: Record<string, unknown>, opts: QueryOptions & { maxRows: number }): Promise<Table> {
    return withActorBudget(this.actors, opts, () => this.query(cypher, params, { ...opts, pool: 'analysts' }));
  }

  async read(cypher: string, params: Record<string, unknown> = {}, opts: QueryOptions = {}): Promise<Row[]> {
    return (await this.query(cypher, params, opts)).rows;
  }

  /** Writes are serialised: LadybugDB allows one write transaction at a time. */
  write(cypher: string, params: Record<string, unknown> = {}, opts: QueryOptions = {}): Promise<Row[]> {
    return this.serialised(cypher, params, opts);
  }

  /**
   * One write transaction on one of the app's connections, serialised with the other writes (the
   * engine refuses a second write transaction). An error inside rolls back; so does a crash (the
   * write-ahead log replays only committed transactions).
   */
  transaction<T>(work: (tx: Transaction) => Promise<T>, opts: QueryOptions = {}): Promise<T> {
    const run = () =>
      this.execute('BEGIN TRANSACTION', {}, { ...opts, operation: opts.operation ?? 'transaction', mode: 'text' }, async (conn, _, c) => {
        await this.plain(conn, 'BEGIN TRANSACTION');
        try {
          const tx: Transaction = {
            engine: 'embedded',
            run: async (cypher, params = {}) => {
              debug('%s (in transaction) %s %o', opts.operation ?? 'transaction', cypher, loggable(params));
              try {
                const stmt = await ConnectionPool.statement(c, cypher);
                return readResults(await conn.execute(stmt, params as never)).rows;
              } catch (err) {
                throw toStoreError(err);
              }
            },
          };
          let out: T;
          try {
            out = await work(tx);
          } catch (err) {
            throw new WorkError(err);
          }
          await this.plain(conn, 'COMMIT');
          this.writes++;
          this.checkpointSoon();
          return out;
        } catch (err) {
          // After a failed statement the engine has already rolled back; then ROLLBACK says so, harmlessly.
          await this.plain(conn, 'ROLLBACK').catch(() => undefined);
          throw err;
        }
      });
    const p = this.writeLock.then(run);
    this.writeLock = p.catch(() => undefined);
    return p;
  }

  /** A statement without parameters or results (transaction control), its results closed. */
  private async plain(conn: Conn, cypher: string): Promise<void> {
    readResults(await conn.query(cypher));
  }

  private serialised(cypher: string, params: Record<string, unknown>, opts: RunOptions): Promise<Row[]> {
    const p = this.writeLock.then(async () => {
      const rows = (await this.query(cypher, params, opts)).rows;
      this.writes++;
      this.checkpointSoon();
      return rows;
    });
    this.writeLock = p.catch(() => undefined);
    return p;
  }

  private walBytes(): number {
    try {
      return fs.statSync(this.walFile).size;
    } catch {
      return 0;
    }
  }

  /**
   * After a write: once the write-ahead log has passed the threshold, a checkpoint (the log folded
   * into the database file) runs when writes have paused for a moment — off the path of the write
   * that grew it, as a database's background checkpointer does. Writes that never pause get it
   * after checkpointMaxWaitMs, or at once when the log has grown far past the threshold. Safe to
   * lose: a crash before it only means the log is replayed at the next start.
   *
   * Why a deadline and 8 MB (was: a pause only, 16 MB): until a checkpoint, the engine keeps every
   * page the log changed in its buffer pool. 16 editors for 60 s at 100k (bench:writes) never paused
   * for a second, the log reached 28 MB, the server's RSS went from 1.1 to 2.3 GB, and the
   * checkpoint at close then failed ("the buffer pool is full"), leaving a log the next open refused
   * as corrupted. With the deadline the log is folded every few seconds under that load, RSS levels
   * off at ~1.8 GB (the 512 MB buffer pool in use) and a reopen finds every acknowledged edit; the
   * price is the checkpoints' pauses: 16 editors' edits/s 35 → 25, p99 0.4 → 1.4 s.
   */
  private checkpointSoon(): void {
    const threshold = this.opts.checkpointWalBytes ?? 8 << 20;
    const size = this.walBytes();
    if (this.closed || size < threshold) return;
    const now = Date.now();
    if (!this.checkpointDueSince) this.checkpointDueSince = now;
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
    const overdue = now - this.checkpointDueSince >= (this.opts.checkpointMaxWaitMs ?? 3000);
    const delay = overdue || size >= CHECKPOINT_HARD_FACTOR * threshold ? 0 : (this.opts.checkpointIdleMs ?? 1000);
    this.checkpointTimer = setTimeout(() => {
      this.checkpointTimer = null;
      void this.checkpoint().catch((err: unknown) => debug('checkpoint failed (retried after the next write): %o', err));
    }, delay);
    this.checkpointTimer.unref();
  }

  /** Folds the write-ahead log into the database file, serialised with the writes. */
  async checkpoint(): Promise<void> {
    const p = this.writeLock.then(async () => {
      if (this.closed) return;
      const t = performance.now();
      await this.query('CHECKPOINT', {}, { operation: 'checkpoint', mode: 'text', timeoutMs: 0 });
      this.checkpointDueSince = 0;
      debug('checkpoint: %d ms', Math.round(performance.now() - t));
    });
    this.writeLock = p.catch(() => undefined);
    return p;
  }

  /** The engine's verdict from the prepared statement (on the analysts' connections, where the text then runs); nothing runs. */
  isReadOnly(cypher: string, opts: QueryOptions = {}): Promise<boolean> {
    return withActorBudget(this.actors, opts, () =>
      this.execute(cypher, {}, { ...opts, operation: 'read-only check', pool: 'analysts' }, (_, stmt) => stmt!.isReadOnly()),
    );
  }

  /**
   * A schema change, sent as text (nothing to cache), serialised with the writes. Cached plans
   * refer to tables by id, so every connection starts afresh afterwards.
   */
  private async ddl(cypher: string, operation: string): Promise<void> {
    try {
      await this.serialised(cypher, {}, { operation, mode: 'text' });
    } finally {
      this.schemaGeneration++;
    }
  }

  async ensureSchema(): Promise<void> {
    for (const s of schemaStatements('embedded')) await this.ddl(s, 'schema');
    const columns = new Map<string, Set<string>>();
    for (const t of LBUG_GROWING_TABLES) {
      const rows = await this.read(`CALL table_info('${t}') RETURN name`, {}, { operation: 'schema', mode: 'text' } as RunOptions);
      columns.set(t, new Set(rows.map((r) => String(r.name))));
    }
    for (const s of lbugMissingColumns((t) => columns.get(t) ?? new Set())) await this.ddl(s, 'schema');
  }

  /** Drops and recreates the tables: far faster than deleting a large graph row by row. */
  async clear(): Promise<void> {
    for (const t of RELATION_TYPES) await this.ddl(`DROP TABLE IF EXISTS ${t}`, 'clear');
    await this.ddl('DROP TABLE IF EXISTS Entity', 'clear');
    await this.ensureSchema();
  }

  /** COPY of files written by writeLoadFiles, in order (entities before relations). */
  async copyLoadFiles(files: LoadFile[]): Promise<void> {
    for (const f of files) {
      const options = `header=true, escape='"'${f.multiline ? ', parallel=false' : ''}`;
      await this.serialised(
        `COPY ${f.table} FROM '${f.file.replace(/'/g, "\\'")}' (${options})`,
        {},
        { operation: `copy ${f.table}`, timeoutMs: 0, mode: 'text' },
      );
    }
  }

  async bulkLoad(data: GraphData): Promise<void> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bioeco-load-'));
    try {
      await this.copyLoadFiles(writeLoadFiles(data, dir));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
    // A clean close leaves no log to replay at the next start.
    await this.checkpoint().catch((err: unknown) => debug('checkpoint at close failed: %o', err));
    this.closed = true;
    await this.writeLock;
    await this.pool.close();
    await this.analysts.close();
    await this.db.close();
  }
}
