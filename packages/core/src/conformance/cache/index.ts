import type { CacheCase } from '../types.js';

/** Every Cache case. */
export const cacheCases: CacheCase[] = [];
