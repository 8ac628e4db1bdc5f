export * from './page.js';
export * from './repositories.js';
export * from './base-storage.js';
export * from './file-store.js';
export * from './cache.js';
export * from './backup.js';
