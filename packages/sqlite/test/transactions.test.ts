import { isStorageError } from '@vpe-storage/core';
import { afterEach, expect, test } from 'vitest';
import { openTempStorage } from './helpers/temp-db.js';

let dispose: (() => Promise<void>) | null = null;
afterEach(async () => {
  await dispose?.();
  dispose = null;
});

const video = (id: string) => ({
  id,
  filename: `${id}.mp4`,
  fileKey: `videos/${id}.mp4`,
  duration: 1,
  frameRate: 1,
  width: 1,
  height: 1,
  fileSize: 0,
});
const tick = () => new Promise((r) => setTimeout(r, 5));

test('a caller outside never lands inside an open transaction that later rolls back', async () => {
  const t = await openTempStorage();
  dispose = t.dispose;
  const { storage } = t;
  // The outside caller is set up outside the transaction's async context and released from inside it.
  let release!: () => void;
  const gate = new Promise<void>((r) => {
    release = r;
  });
  const outside = gate.then(() => storage.videos.create(video('outside')));
  const failing = storage.transaction(async (tx) => {
    await tx.videos.create(video('in-tx'));
    release();
    await tick();
    throw new Error('boom');
  });
  await expect(failing).rejects.toThrow('boom');
  await outside;
  expect(await storage.videos.get('in-tx')).toBeNull();
  expect(await storage.videos.get('outside')).not.toBeNull();
});

test('transactions from concurrent callers are serialized, each all or nothing', async () => {
  const t = await openTempStorage();
  dispose = t.dispose;
  const { storage } = t;
  const results = await Promise.allSettled(
    Array.from({ length: 10 }, (_, i) =>
      storage.transaction(async (tx) => {
        await tx.videos.create(video(`a${i}`));
        await tick();
        await tx.videos.create(video(`b${i}`));
        if (i % 2 === 1) throw new Error(`fail ${i}`);
      }),
    ),
  );
  expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
  const ids = (await storage.videos.list({ limit: 100 })).items.map((v) => v.id).sort();
  expect(ids).toEqual(['a0', 'a2', 'a4', 'a6', 'a8', 'b0', 'b2', 'b4', 'b6', 'b8']);
});

test('nested transaction is CONFLICT; a root call from inside joins instead of deadlocking', async () => {
  const t = await openTempStorage();
  dispose = t.dispose;
  const { storage } = t;
  await storage.transaction(async (tx) => {
    await tx.videos.create(video('x'));
    const nested = await storage.transaction(async () => 1).catch((e: unknown) => e);
    expect(isStorageError(nested, 'CONFLICT')).toBe(true);
    // The root repositories see (and write into) the open transaction.
    expect(await storage.videos.get('x')).not.toBeNull();
    await storage.videos.create(video('y'));
  });
  expect(await storage.videos.get('y')).not.toBeNull();
  let kept: Parameters<Parameters<typeof storage.transaction>[0]>[0] | null = null;
  await storage.transaction(async (tx) => {
    kept = tx;
  });
  await expect(kept!.videos.get('x')).rejects.toMatchObject({ code: 'CONFLICT' });
});

test('a transaction holding the write lock makes a second process wait, then UNAVAILABLE after timeoutMs', async () => {
  const t = await openTempStorage();
  dispose = t.dispose;
  const { SqliteStorage } = await import('../src/index.js');
  const other = new SqliteStorage({ path: t.file, timeoutMs: 200 });
  await other.initialize();
  try {
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    const tx = t.storage.transaction(async (x) => {
      await x.videos.create(video('locked'));
      await held;
    });
    await tick();
    const started = Date.now();
    const err = await other.videos.create(video('blocked')).catch((e: unknown) => e);
    expect(isStorageError(err, 'UNAVAILABLE')).toBe(true);
    expect((err as { retryable: boolean }).retryable).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    release();
    await tx;
    await other.videos.create(video('after'));
    expect(await t.storage.videos.get('after')).not.toBeNull();
  } finally {
    await other.close();
  }
});
