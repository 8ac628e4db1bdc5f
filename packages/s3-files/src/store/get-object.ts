import { createHash } from 'node:crypto';
import { type Readable, Transform } from 'node:stream';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { type ByteRange, type GetOptions, StorageError } from '@vpe-storage/core';
import { checkKey } from '../keys/object-key.js';
import { type StoreContext, s3Call } from './context.js';
import { storedSha256 } from './head-object.js';
import { readSidecar } from './sidecar.js';

function checkRange(range: ByteRange): string {
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || start < 0) {
    throw new StorageError('VALIDATION', `invalid range start ${String(start)}: pass an integer ≥ 0`);
  }
  if (end !== undefined && (!Number.isSafeInteger(end) || end < start)) {
    throw new StorageError(
      'VALIDATION',
      `invalid range end ${String(end)}: pass an integer ≥ start (ends are inclusive)`,
    );
  }
  return `bytes=${start}-${end ?? ''}`;
}

function unsatisfiable(key: string, range: ByteRange, size: number): StorageError {
  return new StorageError(
    'VALIDATION',
    `range starting at ${range.start} is outside ${JSON.stringify(key)} (${size} bytes): start must be below the size`,
    { details: { key, start: range.start, size } },
  );
}

// Hashes and counts what passes; fails the stream with INTEGRITY when the whole object does not
// match its stored sha256 or its announced length (a cut-short body).
function verifying(key: string, expected: string | null, length: number | undefined): Transform {
  const hash = createHash('sha256');
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      seen += chunk.length;
      done(null, chunk);
    },
    flush(done) {
      const actual = hash.digest('hex');
      if (length !== undefined && seen !== length) {
        done(
          new StorageError(
            'INTEGRITY',
            `${JSON.stringify(key)} was cut short: ${seen} of ${length} bytes arrived; read it again`,
            {
              details: { key, length, seen },
            },
          ),
        );
      } else if (expected !== null && actual !== expected) {
        done(
          new StorageError(
            'INTEGRITY',
            `${JSON.stringify(key)} is corrupt: it hashes to ${actual}, not the stored ${expected}`,
            {
              details: { key, expected, actual },
            },
          ),
        );
      } else done();
    },
  });
}

/** Reads an object (or an inclusive range of it) as a stream; NOT_FOUND and bad ranges reject here. */
export async function getObject(ctx: StoreContext, key: string, options: GetOptions = {}): Promise<Readable> {
  checkKey(key);
  const { range, verify, signal } = options;
  const rangeHeader = range === undefined ? undefined : checkRange(range);
  if (verify && range !== undefined) {
    throw new StorageError(
      'VALIDATION',
      'verify applies to whole-object reads only: drop verify or the range',
    );
  }
  const out = await s3Call(ctx, { operation: 'GetObject', key }, () =>
    ctx.client.send(
      new GetObjectCommand({
        Bucket: ctx.bucket,
        Key: ctx.keys.toObjectKey(key),
        ...(rangeHeader ? { Range: rangeHeader } : {}),
      }),
      signal ? { abortSignal: signal } : {},
    ),
  ).catch((err: unknown) => {
    if (range && err instanceof StorageError && err.details.status === 416)
      throw unsatisfiable(key, range, Number.NaN);
    throw err;
  });
  const body = out.Body as Readable;
  if (range) {
    // Some servers (s3rver) answer a range of an empty object with "bytes 0-0/0" instead of 416.
    const total = Number(/\/(\d+)$/.exec(out.ContentRange ?? '')?.[1] ?? Number.NaN);
    if (Number.isFinite(total) && range.start >= total) {
      body.destroy();
      throw unsatisfiable(key, range, total);
    }
    if (out.ContentRange === undefined) {
      body.destroy();
      throw new StorageError(
        'UNSUPPORTED',
        'the S3 server ignored the Range header: ranged reads are not available',
      );
    }
  }
  if (!verify) return body;
  // The object's own hash, else its sidecar's when it names this very version (ETag, size).
  let expected = storedSha256(out);
  if (expected === null) {
    try {
      expected = await readSidecar(ctx, key, out.ETag, out.ContentLength);
    } catch (err) {
      body.destroy();
      throw err;
    }
  }
  const checker = verifying(key, expected, out.ContentLength);
  body.on('error', (err) => checker.destroy(err));
  return body.pipe(checker);
}
