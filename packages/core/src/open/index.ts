export * from '../util/redact-url.js';
export * from './adapters.js';
export * from './load-package.js';
export * from './open-storage.js';
