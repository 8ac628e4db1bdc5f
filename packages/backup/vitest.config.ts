import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@vpe-storage/source'] },
  ssr: { resolve: { conditions: ['@vpe-storage/source'] } },
  test: { name: '@vpe-storage/backup', include: ['test/**/*.test.ts'] },
});
