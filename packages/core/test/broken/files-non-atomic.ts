import { createHash } from 'node:crypto';
import type { FileBody, FileInfo, PutOptions } from '../../src/contracts/file-store.js';
import { bodyChunks, MemoryFileStore } from '../../src/memory/files/index.js';

/** Broken on purpose: writes straight into the visible object as chunks arrive (readers see half-written bytes). */
export class NonAtomicFileStore extends MemoryFileStore {
  override async put(key: string, body: FileBody, options?: PutOptions): Promise<FileInfo> {
    const chunks: Buffer[] = [];
    for await (const chunk of bodyChunks(body)) {
      chunks.push(Buffer.from(chunk));
      const data = Buffer.concat(chunks);
      const info: FileInfo = {
        key,
        size: data.length,
        sha256: createHash('sha256').update(data).digest('hex'),
        contentType: 'application/octet-stream',
        metadata: {},
        lastModified: new Date().toISOString(),
      };
      this.objects.set(key, { data, info });
      await new Promise((resolve) => setImmediate(resolve));
    }
    return super.put(key, Buffer.concat(chunks), options);
  }
}
