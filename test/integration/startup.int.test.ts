/** Starting the real server: a clear message when Neo4j is unreachable, the API and a page otherwise. */
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { test as it } from '../helpers/fixtures.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

function run(env: Record<string, string>, until?: RegExp): Promise<{ code: number | null; out: string; kill: () => Promise<void> }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/main.ts')], {
      cwd: ROOT,
      env: { ...process.env, NEO4J_URI: '', ...env },
    });
    const exited = new Promise<void>((done) => child.on('exit', () => done()));
    // Stops the server and waits until it has closed its store, so its data folder can be removed.
    const kill = async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    };
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      if (until && until.test(out)) resolve({ code: null, out, kill });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => resolve({ code, out, kill }));
  });
}

describe('starting the server', () => {
  it('exits non-zero with a message naming NEO4J_URI when Neo4j cannot be reached', async () => {
    const { code, out } = await run({ NEO4J_URI: 'bolt://127.0.0.1:1', PORT: '0' });
    expect(code).toBe(1);
    expect(out).toMatch(/NEO4J_URI=bolt:\/\/127\.0\.0\.1:1/);
    expect(out).not.toMatch(/at .*\.ts:\d+/); // a message, not a stack trace
  });

  it('exits non-zero with one line naming the port and PORT when the port is in use', async ({ tempDir }) => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as net.AddressInfo).port;
    try {
      const { code, out } = await run({ DATA_DIR: tempDir, PORT: String(port) });
      expect(code).toBe(1);
      const lines = out.split('\n').filter((l) => l.startsWith('Cannot start'));
      expect(lines).toEqual([
        `Cannot start: port ${port} is already in use on 127.0.0.1 (PORT=${port}); stop what uses it or set PORT to a free port.`,
      ]);
      expect(out).not.toMatch(/at .*\.(ts|js):\d+/);
    } finally {
      taken.close();
    }
  });

  it('seeds an empty embedded store on first start and serves GraphQL and a page', async ({ tempDir }) => {
    const port = String(41000 + Math.floor(Math.random() * 2000));
    const server = await run({ DATA_DIR: tempDir, PORT: port }, /GraphQL:/);
    try {
      expect(server.out).toContain(`http://localhost:${port}/`);
      const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ search(text: "思路迪") { name } }' }),
      });
      const body = (await res.json()) as { data: { search: { name: string }[] } };
      expect(body.data.search[0].name).toBe('上海思路迪生物医学科技有限公司');
      const page = await fetch(`http://127.0.0.1:${port}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('生物医药产业图谱');
    } finally {
      await server.kill();
    }
  });
});
