export * from './domain-integrity.js';
export * from './late-bound-database.js';
export * from './records-io.js';
export * from './sql-storage.js';
export * from './transaction-scope.js';
