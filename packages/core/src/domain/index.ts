export * from './arguments.js';
export * from './detection-items.js';
export * from './fast-detection.js';
export * from './filters.js';
export * from './prepare.js';
