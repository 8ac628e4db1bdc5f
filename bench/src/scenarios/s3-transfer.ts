// 1 GiB put and get through S3FileStore vs the raw SDK (lib-storage Upload / GetObject) against
// the same s3rver, in the same run: rounds interleave (put order rotated each round), best of ROUNDS.
// s3rver runs in a child process (as a real server would: not on the client's event loop) writing
// to a temp folder; it is the bottleneck, the ratios are what count.
// VPE_BENCH_S3_MB changes the object size (default 1024).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { CreateBucketCommand, DeleteObjectCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { S3FileStore } from '@vpe-storage/s3-files';
import { type BenchRow, now, type Scenario, throughputRow, withPeakRss } from '../measure.js';

const MiB = 1024 * 1024;
const SIZE = Number(process.env.VPE_BENCH_S3_MB ?? 1024) * MiB;
const ROUNDS = Number(process.env.VPE_BENCH_ROUNDS ?? 3);
const PART_SIZE = 16 * MiB;
const QUEUE_SIZE = 4;
const BUCKET = 'bench';
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

// The child: starts s3rver on a random loopback port and prints the port.
const SERVER_SCRIPT = `
const S3rver = require(process.argv[1]);
new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: process.argv[2] })
  .run().then((a) => console.log(JSON.stringify({ port: a.port })));
`;

/** Starts s3rver in a child process; resolves with its port and a stopper. */
async function startServer(dir: string): Promise<{ port: number; stop(): Promise<void> }> {
  const entry = createRequire(import.meta.url).resolve('s3rver');
  const child = spawn(process.execPath, ['-e', SERVER_SCRIPT, entry, dir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`s3rver exited with ${code}`)));
    child.stdout.once('data', (line: Buffer) =>
      resolve((JSON.parse(line.toString()) as { port: number }).port),
    );
  });
  child.removeAllListeners('exit');
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}

// A SIZE-byte stream generated on the fly (one 1 MiB block repeated, never mutated): nothing is buffered.
function source(): Readable {
  const block = Buffer.alloc(MiB);
  for (let i = 0; i < MiB; i++) block[i] = (i * 31 + 7) & 0xff;
  return Readable.from(
    (function* () {
      for (let sent = 0; sent < SIZE; sent += MiB) yield block.subarray(0, Math.min(MiB, SIZE - sent));
    })(),
  );
}

async function drain(body: AsyncIterable<Uint8Array>): Promise<number> {
  let n = 0;
  for await (const chunk of body) n += chunk.length;
  return n;
}

/** MB/s (10^6 bytes) of one timed transfer, with the peak RSS seen while it ran. */
async function timed(fn: () => Promise<void>): Promise<{ mbps: number; rss: number }> {
  const { value: ms, peakRss } = await withPeakRss(async () => {
    const t0 = now();
    await fn();
    return now() - t0;
  });
  return { mbps: SIZE / 1e6 / (ms / 1000), rss: peakRss };
}

const scenario: Scenario = {
  name: 's3-transfer',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'vpe-bench-s3-'));
    const server = await startServer(dir);
    const { port } = server;
    const endpoint = `http://127.0.0.1:${port}`;
    // Same settings as the store's client: without WHEN_REQUIRED s3rver stores aws-chunked framing.
    const raw = new S3Client({
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: CREDENTIALS,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    await raw.send(new CreateBucketCommand({ Bucket: BUCKET }));
    const store = new S3FileStore({
      bucket: BUCKET,
      prefix: 'adapter/',
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: CREDENTIALS,
      partSize: PART_SIZE,
      uploadConcurrency: QUEUE_SIZE,
    });

    const rawPut = () =>
      timed(async () => {
        await new Upload({
          client: raw,
          params: { Bucket: BUCKET, Key: 'raw/object.bin', Body: source() },
          partSize: PART_SIZE,
          queueSize: QUEUE_SIZE,
          leavePartsOnError: false,
        }).done();
      });
    const adapterPut = () =>
      timed(async () => {
        const info = await store.put('object.bin', source());
        if (info.size !== SIZE) throw new Error(`adapter stored ${info.size} bytes`);
      });
    // A caller that knows the hash (backup restore, a copy between stores) gets the direct path.
    const hash = createHash('sha256');
    for await (const chunk of source()) hash.update(chunk as Buffer);
    const expectedSha256 = hash.digest('hex');
    const adapterPutKnown = () =>
      timed(async () => {
        const info = await store.put('known.bin', source(), { expectedSha256 });
        if (info.size !== SIZE) throw new Error(`adapter stored ${info.size} bytes`);
      });
    const rawGet = () =>
      timed(async () => {
        const out = await raw.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'raw/object.bin' }));
        const n = await drain(out.Body as AsyncIterable<Uint8Array>);
        if (n !== SIZE) throw new Error(`raw read ${n} bytes`);
      });
    const adapterGet = () =>
      timed(async () => {
        const n = await drain(await store.get('object.bin'));
        if (n !== SIZE) throw new Error(`adapter read ${n} bytes`);
      });

    let copyMbps = 0;
    const best = { rawPut: 0, adapterPut: 0, adapterPutKnown: 0, rawGet: 0, adapterGet: 0 };
    const rss = { adapter: 0, raw: 0 };
    const note = (k: keyof typeof best, r: { mbps: number; rss: number }, who: 'adapter' | 'raw') => {
      best[k] = Math.max(best[k], r.mbps);
      rss[who] = Math.max(rss[who], r.rss);
      console.log(`  ${k}: ${r.mbps.toFixed(1)} MB/s, rss ${(r.rss / MiB).toFixed(0)} MiB`);
    };
    try {
      for (let round = 0; round < ROUNDS; round++) {
        // Fresh objects each round so both sides write the same amount; order flips each round.
        await raw.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'raw/object.bin' }));
        await store.delete('object.bin');
        await store.delete('known.bin');
        global.gc?.();
        // Rotate the put order so every variant takes every position (the first transfer of a round runs
        // fastest on this machine); gets alternate.
        const puts = [
          async () => note('rawPut', await rawPut(), 'raw'),
          async () => note('adapterPut', await adapterPut(), 'adapter'),
          async () => note('adapterPutKnown', await adapterPutKnown(), 'adapter'),
        ];
        for (let i = 0; i < puts.length; i++) await puts[(round + i) % puts.length]?.();
        if (round % 2 === 0) {
          note('rawGet', await rawGet(), 'raw');
          note('adapterGet', await adapterGet(), 'adapter');
        } else {
          note('adapterGet', await adapterGet(), 'adapter');
          note('rawGet', await rawGet(), 'raw');
        }
      }
      // What the atomic put adds on the server: one server-side copy of the whole object.
      const copy = await timed(async () => {
        await store.copy('object.bin', 'copy.bin');
      });
      console.log(`  server-side copy: ${copy.mbps.toFixed(1)} MB/s`);
      copyMbps = copy.mbps;
      await store.delete('copy.bin');
    } finally {
      await store.close();
      raw.destroy();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
    const rows: BenchRow[] = [
      throughputRow(`put ${SIZE / MiB} MiB`, 'MB/s', best.adapterPut, best.rawPut, 0.9),
      throughputRow(
        `put ${SIZE / MiB} MiB, expectedSha256 given`,
        'MB/s',
        best.adapterPutKnown,
        best.rawPut,
        0.9,
      ),
      throughputRow(`get ${SIZE / MiB} MiB`, 'MB/s', best.adapterGet, best.rawGet, 0.9),
      {
        metric: 'peak RSS of the client process',
        unit: 'MiB',
        adapter: rss.adapter / MiB,
        raw: rss.raw / MiB,
        ratio: rss.adapter / rss.raw,
      },
    ];
    return {
      rows,
      extra: {
        serverCopyMBps: Number(copyMbps.toFixed(1)),
        sizeBytes: SIZE,
        partSize: PART_SIZE,
        queueSize: QUEUE_SIZE,
        rounds: ROUNDS,
      },
    };
  },
};

export default scenario;
