export { bodyChunks } from './body-chunks.js';
export * from './file-options.js';
export { MemoryFileStore, type MemoryObject } from './memory-file-store.js';
export { verifyingStream } from './verify-stream.js';
