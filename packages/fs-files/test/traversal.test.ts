// Keys never escape the root: syntax is refused by core, symlinks that lead outside by the store.
import { lstat, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isStorageError } from '@vpe-storage/core';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { LocalFileStore } from '../src/index.js';
import { freshRoot } from './helpers.js';

const NASTY_KEYS = [
  '..',
  '../x',
  '../../etc/passwd',
  'a/../../x',
  'a/./b',
  './a',
  '/etc/passwd',
  '//etc/passwd',
  '\\etc\\passwd',
  '..\\..\\x',
  'a\\..\\b',
  'C:\\Windows\\win.ini',
  'C:/Windows/win.ini',
  'x\u0000.bin',
  '%2e%2e/x',
  '%2E%2E%2Fetc%2Fpasswd',
  'a/%2e%2e/%2e%2e/x',
  '..%2fx',
  '..%5cx',
  '\uff0e\uff0e/x',
  '\u2024\u2024/x',
  '\ufe52\ufe52/x',
  'a\uff0f..\uff0fx',
  'a\uff3c..\uff3cx',
  'a//b',
  'a/',
  '',
  '.',
  'a/\n/b',
  'a\r',
  `${'../'.repeat(40)}etc/passwd`,
  `${'x'.repeat(300)}`,
  `${'a/'.repeat(600)}b`,
];

describe('keys never escape the root', () => {
  let base = '';
  let root = '';
  let outside = '';
  let store: LocalFileStore;

  beforeEach(async () => {
    base = await freshRoot('vpe-trav-');
    root = join(base, 'store');
    outside = join(base, 'outside');
    await mkdir(outside, { recursive: true });
    await writeFile(join(outside, 'secret.txt'), 'secret');
    store = new LocalFileStore({ root });
    await store.put('ok/file.bin', Buffer.from('ok'));
  });
  afterEach(async () => {
    await store.close();
    await rm(base, { recursive: true, force: true });
  });

  async function expectCode(action: Promise<unknown>, codes: string[], label: string): Promise<void> {
    const err = await action.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err, `${label} succeeded`).not.toBeNull();
    expect(isStorageError(err), `${label}: ${String(err)}`).toBe(true);
    expect(codes, `${label}: ${String(err)}`).toContain((err as { code: string }).code);
  }

  test(`${NASTY_KEYS.length} nasty keys are refused by every method and create nothing anywhere`, async () => {
    expect(NASTY_KEYS.length).toBeGreaterThanOrEqual(30);
    const before = await readdir(base, { recursive: true });
    for (const key of NASTY_KEYS) {
      const label = JSON.stringify(key).slice(0, 40);
      await expectCode(store.put(key, Buffer.from('evil')), ['VALIDATION'], `put ${label}`);
      await expectCode(store.get(key), ['VALIDATION'], `get ${label}`);
      await expectCode(store.head(key), ['VALIDATION'], `head ${label}`);
      await expectCode(store.exists(key), ['VALIDATION'], `exists ${label}`);
      await expectCode(store.delete(key), ['VALIDATION'], `delete ${label}`);
      await expectCode(store.copy('ok/file.bin', key), ['VALIDATION'], `copy to ${label}`);
      await expectCode(store.move(key, 'ok/moved.bin'), ['VALIDATION'], `move from ${label}`);
    }
    expect(await readdir(base, { recursive: true })).toEqual(before);
  });

  test('a folder symlink inside the root pointing to /etc is refused for reads and writes', async () => {
    await symlink('/etc', join(root, 'objects', 'etc-link'));
    const denied = ['PERMISSION_DENIED'];
    await expectCode(store.get('etc-link/passwd'), denied, 'get through link');
    await expectCode(store.head('etc-link/passwd'), denied, 'head through link');
    await expectCode(store.exists('etc-link/passwd'), denied, 'exists through link');
    await expectCode(store.put('etc-link/vpe-evil', Buffer.from('x')), denied, 'put through link');
    await expectCode(store.delete('etc-link/passwd'), denied, 'delete through link');
    await expectCode(store.copy('etc-link/passwd', 'ok/stolen'), denied, 'copy from link');
    await expectCode(store.copy('ok/file.bin', 'etc-link/vpe-evil'), denied, 'copy into link');
    await expectCode(store.move('ok/file.bin', 'etc-link/vpe-evil'), denied, 'move into link');
    await expectCode(store.list({ prefix: 'etc-link/' }), denied, 'list inside link');
    expect((await store.list()).items.map((e) => e.key)).toEqual(['ok/file.bin']);
    expect(await store.exists('ok/file.bin')).toBe(true);
    expect(await readdir('/etc')).not.toContain('vpe-evil');
  });

  test('a file symlink to /etc/passwd and a folder symlink to a sibling folder are refused', async () => {
    await symlink('/etc/passwd', join(root, 'objects', 'ok', 'passwd'));
    await symlink(outside, join(root, 'objects', 'out'));
    await symlink(dirname(root), join(root, 'objects', 'up'));
    const denied = ['PERMISSION_DENIED'];
    await expectCode(store.get('ok/passwd'), denied, 'get file link');
    await expectCode(store.head('ok/passwd'), denied, 'head file link');
    await expectCode(store.copy('ok/passwd', 'ok/copy'), denied, 'copy file link');
    await expectCode(store.get('out/secret.txt'), denied, 'get via sibling link');
    await expectCode(store.put('out/new.txt', Buffer.from('x')), denied, 'put via sibling link');
    await expectCode(store.put('up/outside/new.txt', Buffer.from('x')), denied, 'put via parent link');
    await expectCode(store.put('out/deeper/new.txt', Buffer.from('x')), denied, 'put below a link (mkdir)');
    expect(await readdir(outside)).toEqual(['secret.txt']);
    expect((await store.list()).items.map((e) => e.key)).toEqual(['ok/file.bin']);
    // A put onto the link replaces the link itself (rename does not follow it): /etc/passwd is untouched.
    const passwd = await readFile('/etc/passwd');
    await store.put('ok/passwd', Buffer.from('not a password file'));
    expect(await readFile('/etc/passwd')).toEqual(passwd);
    expect((await lstat(join(root, 'objects', 'ok', 'passwd'))).isSymbolicLink()).toBe(false);
  });
});
