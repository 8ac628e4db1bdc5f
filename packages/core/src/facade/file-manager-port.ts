import type { FileManager } from '../files/file-manager.js';

/** The part of core's FileManager the facade uses (narrow, so tests can inject a failing one). */
export type FacadeFileManager = Pick<
  FileManager,
  'storeVideo' | 'storeFrameImage' | 'storeModel' | 'cleanup' | 'open' | 'head' | 'delete'
>;
