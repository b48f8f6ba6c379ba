/**
 * The response cache (server/response-cache.ts) on a real HTTP server over the embedded store, with
 * accounts on: a repeated graph read is answered without the store, each caller from their own
 * entries, a write makes every older answer unreachable, and nothing outside the allow-list, no
 * error and nothing for a signed-out caller is served from it. RESPONSE_CACHE=0 turns it off.
 */
import { request as httpRequest, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../server/app.js';
import { Auth } from '../../server/auth/service.js';
import { loadConfig } from '../../server/config.js';
import type { AppContext } from '../../server/context.js';
import { AnswerStore, isGraphRead } from '../../server/response-cache.js';
import type { GraphStore } from '../../server/store/index.js';
import { smallGraph } from '../fixtures/small-graph.js';
import { openEmbedded, type StoreHandle } from '../helpers/stores.js';

interface Answer {
  status: number;
  etag: string | undefined;
  body: { data?: Record<string, any> | null; errors?: { message: string; extensions?: { code?: string } }[] };
}

let handle: StoreHandle;
const servers: Server[] = [];
let reads = 0;

/** The store, counting its statements: a cached answer makes none. */
function counting(store: GraphStore): GraphStore {
  return new Proxy(store, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (prop === 'read' || prop === 'readTable') {
        return (...args: unknown[]) => {
          reads++;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

async function listen(app: AppContext): Promise<number> {
  const s = createServer(createHandler(app));
  servers.push(s);
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return (s.address() as AddressInfo).port;
}

function post(
  port: number,
  query: string,
  variables: Record<string, unknown> = {},
  cookie?: string,
): Promise<Answer & { cookie?: string }> {
  const body = JSON.stringify({ query, variables });
  const headers: Record<string, string> = { host: `localhost:${port}`, 'content-type': 'application/json', ...(cookie ? { cookie } : {}) };
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/graphql', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () =>
        resolve({
          status: res.statusCode!,
          etag: res.headers.etag as string | undefined,
          cookie: res.headers['set-cookie']?.[0]?.split(';')[0],
          body: JSON.parse(text),
        }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The answer and how many store statements it took. */
async function timed(port: number, query: string, variables: Record<string, unknown> = {}, cookie?: string) {
  const before = reads;
  const answer = await post(port, query, variables, cookie);
  return { ...answer, reads: reads - before };
}

const ENTITY = 'query($id: ID!) { entity(id: $id) { id name version } }';
const SOURCE = '{kind: note, note: "2026-11-02 走访企业，现场核实", date: "2026-11-02"}';
let port: number;
let uncachedPort: number;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  handle = await openEmbedded();
  await handle.store.bulkLoad(smallGraph());
  const store = counting(handle.store);
  const ctx: AppContext = { store, config: { ...handle.config, responseCache: true }, documents: new Map(), savedQueries: [] };
  port = await listen(ctx);
  uncachedPort = await listen({ ...ctx, config: { ...ctx.config, responseCache: false } });
  const auth = new Auth(handle.store, handle.config);
  const cli = auth.cliCaller('test');
  await auth.createUser(cli, { username: 'root', password: 'root password', role: 'admin' });
  await auth.createUser(cli, { username: 'minh', password: 'minh password', role: 'editor', region: 'r-mh' });
  await auth.createUser(cli, { username: 'pu', password: 'pu password', role: 'viewer', region: 'r-pj' });
  for (const name of ['root', 'minh', 'pu']) {
    const login = await post(port, `mutation { login(username: "${name}", password: "${name} password") { role } }`);
    expect(login.cookie, JSON.stringify(login.body)).toBeTruthy();
    cookies[name] = login.cookie!;
  }
});

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  await handle?.dispose();
});

describe('the response cache', () => {
  it('answers a repeated graph read without the store, from each caller’s own entries', async () => {
    const first = await timed(port, ENTITY, { id: 'e-sld' }, cookies.minh);
    expect(first.body.errors).toBeUndefined();
    expect(first.reads).toBeGreaterThan(0);
    expect(first.etag).toBeTruthy();
    const again = await timed(port, ENTITY, { id: 'e-sld' }, cookies.minh);
    expect(again.body).toEqual(first.body);
    expect(again.reads).toBe(0);
    expect(again.etag).toBe(first.etag);

    // Another user (another role and region scope): their own entry, computed for them.
    const other = await timed(port, ENTITY, { id: 'e-sld' }, cookies.pu);
    expect(other.body).toEqual(first.body);
    expect(other.reads).toBeGreaterThan(0);
    expect(other.etag).not.toBe(first.etag);
    expect((await timed(port, ENTITY, { id: 'e-sld' }, cookies.pu)).etag).toBe(other.etag);

    // No session: refused, not answered from anyone's entry.
    const anonymous = await timed(port, ENTITY, { id: 'e-sld' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(anonymous.body.data ?? null).toBeNull();
  });

  it('answers the new value right after a write (updateEntity)', async () => {
    // Cached by this test itself, whatever ran before it: the write must make this entry unreachable.
    await post(port, ENTITY, { id: 'e-sld' }, cookies.minh);
    const before = await timed(port, ENTITY, { id: 'e-sld' }, cookies.minh);
    expect(before.reads).toBe(0);
    const name = `缓存测试${Date.now()}`;
    const edit = await post(
      port,
      `mutation($n: String!) { updateEntity(id: "e-sld", patch: {name: $n}, note: "更名", source: ${SOURCE}) { entity { name version } } }`,
      { n: name },
      cookies.root,
    );
    expect(edit.body.errors, JSON.stringify(edit.body.errors)).toBeUndefined();
    expect(edit.etag).toBeUndefined();
    const after = await timed(port, ENTITY, { id: 'e-sld' }, cookies.minh);
    expect(after.body.data?.entity.name).toBe(name);
    expect(after.body.data?.entity.version).toBe(edit.body.data?.updateEntity.entity.version);
    expect(after.reads).toBeGreaterThan(0);
    // Search sees it too.
    const found = await post(port, 'query($t: String!) { search(text: $t) { id name } }', { t: name }, cookies.pu);
    expect(found.body.data?.search.map((e: { id: string }) => e.id)).toEqual(['e-sld']);
  });

  it('keeps its answers through sign-ins and session activity, and answers an edit at once', async () => {
    const first = await timed(port, ENTITY, { id: 'e-sld' }, cookies.minh);
    expect(first.body.errors).toBeUndefined();
    expect((await timed(port, ENTITY, { id: 'e-sld' }, cookies.minh)).reads).toBe(0);
    // A sign-in (a session and an audit row), a failed one, and a signed-in session's own requests:
    // the store is written, the graph is not.
    const login = await post(port, 'mutation { login(username: "root", password: "root password") { role } }');
    expect(login.cookie, JSON.stringify(login.body)).toBeTruthy();
    const wrong = await post(port, 'mutation { login(username: "root", password: "not it") { role } }');
    expect(wrong.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await post(port, '{ me { role } }', {}, login.cookie)).body.data?.me.role).toBe('admin');
    // Browsing on (after those writes, the first request reads the caller's session and the graph's version again).
    expect((await post(port, 'query($t: String!) { search(text: $t) { id } }', { t: '药' }, cookies.minh)).body.errors).toBeUndefined();
    const kept = await timed(port, ENTITY, { id: 'e-sld' }, cookies.minh);
    expect(kept.body).toEqual(first.body);
    expect(kept.reads).toBe(0);
    expect(kept.etag).toBe(first.etag);

    // An edit is a graph change: the new name is read back at once.
    const name = `登录后更名${Date.now()}`;
    const edit = await post(
      port,
      `mutation($n: String!) { updateEntity(id: "e-sld", patch: {name: $n}, note: "更名", source: ${SOURCE}) { entity { name } } }`,
      { n: name },
      login.cookie,
    );
    expect(edit.body.errors, JSON.stringify(edit.body.errors)).toBeUndefined();
    expect((await post(port, ENTITY, { id: 'e-sld' }, cookies.minh)).body.data?.entity.name).toBe(name);
  });

  it('never keeps a field outside the allow-list, a mutation, or an error', async () => {
    for (const query of ['{ me { role user { username } } }', '{ me { role } entity(id: "e-sld") { id } }']) {
      const a = await timed(port, query, {}, cookies.minh);
      const b = await timed(port, query, {}, cookies.minh);
      expect(a.body.errors).toBeUndefined();
      expect(a.etag).toBeUndefined();
      expect(b.etag).toBeUndefined();
    }
    // An error is answered afresh every time.
    const bad = 'query($t: String!) { search(text: $t) { id } }';
    for (let i = 0; i < 2; i++) {
      const refused = await timed(port, bad, { t: '   ' }, cookies.minh);
      expect(refused.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(refused.etag).toBeUndefined();
    }
    // Above the cost limit: refused every time, before anything runs, and never kept.
    const costly = 'query($ids: [ID!]!) { neighborhood(ids: $ids, depth: 3, limit: 100000) { nodes { id } } }';
    for (let i = 0; i < 2; i++) {
      const refused = await timed(port, costly, { ids: ['e-sld'] }, cookies.minh);
      expect(refused.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(refused.etag).toBeUndefined();
      expect(refused.reads).toBe(0);
    }
  });

  it('does not answer a signed-out session from its old entries', async () => {
    const cached = await timed(port, ENTITY, { id: 'e-sld' }, cookies.pu);
    const again = await timed(port, ENTITY, { id: 'e-sld' }, cookies.pu);
    expect(again.reads).toBe(0);
    expect(again.body).toEqual(cached.body);
    const out = await post(port, 'mutation { logout }', {}, cookies.pu);
    expect(out.body.errors, JSON.stringify(out.body)).toBeUndefined();
    const after = await timed(port, ENTITY, { id: 'e-sld' }, cookies.pu);
    expect(after.status).toBe(401);
    expect(after.body.data ?? null).toBeNull();
  });

  it('is off with RESPONSE_CACHE=0', async () => {
    expect(loadConfig({ RESPONSE_CACHE: '0' }).responseCache).toBe(false);
    expect(loadConfig({}).responseCache).toBe(true);
    const a = await timed(uncachedPort, ENTITY, { id: 'e-sld' }, cookies.minh);
    const b = await timed(uncachedPort, ENTITY, { id: 'e-sld' }, cookies.minh);
    expect(b.body).toEqual(a.body);
    expect(b.reads).toBeGreaterThan(0);
    expect(b.etag).toBeUndefined();
  });
});

describe('what the response cache keeps', () => {
  it('caches only queries whose every root field is a graph read', () => {
    expect(isGraphRead('{ search(text: "a") { id } entity(id: "x") { id } }', undefined)).toBe(true);
    expect(isGraphRead('query A { me { role } } query B { regions { id } }', 'B')).toBe(true);
    expect(isGraphRead('query A { me { role } } query B { regions { id } }', 'A')).toBe(false);
    expect(isGraphRead('query A { me { role } } query B { regions { id } }', undefined)).toBe(false);
    expect(isGraphRead('{ ...F } fragment F on Query { leads { total } }', undefined)).toBe(false);
    expect(isGraphRead('{ ... on Query { entity(id: "x") { id } } }', undefined)).toBe(true);
    expect(isGraphRead('mutation { logout }', undefined)).toBe(false);
    expect(isGraphRead('{ entity(id: "x") { id } changesSinceLastVisit { total } }', undefined)).toBe(false);
    expect(isGraphRead('{ entity(', undefined)).toBe(false);
    expect(isGraphRead('{ entity(id: "x") @include(if: true) { id } }', undefined)).toBe(false);
    expect(isGraphRead('{ ...Missing }', undefined)).toBe(false);
  });

  it('answers a document whose fragments spread each other with its validation error', async () => {
    const cyclic = '{ ...A } fragment A on Query { entity(id: "e-sld") { id } ...B } fragment B on Query { ...A }';
    const answer = await post(port, cyclic, {}, cookies.minh);
    expect(answer.status).toBe(200);
    expect(answer.body.errors?.[0].message).toMatch(/cannot spread fragment/i);
  });

  it('stays within its entry and byte bounds, and drops everything when the graph version moves', () => {
    const answers = new AnswerStore(100, 200_000);
    answers.seen('v1');
    for (let i = 0; i < 1_000; i++) answers.set(`k${i}`, { data: { entity: { id: `e${i}`, name: 'x'.repeat(100) } } });
    expect(answers.size).toBe(100);
    expect(answers.get('k999')).not.toBeNull();
    expect(answers.get('k0')).toBeNull();
    for (let i = 0; i < 100; i++) answers.set(`b${i}`, { data: { text: 'y'.repeat(5_000) } });
    expect(answers.totalBytes).toBeLessThanOrEqual(200_000);
    expect(answers.size).toBeLessThan(100);
    answers.seen('v1');
    expect(answers.get('b99')).not.toBeNull();
    answers.seen('v2');
    answers.set('new', { data: {} });
    expect(answers.size).toBe(1);
    expect(answers.get('b99')).toBeNull();
  });
});
