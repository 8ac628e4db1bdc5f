export * from './assert.js';
export * from './child.js';
export * from './runner.js';
export * from './suites.js';
export * from './types.js';
