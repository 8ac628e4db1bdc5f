import type { StorageCase } from '../types.js';

/** Every BaseStorage case. */
export const storageCases: StorageCase[] = [];
