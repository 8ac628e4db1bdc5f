export * from './codes.js';
export * from './from-zod.js';
export * from './storage-error.js';
