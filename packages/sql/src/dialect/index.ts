export * from './placeholders.js';
export * from './sql-dialect.js';
