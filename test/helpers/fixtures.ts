/**
 * The base fixture every tier shares (Vitest `test.extend`): `tempDir`, a fresh folder per test,
 * removed after it. `graph-test.ts` builds the store fixtures on it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base } from 'vitest';

/** A new empty folder under the system's temp folder; the caller removes it. */
export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'bioeco-test-'));
}

export const test = base.extend<{ tempDir: string }>({
  // eslint-disable-next-line no-empty-pattern -- Vitest reads the fixtures a function uses from its first parameter.
  tempDir: async ({}, use) => {
    const dir = tempDataDir();
    await use(dir);
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  },
});
