import { describe, expect, it } from 'vitest';
import { openStorage, redactUrl, schemeOf } from '../../src/open/index.js';

// redactUrl lives in src/util (exported with open/); its tests sit here, beside the facade's.

describe('redactUrl', () => {
  it.each([
    ['postgres://app:s3cr3t@db:5432/vpe', 'postgres://app:***@db:5432/vpe'],
    ['redis://:s3cr3t@h:6379/1', 'redis://:***@h:6379/1'],
    ['tiered:rediss://default:s3cr3t@h', 'tiered:rediss://default:***@h'],
    ['s3://AKIA1:s3cr3t/with+slash@bucket/prefix?region=eu', 's3://AKIA1:***@bucket/prefix?region=eu'],
    ['postgres://u:p?s@s3cr3t@h/db', 'postgres://u:***@h/db'],
    ['user:s3cr3t@host/db', 'user:***@host/db'],
    [
      's3://bucket/p?endpoint=http://u:s3cr3t@minio:9000&secretAccessKey=s3cr3t&accessKeyId=AK',
      's3://bucket/p?endpoint=http://u:***@minio:9000&secretAccessKey=***&accessKeyId=AK',
    ],
    ['postgres://h/db?password=s3cr3t&sslmode=require', 'postgres://h/db?password=***&sslmode=require'],
    ['redis://h?token=s3cr3t', 'redis://h?token=***'],
    ['s3://b?SESSION_TOKEN=s3cr3t', 's3://b?SESSION_TOKEN=***'],
  ])('%s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
    expect(redactUrl(url)).not.toContain('s3cr3t');
  });

  it.each([
    'postgres://app@db/vpe',
    'redis://h:6379',
    'sqlite:./data/app.db',
    'file:./data',
    'file:///tmp/a:b@c',
    's3://bucket/a@b',
    'memory:',
  ])('leaves %s as it is', (url) => {
    expect(redactUrl(url)).toBe(url);
  });
});

describe('openStorage error messages', () => {
  it('never echo a password', async () => {
    await expect(
      openStorage({ database: { url: 'mysql://root:s3cr3t@db/vpe?password=s3cr3t' } }),
    ).rejects.toMatchObject({ code: 'UNSUPPORTED', message: expect.stringContaining('root:***@db') });
    await expect(openStorage({ database: { url: 'mysql://root:s3cr3t@db/vpe' } })).rejects.toSatisfy(
      (err: Error) => !err.message.includes('s3cr3t'),
    );
    expect(() => schemeOf('//root:s3cr3t@db', 'database')).toThrow(/root:\*\*\*@db/);
  });
});
