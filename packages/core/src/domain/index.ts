export * from './prepare.js';
export * from './arguments.js';
export * from './filters.js';
export * from './fast-detection.js';
