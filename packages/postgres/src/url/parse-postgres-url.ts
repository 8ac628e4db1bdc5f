import { StorageError } from '@vpe-storage/core';
import { redactPasswords } from './redact.js';

/** What a `postgres://` URL names: the connection string for pg, and the schema to work in (if any). */
export interface ParsedPostgresUrl {
  /** The URL pg connects with (our own `schema` parameter removed). */
  connectionString: string;
  /** From `?schema=name`: every table lives in this schema (it must exist). */
  schema: string | null;
  /** The URL with its password replaced by `***`, for messages. */
  safeUrl: string;
}

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** Checks a `postgres://` or `postgresql://` URL and takes out the `schema` parameter. */
export function parsePostgresUrl(url: string): ParsedPostgresUrl {
  const safeUrl = redactPasswords(url);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new StorageError(
      'VALIDATION',
      `invalid PostgreSQL URL ${JSON.stringify(safeUrl)}: write postgres://user@host:5432/database`,
    );
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new StorageError(
      'VALIDATION',
      `invalid PostgreSQL URL ${JSON.stringify(safeUrl)}: it must start with postgres:// or postgresql://`,
    );
  }
  const schema = parsed.searchParams.get('schema');
  if (schema !== null) checkSchemaName(schema);
  parsed.searchParams.delete('schema');
  return { connectionString: parsed.toString(), schema, safeUrl: redactPasswords(parsed.toString()) };
}

/** Checks a schema name (it goes into `search_path` unquoted): letters, digits and _, at most 63. */
export function checkSchemaName(schema: string): string {
  if (typeof schema !== 'string' || !SCHEMA_NAME.test(schema)) {
    throw new StorageError(
      'VALIDATION',
      `invalid schema ${JSON.stringify(schema)}: use letters, digits and _ (at most 63, not starting with a digit)`,
    );
  }
  return schema;
}
