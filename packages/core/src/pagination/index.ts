export * from './compare.js';
export * from './cursor.js';
export * from './iterate.js';
