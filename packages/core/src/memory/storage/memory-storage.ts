// Placeholder: replaced by the in-memory reference BaseStorage.
import type { BaseStorage } from '../../contracts/base-storage.js';
export interface MemoryStorageOptions {
  bulkInsertBatchSize?: number;
}
export const MemoryStorage = class {} as unknown as new (options?: MemoryStorageOptions) => BaseStorage;
