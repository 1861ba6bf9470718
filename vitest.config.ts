import { defineConfig } from 'vitest/config';

// Tests run against the TypeScript sources: the `@ssh/source` export condition maps
// every `@ssh/*` import to its `src/` entry, so no build is needed before testing.
const conditions = ['@ssh/source', 'node', 'import', 'module', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['node'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'tools/*/test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
