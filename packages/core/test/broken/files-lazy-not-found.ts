import { Readable } from 'node:stream';
import type { GetOptions } from '../../src/contracts/file-store.js';
import { MemoryFileStore } from '../../src/memory/files/index.js';

/** Broken on purpose: a missing key gives a stream that errors later instead of a rejected get(). */
export class LazyNotFoundFileStore extends MemoryFileStore {
  override async get(key: string, options?: GetOptions): Promise<Readable> {
    try {
      return await super.get(key, options);
    } catch (err) {
      return new Readable({
        read() {
          this.destroy(err as Error);
        },
      });
    }
  }
}
