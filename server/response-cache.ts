/**
 * A per-instance cache of whole GraphQL answers to the explorer's graph reads
 * (@graphql-yoga/plugin-response-cache), on the embedded store only.
 *
 * Why it is correct:
 * - Only a query whose every root field is in GRAPH_READS caches: answers that depend on the graph
 *   and on the caller alone, never on the time (leads and their SLA, feeds, audit, sessions, `me`,
 *   the review queue) and never a mutation. An allow-list: a new field stays uncached until listed.
 * - The key is the query text, its variables and operation name, plus the graph's version
 *   (graphVersion: the newest change set, their count, the entity count, the seed marker) and the
 *   caller's identity (username, role, region scope; or local mode; or anonymous). Every graph write
 *   (an edit, an import, an ingest, a reseed or bulk load) moves the version on, so it makes every
 *   older entry unreachable, and the store below drops them at the next version it sees. Writes that
 *   are not graph changes (session touches, logins, audit rows, leads, watches) leave the version and
 *   so the entries alone. Reading the version is free on the embedded store while nothing was
 *   written; on Neo4j other API servers write, it would cost three reads a request, and there is no
 *   cache.
 * - The caller is resolved afresh for every request (an expired or revoked session is anonymous
 *   again), once: the request's context reuses it (requestCaller). It is resolved before the version
 *   is read. Only a graph read reads the version: a sign-in, a mutation or `me` after a write costs no
 *   version reads.
 * - Errors are not kept, nor an answer that sets a cookie or an HTTP status.
 * - A hit is answered before yoga's context, the auth plugin's operation checks, graphql-armor and
 *   the cost limit run. That is safe because an entry exists only for exactly this query text,
 *   these variables and this caller, answered without error while the graph was this one: those
 *   checks are functions of the same inputs (armor: the document; cost: the document, variables and
 *   config; auth: the caller's role, which is in the key), so they passed for this request too. The
 *   transport checks (POST, application/json, Host, CORS) run before the cache in any case.
 * - Bounded: at most MAX_ENTRIES answers and MAX_BYTES of their JSON, least recently used first out.
 *   Kept as that JSON and parsed on a hit: kept as objects, an answer took a few times its JSON's
 *   size (every value its own heap object), and a full cache at 100k was ~100 MB of the server's
 *   heap for 32 MB counted; parsing a hit's JSON costs a fraction of a millisecond.
 */
import { Kind, parse, type DocumentNode, type ExecutionResult } from 'graphql';
import { useResponseCache, type Cache } from '@graphql-yoga/plugin-response-cache';
import { createHash } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import type { Caller } from './auth/caller.js';
import type { Auth } from './auth/service.js';
import { requestCaller, rootFields, type AuthServerContext } from './auth/yoga-plugin.js';
import { graphVersion } from './domain/live/projection.js';
import type { GraphStore } from './store/index.js';

/** Query fields whose answer depends only on the graph and the caller. */
const GRAPH_READS: ReadonlySet<string> = new Set([
  'search',
  'entity',
  'neighborhood',
  'paths',
  'edge',
  'stats',
  'chain',
  'gaps',
  'gapCandidates',
  'partners',
  'keyPlayers',
  'keyPlayerMap',
  'regions',
  'regionTree',
]);

const MAX_ENTRIES = 5_000;
/** Of the answers' JSON, as UTF-16 (two bytes a character, at most what the strings kept take). */
const MAX_BYTES = 32 * 1024 * 1024;
/** Distinct query texts whose allow-list verdict is remembered. */
const MAX_DOCUMENTS = 1_000;

/** Whether the operation a request names is a query of graph reads only (a document that does not parse: no). */
export function isGraphRead(query: string, operationName: string | null | undefined): boolean {
  let document: DocumentNode;
  try {
    document = parse(query, { noLocation: true, maxTokens: 2000 });
  } catch {
    return false;
  }
  const ops = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const op = operationName ? ops.find((d) => d.name?.value === operationName) : ops.length === 1 ? ops[0] : undefined;
  if (!op || op.operation !== 'query') return false;
  const fields = rootFields(document, op.selectionSet);
  return fields.plain && !!fields.names.length && fields.names.every((f) => f === '__typename' || GRAPH_READS.has(f));
}

/** Who the answer is for: what the allow-listed resolvers read of the caller. */
function identityOf(caller: Caller): string {
  if (caller.localMode) return 'local';
  if (!caller.user || !caller.role) return caller.role ? `role:${caller.role}` : 'anonymous';
  return JSON.stringify([caller.user.id, caller.user.username, caller.role, caller.user.region ?? null]);
}

/** An LRU of answers, bounded by count and bytes, emptied when the graph's version moves on. */
export class AnswerStore implements Cache {
  private readonly entries = new Map<string, { json: string; bytes: number }>();
  private bytes = 0;
  private version: string | undefined;

  constructor(
    readonly maxEntries = MAX_ENTRIES,
    readonly maxBytes = MAX_BYTES,
  ) {}

  /** The graph's version a request is answered at: a new one drops every entry (their keys hold an older one). */
  seen(version: string): void {
    if (version === this.version) return;
    this.entries.clear();
    this.bytes = 0;
    this.version = version;
  }

  get size(): number {
    return this.entries.size;
  }

  get totalBytes(): number {
    return this.bytes;
  }

  get(key: string): ExecutionResult | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return JSON.parse(entry.json) as ExecutionResult;
  }

  set(key: string, result: ExecutionResult): void {
    const json = JSON.stringify(result);
    const bytes = json.length * 2;
    if (bytes > this.maxBytes / 16) return;
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.bytes;
    }
    this.entries.set(key, { json, bytes });
    this.bytes += bytes;
    for (const [k, e] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= e.bytes;
    }
  }

  invalidate(): void {
    // Graph writes invalidate through the key's graph version; the plugin's own invalidation is off.
  }
}

/**
 * The plugin, or null when the store has no write count (Neo4j: there the version costs reads). `auth`
 * resolves the caller, once for the cache and the request's context.
 */
export function responseCache(store: GraphStore, auth: Auth): Plugin | null {
  if (store.localWrites === undefined) return null;
  const answers = new AnswerStore();
  const cacheable = new WeakMap<Request, boolean>();
  const verdicts = new Map<string, boolean>();
  const verdict = (query: string, operationName: string | null | undefined): boolean => {
    const k = `${operationName ?? ''}\u0000${query}`;
    let v = verdicts.get(k);
    if (v === undefined) {
      v = isGraphRead(query, operationName);
      if (verdicts.size >= MAX_DOCUMENTS) verdicts.clear();
      verdicts.set(k, v);
    }
    return v;
  };
  return useResponseCache<AuthServerContext>({
    cache: answers,
    invalidateViaMutation: false,
    includeExtensionMetadata: false,
    ttl: Infinity,
    async session(request, context) {
      try {
        return identityOf(await requestCaller(auth, request, context ?? {}));
      } catch {
        return null;
      }
    },
    // The graph's version is read for graph reads only (after the caller: session() runs first).
    async buildResponseCacheKey({ documentString, variableValues, operationName, sessionId, request }) {
      const graphRead = sessionId != null && verdict(documentString, operationName);
      let version: string | null = null;
      if (graphRead) {
        try {
          version = (await graphVersion(store)).key;
          answers.seen(version);
        } catch {
          // Answered afresh, uncached.
        }
      }
      cacheable.set(request, version !== null);
      const key = JSON.stringify([documentString, operationName ?? null, variableValues ?? {}, sessionId, version]);
      return createHash('sha256').update(key).digest('base64url');
    },
    // Unknown requests (the If-None-Match path runs before the key is made) are not cached.
    enabled: (request) => cacheable.get(request) === true,
    shouldCacheResult: ({ result }) => !result.errors?.length && !!result.data && !result.extensions?.http,
  });
}
