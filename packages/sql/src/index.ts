export * from './dialect/index.js';
export * from './errors/index.js';
export * from './executor/index.js';
export * from './mapping/index.js';
export * from './migrations/index.js';
export * from './query/index.js';
export * from './repositories/index.js';
export * from './storage/index.js';
