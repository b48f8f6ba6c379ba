/** Reading the export request, naming the download, and what a client sees when it fails — with a stand-in store. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import type { Caller } from '../../server/auth/caller.js';
import type { AppContext } from '../../server/context.js';
import { DomainError } from '../../server/domain/errors.js';
import * as exporter from '../../server/export/export.js';
import { fileStem, parseExportFormat } from '../../server/export/export.js';
import { contentDisposition, handleExportRoute, parseExportQuery } from '../../server/export/route.js';
import { StoreError, type GraphStore, type QueryOptions, type Row } from '../../server/store/types.js';

vi.mock('../../server/export/export.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../server/export/export.js')>();
  return { ...original, exportSubgraph: vi.fn(original.exportSubgraph) };
});

const q = (s: string) => parseExportQuery(new URLSearchParams(s));

describe('parseExportQuery', () => {
  it('reads comma-separated and repeated ids, depth and format', () => {
    expect(q('ids=a, b,&ids=c&depth=2&format=csv')).toEqual({ ids: ['a', 'b', 'c'], depth: 2, format: 'csv', lang: 'zh' });
    expect(q('ids=%E9%97%B5%E8%A1%8C&format=json')).toEqual({ ids: ['闵行'], depth: 1, format: 'json', lang: 'zh' });
  });

  it('reads lang, zh by default', () => {
    expect(q('ids=a&format=json&lang=en').lang).toBe('en');
    expect(q('ids=a&format=json&lang=EN').lang).toBe('en');
    expect(q('ids=a&format=json&lang=').lang).toBe('zh');
  });

  it('refuses a depth that is not a whole number, a missing format and an unknown lang', () => {
    for (const bad of [
      'ids=a&depth=x&format=json',
      'ids=a&depth=-1&format=json',
      'ids=a&depth=1e3&format=json',
      'ids=a',
      'ids=a&format=json&lang=fr',
    ]) {
      expect(() => q(bad)).toThrow(DomainError);
    }
  });
});

describe('parseExportFormat', () => {
  it('accepts the four formats in any case and refuses others', () => {
    expect(['json', 'GraphML', ' CSV ', 'cypher'].map(parseExportFormat)).toEqual(['JSON', 'GRAPHML', 'CSV', 'CYPHER']);
    expect(() => parseExportFormat('xml')).toThrow(/format must be one of JSON, GRAPHML, CSV, CYPHER/);
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('bioeco-subgraph-闵行区+1-d2.csv')).toBe(
      `attachment; filename="bioeco-subgraph-___+1-d2.csv"; filename*=UTF-8''bioeco-subgraph-%E9%97%B5%E8%A1%8C%E5%8C%BA%2B1-d2.csv`,
    );
    expect(contentDisposition(`a"b'(c).json`)).toBe(`attachment; filename="a_b'(c).json"; filename*=UTF-8''a%22b%27%28c%29.json`);
  });
});

describe('the download name', () => {
  const HOSTILE = [
    '../../etc/passwd',
    '..\\..\\windows\\system32',
    'a\r\nSet-Cookie: session=x',
    `quote"and'apostrophe`,
    'bidi\u202eexe.csv',
    'nul\u0000bell\u0007',
    '.',
    '..',
    'x'.repeat(10_000),
    '𠀀'.repeat(100),
    'a'.repeat(59) + '𠀀', // a letter outside the BMP across the 60th code unit
  ];

  it.each(HOSTILE.map((id) => [JSON.stringify(id).slice(0, 40), id]))('from id %s is one safe file name of bounded length', (_, id) => {
    const stem = fileStem([id, 'b'], 2);
    expect(stem).toMatch(/^bioeco-subgraph-[\p{L}\p{N}._-]{1,60}\+1-d2$/u);
    expect(Array.from(stem).length).toBeLessThanOrEqual(16 + 60 + 5);
    expect(() => encodeURIComponent(stem)).not.toThrow(); // no half of a surrogate pair
    const header = contentDisposition(`${stem}.csv`);
    expect(header).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''[A-Za-z0-9%._~!+-]+$/);
  });

  it('keeps the header to one line with no quote breaking out, whatever the name', () => {
    for (const name of ['a\r\nX-Evil: 1.csv', 'a"; filename="evil.exe', 'lone \ud800 surrogate.json', 'tab\there.csv']) {
      const header = contentDisposition(name);
      expect(header).not.toMatch(/[\r\n\t]/);
      expect(header.match(/"/g)).toHaveLength(2);
    }
  });
});

/** A store that answers every read with `answer` (rows, or an error to throw); `seen` gets each read's options. */
function fakeStore(answer: Row[] | Error, seen: QueryOptions[] = []): GraphStore {
  const read = async (_cypher?: string, _params?: Record<string, unknown>, opts: QueryOptions = {}) => {
    seen.push(opts);
    if (answer instanceof Error) throw answer;
    return answer;
  };
  const unused = async (): Promise<never> => {
    throw new Error('not used by the export');
  };
  return {
    engine: 'embedded',
    read,
    readTable: async () => ({ columns: [], rows: await read(), truncated: false }),
    write: unused,
    transaction: unused,
    ensureSchema: unused,
    bulkLoad: unused,
    clear: unused,
    isReadOnly: unused,
    close: async () => undefined,
  };
}

interface Answer {
  status: number;
  headers: Record<string, unknown>;
  body: string;
}

/** Calls the route as node:http would (for `caller`, with REQUEST_TIMEOUT_MS at its default) and records the answer. */
async function call(store: GraphStore, query: string, caller?: Partial<Caller>): Promise<Answer> {
  const ctx = { store, documents: new Map(), config: { requestTimeoutMs: 20_000 }, caller } as unknown as AppContext;
  const req = { method: 'GET', url: `/export?${query}` } as IncomingMessage;
  const answer: Answer = { status: 0, headers: {}, body: '' };
  const res = {
    writeHead(status: number, headers: Record<string, unknown>) {
      answer.status = status;
      answer.headers = headers;
      return this;
    },
    end(body?: string | Buffer) {
      answer.body = body === undefined ? '' : String(body);
      return this;
    },
  } as unknown as ServerResponse;
  await handleExportRoute(ctx, req, res);
  return answer;
}

async function failure(store: GraphStore, query: string) {
  const res = await call(store, query);
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  return { status: res.status, ...(JSON.parse(res.body).error as { code: string; message: string }) };
}

describe('GET /export errors', () => {
  const ok = fakeStore([]);

  it('answers bad input with 400 BAD_USER_INPUT naming the problem', async () => {
    expect(await failure(ok, 'ids=a&format=pdf')).toMatchObject({
      status: 400,
      code: 'BAD_USER_INPUT',
      message: expect.stringMatching(/format/),
    });
    expect(await failure(ok, 'ids=a&depth=9&format=json')).toMatchObject({ status: 400, code: 'BAD_USER_INPUT' });
    expect(await failure(ok, 'ids=a&format=json&lang=fr')).toMatchObject({
      status: 400,
      code: 'BAD_USER_INPUT',
      message: expect.stringMatching(/lang/),
    });
  });

  it('answers an unknown id with 404 NOT_FOUND', async () => {
    expect(await failure(ok, 'ids=nope&format=json')).toEqual({ status: 404, code: 'NOT_FOUND', message: 'no entity with id "nope"' });
  });

  it('answers a store that is down with 503 SERVICE_UNAVAILABLE, without naming the server', async () => {
    const down = fakeStore(new StoreError('STORE_UNAVAILABLE', 'Neo4j at NEO4J_URI=bolt://db.internal:7687 is unreachable'));
    const e = await failure(down, 'ids=a&format=json');
    expect(e).toEqual({ status: 503, code: 'SERVICE_UNAVAILABLE', message: 'The graph store is unavailable; try again shortly.' });
  });

  it('answers a store timeout with 504 TIMEOUT', async () => {
    const slow = fakeStore(new StoreError('QUERY_TIMEOUT', 'the query took too long and was stopped'));
    expect(await failure(slow, 'ids=a&format=json')).toMatchObject({ status: 504, code: 'TIMEOUT' });
  });

  it.each([
    ['an unexpected error', new TypeError("Cannot read properties of undefined (reading 'secret')")],
    ['an unmapped store error', new StoreError('QUERY_FAILED', 'Runtime exception: secret internals')],
  ])('masks %s as 500 INTERNAL_SERVER_ERROR', async (_, err) => {
    const e = await failure(fakeStore(err), 'ids=a&format=json');
    expect(e).toEqual({ status: 500, code: 'INTERNAL_SERVER_ERROR', message: 'Unexpected error.' });
    expect(JSON.stringify(e)).not.toMatch(/secret/);
  });

  it("gives every read the request's deadline and the caller's name", async () => {
    const seen: QueryOptions[] = [];
    const started = Date.now();
    await call(fakeStore([], seen), 'ids=a&format=json', { actor: 'vera' });
    expect(seen.length).toBeGreaterThan(0);
    for (const opts of seen) {
      expect(opts.actor).toBe('vera');
      expect(opts.deadline).toBeGreaterThanOrEqual(started + 20_000);
      expect(opts.deadline).toBeLessThanOrEqual(Date.now() + 20_000);
    }
  });

  it('passes lang on to the export', async () => {
    vi.mocked(exporter.exportSubgraph).mockClear();
    await call(ok, 'ids=a&format=json&lang=en');
    await call(ok, 'ids=a&format=json');
    expect(vi.mocked(exporter.exportSubgraph).mock.calls.map(([, req]) => req.lang)).toEqual(['en', 'zh']);
  });
});
