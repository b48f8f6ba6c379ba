/**
 * POST /import/upload on a real server (createHandler over the embedded store, local mode): a file
 * is parsed and kept for the dry run; the wrong method, content type or size, another site's page,
 * and unreadable files get clear answers, and nothing reaches the graph.
 */
import { request as httpRequest, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../server/app.js';
import type { AppContext } from '../../server/context.js';
import { smallGraph } from '../fixtures/small-graph.js';
import { openEmbedded, type StoreHandle } from '../helpers/stores.js';

let handle: StoreHandle;
let server: Server;
let port: number;

function send(method: string, headers: Record<string, string>, body?: Buffer | string): Promise<{ status: number; json: any }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method, path: '/import/upload', headers: { host: `localhost:${port}`, ...headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, json: parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const parse = (text: string): any => {
  try {
    return JSON.parse(text);
  } catch {
    return { text };
  }
};

const upload = (name: string, body: Buffer | string, extra: Record<string, string> = {}) =>
  send('POST', { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(name), ...extra }, body);

const counts = async () => (await handle.store.read('MATCH (n:Entity) RETURN count(n) AS n'))[0].n;

beforeAll(async () => {
  handle = await openEmbedded();
  await handle.store.bulkLoad(smallGraph({ hubSize: 0 }));
  const ctx: AppContext = { store: handle.store, config: handle.config, documents: new Map(), savedQueries: [] };
  server = createServer(createHandler(ctx));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await handle.dispose();
});

describe('POST /import/upload', () => {
  it('parses a GBK CSV from Excel and offers a mapping, writing nothing to the graph', async () => {
    const before = await counts();
    // 企业名称,所在区域 / 上海甲公司,浦江镇 in GB18030 (GBK): built from the decoder's own table.
    const gbk = encodeGbk('企业名称,所在区域\r\n上海甲公司,浦江镇\r\n');
    const res = await upload('名单.csv', gbk);
    expect(res.status).toBe(200);
    expect(res.json.file).toMatchObject({
      fileName: '名单.csv',
      format: 'csv',
      encoding: 'gb18030',
      columns: ['企业名称', '所在区域'],
      rowCount: 1,
    });
    expect(res.json.file.suggestedMapping).toEqual([
      { column: '企业名称', field: 'name' },
      { column: '所在区域', field: 'region' },
    ]);
    expect(await counts()).toBe(before);
  });

  it('refuses what is not a file upload or not a readable file, clearly', async () => {
    expect((await send('GET', {})).status).toBe(405);
    // A cross-site form can send only form or text content types: refused before anything is read.
    expect((await send('POST', { 'content-type': 'multipart/form-data; boundary=x' }, '--x--')).status).toBe(415);
    expect((await send('POST', { 'content-type': 'text/plain' }, 'a,b')).status).toBe(415);
    const xls = await upload('list.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]));
    expect([xls.status, xls.json.error.code]).toEqual([400, 'FILE_FORMAT']);
    const junk = await upload('list.xlsx', Buffer.from('not a zip at all'));
    expect([junk.status, junk.json.error.code]).toEqual([400, 'FILE_UNREADABLE']);
    const empty = await upload('empty.csv', Buffer.alloc(0));
    expect([empty.status, empty.json.error.code]).toEqual([400, 'FILE_EMPTY']);
    // A 50 MB body is refused once 10 MB have arrived, without reading the rest.
    const big = await upload('big.csv', Buffer.alloc(50 * 1024 * 1024, 0x41)).catch((err: Error) => ({
      status: 0,
      json: { error: { code: err.message } },
    }));
    expect([big.status, big.json.error.code]).toEqual([413, 'FILE_TOO_LARGE']);
    const other = await upload('a.csv', 'a,b\n1,2\n', { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' });
    expect(other.status).toBe(403);
  });
});

/** GB18030 bytes of `text`, found by decoding every two-byte GBK code (no encoder in Node). */
function encodeGbk(text: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const bytes: number[] = [];
  for (const ch of text) bytes.push(...(ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : table.get(ch)!));
  return Buffer.from(bytes);
}
