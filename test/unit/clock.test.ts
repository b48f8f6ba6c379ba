/**
 * CLOCK_FILE, the browser tests' way to let a deadline pass: the server's deadline clock is real time
 * plus the offset written in the file, read again when the file changes; no file, no offset; a
 * context's own clock (tests) wins.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileClock, nowOf } from '../../server/clock.js';
import { loadConfig } from '../../server/config.js';

const DAY = 86_400_000;

describe('the deadline clock', () => {
  it('adds the offset in CLOCK_FILE to real time, and follows the file when a test rewrites it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clock-'));
    const file = path.join(dir, 'offset');
    try {
      const config = loadConfig({ CLOCK_FILE: file });
      expect(config.clockFile).toBe(file);
      // No file yet: real time.
      expect(Math.abs(nowOf({ config }) - Date.now())).toBeLessThan(1000);
      fs.writeFileSync(file, String(3 * DAY));
      expect(nowOf({ config }) - Date.now()).toBeGreaterThan(3 * DAY - 1000);
      fs.writeFileSync(file, `${10 * DAY}\n`);
      expect(fileClock(file)() - Date.now()).toBeGreaterThan(10 * DAY - 1000);
      fs.writeFileSync(file, 'not a number');
      expect(Math.abs(fileClock(file)() - Date.now())).toBeLessThan(1000);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is real time without CLOCK_FILE, and a context’s own clock when it has one', () => {
    const config = loadConfig({});
    expect(config.clockFile).toBeNull();
    expect(Math.abs(nowOf({ config }) - Date.now())).toBeLessThan(1000);
    expect(nowOf({ config, now: () => 42 })).toBe(42);
  });
});
