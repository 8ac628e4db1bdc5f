export { MemoryFileStore } from './memory-file-store.js';
