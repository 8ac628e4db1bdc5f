export * from './storage/index.js';
export * from './files/index.js';
export * from './cache/index.js';
