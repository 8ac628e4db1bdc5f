import { resolve } from 'node:path';
import { StorageError } from '@vpe-storage/core';

/** The SQLite path a `sqlite:` URL names: `:memory:`, or an absolute file path. */
export function parseSqliteUrl(url: string, cwd = process.cwd()): string {
  const match = /^sqlite:(.*)$/i.exec(url);
  if (!match) {
    throw new StorageError(
      'VALIDATION',
      `invalid SQLite URL ${JSON.stringify(url)}: it must start with "sqlite:"`,
    );
  }
  let rest = match[1] ?? '';
  if (rest === ':memory:') return ':memory:';
  // `sqlite:///abs/file.db` is the URL form of `sqlite:/abs/file.db`; a host is meaningless for a file.
  if (rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    const host = slash === -1 ? rest.slice(2) : rest.slice(2, slash);
    if (host !== '' && host !== 'localhost') {
      throw new StorageError(
        'VALIDATION',
        `invalid SQLite URL ${JSON.stringify(url)}: SQLite opens local files; write sqlite:./relative.db or sqlite:/absolute.db`,
      );
    }
    rest = slash === -1 ? '' : rest.slice(slash);
  }
  if (rest === '' || rest.includes('\0')) {
    throw new StorageError(
      'VALIDATION',
      `invalid SQLite URL ${JSON.stringify(url)}: name a file (sqlite:./data/app.db, sqlite:/abs/app.db) or sqlite::memory:`,
    );
  }
  return resolve(cwd, rest);
}
