import { link, open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { patternBytes, rejectsWithCode } from '../assert.js';
import { type HarnessFactory, useContext } from './harness.js';
import { ForwardingStore } from './store-views.js';

/** secureDelete: overwrite in place on local files, plain delete on remote stores. */
export function secureDeleteCases(factory: HarnessFactory): void {
  describe('secureDelete', () => {
    const ctx = useContext(factory);

    it('overwrites a local file in place (seen through an fd kept open on the inode), then deletes the key', async (t) => {
      if (!ctx.harness.localPath) return t.skip();
      const fm = ctx.manager();
      const original = patternBytes(2.5 * 1024 * 1024 + 17, 5); // several 1 MiB chunks and a tail
      const { key } = await fm.storeModel(original, { id: 'secret', modelType: 't' });
      const path = fm.localPath(key);
      expect(path).toBeTruthy();
      const fd = await open(path as string, 'r');
      try {
        const result = await fm.secureDelete(key);
        expect(result).toEqual({ deleted: true, overwritten: true, bytesOverwritten: original.length });
        expect(await ctx.harness.store.exists(key)).toBe(false);
        const after = Buffer.alloc(original.length);
        const { bytesRead } = await fd.read(after, 0, after.length, 0);
        expect(bytesRead).toBe(original.length);
        // Random bytes: no 1 KiB block of the original survives, and it is not just zeroed.
        for (let at = 0; at < original.length; at += 1024) {
          expect(after.subarray(at, at + 1024).equals(original.subarray(at, at + 1024))).toBe(false);
        }
        expect(after.subarray(0, 4096).every((b) => b === 0)).toBe(false);
      } finally {
        await fd.close();
      }
    });

    it('refuses to overwrite a file with another hard link (CONFLICT) and leaves it intact', async (t) => {
      if (!ctx.harness.localPath) return t.skip();
      const fm = ctx.manager();
      const { key } = await fm.storeModel(Buffer.from('shared inode'), { id: 'l', modelType: 't' });
      await link(fm.localPath(key) as string, join(ctx.scratch, 'other-name'));
      await rejectsWithCode(fm.secureDelete(key), 'CONFLICT');
      expect(await ctx.harness.store.exists(key)).toBe(true);
      expect((await readFile(join(ctx.scratch, 'other-name'))).toString()).toBe('shared inode');
    });

    it('on a store without local paths it is a plain delete', async () => {
      const remote = new ForwardingStore(ctx.harness.store);
      const fm = ctx.manager({}, remote);
      const { key } = await fm.storeModel(Buffer.from('remote'), { id: 'r', modelType: 't' });
      expect(fm.localPath(key)).toBeNull();
      expect(await fm.secureDelete(key)).toEqual({ deleted: true, overwritten: false, bytesOverwritten: 0 });
      expect(await ctx.harness.store.exists(key)).toBe(false);
      expect(await fm.secureDelete(key)).toEqual({ deleted: false, overwritten: false, bytesOverwritten: 0 });
    });

    it('cleanup({ secure: true }) overwrites what it removes', async (t) => {
      if (!ctx.harness.localPath) return t.skip();
      const fm = ctx.manager();
      const original = patternBytes(4096, 9);
      const { key } = await fm.storeModel(original, { id: 'orphan', modelType: 't' });
      const fd = await open(fm.localPath(key) as string, 'r');
      try {
        const result = await fm.cleanup({ references: new Set<string>(), secure: true, graceMs: 0 });
        expect(result).toMatchObject({ modelsRemoved: 1, bytesFreed: 4096 });
        const after = Buffer.alloc(4096);
        await fd.read(after, 0, 4096, 0);
        expect(after.equals(original)).toBe(false);
      } finally {
        await fd.close();
      }
    });
  });
}
