import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@vpe-storage/source'] },
  ssr: { resolve: { conditions: ['@vpe-storage/source'] } },
  test: {
    name: '@vpe-storage/cli',
    include: ['test/**/*.test.ts'],
    // Most tests run the CLI as a subprocess (node + tsx start-up, on a shared machine): generous limits.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
