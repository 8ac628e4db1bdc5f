export * from './types.js';
export * from './runner.js';
export * from './suites.js';
export * from './assert.js';
