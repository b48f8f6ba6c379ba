/**
 * Neo4j lost mid-run: GraphQL and /export fail with a clear SERVICE_UNAVAILABLE and succeed again once it is back.
 * A TCP proxy in front of the test server plays the network: closing it is the outage.
 */
import { createServer, type Server } from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../server/config.js';
import type { AppContext } from '../../server/context.js';
import { handleExportRoute } from '../../server/export/route.js';
import { Neo4jStore } from '../../server/store/neo4j.js';
import { smallGraph } from '../fixtures/small-graph.js';
import { graphqlClient } from '../helpers/graphql.js';

const env = loadConfig();

class Proxy {
  private server: net.Server | null = null;
  private sockets = new Set<net.Socket>();
  constructor(
    private readonly target: { host: string; port: number },
    readonly port: number,
  ) {}
  async up(): Promise<void> {
    if (this.server) return;
    const server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', resolve);
    });
    this.server = server;
  }
  async down(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }
}

describe.runIf(env.neo4j)('Neo4j outage', () => {
  let proxy: Proxy;
  let store: Neo4jStore;
  let gql: ReturnType<typeof graphqlClient>;
  let http: Server;
  let exportUrl: string;

  beforeAll(async () => {
    const target = new URL(env.neo4j!.uri.replace(/^(bolt|neo4j)/, 'http'));
    const port = 42000 + Math.floor(Math.random() * 2000);
    proxy = new Proxy({ host: target.hostname, port: Number(target.port || 7687) }, port);
    await proxy.up();
    store = await Neo4jStore.connect({ ...env.neo4j!, uri: `bolt://127.0.0.1:${port}` }, 5000);
    await store.ensureSchema();
    await store.clear();
    await store.bulkLoad(smallGraph());
    const ctx: AppContext = { store, config: env, documents: new Map(), savedQueries: [] };
    gql = graphqlClient(ctx);
    http = createServer((req, res) => void handleExportRoute(ctx, req, res));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    exportUrl = `http://127.0.0.1:${(http.address() as net.AddressInfo).port}/export?ids=e-sld&format=json`;
  }, 120_000);

  afterAll(async () => {
    await new Promise((resolve) => http?.close(resolve));
    await proxy.up().catch(() => undefined);
    await store?.clear().catch(() => undefined);
    await store?.close();
    await proxy.down();
  });

  it('fails clearly while Neo4j is gone and recovers when it is back', async () => {
    const q = '{ search(text: "思路迪") { id } }';
    expect((await gql(q)).data!.search[0].id).toBe('e-sld');
    await proxy.down();
    const during = await gql(q);
    expect(during.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(during.errors?.[0]?.message).toBe('The graph store is unavailable; try again shortly.');
    const download = await fetch(exportUrl);
    expect(download.status).toBe(503);
    expect(await download.json()).toEqual({
      error: { code: 'SERVICE_UNAVAILABLE', message: 'The graph store is unavailable; try again shortly.' },
    });
    await proxy.up();
    // The driver reconnects on its own: wait for the answer, not for a fixed time.
    await vi.waitFor(
      async () => {
        const after = await gql(q);
        expect(after.data?.search[0]?.id).toBe('e-sld');
      },
      { timeout: 10_000, interval: 100 },
    );
    expect((await fetch(exportUrl)).status).toBe(200);
  }, 60_000);
});
