export * from './cache/index.js';
export * from './files/index.js';
export * from './storage/index.js';
