import { defineConfig } from 'vitest/config';

// One `vitest run` at the root runs every package; sources are resolved through the
// `@vpe-storage/source` export condition so tests never need a build of their siblings.
export default defineConfig({
  resolve: { conditions: ['@vpe-storage/source'] },
  ssr: { resolve: { conditions: ['@vpe-storage/source'] } },
  test: {
    projects: ['packages/*'],
    passWithNoTests: true,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
