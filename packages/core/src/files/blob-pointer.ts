import type { FileInfo, FileStore } from '../contracts/file-store.js';
import { SHA256_HEX } from '../schemas/common.js';
import { blobKey } from './layout.js';

// Dedup design: the bytes live once under `blobs/sha256/ab/cd/<sha256>`; the logical key (videos/…, models/…)
// holds a tiny JSON pointer. It is recognised by the user metadata `vpe-blob: <sha256>` or, on a store
// without user metadata, by its content type. Works on any FileStore: no links, no server-side features.

/** Content type of a pointer object. */
export const POINTER_CONTENT_TYPE = 'application/vnd.vpe-blob-pointer+json';
/** User-metadata key of a pointer object; its value is the blob's sha256. */
export const POINTER_METADATA_KEY = 'vpe-blob';
/** Pointers are never larger than this, so cleanup only inspects small objects. */
export const POINTER_MAX_BYTES = 1024;

/** What a pointer says about the bytes it stands for. */
export interface BlobPointer {
  sha256: string;
  size: number;
  contentType: string;
}

/** The stored form of a pointer. */
export function encodePointer(pointer: BlobPointer): Buffer {
  return Buffer.from(JSON.stringify({ 'vpe-blob': 1, ...pointer }));
}

/** The pointer in `bytes`, or null when they are not one. */
export function parsePointer(bytes: Uint8Array): BlobPointer | null {
  if (bytes.length > POINTER_MAX_BYTES) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(bytes).toString('utf8'));
    if (typeof value !== 'object' || value === null) return null;
    const { sha256, size, contentType } = value as Record<string, unknown>;
    if (typeof sha256 !== 'string' || !SHA256_HEX.test(sha256)) return null;
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 0) return null;
    return {
      sha256,
      size,
      contentType: typeof contentType === 'string' ? contentType : 'application/octet-stream',
    };
  } catch {
    return null;
  }
}

/** Whether `info` describes a pointer object (metadata or content type). */
export function isPointerInfo(info: FileInfo): boolean {
  return (
    info.size <= POINTER_MAX_BYTES &&
    (info.metadata[POINTER_METADATA_KEY] !== undefined || info.contentType === POINTER_CONTENT_TYPE)
  );
}

/** Reads the pointer stored at `key`, or null when the object there is not a pointer. */
export async function readPointer(
  store: FileStore,
  key: string,
  info?: FileInfo | null,
): Promise<BlobPointer | null> {
  const known = info === undefined ? await store.head(key) : info;
  if (!known || !isPointerInfo(known)) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of await store.get(key)) chunks.push(Buffer.from(chunk as Uint8Array));
  return parsePointer(Buffer.concat(chunks));
}

/** Writes a pointer to the blob of `pointer.sha256` at `key`. */
export function writePointer(
  store: FileStore,
  key: string,
  pointer: BlobPointer,
  metadata: Record<string, string> = {},
  ifNotExists = false,
): Promise<FileInfo> {
  return store.put(key, encodePointer(pointer), {
    contentType: POINTER_CONTENT_TYPE,
    metadata: { ...metadata, [POINTER_METADATA_KEY]: pointer.sha256 },
    ifNotExists,
  });
}

/** The key of the blob a pointer names. */
export function pointerTarget(pointer: BlobPointer): string {
  return blobKey(pointer.sha256);
}
