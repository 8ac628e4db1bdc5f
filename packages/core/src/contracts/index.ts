export * from './backup.js';
export * from './base-storage.js';
export * from './cache.js';
export * from './file-store.js';
export * from './page.js';
export * from './repositories.js';
