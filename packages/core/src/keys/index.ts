export * from './validate-key.js';
