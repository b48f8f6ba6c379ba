/**
 * Accounts, roles, sessions and the audit log through GraphQL, on every store. The store's accounts
 * are the file's own (removed before and after); tests run in order: local mode first, then the
 * first account turns accounts on. The clock is the Auth's, moved forward to expire sessions and locks.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterAll, describe, expect } from 'vitest';
import { roleAllows, type Role } from '../../shared/model/index.js';
import { Auth } from '../../server/auth/service.js';
import type { AppContext } from '../../server/context.js';
import { loadSavedQueries } from '../../server/domain/saved-queries.js';
import type { GraphStore } from '../../server/store/types.js';
import { buildYoga } from '../../server/yoga.js';
import { smallGraph } from '../fixtures/small-graph.js';
import { graphTest, type Graph } from '../helpers/graph-test.js';
import type { GqlResult } from '../helpers/graphql.js';
import { storeFactories } from '../helpers/stores.js';

const APP_LABELS = ['AppSession', 'AuditEvent', 'AppUser'];
const removeAppRecords = async (store: GraphStore) => {
  for (const label of APP_LABELS) await store.write(`MATCH (n:${label}) DELETE n`);
};

const it = graphTest({
  load: async (store) => {
    await removeAppRecords(store);
    await store.bulkLoad(smallGraph());
  },
  context: (ctx) => ({ ...ctx, savedQueries: loadSavedQueries(path.join(import.meta.dirname, '../fixtures/queries')) }),
});

const HOUR = 3_600_000;

interface World {
  auth: Auth;
  yoga: ReturnType<typeof buildYoga>;
  /** Moves the Auth's clock. */
  advance(ms: number): void;
}

const worlds = new Map<AppContext, World>();
const used = new Set<GraphStore>();

function world(graph: Graph): World {
  used.add(graph.store);
  let offset = 0;
  if (!worlds.has(graph.ctx)) {
    const auth = new Auth(graph.store, graph.ctx.config, { now: () => Date.now() + offset });
    worlds.set(graph.ctx, { auth, yoga: buildYoga(graph.ctx, { auth }), advance: (ms) => (offset += ms) });
  }
  return worlds.get(graph.ctx)!;
}

interface Answer<T = Record<string, any>> {
  status: number;
  body: GqlResult<T>;
  setCookie: string | null;
}

/** A browser of one person: keeps the session cookie the server sets, from one client address. */
class Client {
  token: string | null = null;
  constructor(
    private readonly w: World,
    readonly peer = '127.0.0.1',
    private readonly headers: Record<string, string> = {},
  ) {}

  async send<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<Answer<T>> {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...this.headers };
    if (this.token) headers.cookie = `bioeco-session=${this.token}`;
    const res = await this.w.yoga.fetch(
      'http://localhost/graphql',
      { method: 'POST', headers, body: JSON.stringify({ query, variables }) },
      { peer: this.peer },
    );
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.token = /bioeco-session=([^;]*)/.exec(setCookie)?.[1] || null;
    return { status: res.status, body: (await res.json()) as GqlResult<T>, setCookie };
  }

  async login(username: string, password: string): Promise<Answer> {
    return this.send('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { role user { username } } }', {
      u: username,
      p: password,
    });
  }
}

const code = (a: Answer) => a.body.errors?.[0]?.extensions?.code;
const cli = (w: World) => w.auth.cliCaller('test');
const password = (name: string) => `${name} password`;

/** Makes an account directly (as the CLI does) and signs it in. */
async function signedIn(w: World, username: string, role: Role, peer?: string): Promise<Client> {
  await w.auth.createUser(cli(w), { username, password: password(username), role });
  const client = new Client(w, peer);
  expect((await client.login(username, password(username))).body.errors).toBeUndefined();
  return client;
}

const OPERATIONS: { name: string; needs: Role | 'public'; query: string }[] = [
  { name: 'me', needs: 'public', query: '{ me { role } }' },
  { name: 'search', needs: 'viewer', query: '{ search(text: "思路迪") { id } }' },
  { name: 'neighborhood', needs: 'viewer', query: '{ neighborhood(ids: ["e-sld"]) { nodes { id } } }' },
  { name: 'exportSubgraph', needs: 'viewer', query: '{ exportSubgraph(ids: ["e-sld"], format: JSON) { filename } }' },
  { name: 'changePassword (rules)', needs: 'viewer', query: 'mutation { changePassword(current: "x", next: "y") }' },
  { name: 'savedQueries', needs: 'analyst', query: '{ savedQueries { name } }' },
  { name: 'runSavedQuery', needs: 'analyst', query: '{ runSavedQuery(name: "members", params: {limit: 1}) { rows } }' },
  { name: 'runCypher', needs: 'analyst', query: '{ runCypher(cypher: "MATCH (n:Entity) RETURN count(n) AS n") { rows } }' },
  { name: 'users', needs: 'admin', query: '{ users { username } }' },
  { name: 'auditLog', needs: 'admin', query: '{ auditLog(limit: 1) { events { id } } }' },
  { name: 'updateUser', needs: 'admin', query: 'mutation { updateUser(id: "m-viewer", change: {displayName: "Vi"}) { id } }' },
  { name: 'updateUser (region)', needs: 'admin', query: 'mutation { updateUser(id: "m-viewer", change: {region: "r-pj"}) { id } }' },
  { name: 'resetPassword (rules)', needs: 'admin', query: 'mutation { resetPassword(id: "m-viewer", password: "short") }' },
  { name: 'changes', needs: 'viewer', query: '{ changes(limit: 1) { items { id } } }' },
  { name: 'history', needs: 'viewer', query: '{ history(id: "e-sld") { items { id } } }' },
  { name: 'documents', needs: 'viewer', query: '{ documents { id } }' },
  { name: 'similarNames', needs: 'viewer', query: '{ similarNames(name: "思路迪") { score } }' },
  {
    name: 'createEntity (rules)',
    needs: 'editor',
    query:
      'mutation { createEntity(input: {type: Enterprise, name: " "}, note: "", source: {kind: note, note: "x"}) { changeSet { id } } }',
  },
  {
    name: 'retractRelation (rules)',
    needs: 'editor',
    query: 'mutation { retractRelation(id: "no-such", note: "", source: {kind: note, note: " "}) { changeSet { id } } }',
  },
  { name: 'revertChange (rules)', needs: 'editor', query: 'mutation { revertChange(id: " ", note: "") { changeSet { id } } }' },
  { name: 'ingestJobs', needs: 'editor', query: '{ ingestJobs { id } }' },
  { name: 'ingestArticle (rules)', needs: 'editor', query: 'mutation { ingestArticle(input: {text: " ", title: "空"}) { id } }' },
];

describe.each(storeFactories)('accounts, roles and audit on $name', (factory) => {
  it.scoped({ storeFactory: factory });

  afterAll(async () => {
    for (const store of used) await removeAppRecords(store).catch(() => undefined);
    used.clear();
    worlds.clear();
  });

  it('runs in local mode while there are no accounts: the caller is an admin, on loopback only', async ({ graph }) => {
    const w = world(graph);
    const local = new Client(w);
    const me = await local.send('{ me { role localMode accountsEnabled user { id } } }');
    expect(me.body.data!.me).toEqual({ role: 'admin', localMode: true, accountsEnabled: false, user: null });
    expect((await local.send('{ users { id } }')).body.data!.users).toEqual([]);
    expect((await local.send('{ runCypher(cypher: "RETURN 1 AS x") { rows } }')).body.data!.runCypher.rows).toEqual([{ x: 1 }]);
    expect((await local.send('{ __schema { queryType { name } } }')).status).toBe(200);

    // Bound to every interface with no accounts: nobody is anybody.
    const exposed = { ...graph.ctx, config: { ...graph.ctx.config, host: '0.0.0.0' } };
    const open = new Client({ ...w, yoga: buildYoga(exposed, { auth: new Auth(graph.store, exposed.config) }) }, '10.1.2.3');
    expect((await open.send('{ me { role localMode } }')).body.data!.me).toEqual({ role: null, localMode: false });
    const search = await open.send('{ search(text: "思路迪") { id } }');
    expect(search.status).toBe(401);
    expect(code(search)).toBe('UNAUTHENTICATED');
  });

  it('makes the first account an admin, and from then on every request needs a session (401 UNAUTHENTICATED)', async ({ graph }) => {
    const w = world(graph);
    const local = new Client(w);
    const first = 'mutation($r: Role!) { createUser(input: {username: "m-root", password: "m-root secret", role: $r}) { username role } }';
    const viewerFirst = await local.send(first, { r: 'viewer' });
    expect(viewerFirst.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'FIRST_USER_ADMIN' });
    expect((await local.send(first, { r: 'admin' })).body.data!.createUser).toEqual({ username: 'm-root', role: 'admin' });

    const anonymous = new Client(w);
    expect((await anonymous.send('{ me { role localMode accountsEnabled } }')).body.data!.me).toEqual({
      role: null,
      localMode: false,
      accountsEnabled: true,
    });
    for (const query of [
      '{ search(text: "思路迪") { id } }',
      '{ me { role } search(text: "x") { id } }',
      'mutation { logout }',
      '{ __schema { types { name } } }',
    ]) {
      const res = await anonymous.send(query);
      expect(res.status, query).toBe(401);
      expect(res.body.data, query).toBeUndefined();
      expect(res.body.errors, query).toEqual([
        { message: 'Sign in first.', extensions: { code: 'UNAUTHENTICATED', reason: 'NO_SESSION' } },
      ]);
    }
    const login = await anonymous.login('m-root', 'm-root secret');
    expect(login.body.data!.login).toEqual({ role: 'admin', user: { username: 'm-root' } });
    expect((await anonymous.send('{ me { role localMode } }')).body.data!.me).toEqual({ role: 'admin', localMode: false });
  });

  describe('each role may do what its rank allows, and no more', () => {
    const roles: (Role | null)[] = [null, 'viewer', 'analyst', 'editor', 'admin'];
    it.for(roles)('as %s', async (role, { graph }) => {
      const w = world(graph);
      const client = role ? await signedIn(w, `m-${role}`, role) : new Client(w);
      for (const op of OPERATIONS) {
        const res = await client.send(op.query);
        const allowed = op.needs === 'public' || (role !== null && roleAllows(role, op.needs));
        if (allowed) {
          // Allowed: whatever fails is the operation's own (changePassword's rules), never the role.
          expect([undefined, 'BAD_USER_INPUT'], `${role} ${op.name}`).toContain(code(res));
        } else if (role === null) {
          expect([res.status, code(res)], `${role} ${op.name}`).toEqual([401, 'UNAUTHENTICATED']);
        } else {
          expect([res.status, code(res)], `${role} ${op.name}`).toEqual([403, 'FORBIDDEN']);
          expect(res.body.errors![0].extensions).toMatchObject({ reason: 'ROLE', requiredRole: op.needs });
        }
      }
    });
  });

  it('answers 403 when the refusal empties the answer, and 200 when something else failed too', async ({ graph }) => {
    const w = world(graph);
    const viewer = await signedIn(w, 'm-mixed', 'viewer');
    // users is non-null, so its refusal nulls the whole answer: nothing was served.
    const mixed = await viewer.send('{ search(text: "思路迪") { id } users { id } }');
    expect(mixed.status).toBe(403);
    expect(mixed.body.data).toBeNull();
    expect(mixed.body.errors).toMatchObject([
      { path: ['users'], extensions: { code: 'FORBIDDEN', reason: 'ROLE', requiredRole: 'admin' } },
    ]);
    const alsoBad = await viewer.send('{ entity(id: "") { id } users { id } }');
    expect(alsoBad.status).toBe(200);
    expect(alsoBad.body.errors!.map((e) => e.extensions?.code).sort()).toEqual(['BAD_USER_INPUT', 'FORBIDDEN']);
    const introspection = await viewer.send('{ __type(name: "User") { name } }');
    expect([introspection.status, code(introspection)]).toEqual([403, 'FORBIDDEN']);
  });

  it('signs in and out: logout ends the session, logout everywhere ends all of them', async ({ graph }) => {
    const w = world(graph);
    const laptop = await signedIn(w, 'm-out', 'viewer');
    const phone = new Client(w);
    await phone.login('m-out', password('m-out'));
    const tablet = new Client(w);
    await tablet.login('m-out', password('m-out'));
    const stale = laptop.token;

    const out = await laptop.send('mutation { logout }');
    expect(out.body.data).toEqual({ logout: true });
    expect(out.setCookie).toMatch(/^bioeco-session=; .*Max-Age=0/);
    laptop.token = stale; // a copy of the old cookie gets nothing
    expect((await laptop.send('{ search(text: "x") { id } }')).status).toBe(401);
    expect((await phone.send('{ me { role } }')).body.data!.me.role).toBe('viewer');

    expect((await phone.send('mutation { logoutEverywhere }')).body.data).toEqual({ logoutEverywhere: true });
    expect((await tablet.send('{ search(text: "x") { id } }')).status).toBe(401);
  });

  it('ends a session after the idle time and after the absolute lifetime, whatever happens in between', async ({ graph }) => {
    const w = world(graph);
    const { sessionIdleMs, sessionMaxMs } = graph.ctx.config.security;
    const idle = await signedIn(w, 'm-idle', 'viewer');
    const busy = new Client(w);
    await busy.login('m-idle', password('m-idle'));

    w.advance(sessionIdleMs - 60_000);
    expect((await busy.send('{ me { role } }')).body.data!.me.role).toBe('viewer');
    w.advance(2 * 60_000);
    expect((await idle.send('{ search(text: "x") { id } }')).status).toBe(401);
    expect((await busy.send('{ me { role } }')).body.data!.me.role).toBe('viewer');

    // Busy every few hours until the absolute limit: still ends.
    let elapsed = sessionIdleMs + 60_000;
    for (; elapsed + 4 * HOUR < sessionMaxMs; elapsed += 4 * HOUR) {
      w.advance(4 * HOUR);
      expect((await busy.send('{ me { role } }')).body.data!.me.role).toBe('viewer');
    }
    w.advance(4 * HOUR);
    expect((await busy.send('{ search(text: "x") { id } }')).status).toBe(401);
  });

  it('locks a username after repeated failures, right password or not, until the lock time has passed', async ({ graph }) => {
    const w = world(graph);
    const { loginMaxFailures, loginLockMs } = graph.ctx.config.security;
    await w.auth.createUser(cli(w), { username: 'm-lock', password: password('m-lock'), role: 'viewer' });
    const guesser = new Client(w, '10.0.0.1');
    for (let i = 0; i < loginMaxFailures; i++) {
      const wrong = await guesser.login('m-lock', `guess ${i} of many`);
      expect(wrong.body.errors![0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'BAD_CREDENTIALS' });
    }
    // Locked for everyone, from anywhere, the right password included.
    const owner = new Client(w, '10.0.0.2');
    const locked = await owner.login('m-lock', password('m-lock'));
    expect(locked.body.errors![0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'LOCKED' });
    expect(locked.body.errors![0].extensions!.retryAfterSeconds).toBeGreaterThan(0);
    expect(owner.token).toBeNull();
    w.advance(loginLockMs + 1000);
    expect((await owner.login('m-lock', password('m-lock'))).body.data!.login.role).toBe('viewer');
  });

  it('locks a client address that tries many usernames', async ({ graph }) => {
    const w = world(graph);
    const { loginMaxFailures } = graph.ctx.config.security;
    await w.auth.createUser(cli(w), { username: 'm-spray', password: password('m-spray'), role: 'viewer' });
    const sprayer = new Client(w, '10.0.0.66');
    for (let i = 0; i < loginMaxFailures * 4; i++) await sprayer.login(`m-nobody-${i}`, 'some password');
    const locked = await sprayer.login('m-spray', password('m-spray'));
    expect(locked.body.errors![0].extensions).toMatchObject({ reason: 'LOCKED' });
    expect((await new Client(w, '10.0.0.67').login('m-spray', password('m-spray'))).body.data!.login.role).toBe('viewer');
  });

  it('names the password rule that failed, for accounts an admin makes and for changing one’s own', async ({ graph }) => {
    const w = world(graph);
    const admin = await signedIn(w, 'm-rules', 'admin');
    const create = (username: string, pw: string) =>
      admin.send('mutation($u: String!, $p: String!) { createUser(input: {username: $u, password: $p, role: viewer}) { id } }', {
        u: username,
        p: pw,
      });
    expect((await create('m-short', 'too short')).body.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'PASSWORD_TOO_SHORT',
      minLength: 10,
    });
    expect((await create('m-samename1', 'M-SameName1')).body.errors![0].extensions).toMatchObject({ reason: 'PASSWORD_IS_USERNAME' });
    expect((await create('m rules', 'a fine password')).body.errors![0].extensions).toMatchObject({ reason: 'USERNAME_INVALID' });
    expect((await create('m-rules', 'a fine password')).body.errors![0].extensions).toMatchObject({ reason: 'USERNAME_TAKEN' });

    const change = (current: string, next: string) =>
      admin.send('mutation($c: String!, $n: String!) { changePassword(current: $c, next: $n) }', { c: current, n: next });
    expect((await change('not my password', 'a new password')).body.errors![0].extensions).toMatchObject({ reason: 'WRONG_PASSWORD' });
    expect((await change(password('m-rules'), 'short')).body.errors![0].extensions).toMatchObject({ reason: 'PASSWORD_TOO_SHORT' });
    expect((await change(password('m-rules'), 'a new password')).body.data).toEqual({ changePassword: true });
    expect((await new Client(w).login('m-rules', 'a new password')).body.data!.login.role).toBe('admin');
  });

  it('stores only the hash of a session token, and argon2id hashes of passwords', async ({ graph, store }) => {
    const w = world(graph);
    const client = await signedIn(w, 'm-hash', 'viewer');
    const sessions = await store.read('MATCH (s:AppSession) WHERE s.userId = $u RETURN s.id AS id', { u: 'm-hash' });
    expect(sessions).toHaveLength(1);
    expect(sessions[0].id).not.toBe(client.token);
    expect(sessions[0].id).toBe(createHash('sha256').update(client.token!).digest('base64url'));
    const [user] = await store.read('MATCH (u:AppUser {id: $u}) RETURN u.passwordHash AS hash', { u: 'm-hash' });
    expect(user.hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    for (const label of APP_LABELS)
      expect(JSON.stringify(await store.read(`MATCH (n:${label}) RETURN n`)), label).not.toContain(password('m-hash'));
  });

  it('believes the SSO header only from the trusted proxy, and only for an enabled account', async ({ graph }) => {
    const w = world(graph);
    await w.auth.createUser(cli(w), { username: 'm-sso', password: password('m-sso'), role: 'analyst' });
    await w.auth.createUser(cli(w), { username: 'm-sso-off', password: password('m-sso-off'), role: 'analyst' });
    await w.auth.updateUser(cli(w), 'm-sso-off', { disabled: true });
    const security = { ...graph.ctx.config.security, proxyHeader: 'X-Remote-User', proxyTrusted: ['10.9.9.9'] };
    const ctx = { ...graph.ctx, config: { ...graph.ctx.config, security } };
    const auth = new Auth(graph.store, ctx.config);
    const sso = { ...w, auth, yoga: buildYoga(ctx, { auth }) };
    const me = '{ me { role user { username } } }';

    const viaProxy = await new Client(sso, '10.9.9.9', { 'x-remote-user': 'M-SSO' }).send(me);
    expect(viaProxy.body.data!.me).toEqual({ role: 'analyst', user: { username: 'm-sso' } });
    const forged = new Client(sso, '10.9.9.10', { 'x-remote-user': 'm-sso' });
    expect((await forged.send(me)).body.data!.me).toEqual({ role: null, user: null });
    expect((await forged.send('{ search(text: "x") { id } }')).status).toBe(401);
    expect((await new Client(sso, '10.9.9.9', { 'x-remote-user': 'm-sso-off' }).send(me)).body.data!.me.role).toBeNull();
    expect((await new Client(sso, '10.9.9.9', { 'x-remote-user': 'm-nobody' }).send(me)).body.data!.me.role).toBeNull();
  });

  it('disabling an account ends its sessions; the last enabled admin cannot be disabled or demoted', async ({ graph }) => {
    const w = world(graph);
    const admin = await signedIn(w, 'm-boss', 'admin');
    const worker = await signedIn(w, 'm-worker', 'editor');
    const off = await admin.send(
      'mutation { updateUser(id: "m-worker", change: {disabled: true, region: "r-mh"}) { disabled region { name } } }',
    );
    expect(off.body.data!.updateUser).toEqual({ disabled: true, region: { name: '闵行区' } });
    expect((await worker.send('{ search(text: "x") { id } }')).status).toBe(401);
    expect((await new Client(w).login('m-worker', password('m-worker'))).body.errors![0].extensions!.reason).toBe('BAD_CREDENTIALS');

    // Leave m-boss the only enabled admin, then try to remove it.
    for (const u of (await w.auth.listUsers()).filter((u) => u.role === 'admin' && u.username !== 'm-boss' && !u.disabled)) {
      await w.auth.updateUser(cli(w), u.id, { role: 'viewer' });
    }
    for (const change of ['{disabled: true}', '{role: analyst}']) {
      const res = await admin.send(`mutation { updateUser(id: "m-boss", change: ${change}) { id } }`);
      expect(res.body.errors![0].extensions, change).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'LAST_ADMIN' });
    }
  });

  it('lets an admin reset another account’s password: the password rules apply, and every session of it ends', async ({ graph, store }) => {
    const w = world(graph);
    const admin = await signedIn(w, 'm-resetter', 'admin');
    const laptop = await signedIn(w, 'm-forgetful', 'editor');
    const phone = new Client(w);
    await phone.login('m-forgetful', password('m-forgetful'));
    const reset = (client: Client, id: string, pw: string) =>
      client.send('mutation($id: ID!, $p: String!) { resetPassword(id: $id, password: $p) }', { id, p: pw });

    // Only an admin: an editor (or viewer) is refused before anything is checked.
    const byEditor = await reset(laptop, 'm-resetter', 'an editor’s password');
    expect([byEditor.status, code(byEditor)]).toEqual([403, 'FORBIDDEN']);
    expect(byEditor.body.errors![0].extensions).toMatchObject({ reason: 'ROLE', requiredRole: 'admin' });
    const byViewer = await reset(await signedIn(w, 'm-reset-viewer', 'viewer'), 'm-forgetful', 'a viewer’s password');
    expect([byViewer.status, code(byViewer)]).toEqual([403, 'FORBIDDEN']);

    expect((await reset(admin, 'm-forgetful', 'too short')).body.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'password',
      reason: 'PASSWORD_TOO_SHORT',
      minLength: 10,
    });
    expect((await reset(admin, 'm-forgetful', 'M-Forgetful')).body.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'PASSWORD_IS_USERNAME',
    });
    expect(code(await reset(admin, 'm-nobody', 'a fine password'))).toBe('NOT_FOUND');
    // One's own password needs the current one (changePassword), so an open session cannot take an account over.
    expect((await reset(admin, 'm-resetter', 'a fine password')).body.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'OWN_ACCOUNT',
    });
    // Nothing refused changed anything: the account's sessions go on.
    expect((await phone.send('{ me { role } }')).body.data!.me.role).toBe('editor');

    expect((await reset(admin, 'm-forgetful', 'a fresh password')).body.data).toEqual({ resetPassword: true });
    for (const client of [laptop, phone]) expect((await client.send('{ search(text: "x") { id } }')).status).toBe(401);
    expect(await store.read('MATCH (s:AppSession) WHERE s.userId = $u RETURN s.id AS id', { u: 'm-forgetful' })).toEqual([]);
    expect((await new Client(w).login('m-forgetful', password('m-forgetful'))).body.errors![0].extensions!.reason).toBe('BAD_CREDENTIALS');
    expect((await new Client(w).login('m-forgetful', 'a fresh password')).body.data!.login.role).toBe('editor');
    expect((await admin.send('{ me { role } }')).body.data!.me.role).toBe('admin');

    const audited = await admin.send('{ auditLog(filter: {action: PASSWORD_RESET}) { events { actor target outcome params } } }');
    expect(audited.body.data!.auditLog.events).toEqual([{ actor: 'm-resetter', target: 'm-forgetful', outcome: 'OK', params: {} }]);
  });

  it('ends a sign-in that was checked against a password an admin reset meanwhile', async ({ graph, store }) => {
    const w = world(graph);
    await w.auth.createUser(cli(w), { username: 'm-race', password: password('m-race'), role: 'viewer' });
    // The reset lands between the sign-in's password check and the statement that opens its session.
    const racing: GraphStore = Object.create(store, {
      write: {
        value: async (cypher: string, params?: Record<string, unknown>, opts?: { operation?: string }) => {
          if (opts?.operation === 'login') await w.auth.resetPassword(cli(w), 'm-race', 'the admin’s new password');
          return store.write(cypher, params, opts);
        },
      },
    });
    const ctx = { ...graph.ctx, store: racing };
    const auth = new Auth(racing, ctx.config);
    const client = new Client({ ...w, auth, yoga: buildYoga(ctx, { auth }) });
    const login = await client.login('m-race', password('m-race'));
    expect(login.body.errors![0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'BAD_CREDENTIALS' });
    expect(client.token).toBeNull();
    expect(await store.read('MATCH (s:AppSession) WHERE s.userId = $u RETURN s.id AS id', { u: 'm-race' })).toEqual([]);
  });

  it('lets an admin set and clear a user’s region scope, which holds at once for the user’s session', async ({ graph }) => {
    const w = world(graph);
    const admin = await signedIn(w, 'm-regions', 'admin');
    const editor = await signedIn(w, 'm-local-editor', 'editor');
    const setRegion = (id: string, region: string) =>
      admin.send('mutation($id: ID!, $r: ID) { updateUser(id: $id, change: {region: $r}) { region { id name } } }', { id, r: region });
    expect((await setRegion('m-local-editor', 'r-mh')).body.data!.updateUser.region).toEqual({ id: 'r-mh', name: '闵行区' });
    expect((await editor.send('{ me { user { region { id } } } }')).body.data!.me.user.region).toEqual({ id: 'r-mh' });
    expect((await setRegion('m-local-editor', 'e-sld')).body.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'region',
      reason: 'UNKNOWN_REGION',
    });
    expect((await setRegion('m-local-editor', '')).body.data!.updateUser.region).toBeNull();
    const audited = await admin.send('{ auditLog(filter: {action: USER_UPDATE, actor: "m-regions"}) { events { target params } } }');
    expect(audited.body.data!.auditLog.events).toEqual([
      { target: 'm-local-editor', params: { region: null } },
      { target: 'm-local-editor', params: { region: 'r-mh' } },
    ]);
  });

  it('lists users with their regions in one read of the graph, however many users have one', async ({ graph, store }) => {
    const w = world(graph);
    const regions = ['r-sh', 'r-mh', 'r-pj', 'r-hub', 'r-mh'];
    for (const [i, region] of regions.entries()) {
      await w.auth.createUser(cli(w), { username: `m-scoped-${i}`, password: password(`m-scoped-${i}`), role: 'viewer', region });
    }
    const entityReads: string[] = [];
    const counted: GraphStore = Object.create(store, {
      read: {
        value: (cypher: string, params?: Record<string, unknown>, opts?: object) => {
          if (cypher.includes(':Entity')) entityReads.push(cypher);
          return store.read(cypher, params, opts);
        },
      },
    });
    const ctx = { ...graph.ctx, store: counted };
    const auth = new Auth(counted, ctx.config);
    const admin = new Client({ ...w, auth, yoga: buildYoga(ctx, { auth }) });
    await w.auth.createUser(cli(w), { username: 'm-lister', password: password('m-lister'), role: 'admin' });
    await admin.login('m-lister', password('m-lister'));
    entityReads.length = 0;
    const users = (await admin.send('{ users { username region { name } } }')).body.data!.users as {
      username: string;
      region: { name: string } | null;
    }[];
    expect(users.filter((u) => u.username.startsWith('m-scoped-')).map((u) => u.region?.name)).toEqual([
      '上海市',
      '闵行区',
      '浦江镇',
      '枢纽镇',
      '闵行区',
    ]);
    expect(entityReads).toHaveLength(1);
  });

  it('audits logins, queries, exports and account changes: newest first, filtered, paged, for admins only', async ({ graph }) => {
    const w = world(graph);
    const admin = await signedIn(w, 'm-auditor', 'admin');
    const analyst = await signedIn(w, 'm-auditee', 'analyst', '10.3.3.3');
    await new Client(w, '10.4.4.4').login('m-auditee', 'not the password');
    await analyst.send('{ runCypher(cypher: "MATCH (n:Entity) RETURN count(n) AS n") { rows } }');
    await analyst.send('{ runSavedQuery(name: "members", params: {limit: 2}) { rows } }');
    await analyst.send('{ exportSubgraph(ids: ["e-sld"], format: CSV) { filename } }');
    await analyst.send('{ users { id } }');
    await admin.send('mutation { updateUser(id: "m-auditee", change: {role: viewer}) { role } }');
    await analyst.send('{ runCypher(cypher: "RETURN 1 AS x") { rows } }');
    await admin.send('mutation { resetPassword(id: "m-auditee", password: "a brand new password") }');

    const page = await admin.send('{ auditLog(limit: 9) { events { at actor action target params outcome clientAddress } nextBefore } }');
    const events = page.body.data!.auditLog.events;
    expect(events.map((e: { action: string; outcome: string }) => `${e.action} ${e.outcome}`)).toEqual([
      'PASSWORD_RESET OK',
      'QUERY DENIED',
      'USER_UPDATE OK',
      'EXPORT OK',
      'SAVED_QUERY OK',
      'QUERY OK',
      'LOGIN FAILED',
      'LOGIN OK',
      'USER_CREATE OK',
    ]);
    expect(events[0]).toMatchObject({ actor: 'm-auditor', target: 'm-auditee' });
    expect(events[1]).toMatchObject({ actor: 'm-auditee', clientAddress: '10.3.3.3', params: { cypher: 'RETURN 1 AS x' } });
    expect(events[2]).toMatchObject({ actor: 'm-auditor', target: 'm-auditee', params: { role: 'viewer' } });
    expect(events[3]).toMatchObject({ target: 'e-sld', params: { ids: ['e-sld'], format: 'CSV', depth: 1, lang: 'zh' } });
    expect(events[4]).toMatchObject({ target: 'members', params: { params: { limit: 2 } } });
    expect(events[6]).toMatchObject({
      actor: null,
      target: 'm-auditee',
      clientAddress: '10.4.4.4',
      params: { username: 'm-auditee', reason: 'BAD_PASSWORD' },
    });
    expect(JSON.stringify(events)).not.toContain('a brand new password');
    const times = events.map((e: { at: string }) => e.at);
    expect([...times].sort().reverse()).toEqual(times);

    const next = await admin.send('query($b: String) { auditLog(limit: 2, before: $b) { events { action } } }', {
      b: page.body.data!.auditLog.nextBefore,
    });
    expect(next.body.data!.auditLog.events).toHaveLength(2);
    const logins = await admin.send('{ auditLog(filter: {action: LOGIN, outcome: FAILED, actor: null}) { events { target } } }');
    expect(logins.body.data!.auditLog.events[0].target).toBe('m-auditee');
    const byActor = await admin.send('{ auditLog(filter: {actor: "m-auditee", action: QUERY}) { events { outcome } } }');
    expect(byActor.body.data!.auditLog.events.map((e: { outcome: string }) => e.outcome)).toEqual(['DENIED', 'OK']);

    // Nothing in the API edits or removes an event.
    const mutations = await admin.send('{ __type(name: "Mutation") { fields { name } } }');
    expect(mutations.body.data!.__type.fields.map((f: { name: string }) => f.name).filter((n: string) => /audit/i.test(n))).toEqual([]);
  });

  it('fails an action whose audit event cannot be written, rather than doing it unrecorded', async ({ graph }) => {
    const w = world(graph);
    await w.auth.createUser(cli(w), { username: 'm-unaudited', password: password('m-unaudited'), role: 'admin' });
    const broken: GraphStore = Object.create(graph.store, {
      write: {
        value: (cypher: string, params?: Record<string, unknown>, opts?: object) =>
          cypher.includes('AuditEvent') ? Promise.reject(new Error('disk full')) : graph.store.write(cypher, params, opts),
      },
    });
    const ctx = { ...graph.ctx, store: broken };
    const auth = new Auth(broken, ctx.config);
    const client = new Client({ ...w, auth, yoga: buildYoga(ctx, { auth }) });
    const login = await client.login('m-unaudited', password('m-unaudited'));
    expect(login.body.data).toBeNull();
    expect(client.token).toBeNull();
    // An action through a session made where the log works: its query ran, but no answer leaves without the event.
    client.token = (await signedIn(w, 'm-unaudited-2', 'admin')).token;
    const query = await client.send('{ runCypher(cypher: "RETURN 1 AS x") { rows } }');
    expect(query.body.data).toBeNull();
    expect(code(query)).toBe('INTERNAL_SERVER_ERROR');
    const created = await client.send(
      'mutation { createUser(input: {username: "m-ghost", password: "ghost password", role: viewer}) { id } }',
    );
    expect(created.body.data).toBeNull();
    expect(await w.auth.listUsers()).not.toContainEqual(expect.objectContaining({ username: 'm-ghost' }));
  });
});
