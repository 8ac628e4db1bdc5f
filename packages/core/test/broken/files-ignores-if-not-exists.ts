import type { CopyOptions, FileBody, FileInfo, PutOptions } from '../../src/contracts/file-store.js';
import { MemoryFileStore } from '../../src/memory/files/index.js';

/** Broken on purpose: ignores ifNotExists and always replaces. */
export class IgnoresIfNotExistsFileStore extends MemoryFileStore {
  override put(key: string, body: FileBody, options?: PutOptions): Promise<FileInfo> {
    return super.put(key, body, { ...options, ifNotExists: false });
  }
  override copy(from: string, to: string, _options?: CopyOptions): Promise<FileInfo> {
    return super.copy(from, to);
  }
}
