/** How `npm start` ends when its server ends (tools/server-exit.mjs). */
import path from 'node:path';
import { describe, expect, it } from 'vitest';

type Ended = { code: number | null; signal: NodeJS.Signals | null; stopRequested: boolean; dataDir: string | null };
// A plain-JS module of tools/, imported by path so tsc does not ask for its types.
const modulePath = path.resolve(import.meta.dirname, '../../tools/server-exit.mjs');
const { serverExit } = (await import(modulePath)) as { serverExit: (e: Ended) => { status: number; message: string | null } };

describe('npm start exit status', () => {
  it('passes on the exit code of a server that exits', () => {
    expect(serverExit({ code: 1, signal: null, stopRequested: false, dataDir: '/d' })).toEqual({ status: 1, message: null });
    expect(serverExit({ code: 0, signal: null, stopRequested: true, dataDir: '/d' })).toEqual({ status: 0, message: null });
  });

  it('is 0 when Ctrl-C or SIGTERM asked the server to stop and it ended by that signal', () => {
    expect(serverExit({ code: null, signal: 'SIGINT', stopRequested: true, dataDir: '/d' })).toEqual({ status: 0, message: null });
    expect(serverExit({ code: null, signal: 'SIGTERM', stopRequested: true, dataDir: null })).toEqual({ status: 0, message: null });
  });

  it('is 128 + the signal number when the server was killed unasked, and says so', () => {
    const killed = serverExit({ code: null, signal: 'SIGKILL', stopRequested: false, dataDir: '/d' });
    expect(killed.status).toBe(137);
    expect(killed.message).toMatch(/stopped by SIGKILL/);
    expect(killed.message).not.toMatch(/damaged/);
    expect(serverExit({ code: null, signal: 'SIGTERM', stopRequested: false, dataDir: '/d' }).status).toBe(143);
  });

  it('points at DATA_DIR when the server crashed on the embedded store', () => {
    const crashed = serverExit({ code: null, signal: 'SIGSEGV', stopRequested: false, dataDir: '/srv/data' });
    expect(crashed.status).toBe(139);
    expect(crashed.message).toMatch(/move \/srv\/data aside/);
    expect(serverExit({ code: null, signal: 'SIGSEGV', stopRequested: false, dataDir: null }).message).not.toMatch(/aside/);
  });
});
