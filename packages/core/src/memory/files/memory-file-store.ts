// Placeholder: replaced by the in-memory reference FileStore.
import type { FileStore } from '../../contracts/file-store.js';
export const MemoryFileStore = class {} as unknown as new () => FileStore;
