/**
 * The server's clock for deadlines (leads' SLA): real time, or — for browser tests only, with
 * CLOCK_FILE set — real time plus the offset in milliseconds written in that file, read again
 * whenever the file changes. A test lets a deadline pass by writing a larger offset; nothing on the
 * network can move the clock. Sessions and login locks keep real time.
 */
import fs from 'node:fs';
import type { AppContext } from './context.js';

const clocks = new Map<string, () => number>();

export function fileClock(file: string): () => number {
  const known = clocks.get(file);
  if (known) return known;
  let seen = { mtimeMs: -1, size: -1 };
  let offset = 0;
  const now = () => {
    try {
      const stat = fs.statSync(file);
      if (stat.mtimeMs !== seen.mtimeMs || stat.size !== seen.size) {
        seen = { mtimeMs: stat.mtimeMs, size: stat.size };
        const n = Number(fs.readFileSync(file, 'utf8').trim() || '0');
        offset = Number.isFinite(n) ? n : 0;
      }
    } catch {
      // No file (yet): no offset.
      seen = { mtimeMs: -1, size: -1 };
      offset = 0;
    }
    return Date.now() + offset;
  };
  clocks.set(file, now);
  return now;
}

/** The request's clock: the context's own (tests freeze it), else CLOCK_FILE's, else real time. */
export function nowOf(ctx: Pick<AppContext, 'now' | 'config'>): number {
  if (ctx.now) return ctx.now();
  return ctx.config.clockFile ? fileClock(ctx.config.clockFile)() : Date.now();
}
