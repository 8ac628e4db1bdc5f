import type { StorageError } from '@vpe-storage/core';
import { type DriverErrorInfo, type DriverErrorTable, mapDriverError } from '@vpe-storage/sql';
import { redactPasswords } from '../url/redact.js';

const LOST = 'the connection to PostgreSQL was lost (server restart, network, or terminated backend): retry';

/**
 * SQLSTATE codes (exact, or their two-character class) and Node socket codes → StorageError codes.
 * `CONNECTION_LOST` stands for pg's code-less "Connection terminated" errors.
 */
export const PG_ERROR_TABLE: DriverErrorTable = {
  '23503': {
    code: 'CONSTRAINT',
    hint: 'a referenced record (video, scene, timeline version) does not exist: create the parent first',
  },
  '23505': {
    code: 'ALREADY_EXISTS',
    hint: 'a record with this id or unique value already exists: use another',
  },
  '23514': { code: 'CONSTRAINT', hint: 'the row breaks a CHECK constraint of the schema: fix the value' },
  '23': { code: 'CONSTRAINT', hint: 'the row breaks a constraint of the schema: fix the value' },
  '22': {
    code: 'VALIDATION',
    hint: 'a value cannot be stored in its column (range, encoding, NUL): fix the value',
  },
  '40001': { code: 'CONFLICT', retryable: true, hint: 'a concurrent transaction conflicted: retry' },
  '40P01': {
    code: 'CONFLICT',
    retryable: true,
    hint: 'a deadlock was detected and this transaction was chosen: retry',
  },
  '25P02': {
    code: 'CONFLICT',
    retryable: true,
    hint: 'an earlier statement of this transaction failed, so PostgreSQL aborted it: retry the whole transaction',
  },
  '57014': {
    code: 'TIMEOUT',
    hint: 'the statement ran longer than database.timeoutMs (statement_timeout): raise it or narrow the query',
  },
  '55P03': { code: 'TIMEOUT', hint: 'a lock could not be taken in time: retry' },
  '57P01': {
    code: 'UNAVAILABLE',
    retryable: true,
    hint: 'the server is shutting down or terminated the session: retry',
  },
  '57P02': { code: 'UNAVAILABLE', retryable: true, hint: 'the server crashed and is restarting: retry' },
  '57P03': {
    code: 'UNAVAILABLE',
    retryable: true,
    hint: 'the server is starting up or in recovery: retry shortly',
  },
  '53100': { code: 'NO_SPACE', hint: 'the database server disk is full: free space and retry' },
  '53300': {
    code: 'UNAVAILABLE',
    retryable: true,
    hint: 'the server has too many connections: lower database.maxConnections or retry',
  },
  '53': { code: 'UNAVAILABLE', retryable: true, hint: 'the server ran out of resources: retry' },
  '08': { code: 'UNAVAILABLE', retryable: true, hint: LOST },
  '28': {
    code: 'PERMISSION_DENIED',
    hint: 'authentication failed: check the user and password of the database URL',
  },
  '42501': {
    code: 'PERMISSION_DENIED',
    hint: 'the database user lacks a privilege: grant it, or use another user',
  },
  '3D000': {
    code: 'UNAVAILABLE',
    retryable: false,
    hint: 'the database does not exist: create it, or fix the URL',
  },
  '42P01': { code: 'INTEGRITY', hint: 'a table of the schema is missing: run the migrations (initialize)' },
  XX001: { code: 'INTEGRITY', hint: 'PostgreSQL found corrupted data: restore from a backup' },
  XX002: { code: 'INTEGRITY', hint: 'PostgreSQL found a corrupted index: REINDEX it' },
  CONNECTION_LOST: { code: 'UNAVAILABLE', retryable: true, hint: LOST },
  STALE_PLAN: {
    code: 'CONFLICT',
    retryable: true,
    hint: 'a migration changed a table while this connection had the statement prepared: retry',
  },
  CONNECT_TIMEOUT: {
    code: 'TIMEOUT',
    hint: 'no connection within database.timeoutMs: the server is unreachable or all maxConnections are busy',
  },
  ECONNREFUSED: {
    code: 'UNAVAILABLE',
    retryable: true,
    hint: 'nothing accepts connections at the database URL: start PostgreSQL or fix the URL',
  },
  ECONNRESET: { code: 'UNAVAILABLE', retryable: true, hint: LOST },
  EPIPE: { code: 'UNAVAILABLE', retryable: true, hint: LOST },
  ETIMEDOUT: {
    code: 'UNAVAILABLE',
    retryable: true,
    hint: 'connecting to PostgreSQL timed out: check the network and retry',
  },
  EHOSTUNREACH: {
    code: 'UNAVAILABLE',
    retryable: true,
    hint: 'the database host is unreachable: check the network',
  },
  ENETUNREACH: {
    code: 'UNAVAILABLE',
    retryable: true,
    hint: 'the network is unreachable: check the network',
  },
  ENOTFOUND: {
    code: 'UNAVAILABLE',
    retryable: false,
    hint: 'the database host name does not resolve: fix the URL',
  },
  EAI_AGAIN: {
    code: 'UNAVAILABLE',
    retryable: true,
    hint: 'the database host name could not be resolved now: retry',
  },
};

// pg reports a lost or unusable connection, and a connect timeout, with messages but no code.
const LOST_MESSAGES =
  /^Connection terminated$|Connection terminated unexpectedly|connection error|not queryable|Client was closed/i;
const CONNECT_TIMEOUT_MESSAGES =
  /timeout exceeded when trying to connect|Connection terminated due to connection timeout/i;

/** Reads the SQLSTATE or socket code of anything pg throws, normalized to a key of {@link PG_ERROR_TABLE}. */
export function extractPgError(err: unknown): DriverErrorInfo | null {
  const e = err as { code?: unknown; message?: unknown; detail?: unknown } | null;
  if (!e || typeof e !== 'object') return null;
  const raw = typeof e.message === 'string' && e.message.length > 0 ? e.message : '';
  const detail = typeof e.detail === 'string' ? ` (${e.detail})` : '';
  if (typeof e.code === 'string' && e.code.length > 0) {
    const code = e.code;
    // A prepared `SELECT *` whose table gained a column in another session; the statement did not run.
    if (code === '0A000' && /cached plan must not change result type/.test(raw)) {
      return { code: 'STALE_PLAN', message: redactPasswords(raw) };
    }
    const key =
      code in PG_ERROR_TABLE
        ? code
        : /^[0-9A-Z]{5}$/.test(code) && code.slice(0, 2) in PG_ERROR_TABLE
          ? code.slice(0, 2)
          : code;
    const sqlstate = key !== code ? ` [SQLSTATE ${code}]` : '';
    return { code: key, message: redactPasswords(`${raw || code}${detail}${sqlstate}`) };
  }
  if (CONNECT_TIMEOUT_MESSAGES.test(raw)) return { code: 'CONNECT_TIMEOUT', message: redactPasswords(raw) };
  if (LOST_MESSAGES.test(raw)) return { code: 'CONNECTION_LOST', message: redactPasswords(raw) };
  return null;
}

/** Maps anything pg throws to a StorageError (passwords stripped from messages). */
export function mapPgError(err: unknown, context?: string): StorageError {
  const mapped = mapDriverError(err, PG_ERROR_TABLE, extractPgError, context);
  if (mapped.code === 'INTERNAL') {
    const clean = redactPasswords(mapped.message);
    if (clean !== mapped.message) Object.defineProperty(mapped, 'message', { value: clean });
  }
  return mapped;
}

/** True for a prepared statement made stale by a schema change: nothing ran, and a new connection fixes it. */
export function isStalePlan(err: StorageError): boolean {
  return err.details.driverCode === 'STALE_PLAN';
}
