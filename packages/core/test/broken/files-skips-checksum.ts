import type { FileBody, FileInfo, PutOptions } from '../../src/contracts/file-store.js';
import { MemoryFileStore } from '../../src/memory/files/index.js';

/** Broken on purpose: ignores expectedSha256 and stores whatever arrives. */
export class SkipsChecksumFileStore extends MemoryFileStore {
  override put(key: string, body: FileBody, options?: PutOptions): Promise<FileInfo> {
    const { expectedSha256: _ignored, ...rest } = options ?? {};
    return super.put(key, body, rest);
  }
}
