export * from './new-id.js';
