export * from './prepare.js';
export * from './arguments.js';
