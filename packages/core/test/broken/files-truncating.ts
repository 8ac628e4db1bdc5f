import type { FileBody, FileInfo, PutOptions } from '../../src/contracts/file-store.js';
import { MemoryFileStore, type MemoryObject } from '../../src/memory/files/index.js';

/** Broken on purpose: stores every object without its last byte (but reports the full size and hash). */
export class TruncatingFileStore extends MemoryFileStore {
  override async put(key: string, body: FileBody, options?: PutOptions): Promise<FileInfo> {
    const info = await super.put(key, body, options);
    const obj = this.objects.get(key) as MemoryObject;
    obj.data = obj.data.subarray(0, Math.max(0, obj.data.length - 1));
    return info;
  }
}
