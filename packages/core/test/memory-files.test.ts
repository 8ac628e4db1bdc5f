import { describeFileStore } from '../src/conformance/vitest.js';
import { MemoryFileStore } from '../src/memory/files/index.js';

/** Reads the bytes straight out of the store's Map, bypassing get(). */
class InspectableMemoryFileStore extends MemoryFileStore {
  /** The stored bytes of `key`, or null. */
  rawBytes(key: string): Uint8Array | null {
    return this.objects.get(key)?.data ?? null;
  }
}

describeFileStore('memory', async () => {
  const store = new InspectableMemoryFileStore();
  return {
    store,
    raw: { readBytes: async (key) => store.rawBytes(key) },
    dispose: () => store.close(),
  };
});
