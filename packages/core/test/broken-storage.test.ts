import { describe, expect, it } from 'vitest';
import { runSuite } from '../src/conformance/runner.js';
import { storageSuite } from '../src/conformance/suites.js';
import { BROKEN_STORAGE_VARIANTS } from './broken/storage-variants.js';

describe('the BaseStorage suite catches broken MemoryStorage variants', () => {
  for (const variant of BROKEN_STORAGE_VARIANTS) {
    it(variant.name, { timeout: 180_000 }, async () => {
      const results = await runSuite(storageSuite, async () => {
        const storage = variant.make();
        await storage.initialize();
        return { storage, raw: storage.rawReader(), dispose: () => storage.close() };
      });
      const failing = [...results].filter(([, outcome]) => outcome.status === 'failed').map(([name]) => name);
      console.log(`${variant.name} → ${failing.length} failing: ${failing.slice(0, 4).join(' | ')}`);
      expect(failing.length).toBeGreaterThan(0);
      expect(failing).toContain(variant.catcher);
    });
  }
});
