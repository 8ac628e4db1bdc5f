export * from './cursor.js';
export * from './iterate.js';
