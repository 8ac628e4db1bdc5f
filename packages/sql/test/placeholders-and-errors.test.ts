import { StorageError } from '@vpe-storage/core';
import { describe, expect, test } from 'vitest';
import {
  type DriverErrorTable,
  dollarNumbers,
  findRule,
  mapDriverError,
  memoize,
  questionMarks,
} from '../src/index.js';

describe('placeholder rewriting', () => {
  test('? becomes $n outside quoted strings and identifiers', () => {
    expect(dollarNumbers('SELECT * FROM t WHERE a = ? AND (b, c) > (?, ?) LIMIT ?')).toBe(
      'SELECT * FROM t WHERE a = $1 AND (b, c) > ($2, $3) LIMIT $4',
    );
    expect(dollarNumbers(`SELECT '?', "we?ird" FROM t WHERE x = ? AND y = 'it''s?'`)).toBe(
      `SELECT '?', "we?ird" FROM t WHERE x = $1 AND y = 'it''s?'`,
    );
    expect(questionMarks('a = ?')).toBe('a = ?');
  });

  test('memoize rewrites each text once', () => {
    let calls = 0;
    const rewrite = memoize((s) => {
      calls++;
      return dollarNumbers(s);
    });
    expect(rewrite('x = ?')).toBe('x = $1');
    expect(rewrite('x = ?')).toBe('x = $1');
    expect(calls).toBe(1);
  });
});

describe('driver error mapping', () => {
  const table: DriverErrorTable = {
    '23503': { code: 'CONSTRAINT', hint: 'create the parent first' },
    X_BUSY: { code: 'UNAVAILABLE', retryable: true, hint: 'retry' },
  };
  const extract = (e: unknown) => {
    const x = e as { code?: unknown; message?: unknown };
    return typeof x?.code === 'string' ? { code: x.code, message: String(x.message) } : null;
  };

  test('exact codes, then shorter _-prefixes', () => {
    expect(findRule(table, '23503')?.code).toBe('CONSTRAINT');
    expect(findRule(table, 'X_BUSY_SNAPSHOT')?.code).toBe('UNAVAILABLE');
    expect(findRule(table, 'X_OTHER')).toBeUndefined();
  });

  test('maps known codes with the hint, unknown to INTERNAL, passes StorageErrors through', () => {
    const fk = mapDriverError(
      Object.assign(new Error('fk violated'), { code: '23503' }),
      table,
      extract,
      'insert',
    );
    expect(fk.code).toBe('CONSTRAINT');
    expect(fk.message).toBe('insert: fk violated: create the parent first');
    expect(fk.details).toEqual({ driverCode: '23503' });
    const busy = mapDriverError(Object.assign(new Error('locked'), { code: 'X_BUSY' }), table, extract);
    expect(busy.retryable).toBe(true);
    expect(mapDriverError(Object.assign(new Error('?'), { code: 'ZZ' }), table, extract).code).toBe(
      'INTERNAL',
    );
    expect(mapDriverError('plain', table, extract).code).toBe('INTERNAL');
    const own = new StorageError('CONFLICT', 'x');
    expect(mapDriverError(own, table, extract)).toBe(own);
  });
});
