import { StorageError } from '../errors/storage-error.js';

// The few sharp calls we make, typed here so core's published types do not import the optional package.

/** A sharp pipeline, as far as frame encoding uses it. */
export interface SharpPipeline {
  /** Sets the resize step. */
  resize(options: {
    width: number;
    height: number;
    fit: 'inside';
    withoutEnlargement: boolean;
  }): SharpPipeline;
  /** A copy of the pipeline (same input). */
  clone(): SharpPipeline;
  /** Encodes PNG. */
  png(options: { compressionLevel: number }): SharpPipeline;
  /** Encodes JPEG. */
  jpeg(options: { quality: number }): SharpPipeline;
  /** Runs the pipeline. */
  toBuffer(options: {
    resolveWithObject: true;
  }): Promise<{ data: Buffer; info: { width: number; height: number } }>;
}

/** The `sharp` function (default export of the optional `sharp` package). */
export type Sharp = (
  input: Uint8Array,
  options?: { raw: { width: number; height: number; channels: 1 | 2 | 3 | 4 } },
) => SharpPipeline;

/** Imports the optional package `sharp`; throws `UNSUPPORTED` naming it when it is not installed. */
export async function loadSharp(
  importer: () => Promise<{ default: Sharp }> = () => import('sharp'),
): Promise<Sharp> {
  try {
    return (await importer()).default;
  } catch (err) {
    throw new StorageError(
      'UNSUPPORTED',
      'storing frame images needs the optional package "sharp": install it next to @vpe-storage/core (npm install sharp)',
      { cause: err, details: { package: 'sharp' } },
    );
  }
}
