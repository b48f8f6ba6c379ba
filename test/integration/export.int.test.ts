/** GET /export on a real HTTP server over the embedded store: a download, or a JSON error. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import cytoscape from 'cytoscape';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect } from 'vitest';
import type { AppContext } from '../../server/context.js';
import { handleExportRoute } from '../../server/export/route.js';
import type { GraphStore } from '../../server/store/types.js';
import { scriptStatements } from '../helpers/cypher-script.js';
import { graphTest } from '../helpers/graph-test.js';

type Get = (query: string, init?: RequestInit) => Promise<Response>;

/** Runs `run` with `get`: a request to /export on a server of its own, over `ctx`. */
async function serving<T>(ctx: AppContext, run: (get: Get) => Promise<T>): Promise<T> {
  const server = createServer((req, res) => void handleExportRoute(ctx, req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    return await run((query, init) => fetch(`${base}/export?${query}`, init));
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

/** The small graph, a document title for its source, and `get` on the graph's context. */
const it = graphTest({
  context: (ctx) => ({ ...ctx, documents: new Map([['fixture.txt', { file: 'fixture.txt', title: '测试文档', date: '2021-04-22' }]]) }),
}).extend<{ get: Get }>({
  get: async ({ graph }, use) => serving(graph.ctx, use),
});

describe('GET /export', () => {
  it('downloads GraphML as an attachment with a UTF-8 file name', async ({ get }) => {
    const res = await get('ids=e-nsq&depth=1&format=graphml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/graphml+xml; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="bioeco-subgraph-e-nsq-d1.graphml"; filename*=UTF-8''bioeco-subgraph-e-nsq-d1.graphml`,
    );
    const text = await res.text();
    expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(text));
    expect(XMLValidator.validate(text)).toBe(true);
    expect(text).toContain('上海诺斯清生物科技有限公司');
    expect(text).toContain('测试文档');
  });

  it('downloads JSON that loads into cytoscape, for several ids and a deeper neighbourhood', async ({ get }) => {
    const res = await get('ids=e-nsq,h-renji&depth=2&format=JSON');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''bioeco-subgraph-e-nsq%2B1-d2.json`);
    const doc = await res.json();
    const cy = cytoscape({ headless: true, elements: doc.elements });
    expect(cy.getElementById('u-sjtu').data('name')).toBe('上海交通大学');
    expect(doc.provenance.query).toBe('neighborhood(ids: ["e-nsq","h-renji"], depth: 2, limit: 5000)');
    expect(doc.provenance.documents).toEqual([{ document: 'fixture.txt', title: '测试文档', date: '2021-04-22' }]);
    cy.destroy();
  });

  it('downloads CSV starting with the UTF-8 byte-order mark', async ({ get }) => {
    const res = await get('ids=a-dpj&format=csv');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: { element: string }[] = parseCsv(bytes, { bom: true, columns: true });
    expect(rows.filter((r) => r.element === 'node')).toHaveLength(4);
    expect(rows.filter((r) => r.element === 'edge')).toHaveLength(3);
  });

  it('downloads a Cypher script (format is case-insensitive, ids may repeat)', async ({ get }) => {
    const res = await get('ids=e-nsq&ids=e-nsq&format=CyPhEr');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('bioeco-subgraph-e-nsq-d1.cypher');
    expect(scriptStatements(await res.text())).toHaveLength(4 + 3);
  });

  it('answers HEAD with the headers only', async ({ get }) => {
    const res = await get('ids=e-nsq&format=json', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('attachment');
    expect(await res.text()).toBe('');
  });

  describe('the request deadline', () => {
    /** The graph's context with every read held up 150 ms first (as on a busy store) and counted. */
    const slowed = (ctx: AppContext, requestTimeoutMs: number) => {
      const reads = { started: 0 };
      const store: GraphStore = Object.create(ctx.store, {
        read: {
          value: async (...args: Parameters<GraphStore['read']>) => {
            reads.started++;
            await new Promise((resolve) => setTimeout(resolve, 150));
            return ctx.store.read(...args);
          },
        },
      });
      return { ctx: { ...ctx, store, config: { ...ctx.config, requestTimeoutMs } }, reads };
    };
    const QUERY = 'ids=e-nsq&depth=2&format=json';

    it('answers 504 TIMEOUT once REQUEST_TIMEOUT_MS has passed, as a GraphQL request would', async ({ graph }) => {
      const slow = slowed(graph.ctx, 100);
      const res = await serving(slow.ctx, (get) => get(QUERY));
      expect(res.status).toBe(504);
      expect(res.headers.get('content-disposition')).toBeNull();
      expect(await res.json()).toEqual({ error: { code: 'TIMEOUT', message: 'The query took too long and was stopped.' } });
      // The first read found the deadline gone; the export's other reads never started.
      expect(slow.reads.started).toBe(1);
    });

    it('downloads the same slow export when no deadline is set (REQUEST_TIMEOUT_MS=0)', async ({ graph }) => {
      const slow = slowed(graph.ctx, 0);
      const res = await serving(slow.ctx, (get) => get(QUERY));
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('上海诺斯清生物科技有限公司');
      expect(slow.reads.started).toBeGreaterThan(1);
    });
  });

  describe('bad input', () => {
    const error = async (get: Get, query: string, init?: RequestInit) => {
      const res = await get(query, init);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      const body = await res.json();
      return { status: res.status, code: body.error.code as string, message: body.error.message as string };
    };

    it.for([
      ['no ids', 'format=json', /ids/],
      ['empty ids', 'ids=,,&format=json', /ids/],
      ['too many ids', `ids=${Array.from({ length: 101 }, (_, i) => `e${i}`).join(',')}&format=json`, /at most 100/],
      ['depth 0', 'ids=e-nsq&depth=0&format=json', /depth/],
      ['depth 4', 'ids=e-nsq&depth=4&format=json', /depth/],
      ['depth not a number', 'ids=e-nsq&depth=two&format=json', /depth/],
      ['depth not an integer', 'ids=e-nsq&depth=1.5&format=json', /depth/],
      ['no format', 'ids=e-nsq', /format/],
      ['unknown format', 'ids=e-nsq&format=pdf', /format must be one of/],
    ] as [string, string, RegExp][])('answers 400 BAD_USER_INPUT for %s', async ([, query, message], { get }) => {
      const e = await error(get, query);
      expect(e).toMatchObject({ status: 400, code: 'BAD_USER_INPUT' });
      expect(e.message).toMatch(message);
    });

    it('answers 404 NOT_FOUND naming the unknown ids', async ({ get }) => {
      const e = await error(get, `ids=e-nsq,nope,${encodeURIComponent("x' OR 1=1 //")}&format=json`);
      expect(e).toMatchObject({ status: 404, code: 'NOT_FOUND' });
      expect(e.message).toBe(`no entity with id "nope", "x' OR 1=1 //"`);
    });

    it('answers 405 to anything but GET, HEAD and POST', async ({ get }) => {
      const res = await get('ids=e-nsq&format=json', { method: 'PUT' });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD, POST');
    });
  });
});

describe('POST /export (exactly the view on a canvas)', () => {
  const post = (get: Get, body: unknown, type = 'application/json') =>
    get('', { method: 'POST', headers: { 'content-type': type }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  it('exports the entities and drawn links only: no neighbour and no relation the canvas did not draw', async ({ get }) => {
    // e-nsq is LOCATED_IN r-pj and MEMBER_OF a-dpj and a-mhbio; the canvas shows it with r-pj and
    // a-dpj but draws only the membership (LOCATED_IN filtered out), and a suggestion line to r-pj.
    const res = await post(get, {
      ids: ['e-nsq', 'a-dpj', 'r-pj'],
      links: [
        { source: 'e-nsq', target: 'a-dpj', type: 'MEMBER_OF' },
        { source: 'a-dpj', target: 'r-pj', type: 'SUPPLIES' },
      ],
      format: 'csv',
      lang: 'en',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('bioeco-view-3n-1e.csv');
    const rows: { element: string; id: string; type: string; source: string; target: string; typeLabel: string }[] = parseCsv(
      Buffer.from(await res.arrayBuffer()),
      { bom: true, columns: true },
    );
    expect(rows.filter((r) => r.element === 'node').map((r) => r.id)).toEqual(['e-nsq', 'a-dpj', 'r-pj']);
    const edges = rows.filter((r) => r.element === 'edge');
    expect(edges.map((r) => [r.source, r.type, r.target, r.typeLabel])).toEqual([['e-nsq', 'MEMBER_OF', 'a-dpj', 'member of']]);
  });

  it('exports JSON that loads into cytoscape with as many nodes and edges as were sent', async ({ get }) => {
    const res = await post(get, {
      ids: ['h-renji', 'u-sjtu', 'a-dpj', 'e-sld', 'e-sld'],
      links: [
        { source: 'h-renji', target: 'u-sjtu', type: 'AFFILIATED_WITH' },
        { source: 'h-renji', target: 'a-dpj', type: 'MEMBER_OF' },
        { source: 'e-sld', target: 'a-dpj', type: 'MEMBER_OF' },
      ],
      format: 'JSON',
    });
    const doc = await res.json();
    const cy = cytoscape({ headless: true, elements: doc.elements });
    expect(cy.nodes().map((n) => n.id())).toEqual(['h-renji', 'u-sjtu', 'a-dpj', 'e-sld']);
    expect(cy.edges().length).toBe(3);
    expect(doc.provenance).toMatchObject({ query: 'view(entities: 4, links: 3)', truncated: false, nodes: 4, edges: 3 });
    cy.destroy();
  });

  it.for([
    ['not JSON', '{', /not JSON/],
    ['no ids', { format: 'json' }, /ids/],
    [
      'a link to an entity not in the view',
      { ids: ['e-nsq'], links: [{ source: 'e-nsq', target: 'a-dpj', type: 'MEMBER_OF' }], format: 'json' },
      /join two of the ids/,
    ],
    [
      'a link of an unknown type',
      { ids: ['e-nsq', 'a-dpj'], links: [{ source: 'e-nsq', target: 'a-dpj', type: 'KNOWS) DETACH DELETE (n' }], format: 'json' },
      /unknown relation type/,
    ],
    ['more than 2000 entities', { ids: Array.from({ length: 2001 }, (_, i) => `e${i}`), format: 'json' }, /at most 2000/],
    ['no format', { ids: ['e-nsq'] }, /format/],
  ] as [string, unknown, RegExp][])('answers 400 BAD_USER_INPUT for %s', async ([, body, message], { get }) => {
    const res = await post(get, body);
    expect(res.status).toBe(400);
    const e = (await res.json()).error;
    expect(e.code).toBe('BAD_USER_INPUT');
    expect(e.message).toMatch(message);
  });

  it('answers 400 to a body that is not sent as JSON, and 404 naming an entity that is gone', async ({ get }) => {
    expect((await post(get, { ids: ['e-nsq'], format: 'json' }, 'text/plain')).status).toBe(400);
    const res = await post(get, { ids: ['e-nsq', 'gone'], format: 'json' });
    expect(res.status).toBe(404);
    expect((await res.json()).error.message).toBe('no entity with id "gone"');
  });
});
