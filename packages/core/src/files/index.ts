// Backend-neutral file management: layout, FileManager (videos, frames, models, dedup, cleanup, secure delete).

export { type BlobPointer, POINTER_CONTENT_TYPE, POINTER_METADATA_KEY } from './blob-pointer.js';
export type { CleanupOptions, CleanupResult, ReferenceSource } from './cleanup.js';
export type { FrameImageInput, RawImage } from './encode-frame.js';
export { JPEG_QUALITY, PNG_COMPRESSION_LEVEL } from './encode-frame.js';
export { FileManager } from './file-manager.js';
export * from './layout.js';
export type { Sharp } from './load-sharp.js';
export { OVERWRITE_CHUNK_BYTES, overwriteFile } from './overwrite-file.js';
export * from './types.js';
export { SNIFF_BYTES, type VideoContainer } from './video-container.js';
