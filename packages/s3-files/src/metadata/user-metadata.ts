import { StorageError } from '@vpe-storage/core';

/** Metadata name under which the sha256 of the object is kept (`x-amz-meta-sha256`). */
export const SHA256_META = 'sha256';

// S3 caps all user metadata at 2 KB; keys become HTTP header names.
const MAX_METADATA_BYTES = 2048;
const KEY_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;
// Values are HTTP header values: anything beyond printable ASCII, or that could be read back
// differently (surrounding spaces, our own encoded-word form), is sent as an RFC 2047 encoded word.
const PLAIN_VALUE = /^(?!=\?)[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/;
const ENCODED_WORD = /^=\?UTF-8\?B\?([A-Za-z0-9+/=]*)\?=$/i;

function invalid(message: string): StorageError {
  return new StorageError('VALIDATION', `invalid metadata: ${message}`);
}

/** Validates user metadata and encodes it for S3 headers (reserved key `sha256` refused). */
export function encodeMetadata(metadata: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  let bytes = 0;
  for (const [key, value] of Object.entries(metadata ?? {})) {
    if (!KEY_PATTERN.test(key)) {
      throw invalid(`key ${JSON.stringify(key)} must be lowercase ASCII letters, digits, ".", "_" or "-"`);
    }
    if (key === SHA256_META) throw invalid(`key "${SHA256_META}" is reserved for the object's checksum`);
    if (typeof value !== 'string') throw invalid(`value of ${JSON.stringify(key)} must be a string`);
    const encoded =
      value === '' || PLAIN_VALUE.test(value)
        ? value
        : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
    bytes += key.length + Buffer.byteLength(encoded);
    out[key] = encoded;
  }
  if (bytes > MAX_METADATA_BYTES - 100) {
    throw invalid(`${bytes} bytes of keys and values; S3 keeps at most about ${MAX_METADATA_BYTES - 100}`);
  }
  return out;
}

/** Decodes user metadata as returned by HeadObject/GetObject, without the reserved checksum. */
export function decodeMetadata(metadata: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadata ?? {})) {
    if (key === SHA256_META) continue;
    const word = ENCODED_WORD.exec(value);
    out[key] = word ? Buffer.from(word[1] ?? '', 'base64').toString('utf8') : value;
  }
  return out;
}
