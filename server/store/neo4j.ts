/** The Neo4j store: one driver per process; every statement goes through `execute` (a session per call). */
import { randomBytes } from 'node:crypto';
import neo4j, { type Driver, type ManagedTransaction, Neo4jError, type Result, type Session } from 'neo4j-driver';
import { ENTITY_PROPS, RELATION_PROPS, RELATION_TYPES, storedValue, type GraphData } from '../domain/model.js';
import type { Neo4jConfig } from '../config.js';
import { log, loggable } from '../log.js';
import { BookmarkSigner, requestBookmarks, type RequestBookmarks } from './bookmarks.js';
import { schemaStatements } from './dialect.js';
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

const debug = log('neo4j');
const BATCH = 5000;
/** After the cookie key could not be read, how long requests go without bookmarks before it is asked for again. */
const SIGNER_RETRY_MS = 30_000;

function toValue(v: unknown): unknown {
  if (v === null || v === undefined) return v ?? null;
  if (neo4j.isInt(v)) return (v as { toNumber(): number }).toNumber();
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(toValue);
  if (v instanceof neo4j.types.Node) return new GraphNode(v.elementId, v.labels, toProps(v.properties));
  if (v instanceof neo4j.types.Relationship) {
    return new GraphRel(v.elementId, v.type, v.startNodeElementId, v.endNodeElementId, toProps(v.properties));
  }
  if (v instanceof neo4j.types.Path) {
    const nodes = [toValue(v.start) as GraphNode, ...v.segments.map((s) => toValue(s.end) as GraphNode)];
    return new GraphPath(
      nodes,
      v.segments.map((s) => toValue(s.relationship) as GraphRel),
    );
  }
  if (
    neo4j.isDate(v as never) ||
    neo4j.isDateTime(v as never) ||
    neo4j.isLocalDateTime(v as never) ||
    neo4j.isTime(v as never) ||
    neo4j.isLocalTime(v as never) ||
    neo4j.isDuration(v as never) ||
    neo4j.isPoint(v as never)
  ) {
    return String(v);
  }
  if (typeof v === 'object') return toProps(v as Record<string, unknown>);
  return v;
}

/** JS numbers reach Neo4j as floats; integers (LIMIT, counts) must be sent as Neo4j integers. */
function toParam(v: unknown): unknown {
  if (typeof v === 'number' && Number.isInteger(v)) return neo4j.int(v);
  if (Array.isArray(v)) return v.map(toParam);
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toParam(x)]));
  }
  return v;
}

function toParams(params: Record<string, unknown>): Record<string, unknown> {
  return toParam(params) as Record<string, unknown>;
}

function toProps(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, toValue(x)]));
}

/**
 * Driver error codes → store error codes, by the code's last segment (its title), so a status that
 * moved between classifications (Neo.ClientError.Transaction.Terminated → Neo.TransientError…) still
 * maps. The driver's own connection errors carry the bare titles ServiceUnavailable / SessionExpired.
 */
const NEO4J_CODES: Record<string, StoreErrorCode> = {
  ServiceUnavailable: 'STORE_UNAVAILABLE',
  SessionExpired: 'STORE_UNAVAILABLE',
  SyntaxError: 'CYPHER_SYNTAX',
  ParameterMissing: 'CYPHER_SYNTAX',
  ArgumentError: 'CYPHER_SYNTAX',
  TransactionTimedOut: 'QUERY_TIMEOUT',
  TransactionTimedOutClientConfiguration: 'QUERY_TIMEOUT',
  Terminated: 'QUERY_TIMEOUT',
  ConstraintValidationFailed: 'CONSTRAINT',
  // A transaction over dbms.memory.transaction.total.max or the pool's limit.
  MemoryPoolOutOfMemoryError: 'OUT_OF_MEMORY',
  TransactionOutOfMemoryError: 'OUT_OF_MEMORY',
};

function toStoreError(err: unknown, uri: string): StoreError {
  if (err instanceof StoreError) return err;
  const title = err instanceof Neo4jError ? (err.code.split('.').pop() ?? '') : '';
  const code = Object.hasOwn(NEO4J_CODES, title) ? NEO4J_CODES[title] : 'QUERY_FAILED';
  const message = err instanceof Error ? err.message : String(err);
  switch (code) {
    case 'STORE_UNAVAILABLE':
      return new StoreError(code, `Neo4j at NEO4J_URI=${uri} is unreachable: ${message}`, { cause: err });
    case 'QUERY_TIMEOUT':
      return new StoreError(code, 'the query took too long and was stopped', { cause: err });
    default:
      return new StoreError(code, message, { cause: err });
  }
}

/**
 * READ and WRITE run as transaction functions (executeRead / executeWrite: retried on transient
 * errors). AUTOCOMMIT is only for `CALL { … } IN TRANSACTIONS`, which Neo4j refuses inside an explicit
 * or managed transaction.
 */
type Access = 'READ' | 'WRITE' | 'AUTOCOMMIT';

const toRow = (rec: { keys: PropertyKey[]; get(k: PropertyKey): unknown }): Row =>
  Object.fromEntries(rec.keys.map((k) => [String(k), toValue(rec.get(k))]));

/** Collects every record: for statements whose results are small or wanted whole. */
const allRows = async (result: Result): Promise<Row[]> => (await result).records.map(toRow);

/** Analysts' budget: statements at once (and connections of the reader driver), and per actor. */
export interface AnalystLimits {
  connections: number;
  perUser: number;
}

function openDriver(uri: string, username: string | null, password: string | null, poolSize: number): Driver {
  const auth = username ? neo4j.auth.basic(username, password ?? '') : undefined;
  return neo4j.driver(uri, auth, {
    disableLosslessIntegers: true,
    connectionAcquisitionTimeout: 10_000,
    connectionTimeout: 5_000,
    // Retry transient failures briefly; during an outage a request should fail clearly, not hang.
    maxTransactionRetryTime: 5_000,
    maxConnectionPoolSize: poolSize,
  });
}

/** A session's causal chain: a request's bookmarks, or the process's own outside requests. */
interface Chain {
  scope: RequestBookmarks | null;
  signer: BookmarkSigner | null;
  startedWith: string[];
}

export class Neo4jStore implements GraphStore {
  readonly engine = 'neo4j' as const;
  private readonly driver: Driver;
  /** The cookie key, read (or made) once from the store when a request first needs it: one for every server of the database. */
  private signer: Promise<BookmarkSigner> | null = null;
  /** The key once it is loaded: statements after that use it without waiting. */
  private signerLoaded: BookmarkSigner | null = null;
  /** Outside requests (startup, seeding, the CLI): this process's last write, so its next read sees it on a cluster. */
  private processBookmarks: string[] = [];
  /** Analysts' queries: a driver of its own with NEO4J_READER_USERNAME's credentials, else the app's. */
  private readonly analystDriver: Driver;
  /** Analysts' statements at once, so they can never take all of the app's connections. */
  private readonly analystGate: Gate;
  private readonly actors: ActorGates;

  private constructor(
    private readonly cfg: Neo4jConfig,
    private readonly timeoutMs: number,
    analysts: AnalystLimits,
  ) {
    this.driver = openDriver(cfg.uri, cfg.username, cfg.password, 20);
    this.analystDriver = cfg.readerUsername
      ? openDriver(cfg.uri, cfg.readerUsername, cfg.readerPassword, analysts.connections)
      : this.driver;
    this.analystGate = new Gate(analysts.connections);
    this.actors = new ActorGates(analysts.perUser);
  }

  /** Connects and checks the server answers (as both users, with a reader); a clear error names NEO4J_URI otherwise. */
  static async connect(cfg: Neo4jConfig, timeoutMs: number, analysts: AnalystLimits = { connections: 2, perUser: 2 }): Promise<Neo4jStore> {
    const store = new Neo4jStore(cfg, timeoutMs, analysts);
    try {
      await store.driver.verifyConnectivity({ database: cfg.database ?? undefined });
      if (store.analystDriver !== store.driver) await store.analystDriver.verifyConnectivity({ database: cfg.database ?? undefined });
    } catch (err) {
      await store.close();
      const who = store.analystDriver !== store.driver ? ' (also as NEO4J_READER_USERNAME)' : '';
      throw new StoreError('STORE_UNAVAILABLE', `cannot reach Neo4j at NEO4J_URI=${cfg.uri}${who}: ${(err as Error).message}`, {
        cause: err,
      });
    }
    return store;
  }

  /**
   * The cookie key, or null while it cannot be had (Neo4j down, or a database that refuses writes):
   * then requests run without bookmarks, as on one server, and the key is asked for again later —
   * not once per statement.
   */
  private signerOf(): Promise<BookmarkSigner | null> {
    if (!this.signer) {
      const signer = this.loadSigner();
      this.signer = signer;
      signer.then(
        (loaded) => (this.signerLoaded = loaded),
        () => setTimeout(() => this.signer === signer && (this.signer = null), SIGNER_RETRY_MS).unref(),
      );
    }
    return this.signer.catch(() => null);
  }

  private async loadSigner(): Promise<BookmarkSigner> {
    const session = this.driver.session({ database: this.cfg.database ?? undefined, defaultAccessMode: neo4j.session.WRITE });
    try {
      const result = await session.executeWrite(
        (tx) =>
          tx.run("MERGE (m:AppMeta {key: 'bookmark-key'}) ON CREATE SET m.value = $value RETURN m.value AS value", {
            value: randomBytes(32).toString('base64url'),
          }),
        { timeout: 5_000, metadata: { app: 'bioeco', operation: 'bookmark key' } },
      );
      return new BookmarkSigner(Buffer.from(String(result.records[0].get('value')), 'base64url'));
    } finally {
      await session.close();
    }
  }

  /**
   * A session that starts after the writes its caller has seen: the request's (its cookie's and its
   * own earlier statements') or, outside requests, this process's. Reads go to followers (READ), writes
   * to the leader. The key is waited for only until it is loaded, and only by a statement that needs
   * it: one whose request brought a cookie to check, or a write (its answer carries a signed cookie).
   */
  private async open(driver: Driver, access: Access): Promise<{ session: Session; chain: Chain }> {
    const scope = requestBookmarks() ?? null;
    const needsKey = scope !== null && (scope.unverified || access !== 'READ');
    const signer = this.signerLoaded ?? (needsKey ? await this.signerOf() : null);
    const startedWith = scope ? scope.bookmarks(signer) : this.processBookmarks;
    const session = driver.session({
      database: this.cfg.database ?? undefined,
      defaultAccessMode: access === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      bookmarks: startedWith,
    });
    return { session, chain: { scope, signer, startedWith } };
  }

  /** After a committed write: the bookmarks the next reads of the same caller must wait for. */
  private wrote(session: Session, chain: Chain): void {
    const after = session.lastBookmarks();
    if (chain.scope && chain.signer) chain.scope.wrote(chain.signer, chain.startedWith, after);
    else if (after.length) this.processBookmarks = after;
  }

  /**
   * The one place a statement runs: a session per call (of the analysts' driver for their queries),
   * a transaction tagged with the app and the operation and bounded by the timeout (0 = none;
   * shortened to the caller's deadline, after which nothing starts), driver errors mapped once, the
   * session closed. `consume` reads the result inside the transaction (all rows, a capped stream, or
   * the summary).
   */
  private async execute<T>(
    access: Access,
    cypher: string,
    params: Record<string, unknown>,
    opts: QueryOptions & { driver?: Driver },
    consume: (result: Result) => Promise<T>,
  ): Promise<T> {
    const operation = opts.operation ?? 'query';
    const timeoutMs = statementTimeout(opts, this.timeoutMs);
    debug('%s %s %o', operation, cypher, loggable(params));
    const config = { timeout: timeoutMs > 0 ? timeoutMs : undefined, metadata: { app: 'bioeco', operation } };
    let session: Session | undefined;
    try {
      const opened = await this.open(opts.driver ?? this.driver, access);
      session = opened.session;
      const chain = opened.chain;
      if (access === 'READ') return await session.executeRead((tx) => consume(tx.run(cypher, toParams(params))), config);
      const out =
        access === 'AUTOCOMMIT'
          ? await consume(session.run(cypher, toParams(params), config))
          : await session.executeWrite((tx: ManagedTransaction) => consume(tx.run(cypher, toParams(params))), config);
      this.wrote(session, chain);
      return out;
    } catch (err) {
      throw toStoreError(err, this.cfg.uri);
    } finally {
      await session?.close();
    }
  }

  read(cypher: string, params: Record<string, unknown> = {}, opts: QueryOptions = {}): Promise<Row[]> {
    return this.execute('READ', cypher, params, opts, allRows);
  }

  /** Analysts' queries: within the actor's and the analysts' budgets, on the analysts' driver. */
  private analyst<T>(opts: QueryOptions, run: (driver: Driver) => Promise<T>): Promise<T> {
    return withActorBudget(this.actors, opts, async () => {
      await this.analystGate.acquire(opts, 'while waiting for an analyst session');
      try {
        return await run(this.analystDriver);
      } finally {
        this.analystGate.release();
      }
    });
  }

  /** Streams records and stops pulling after maxRows, so a huge result never lands in memory. */
  readTable(cypher: string, params: Record<string, unknown>, opts: QueryOptions & { maxRows: number }): Promise<Table> {
    return this.analyst(opts, (driver) =>
      this.execute('READ', cypher, params, { ...opts, driver }, async (result) => {
        const columns = (await result.keys()).map(String);
        const rows: Row[] = [];
        let truncated = false;
        for await (const rec of result) {
          if (rows.length >= opts.maxRows) {
            truncated = true;
            break;
          }
          rows.push(toRow(rec));
        }
        return { columns, rows, truncated };
      }),
    );
  }

  write(cypher: string, params: Record<string, unknown> = {}, opts: QueryOptions = {}): Promise<Row[]> {
    return this.execute('WRITE', cypher, params, opts, allRows);
  }

  /**
   * One managed write transaction. The driver retries it on transient errors (a deadlock, a leader
   * switch), so the engine's errors reach it unwrapped; the work's own errors end it at once.
   */
  async transaction<T>(work: (tx: Transaction) => Promise<T>, opts: QueryOptions = {}): Promise<T> {
    const operation = opts.operation ?? 'transaction';
    const timeoutMs = statementTimeout(opts, this.timeoutMs);
    const config = { timeout: timeoutMs > 0 ? timeoutMs : undefined, metadata: { app: 'bioeco', operation } };
    let session: Session | undefined;
    try {
      const opened = await this.open(this.driver, 'WRITE');
      session = opened.session;
      const chain = opened.chain;
      const out = await session.executeWrite(async (mtx) => {
        const tx: Transaction = {
          engine: 'neo4j',
          run: (cypher, params = {}) => {
            debug('%s (in transaction) %s %o', operation, cypher, loggable(params));
            return allRows(mtx.run(cypher, toParams(params)));
          },
        };
        try {
          return await work(tx);
        } catch (err) {
          throw err instanceof Neo4jError ? err : new WorkError(err);
        }
      }, config);
      this.wrote(session, chain);
      return out;
    } catch (err) {
      throw err instanceof WorkError ? err.cause : toStoreError(err, this.cfg.uri);
    } finally {
      await session?.close();
    }
  }

  /** Asks the planner (as the analysts' user): EXPLAIN reports the statement's query type without running it. */
  isReadOnly(cypher: string, opts: QueryOptions = {}): Promise<boolean> {
    return this.analyst(opts, (driver) =>
      this.execute('READ', `EXPLAIN ${cypher}`, {}, { ...opts, operation: 'read-only check', driver }, async (result) => {
        return (await result).summary.queryType === 'r';
      }),
    );
  }

  async ensureSchema(): Promise<void> {
    for (const s of schemaStatements('neo4j')) await this.write(s, {}, { operation: 'schema' });
  }

  async clear(): Promise<void> {
    // Relationships first, in batches: DETACH DELETE of a hub drags all its relationships into one
    // transaction, which at 1M relationships ran past the server's transaction memory limit.
    const opts = { operation: 'clear', timeoutMs: 0 };
    await this.execute('AUTOCOMMIT', 'MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS', {}, opts, allRows);
    await this.execute('AUTOCOMMIT', 'MATCH (n:Entity) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS', {}, opts, allRows);
  }

  async bulkLoad(data: GraphData): Promise<void> {
    const eKeys = Object.keys(ENTITY_PROPS) as (keyof typeof ENTITY_PROPS)[];
    const entities = data.entities.map((e) => Object.fromEntries(eKeys.map((k) => [k, storedValue(k, e[k])])));
    for (let i = 0; i < entities.length; i += BATCH) {
      await this.write(
        'UNWIND $rows AS row MERGE (n:Entity {id: row.id}) SET n += row',
        { rows: entities.slice(i, i + BATCH) },
        { operation: 'bulk load entities', timeoutMs: 0 },
      );
    }
    const rKeys = Object.keys(RELATION_PROPS) as (keyof typeof RELATION_PROPS)[];
    for (const t of RELATION_TYPES) {
      const rows = data.relations
        .filter((r) => r.type === t)
        .map((r) => ({
          from: r.from,
          to: r.to,
          props: Object.fromEntries(rKeys.map((k) => [k, storedValue(k, r[k])])),
        }));
      for (let i = 0; i < rows.length; i += BATCH) {
        await this.write(
          `UNWIND $rows AS row MATCH (a:Entity {id: row.from}) MATCH (b:Entity {id: row.to}) MERGE (a)-[r:${t} {id: row.props.id}]->(b) SET r += row.props`,
          { rows: rows.slice(i, i + BATCH) },
          { operation: `bulk load ${t}`, timeoutMs: 0 },
        );
      }
    }
  }

  async close(): Promise<void> {
    this.analystGate.rejectAll(new StoreError('STORE_UNAVAILABLE', 'the Neo4j store is closed'));
    if (this.analystDriver !== this.driver) await this.analystDriver.close();
    await this.driver.close();
  }
}
