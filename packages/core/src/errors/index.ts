export * from './codes.js';
export * from './storage-error.js';
export * from './from-zod.js';
