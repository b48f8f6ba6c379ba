import { defineConfig } from 'vitest/config';

// Test tiers by file name: unit (*.test.ts, no store), integration (*.int.test.ts, the real embedded
// store), contract (test/contract, every store), security (test/security, every store), e2e (test/e2e,
// a real server and browser).
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 180_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'web/src/**/*.test.{ts,tsx}'], exclude: ['**/*.int.test.ts'] },
      },
      { extends: true, test: { name: 'integration', include: ['test/integration/**/*.int.test.ts'] } },
      // One file at a time: the Neo4j leg shares one database.
      { extends: true, test: { name: 'contract', include: ['test/contract/**/*.test.ts'], fileParallelism: false } },
      // The read-only boundary and resource limits, on every store (one file at a time, as contract).
      { extends: true, test: { name: 'security', include: ['test/security/**/*.test.ts'], fileParallelism: false } },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], fileParallelism: false } },
    ],
  },
});
