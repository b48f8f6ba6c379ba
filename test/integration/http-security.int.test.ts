/**
 * The HTTP edge on a real server (createHandler over the embedded store, port 0): what another
 * site's page can and cannot make it do, the Host allow-list, CORS, security headers, and sessions
 * over HTTP. Tests run in order: local mode first, then with accounts on.
 */
import { request as httpRequest, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../server/app.js';
import { Auth } from '../../server/auth/service.js';
import type { AppContext } from '../../server/context.js';
import { smallGraph } from '../fixtures/small-graph.js';
import { openEmbedded, type StoreHandle } from '../helpers/stores.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const ALLOWED_ORIGIN = 'http://partner.example';
let handle: StoreHandle;
let ctx: AppContext;
let server: Server;
let port: number;

/** A raw HTTP request (fetch would not let a test set Host). */
function send(method: string, path: string, headers: Record<string, string> = {}, body?: string, to = port): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: to, method, path, headers: { host: `localhost:${to}`, ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const post = (query: string, headers: Record<string, string> = {}) =>
  send('POST', '/graphql', { 'content-type': 'application/json', ...headers }, JSON.stringify({ query }));

const userCount = async () => (await handle.store.read('MATCH (u:AppUser) RETURN count(u) AS n'))[0].n;

async function listen(app: AppContext): Promise<[Server, number]> {
  const s = createServer(createHandler(app));
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return [s, (s.address() as AddressInfo).port];
}

beforeAll(async () => {
  handle = await openEmbedded();
  await handle.store.bulkLoad(smallGraph());
  const security = { ...handle.config.security, corsOrigins: [ALLOWED_ORIGIN] };
  ctx = { store: handle.store, config: { ...handle.config, security }, documents: new Map(), savedQueries: [] };
  [server, port] = await listen(ctx);
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await handle?.dispose();
});

const CREATE_ADMIN = 'mutation { createUser(input: {username: "mallory", password: "mallory password", role: admin}) { id } }';

describe('the HTTP edge, in local mode (no accounts yet)', () => {
  it('does nothing for a cross-site form POST, url-encoded, multipart or text/plain, and answers 4xx', async () => {
    const evil = { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' };
    const form = await send(
      'POST',
      '/graphql',
      { ...evil, 'content-type': 'application/x-www-form-urlencoded' },
      `query=${encodeURIComponent(CREATE_ADMIN)}`,
    );
    const boundary = 'XyZ';
    const multipart = `--${boundary}\r\nContent-Disposition: form-data; name="query"\r\n\r\n${CREATE_ADMIN}\r\n--${boundary}--\r\n`;
    const parts = await send('POST', '/graphql', { ...evil, 'content-type': `multipart/form-data; boundary=${boundary}` }, multipart);
    const plain = await send('POST', '/graphql', { ...evil, 'content-type': 'text/plain' }, JSON.stringify({ query: CREATE_ADMIN }));
    // The same bodies without Origin (not from a browser page) are refused for their content type.
    const bare = await send(
      'POST',
      '/graphql',
      { 'content-type': 'application/x-www-form-urlencoded' },
      `query=${encodeURIComponent(CREATE_ADMIN)}`,
    );
    const bareParts = await send('POST', '/graphql', { 'content-type': `multipart/form-data; boundary=${boundary}` }, multipart);
    for (const res of [form, parts, plain]) expect(res.status).toBe(403);
    expect(bare.status).toBe(415);
    expect(bareParts.status).toBe(415);
    expect(await userCount()).toBe(0);
  });

  it('executes nothing sent with GET, not even a query', async () => {
    const mutation = await send('GET', `/graphql?query=${encodeURIComponent(CREATE_ADMIN)}`);
    const query = await send('GET', `/graphql?query=${encodeURIComponent('{ me { role } }')}`);
    expect(mutation.status).toBe(405);
    expect(query.status).toBe(405);
    expect(query.headers.allow).toBe('POST');
    expect(query.body).not.toContain('"data"');
    expect(await userCount()).toBe(0);
  });

  it('refuses a Host it does not know (DNS rebinding) on every route', async () => {
    for (const path of ['/', '/graphql', '/export?ids=e-sld&format=json']) {
      const res =
        path === '/graphql'
          ? await send('POST', path, { host: 'attacker.example', 'content-type': 'application/json' }, '{"query":"{ me { role } }"}')
          : await send('GET', path, { host: 'attacker.example' });
      expect(res.status, path).toBe(421);
      expect(res.body).not.toContain('"data"');
    }
    expect((await send('GET', '/', { host: `127.0.0.1:${port}` })).status).toBe(200);
    expect((await send('GET', '/', { host: `[::1]:${port}` })).status).toBe(200);
  });

  it('answers a CORS preflight from an unlisted origin with no allow headers, and a listed one with them', async () => {
    const preflight = (origin: string) =>
      send('OPTIONS', '/graphql', { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' });
    const unlisted = await preflight('http://evil.example');
    expect(unlisted.status).toBe(204);
    expect(Object.keys(unlisted.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    const listed = await preflight(ALLOWED_ORIGIN);
    expect(listed.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
    expect(listed.headers['access-control-allow-credentials']).toBe('true');
    expect(listed.headers['access-control-allow-methods']).toContain('POST');
    const fromListed = await post('{ me { localMode } }', { origin: ALLOWED_ORIGIN });
    expect(fromListed.status).toBe(200);
    expect(fromListed.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
  });

  it('sends the security headers on the page, the API, errors and downloads', async () => {
    const answers = [
      await send('GET', '/'),
      await post('{ me { localMode } }'),
      await send('GET', '/graphql?query=x'),
      await send('GET', '/export?ids=e-sld&format=json'),
    ];
    for (const res of answers) {
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['content-security-policy']).toContain("script-src 'self';");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
  });

  it('serves GraphiQL in local mode', async () => {
    const page = await send('GET', '/graphql', { accept: 'text/html' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('GraphiQL');
  });
});

describe('the HTTP edge, with accounts on', () => {
  let adminCookie: string;

  beforeAll(async () => {
    const auth = new Auth(ctx.store, ctx.config);
    const cli = auth.cliCaller('test');
    await auth.createUser(cli, { username: 'root', password: 'root password', role: 'admin' });
    await auth.createUser(cli, { username: 'vera', password: 'vera password', role: 'viewer' });
  });

  it('answers 401 to anonymous GraphQL (except me and login), /export and /audit.jsonl', async () => {
    const search = await post('{ search(text: "思路迪") { id } }');
    expect(search.status).toBe(401);
    expect(JSON.parse(search.body)).toEqual({
      errors: [{ message: 'Sign in first.', extensions: { code: 'UNAUTHENTICATED', reason: 'NO_SESSION' } }],
    });
    const me = await post('{ me { role accountsEnabled } }');
    expect(me.status).toBe(200);
    expect(JSON.parse(me.body).data.me).toEqual({ role: null, accountsEnabled: true });
    const download = await send('GET', '/export?ids=e-sld&format=json');
    expect(download.status).toBe(401);
    expect(JSON.parse(download.body).error.code).toBe('UNAUTHENTICATED');
    expect((await send('GET', '/audit.jsonl')).status).toBe(401);
    expect((await send('GET', '/graphql', { accept: 'text/html' })).body).not.toContain('GraphiQL');
  });

  it('sets an HttpOnly, SameSite=Strict session cookie on login, not Secure over plain http', async () => {
    const login = await post('mutation { login(username: "root", password: "root password") { role } }');
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toMatch(/^bioeco-session=[A-Za-z0-9_-]{43}; /);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    expect(cookie).toMatch(/Max-Age=\d+/);
    expect(cookie).not.toContain('Secure');
    adminCookie = cookie.split(';')[0];
    const me = await post('{ me { role user { username } } }', { cookie: adminCookie });
    expect(JSON.parse(me.body).data.me).toEqual({ role: 'admin', user: { username: 'root' } });
  });

  it('marks the cookie Secure (and __Host-) when COOKIE_SECURE is set', async () => {
    const app = { ...ctx, config: { ...ctx.config, security: { ...ctx.config.security, cookieSecure: true } } };
    const [secure, securePort] = await listen(app);
    try {
      const body = JSON.stringify({ query: 'mutation { login(username: "vera", password: "vera password") { role } }' });
      const login = await send('POST', '/graphql', { 'content-type': 'application/json' }, body, securePort);
      const cookie = String(login.headers['set-cookie']);
      expect(cookie).toMatch(/^__Host-bioeco-session=/);
      expect(cookie).toContain('; Secure');
    } finally {
      await new Promise((resolve) => secure.close(resolve));
    }
  });

  it('lets a session download /export and /audit.jsonl by role, and records the download', async () => {
    const download = await send('GET', '/export?ids=e-sld&format=json', { cookie: adminCookie });
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toContain('attachment');
    const audit = await send('GET', '/audit.jsonl?action=EXPORT', { cookie: adminCookie });
    expect(audit.status).toBe(200);
    expect(audit.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    const events = audit.body
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(events[0]).toMatchObject({ action: 'EXPORT', actor: 'root', outcome: 'OK', target: 'audit.jsonl' });
    expect(events[1]).toMatchObject({ action: 'EXPORT', actor: 'root', outcome: 'OK', target: 'e-sld', clientAddress: '127.0.0.1' });
    expect(events.every((e) => e.action === 'EXPORT')).toBe(true);

    const vera = String(
      (await post('mutation { login(username: "vera", password: "vera password") { role } }')).headers['set-cookie'],
    ).split(';')[0];
    expect((await send('GET', '/export?ids=e-sld&format=json', { cookie: vera })).status).toBe(200);
    const refused = await send('GET', '/audit.jsonl', { cookie: vera });
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body).error.code).toBe('FORBIDDEN');
  });

  it('records the download of a view (POST /export) with its entities, and refuses one from another site', async () => {
    const view = JSON.stringify({
      ids: ['e-sld', 'a-dpj'],
      links: [{ source: 'e-sld', target: 'a-dpj', type: 'MEMBER_OF' }],
      format: 'csv',
    });
    const headers = { cookie: adminCookie, 'content-type': 'application/json' };
    expect((await send('POST', '/export', headers, view)).status).toBe(200);
    const audit = await send('GET', '/audit.jsonl?action=EXPORT', { cookie: adminCookie });
    const events = audit.body
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(events[1]).toMatchObject({
      actor: 'root',
      outcome: 'OK',
      target: 'e-sld,a-dpj',
      params: { ids: ['e-sld', 'a-dpj'], entities: 2, links: 1, format: 'csv', route: 'POST /export' },
    });
    const crossSite = await send('POST', '/export', { ...headers, origin: 'http://evil.example' }, view);
    expect(crossSite.status).toBe(403);
  });

  it('serves GraphiQL to an admin only', async () => {
    const page = await send('GET', '/graphql', { accept: 'text/html', cookie: adminCookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('GraphiQL');
    expect(page.headers['content-security-policy']).toContain('https://unpkg.com');
  });

  it("refuses a cross-site POST even with the victim's cookie attached", async () => {
    const res = await send(
      'POST',
      '/graphql',
      { 'content-type': 'application/json', origin: 'http://evil.example', cookie: adminCookie },
      JSON.stringify({ query: 'mutation { createUser(input: {username: "eve", password: "eve password 1", role: admin}) { id } }' }),
    );
    expect(res.status).toBe(403);
    expect(await userCount()).toBe(2);
  });
});
