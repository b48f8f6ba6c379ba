/** The Neo4j store: one driver per process, a session per call, executeRead / executeWrite. */
import neo4j, { type Driver, Neo4jError } from 'neo4j-driver';
import { ENTITY_PROPS, RELATION_PROPS, RELATION_TYPES, storedValue, type GraphData } from '../domain/model.js';
import type { Neo4jConfig } from '../config.js';
import { log } from '../log.js';
import { schemaStatements } from './dialect.js';
import { GraphNode, GraphPath, GraphRel, StoreError, type GraphStore, type QueryOptions, type Row, type Table } from './types.js';

const debug = log('neo4j');
const BATCH = 5000;

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

function toStoreError(err: unknown, uri: string): StoreError {
  if (err instanceof StoreError) return err;
  const code = err instanceof Neo4jError ? err.code : '';
  const message = err instanceof Error ? err.message : String(err);
  if (code === 'ServiceUnavailable' || code === 'SessionExpired' || /ECONNREFUSED|connect/i.test(code)) {
    return new StoreError('STORE_UNAVAILABLE', `Neo4j at NEO4J_URI=${uri} is unreachable: ${message}`, { cause: err });
  }
  if (
    code.startsWith('Neo.ClientError.Statement.SyntaxError') ||
    code.startsWith('Neo.ClientError.Statement.ParameterMissing') ||
    code === 'Neo.ClientError.Statement.ArgumentError'
  ) {
    return new StoreError('CYPHER_SYNTAX', message, { cause: err });
  }
  if (code.includes('TransactionTimedOut') || code.includes('Terminated')) {
    return new StoreError('QUERY_TIMEOUT', 'the query took too long and was stopped', { cause: err });
  }
  if (code.includes('ConstraintValidationFailed')) return new StoreError('CONSTRAINT', message, { cause: err });
  if (code === 'Neo.ClientError.Statement.AccessMode' || code.includes('Forbidden')) {
    return new StoreError('QUERY_FAILED', message, { cause: err });
  }
  return new StoreError('QUERY_FAILED', message, { cause: err });
}

export class Neo4jStore implements GraphStore {
  readonly engine = 'neo4j' as const;
  private readonly driver: Driver;

  private constructor(
    private readonly cfg: Neo4jConfig,
    private readonly timeoutMs: number,
  ) {
    const auth = cfg.username ? neo4j.auth.basic(cfg.username, cfg.password ?? '') : undefined;
    this.driver = neo4j.driver(cfg.uri, auth, {
      disableLosslessIntegers: true,
      connectionAcquisitionTimeout: 10_000,
      connectionTimeout: 5_000,
      // Retry transient failures briefly; during an outage a request should fail clearly, not hang.
      maxTransactionRetryTime: 5_000,
      maxConnectionPoolSize: 20,
    });
  }

  /** Connects and checks the server answers; a clear error names NEO4J_URI otherwise. */
  static async connect(cfg: Neo4jConfig, timeoutMs: number): Promise<Neo4jStore> {
    const store = new Neo4jStore(cfg, timeoutMs);
    try {
      await store.driver.verifyConnectivity({ database: cfg.database ?? undefined });
    } catch (err) {
      await store.driver.close();
      throw new StoreError('STORE_UNAVAILABLE', `cannot reach Neo4j at NEO4J_URI=${cfg.uri}: ${(err as Error).message}`, { cause: err });
    }
    return store;
  }

  private session(mode: 'READ' | 'WRITE') {
    return this.driver.session({
      database: this.cfg.database ?? undefined,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
    });
  }

  private async run(mode: 'READ' | 'WRITE', cypher: string, params: Record<string, unknown>, opts: QueryOptions): Promise<Row[]> {
    debug('%s %s %o', opts.operation ?? 'query', cypher, params);
    const session = this.session(mode);
    const config = {
      timeout: opts.timeoutMs === 0 ? undefined : (opts.timeoutMs ?? this.timeoutMs),
      metadata: { app: 'bioeco', operation: opts.operation ?? 'query' },
    };
    try {
      const work = async (tx: {
        run: (q: string, p: Record<string, unknown>) => Promise<{ records: { keys: PropertyKey[]; get(k: PropertyKey): unknown }[] }>;
      }) => {
        const res = await tx.run(cypher, toParams(params));
        return res.records.map((rec) => Object.fromEntries(rec.keys.map((k) => [String(k), toValue(rec.get(k))])) as Row);
      };
      return mode === 'READ' ? await session.executeRead(work, config) : await session.executeWrite(work, config);
    } catch (err) {
      throw toStoreError(err, this.cfg.uri);
    } finally {
      await session.close();
    }
  }

  read(cypher: string, params: Record<string, unknown> = {}, opts: QueryOptions = {}): Promise<Row[]> {
    return this.run('READ', cypher, params, opts);
  }

  /** Streams records and stops pulling after maxRows, so a huge result never lands in memory. */
  async readTable(cypher: string, params: Record<string, unknown>, opts: QueryOptions & { maxRows: number }): Promise<Table> {
    debug('%s %s %o', opts.operation ?? 'query', cypher, params);
    const session = this.session('READ');
    const config = {
      timeout: opts.timeoutMs ?? this.timeoutMs,
      metadata: { app: 'bioeco', operation: opts.operation ?? 'query' },
    };
    try {
      return await session.executeRead(async (tx) => {
        const result = tx.run(cypher, toParams(params));
        const columns = (await result.keys()).map(String);
        const rows: Row[] = [];
        let truncated = false;
        for await (const rec of result) {
          if (rows.length >= opts.maxRows) {
            truncated = true;
            break;
          }
          rows.push(Object.fromEntries(rec.keys.map((k) => [String(k), toValue(rec.get(k))])) as Row);
        }
        return { columns, rows, truncated };
      }, config);
    } catch (err) {
      throw toStoreError(err, this.cfg.uri);
    } finally {
      await session.close();
    }
  }

  write(cypher: string, params: Record<string, unknown> = {}, opts: QueryOptions = {}): Promise<Row[]> {
    return this.run('WRITE', cypher, params, opts);
  }

  /** Asks the planner: EXPLAIN reports the statement's query type without running it. */
  async isReadOnly(cypher: string): Promise<boolean> {
    const session = this.session('READ');
    try {
      const res = await session.run(`EXPLAIN ${cypher}`);
      return res.summary.queryType === 'r';
    } catch (err) {
      throw toStoreError(err, this.cfg.uri);
    } finally {
      await session.close();
    }
  }

  async ensureSchema(): Promise<void> {
    for (const s of schemaStatements('neo4j')) await this.write(s, {}, { operation: 'schema' });
  }

  async clear(): Promise<void> {
    const session = this.session('WRITE');
    try {
      // Relationships first, in batches: DETACH DELETE of a hub drags all its relationships into one
      // transaction, which at 1M relationships ran past the server's transaction memory limit.
      await session.run('MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS');
      await session.run('MATCH (n:Entity) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
    } catch (err) {
      throw toStoreError(err, this.cfg.uri);
    } finally {
      await session.close();
    }
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
    await this.driver.close();
  }
}
