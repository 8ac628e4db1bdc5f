export * from './migration.js';
export * from './runner.js';
