// How `npm start` ends when its server process ends (tools/start.mjs).
import os from 'node:os';

/** Signals that mean the process crashed rather than was stopped. */
const CRASHES = new Set(['SIGSEGV', 'SIGBUS', 'SIGILL', 'SIGABRT', 'SIGFPE']);

/**
 * The exit status of `npm start` and what to tell the operator, from how the server ended. A server
 * that exits passes its code on. Ctrl-C (or a SIGTERM to npm start) is a request to stop: a server
 * that then ends by that signal ends npm start with 0. A server killed by a signal nobody asked for
 * (the OOM killer's SIGKILL, a native crash's SIGSEGV) exits 128 + the signal's number, as a shell
 * reports it, so a supervisor or CI sees the failure.
 *
 * @param {{ code: number | null, signal: NodeJS.Signals | null, stopRequested: boolean, dataDir: string | null }} ended
 *   dataDir: the embedded store's folder, or null on Neo4j
 * @returns {{ status: number, message: string | null }}
 */
export function serverExit({ code, signal, stopRequested, dataDir }) {
  if (code !== null) return { status: code, message: null };
  if (stopRequested || !signal) return { status: 0, message: null };
  const status = 128 + (os.constants.signals[signal] ?? 0);
  let message = `The server was stopped by ${signal} (exit status ${status}).`;
  if (CRASHES.has(signal) && dataDir)
    message +=
      `\nIf this happens at every start, the embedded store may be damaged: move ${dataDir} aside (or delete it) and start` +
      ' again (a new store is seeded), or restore it from a backup.';
  return { status, message };
}
