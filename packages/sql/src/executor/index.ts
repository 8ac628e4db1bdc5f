export * from './sql-executor.js';
