import { StorageError } from '@vpe-storage/core';
import type { S3FileStoreOptions } from './options.js';

function invalidUrl(url: string, problem: string): StorageError {
  return new StorageError(
    'VALIDATION',
    `invalid S3 URL ${JSON.stringify(redactUrl(url))}: ${problem}; expected s3://bucket/prefix?endpoint=…&region=…&forcePathStyle=true`,
  );
}

/** The URL with any userinfo (credentials) replaced by "***", for messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/^(s3:\/\/)[^@/?#]*@/i, '$1***@');
}

function parseBoolean(url: string, name: string, value: string): boolean {
  if (value === 'true' || value === '1' || value === '') return true;
  if (value === 'false' || value === '0') return false;
  throw invalidUrl(url, `${name} must be true or false, not ${JSON.stringify(value)}`);
}

const KNOWN_PARAMS = new Set(['endpoint', 'region', 'forcePathStyle']);

/**
 * Parses `s3://[accessKeyId:secretAccessKey@]bucket[/prefix][?endpoint=…&region=…&forcePathStyle=true]`.
 * Credentials in the userinfo must be percent-encoded; they are never echoed in errors.
 */
export function parseS3Url(url: string): S3FileStoreOptions {
  const match = /^s3:\/\/(?:([^@/?#]*)@)?([^/?#]+)(\/[^?#]*)?(?:\?([^#]*))?$/i.exec(url);
  if (!match) throw invalidUrl(url, 'it is not of the form s3://bucket/prefix');
  const [, userinfo, bucket = '', path = '', query = ''] = match;
  const options: S3FileStoreOptions = { bucket: decodeURIComponent(bucket) };

  const prefix = decodeURIComponent(path).replace(/^\/+/, '').replace(/\/+$/, '');
  if (prefix !== '') options.prefix = `${prefix}/`;

  if (userinfo !== undefined) {
    const colon = userinfo.indexOf(':');
    if (colon <= 0 || colon === userinfo.length - 1) {
      throw invalidUrl(url, 'credentials in the URL must be accessKeyId:secretAccessKey');
    }
    options.credentials = {
      accessKeyId: decodeURIComponent(userinfo.slice(0, colon)),
      secretAccessKey: decodeURIComponent(userinfo.slice(colon + 1)),
    };
  }

  for (const [name, value] of new URLSearchParams(query)) {
    if (!KNOWN_PARAMS.has(name)) throw invalidUrl(url, `unknown parameter ${JSON.stringify(name)}`);
    if (name === 'endpoint') {
      if (!/^https?:\/\/[^/]+/.test(value)) throw invalidUrl(url, 'endpoint must be an http(s) URL');
      options.endpoint = value;
    } else if (name === 'region') {
      options.region = value;
    } else {
      options.forcePathStyle = parseBoolean(url, name, value);
    }
  }
  return options;
}
