import type { FileStoreCase } from '../types.js';

/** Every FileStore case. */
export const fileStoreCases: FileStoreCase[] = [];
