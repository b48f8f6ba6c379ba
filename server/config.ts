/** The only reader of process.env: configuration with defaults, passed down explicitly. */
import os from 'node:os';
import path from 'node:path';

export interface Neo4jConfig {
  uri: string;
  username: string | null;
  password: string | null;
  database: string | null;
  /** Credentials for analysts' queries (a read-only Neo4j user): a second driver when set. */
  readerUsername: string | null;
  readerPassword: string | null;
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** LadybugDB buffer pool in bytes (the engine default takes 1 GB). */
  bufferPoolBytes: number;
  neo4j: Neo4jConfig | null;
  queryTimeoutMs: number;
  maxRows: number;
  /** Whole GraphQL request: no store statement starts after it (0 = none). */
  requestTimeoutMs: number;
  /** Estimated cost above which a GraphQL request is refused (server/query-cost.ts). */
  maxQueryCost: number;
  /** Analysts' queries at once (embedded: their own connections; Neo4j: their own sessions). */
  analystConnections: number;
  /** Analyst queries one user may run at once; more wait their turn. */
  analystQueriesPerUser: number;
  webDist: string;
  seedDir: string;
  queriesDir: string;
  security: SecurityConfig;
  /** Test-only: a file holding a clock offset in ms for deadlines (CLOCK_FILE; server/clock.ts). */
  clockFile: string | null;
  /** Cache answers to graph reads per instance, embedded store only (RESPONSE_CACHE=0 turns it off; server/response-cache.ts). */
  responseCache: boolean;
}

/** Accounts, sessions, SSO behind a proxy, and what the HTTP layer lets in (server/auth). */
export interface SecurityConfig {
  /** A header naming the signed-in user, set by a reverse proxy that did the sign-in (AUTH_PROXY_HEADER). */
  proxyHeader: string | null;
  /** The only client addresses whose proxyHeader (and X-Forwarded-For) is believed (AUTH_PROXY_TRUSTED). */
  proxyTrusted: string[];
  /** Session cookies only over https (COOKIE_SECURE=1, behind a TLS proxy). */
  cookieSecure: boolean;
  sessionIdleMs: number;
  sessionMaxMs: number;
  /** Failed logins before a username is locked (an address gets four times as many). */
  loginMaxFailures: number;
  loginLockMs: number;
  /** Origins allowed to call the API from a browser (CORS_ORIGINS); none by default. */
  corsOrigins: string[];
  /** Host names the server answers to (ALLOWED_HOSTS): stops DNS rebinding. */
  allowedHosts: string[];
}

const list = (raw: string | undefined): string[] =>
  (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** The names this machine answers to when listening on every interface: its addresses and host name. */
function localNames(): string[] {
  const addresses = Object.values(os.networkInterfaces()).flatMap((iface) => (iface ?? []).map((a) => a.address));
  return [os.hostname(), ...addresses.map((a) => (a.includes(':') ? `[${a}]` : a))];
}

function securityConfig(env: NodeJS.ProcessEnv, host: string): SecurityConfig {
  const hosts = list(env.ALLOWED_HOSTS);
  const everywhere = host === '0.0.0.0' || host === '::' || host === '[::]';
  const hostName = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return {
    proxyHeader: env.AUTH_PROXY_HEADER?.trim() || null,
    proxyTrusted: list(env.AUTH_PROXY_TRUSTED),
    cookieSecure: /^(1|true|yes)$/i.test(env.COOKIE_SECURE ?? ''),
    sessionIdleMs: int(env, 'SESSION_IDLE_MINUTES', 8 * 60) * 60_000,
    sessionMaxMs: int(env, 'SESSION_MAX_HOURS', 7 * 24) * 3_600_000,
    loginMaxFailures: Math.max(1, int(env, 'LOGIN_MAX_FAILURES', 5)),
    loginLockMs: int(env, 'LOGIN_LOCK_MINUTES', 15) * 60_000,
    corsOrigins: list(env.CORS_ORIGINS).map((o) => o.replace(/\/+$/, '')),
    allowedHosts: hosts.length ? hosts : ['localhost', '127.0.0.1', '[::1]', ...(everywhere ? localNames() : [hostName])],
  };
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

/**
 * The driver's schemes: bolt (one server) and neo4j (routing: a cluster or Aura, reads to followers,
 * writes to the leader; a single server accepts it too), each plain, +s (TLS, verified) or +ssc
 * (TLS, self-signed). Anything else is refused here, naming the variable, not at connect time.
 */
const NEO4J_SCHEME = /^(bolt|neo4j)(\+s|\+ssc)?:\/\/[^\s/?#]+\/?(\?[^\s#]*)?$/i;

function neo4jUri(raw: string): string {
  if (!NEO4J_SCHEME.test(raw)) {
    throw new Error(
      `NEO4J_URI must be bolt://, bolt+s://, bolt+ssc://, neo4j://, neo4j+s:// or neo4j+ssc:// followed by host[:port], got "${raw}"`,
    );
  }
  return raw;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const root = path.resolve(import.meta.dirname, '..');
  const uri = env.NEO4J_URI?.trim();
  return {
    port: int(env, 'PORT', 4000),
    host: env.HOST || '127.0.0.1',
    dataDir: path.resolve(env.DATA_DIR || path.join(root, 'data')),
    // 512 MB: a transaction's new pages stay in the pool until it commits, and a 10,000-row import on a
    // 100k-entity graph needs ~300 MB of them (at 256 MB it failed). The engine's own default is ~80% of RAM.
    bufferPoolBytes: int(env, 'BUFFER_POOL_MB', 512) * 1024 * 1024,
    neo4j: uri
      ? {
          uri: neo4jUri(uri),
          username: env.NEO4J_USERNAME || null,
          password: env.NEO4J_PASSWORD || null,
          database: env.NEO4J_DATABASE || null,
          readerUsername: env.NEO4J_READER_USERNAME || null,
          readerPassword: env.NEO4J_READER_PASSWORD || null,
        }
      : null,
    queryTimeoutMs: int(env, 'QUERY_TIMEOUT_MS', 15000),
    maxRows: int(env, 'MAX_ROWS', 5000),
    requestTimeoutMs: int(env, 'REQUEST_TIMEOUT_MS', 20000),
    maxQueryCost: int(env, 'MAX_QUERY_COST', 10000),
    analystConnections: Math.max(1, int(env, 'ANALYST_CONNECTIONS', 2)),
    analystQueriesPerUser: Math.max(1, int(env, 'ANALYST_QUERIES_PER_USER', 2)),
    webDist: path.join(root, 'dist', 'web'),
    seedDir: path.resolve(env.SEED_DIR || path.join(root, 'seed')),
    queriesDir: path.join(root, 'queries'),
    security: securityConfig(env, env.HOST || '127.0.0.1'),
    clockFile: env.CLOCK_FILE ? path.resolve(env.CLOCK_FILE) : null,
    responseCache: !/^(0|false|no|off)$/i.test(env.RESPONSE_CACHE?.trim() ?? ''),
  };
}
