export { createBaseStorage } from './create-base-storage.js';
export { sqliteDialect } from './dialect/sqlite-dialect.js';
export { SqliteDatabase } from './driver/sqlite-database.js';
export { extractSqliteError, mapSqliteError, SQLITE_ERROR_TABLE } from './driver/sqlite-errors.js';
export { isLegacyDatabase } from './legacy/adopt-legacy.js';
export { legacyPathToKey } from './legacy/file-keys.js';
export { SQLITE_MIGRATIONS } from './schema/migrations.js';
export { SqliteStorage, type SqliteStorageOptions, type SqliteSynchronous } from './sqlite-storage.js';
export { parseSqliteUrl } from './url/parse-sqlite-url.js';
