import type { FileStore } from '../contracts/file-store.js';
import { listAll } from '../files/cleanup.js';
import { classifyKey, type FileArea } from '../files/layout.js';

/** Number of objects and bytes in one area of the layout. */
export interface AreaStats {
  files: number;
  bytes: number;
}

/** Objects and bytes per area of the layout (lists every key: meant for status screens, not hot paths). */
export async function fileStats(files: FileStore): Promise<Partial<Record<FileArea, AreaStats>>> {
  const out: Partial<Record<FileArea, AreaStats>> = {};
  for await (const entry of listAll(files, '')) {
    const area = classifyKey(entry.key);
    const stats = out[area] ?? { files: 0, bytes: 0 };
    out[area] = stats;
    stats.files += 1;
    stats.bytes += entry.size;
  }
  return out;
}
