export * from './driver-errors.js';
