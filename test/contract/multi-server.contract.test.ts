/**
 * Two API servers on one Neo4j, as behind a load balancer with no sticky sessions: each a real HTTP
 * server with its own driver on a routing (`neo4j://`) URI. A person signs in on one and goes on on
 * the other; an edit through A is read through B at once (entity, search, history), a stale version
 * through B is a CONFLICT, signing out on A ends the session on B, and failed sign-ins through both
 * lock the account on both. Neo4j only: the embedded store is one process.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../server/app.js';
import { Auth } from '../../server/auth/service.js';
import { loadConfig, type Config } from '../../server/config.js';
import type { AppContext } from '../../server/context.js';
import { Neo4jStore } from '../../server/store/neo4j.js';
import { smallGraph } from '../fixtures/small-graph.js';
import type { GqlResult } from '../helpers/graphql.js';
import { clearAppData } from '../helpers/stores.js';

const env = loadConfig();

interface ApiServer {
  url: string;
  store: Neo4jStore;
  http: Server;
}

async function startServer(config: Config): Promise<ApiServer> {
  const store = await Neo4jStore.connect(config.neo4j!, config.queryTimeoutMs);
  const ctx: AppContext = { store, config, documents: new Map(), savedQueries: [] };
  const http = createServer(createHandler(ctx));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`, store, http };
}

/** One person's browser: keeps the cookies any server sets, and sends them to whichever server it asks. */
class Browser {
  readonly cookies = new Map<string, string>();

  async send<T = Record<string, any>>(server: ApiServer, query: string, variables: Record<string, unknown> = {}) {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const set = res.headers.getSetCookie();
    for (const c of set) {
      const [pair, ...attrs] = c.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      if (attrs.some((a) => /^\s*max-age=0\s*$/i.test(a))) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(eq + 1).trim());
    }
    return { status: res.status, body: (await res.json()) as GqlResult<T>, setCookie: set };
  }
}

describe.runIf(env.neo4j)('several API servers on one Neo4j', () => {
  let a: ApiServer;
  let b: ApiServer;

  beforeAll(async () => {
    // The routing scheme a cluster or Aura needs; a single Community server accepts it too.
    const config: Config = { ...env, neo4j: { ...env.neo4j!, uri: env.neo4j!.uri.replace(/^bolt/, 'neo4j') } };
    expect(config.neo4j!.uri).toMatch(/^neo4j(\+s|\+ssc)?:\/\//);
    a = await startServer(config);
    await a.store.ensureSchema();
    await a.store.clear();
    await clearAppData(a.store);
    await a.store.bulkLoad(smallGraph());
    const auth = new Auth(a.store, config);
    await auth.createUser(auth.cliCaller('test'), { username: 'm-admin', password: 'm-admin-password', role: 'admin' });
    await auth.createUser(auth.cliCaller('test'), { username: 'm-editor', password: 'm-editor-password', role: 'editor' });
    b = await startServer(config);
  }, 120_000);

  afterAll(async () => {
    for (const s of [a, b]) {
      s?.http.closeAllConnections();
      if (s) await new Promise((resolve) => s.http.close(resolve));
    }
    await a?.store.clear().catch(() => undefined);
    if (a) await clearAppData(a.store).catch(() => undefined);
    for (const s of [a, b]) await s?.store.close();
  });

  it('serves one person across both servers: session, edits read back at once, conflicts, sign-out', async () => {
    const browser = new Browser();
    const login = await browser.send(
      a,
      'mutation { login(username: "m-editor", password: "m-editor-password") { role user { username } } }',
    );
    expect(login.body.data!.login).toEqual({ role: 'editor', user: { username: 'm-editor' } });

    // The session made on A is good on B, at once.
    const me = await browser.send(b, '{ me { role user { username } } }');
    expect(me.body.data!.me).toEqual({ role: 'editor', user: { username: 'm-editor' } });

    const before = await browser.send(b, '{ entity(id: "e-nsq") { version name aliases } }');
    const version = before.body.data!.entity.version as number;

    const edit = await browser.send(
      a,
      `mutation($v: Int!) { updateEntity(id: "e-nsq", expectedVersion: $v, patch: {name: "上海诺斯清跨站生物科技有限公司", aliases: ["诺斯清", "跨站清"]},
        note: "两台服务器", source: {kind: note, note: "电话"}) { entity { version name } } }`,
      { v: version },
    );
    expect(edit.body.errors).toBeUndefined();
    expect(edit.body.data!.updateEntity.entity).toEqual({ version: version + 1, name: '上海诺斯清跨站生物科技有限公司' });
    // The write's bookmarks ride along to whichever server the next request reaches.
    expect(edit.setCookie.some((c) => /^bioeco-bm=[^;]+;.*HttpOnly/i.test(c))).toBe(true);

    // Read through B immediately: the entity, search by the new name and the new alias, its history.
    const read = await browser.send(
      b,
      `{ entity(id: "e-nsq") { version name aliases }
         byName: search(text: "上海诺斯清跨站生物科技有限公司") { id }
         byAlias: search(text: "跨站清") { id }
         history(id: "e-nsq") { items { op target author changeSet { note } } } }`,
    );
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data!.entity).toEqual({ version: version + 1, name: '上海诺斯清跨站生物科技有限公司', aliases: ['诺斯清', '跨站清'] });
    expect(read.body.data!.byName.map((e: { id: string }) => e.id)).toContain('e-nsq');
    expect(read.body.data!.byAlias.map((e: { id: string }) => e.id)).toContain('e-nsq');
    expect(read.body.data!.history.items[0]).toMatchObject({
      op: 'UPDATE',
      target: 'ENTITY',
      author: 'm-editor',
      changeSet: { note: '两台服务器' },
    });

    // The version A's edit replaced is stale on B too.
    const stale = await browser.send(
      b,
      `mutation($v: Int!) { updateEntity(id: "e-nsq", expectedVersion: $v, patch: {address: "浦江镇"}, note: "", source: {kind: note, note: "电话"}) { entity { version } } }`,
      { v: version },
    );
    expect(stale.body.errors![0].extensions!.code).toBe('CONFLICT');

    // Signing out on A ends the session on B.
    const logout = await browser.send(a, 'mutation { logout }');
    expect(logout.body.data!.logout).toBe(true);
    const after = await browser.send(b, '{ entity(id: "e-nsq") { name } }');
    expect(after.status).toBe(401);
    expect(after.body.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('ignores a bookmark cookie it did not sign: the request runs as if it had none', async () => {
    const browser = new Browser();
    await browser.send(a, 'mutation { login(username: "m-editor", password: "m-editor-password") { role } }');
    const signed = browser.cookies.get('bioeco-bm');
    expect(signed).toMatch(/\./);
    // A malformed bookmark under a made-up signature: Neo4j would refuse it (InvalidBookmark) if it got through.
    for (const forged of [`FB:abc.${'A'.repeat(43)}`, `${signed!.split('.')[0]}.${'B'.repeat(43)}`, 'garbage', 'x'.repeat(5000)]) {
      browser.cookies.set('bioeco-bm', forged);
      const res = await browser.send(b, '{ entity(id: "e-sld") { id } }');
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data!.entity).toEqual({ id: 'e-sld' });
    }
  });

  it('counts failed sign-ins across servers: a lock made through both holds on each', async () => {
    const login = (server: ApiServer, password: string) =>
      new Browser().send(server, 'mutation($p: String!) { login(username: "m-editor", password: $p) { role } }', { p: password });
    for (let i = 0; i < env.security.loginMaxFailures; i++) {
      const wrong = await login(i % 2 ? b : a, `guess ${i} of many`);
      expect(wrong.body.errors![0].extensions).toMatchObject({ reason: 'BAD_CREDENTIALS' });
    }
    for (const server of [a, b])
      expect((await login(server, 'm-editor-password')).body.errors![0].extensions).toMatchObject({ reason: 'LOCKED' });
  });
});
