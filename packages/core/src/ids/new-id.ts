import { uuidv7 } from 'uuidv7';

/** A new time-ordered UUIDv7 id: inserts into B-tree indexes stay append-mostly. */
export function newId(): string {
  return uuidv7();
}

/** The current time as an ISO-8601 string with milliseconds, the timestamp format of every record. */
export function nowIso(): string {
  return new Date().toISOString();
}
