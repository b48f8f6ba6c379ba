/**
 * The embedded store gives memory back: every LadybugDB `prepare` used to keep its statement (parse
 * tree and plan, ~70 KB) in the connection until the process ran out of memory. The leak bench runs
 * in its own node with --expose-gc (Vitest's workers have no `gc`, and their RSS carries the other
 * tests' garbage), so the figure is the store's alone.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('embedded store memory', () => {
  it('does not grow with the number of statements run (3,000 after a warm-up)', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', path.join(ROOT, 'bench/leak.ts'), '--queries', '3000', '--warmup', '1500', '--json'],
      { cwd: ROOT, env: { ...process.env, NEO4J_URI: '' }, timeout: 120_000 },
    );
    const result = JSON.parse(stdout.trim().split('\n').pop()!) as { statements: number; growthMb: number; gc: boolean };
    expect(result.gc).toBe(true);
    expect(result.statements).toBeGreaterThanOrEqual(3000);
    // The leak grew ~200 MB over these statements; the noise of a healthy run is a few MB.
    expect(result.growthMb).toBeLessThan(15);
  });
});
