/** The embedded store: LadybugDB on disk under DATA_DIR; needs no server. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lbug from '@ladybugdb/core';
import { RELATION_TYPES, type GraphData } from '../domain/model.js';
import { log } from '../log.js';
import { schemaStatements } from './dialect.js';
import { writeLoadFiles, type LoadFile } from './load-files.js';
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
} from './types.js';

const debug = log('embedded');

export interface EmbeddedOptions {
  dataDir: string;
  bufferPoolBytes: number;
  queryTimeoutMs: number;
  /** Connections that may run queries at once. */
  poolSize?: number;
}

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
 * LadybugDB reports no error codes: each message starts with the engine's exception class
 * ("Parser exception: …", "Binder exception: …", "Interrupted."). That class is the code mapped here;
 * the rest of the message is never inspected. A duplicate key is a plain Runtime exception, so it
 * stays QUERY_FAILED (masked either way).
 */
const LBUG_KINDS: Record<string, StoreErrorCode> = { Parser: 'CYPHER_SYNTAX', Binder: 'CYPHER_SYNTAX', Interrupted: 'QUERY_TIMEOUT' };

function toStoreError(err: unknown): StoreError {
  if (err instanceof StoreError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const kind = /^[A-Za-z]+/.exec(message)?.[0] ?? '';
  const code = Object.hasOwn(LBUG_KINDS, kind) ? LBUG_KINDS[kind] : 'QUERY_FAILED';
  if (code === 'QUERY_TIMEOUT') return new StoreError(code, 'the query took too long and was stopped', { cause: err });
  return new StoreError(code, message, { cause: err });
}

type Prepared = Awaited<ReturnType<Conn['prepare']>>;

export class EmbeddedStore implements GraphStore {
  readonly engine = 'embedded' as const;
  private readonly db: InstanceType<typeof lbug.Database>;
  private readonly free: Conn[] = [];
  private readonly waiting: ((c: Conn) => void)[] = [];
  private writeLock: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(private readonly opts: EmbeddedOptions) {
    fs.mkdirSync(opts.dataDir, { recursive: true });
    this.db = new lbug.Database(path.join(opts.dataDir, 'graph.lbug'), opts.bufferPoolBytes);
    for (let i = 0; i < (opts.poolSize ?? 4); i++) this.free.push(new lbug.Connection(this.db));
  }

  private async acquire(): Promise<Conn> {
    if (this.closed) throw new StoreError('STORE_UNAVAILABLE', 'the embedded store is closed');
    const c = this.free.pop();
    if (c) return c;
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(c: Conn): void {
    const next = this.waiting.shift();
    if (next) next(c);
    else this.free.push(c);
  }

  /**
   * The one place a statement runs: a pooled connection, the timeout (0 = none), the statement
   * prepared, `use` run with it (execute and read, or only inspect), errors mapped once, the
   * connection released.
   */
  private async execute<T>(
    cypher: string,
    params: Record<string, unknown>,
    opts: QueryOptions,
    use: (conn: Conn, stmt: Prepared) => Promise<T> | T,
  ): Promise<T> {
    const conn = await this.acquire();
    try {
      debug('%s %s %o', opts.operation ?? 'query', cypher, params);
      // 0 means no limit (bulk loads); the engine wants a positive number.
      const timeout = opts.timeoutMs ?? this.opts.queryTimeoutMs;
      conn.setQueryTimeout(timeout > 0 ? timeout : 24 * 3600 * 1000);
      const stmt = await conn.prepare(cypher);
      if (!stmt.isSuccess()) throw new Error(stmt.getErrorMessage());
      return await use(conn, stmt);
    } catch (err) {
      throw toStoreError(err);
    } finally {
      this.release(conn);
    }
  }

  /** Runs a statement and reads its (last) result, at most maxRows rows when given. */
  private query(cypher: string, params: Record<string, unknown>, opts: QueryOptions & { maxRows?: number }): Promise<Table> {
    return this.execute(cypher, params, opts, async (conn, stmt) => {
      const res = await conn.execute(stmt, params as never);
      const results = Array.isArray(res) ? res : [res];
      const last = results[results.length - 1];
      const columns = last.getColumnNamesSync();
      // The query has run (off the event loop) by now and its result sits in memory: reading it
      // synchronously avoids one promise per row, which dominated small queries at the bench scale.
      // (Not spread into another array: a spread of 200k rows overflows the call stack.)
      let rows: Row[] = [];
      let truncated = false;
      if (opts.maxRows === undefined) {
        rows = last.getAllSync() as Row[];
      } else {
        while (last.hasNext()) {
          const row = last.getNextSync() as Row;
          if (rows.length >= opts.maxRows) {
            truncated = true;
            break;
          }
          rows.push(row);
        }
      }
      for (const r of results) r.close();
      return { columns, rows: rows.map((r) => toValue(r) as Row), truncated };
    });
  }

  async readTable(cypher: string, params: Record<string, unknown>, opts: QueryOptions & { maxRows: number }): Promise<Table> {
    return this.query(cypher, params, opts);
  }

  async read(cypher: string, params: Record<string, unknown> = {}, opts: QueryOptions = {}): Promise<Row[]> {
    return (await this.query(cypher, params, opts)).rows;
  }

  /** Writes are serialised: LadybugDB allows one write transaction at a time. */
  write(cypher: string, params: Record<string, unknown> = {}, opts: QueryOptions = {}): Promise<Row[]> {
    const p = this.writeLock.then(async () => (await this.query(cypher, params, opts)).rows);
    this.writeLock = p.catch(() => undefined);
    return p;
  }

  /** The engine's verdict from the prepared statement; nothing runs. */
  isReadOnly(cypher: string): Promise<boolean> {
    return this.execute(cypher, {}, { operation: 'read-only check' }, (_, stmt) => stmt.isReadOnly());
  }

  async ensureSchema(): Promise<void> {
    for (const s of schemaStatements('embedded')) await this.write(s, {}, { operation: 'schema' });
  }

  /** Drops and recreates the tables: far faster than deleting a large graph row by row. */
  async clear(): Promise<void> {
    for (const t of RELATION_TYPES) await this.write(`DROP TABLE IF EXISTS ${t}`, {}, { operation: 'clear' });
    await this.write('DROP TABLE IF EXISTS Entity', {}, { operation: 'clear' });
    await this.ensureSchema();
  }

  /** COPY of files written by writeLoadFiles, in order (entities before relations). */
  async copyLoadFiles(files: LoadFile[]): Promise<void> {
    for (const f of files) {
      const options = `header=true, escape='"'${f.multiline ? ', parallel=false' : ''}`;
      await this.write(
        `COPY ${f.table} FROM '${f.file.replace(/'/g, "\\'")}' (${options})`,
        {},
        { operation: `copy ${f.table}`, timeoutMs: 0 },
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
    this.closed = true;
    await this.writeLock;
    for (const c of this.free) await c.close();
    await this.db.close();
  }
}
