import { fileTypeFromBuffer } from 'file-type';
import { StorageError } from '../errors/storage-error.js';

/** How many leading bytes are read to recognise a container (file-type's sample size). */
export const SNIFF_BYTES = 4100;

/** A video container recognised by its magic bytes. */
export interface VideoContainer {
  /** `mp4`, `m4v`, `mov`, `mkv`, `webm` or `avi` (also the stored key's extension). */
  container: string;
  mime: string;
}

// ftyp (ISO BMFF / QuickTime), EBML (Matroska / WebM) and RIFF AVI. file-type also maps ftyp brands to
// audio (m4a) and images (heic, avif): those are refused because only the ext below is accepted.
const VIDEO_EXTENSIONS = new Set(['mp4', 'm4v', 'mov', 'mkv', 'webm', 'avi']);

/** Recognises the container from the first bytes, or throws `VALIDATION` naming what was detected. */
export async function detectVideoContainer(head: Uint8Array): Promise<VideoContainer> {
  const detected = head.length > 0 ? await fileTypeFromBuffer(head) : undefined;
  if (!detected || !VIDEO_EXTENSIONS.has(detected.ext)) {
    const what = detected
      ? `${detected.ext}, ${detected.mime}`
      : head.length === 0
        ? 'empty file'
        : 'unknown';
    throw new StorageError(
      'VALIDATION',
      `not a video container (detected: ${what}); store MP4/MOV, MKV/WebM or AVI files`,
      { details: { detected: detected ?? null } },
    );
  }
  return { container: detected.ext, mime: detected.mime };
}
