import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import { StorageError } from '../../errors/storage-error.js';

/** A pass-through that hashes what flows and fails with `INTEGRITY` at the end when the sha256 differs. */
export function verifyingStream(key: string, expectedSha256: string): Transform {
  const hash = createHash('sha256');
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      done(null, chunk);
    },
    flush(done) {
      const actual = hash.digest('hex');
      if (actual === expectedSha256) return done();
      done(
        new StorageError(
          'INTEGRITY',
          `stored file ${JSON.stringify(key)} is corrupt: it hashes to ${actual}, not ${expectedSha256}; restore it from a backup`,
          { details: { key, expected: expectedSha256, actual } },
        ),
      );
    },
  });
}
