export { createFileStore, rootOfUrl } from './store/create-file-store.js';
export { META_DIR, OBJECTS_DIR, TEMP_DIR } from './store/layout.js';
export { LocalFileStore, type TempCleanup } from './store/local-file-store.js';
export type { LocalFileStoreOptions } from './store/options.js';
