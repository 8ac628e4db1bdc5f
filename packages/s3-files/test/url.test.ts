import { type FileStoreAdapterModule, FilesConfigSchema } from '@vpe-storage/core';
import { describe, expect, test } from 'vitest';
import { createFileStore, parseS3Url, redactUrl } from '../src/index.js';

describe('parseS3Url', () => {
  test('bucket, prefix and every query parameter', () => {
    expect(
      parseS3Url('s3://media/videos/raw?endpoint=http://127.0.0.1:9000&region=eu-west-1&forcePathStyle=true'),
    ).toEqual({
      bucket: 'media',
      prefix: 'videos/raw/',
      endpoint: 'http://127.0.0.1:9000',
      region: 'eu-west-1',
      forcePathStyle: true,
    });
  });

  test('a bare bucket has no prefix; slashes around the prefix are normalised', () => {
    expect(parseS3Url('s3://media')).toEqual({ bucket: 'media' });
    expect(parseS3Url('s3://media/')).toEqual({ bucket: 'media' });
    expect(parseS3Url('s3://media//a/b//')).toEqual({ bucket: 'media', prefix: 'a/b/' });
  });

  test('credentials in the userinfo are decoded', () => {
    expect(parseS3Url('s3://AKID:se%2Fcr%40et@media/p').credentials).toEqual({
      accessKeyId: 'AKID',
      secretAccessKey: 'se/cr@et',
    });
  });

  test('malformed URLs reject with VALIDATION and never echo the secret', () => {
    for (const url of [
      'http://media/p',
      's3://',
      's3://media?colour=blue',
      's3://media?forcePathStyle=maybe',
      's3://media?endpoint=ftp://x',
      's3://AKID-only@media',
    ]) {
      expect(() => parseS3Url(url), url).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    }
    try {
      parseS3Url('s3://AKID:topsecret@media?bogus=1');
      expect.unreachable();
    } catch (err) {
      expect(String((err as Error).message)).not.toContain('topsecret');
      expect(String((err as Error).message)).toContain('***@media');
    }
  });

  test('redactUrl hides the userinfo only', () => {
    expect(redactUrl('s3://AKID:secret@media/p?region=x')).toBe('s3://***@media/p?region=x');
    expect(redactUrl('s3://media/p')).toBe('s3://media/p');
  });
});

describe('createFileStore', () => {
  test('takes part size, concurrency and max size from FilesConfig and the rest from the URL', async () => {
    const config = FilesConfigSchema.parse({
      url: 's3://media/app',
      partSize: 8 * 1024 * 1024,
      uploadConcurrency: 2,
    });
    const store = createFileStore(
      's3://AKID:secret@media/app?endpoint=http://127.0.0.1:1&forcePathStyle=true',
      config,
    );
    expect(store.kind).toBe('s3');
    expect(store.toString()).toBe('s3://media/app/');
    expect(store.toString()).not.toContain('secret');
    expect(store.capabilities).toEqual({
      ranges: true,
      signedUrls: true,
      userMetadata: true,
      atomicMove: false,
      persistent: true,
    });
    await store.close();
  });

  test('the package is what openStorage loads for s3: URLs (a FileStoreAdapterModule)', async () => {
    const mod: FileStoreAdapterModule = await import('../src/index.js');
    const store = await mod.createFileStore('s3://media', FilesConfigSchema.parse({}));
    expect(store.kind).toBe('s3');
    await store.close();
  });

  test('options outside what S3 accepts reject with VALIDATION', () => {
    const config = FilesConfigSchema.parse({});
    expect(() => createFileStore('s3://media', config, { partSize: 1024 })).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }),
    );
    expect(() => createFileStore('s3://media', config, { maxAttempts: 0 })).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }),
    );
  });
});
