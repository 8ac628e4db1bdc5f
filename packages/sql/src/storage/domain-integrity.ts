import { type IntegrityIssue, isFastValidDetection, RECORD_SCHEMAS, TABLES } from '@vpe-storage/core';
import type { SqlDialect } from '../dialect/sql-dialect.js';
import type { SqlSnapshot } from '../executor/sql-executor.js';
import { TABLE_MAPPERS } from '../mapping/index.js';

/** True for the canonical `Date#toISOString()` form, which TimestampSchema accepts. */
function isCanonicalIso(value: unknown): boolean {
  if (typeof value !== 'string' || value.length !== 24) return false;
  const time = Date.parse(value);
  return !Number.isNaN(time) && new Date(time).toISOString() === value;
}

/**
 * Detections come by the million: a record the fast check accepts (and whose own fields are plainly
 * valid) skips the zod parse; anything else gets the parse and its precise message.
 */
function plainlyValidDetection(record: unknown): boolean {
  if (!isFastValidDetection(record)) return false;
  const r = record as unknown as Record<string, unknown>;
  const reviewer = r.reviewedBy;
  return (
    typeof r.id === 'string' &&
    (reviewer === null || (typeof reviewer === 'string' && reviewer.length <= 1000)) &&
    (r.reviewedAt === null || isCanonicalIso(r.reviewedAt)) &&
    isCanonicalIso(r.createdAt)
  );
}

/**
 * Domain checks the engine cannot make: every row maps to a record (its JSON columns parse) and the
 * record matches its zod schema (timeline_data included). Reads from one snapshot.
 */
export async function domainIssues(snapshot: SqlSnapshot, d: SqlDialect): Promise<IntegrityIssue[]> {
  const issues: IntegrityIssue[] = [];
  for (const table of TABLES) {
    const mapper = TABLE_MAPPERS[table];
    for await (const row of snapshot.stream(d.sql(`SELECT * FROM ${table}`))) {
      const id = String(row.id);
      let record: unknown;
      try {
        record = mapper.fromRow(row, d);
      } catch (err) {
        issues.push({
          severity: 'error',
          check: table === 'timelines' ? 'BAD_TIMELINE_DATA' : 'BAD_JSON',
          table,
          id,
          message: `${table} row has a JSON column that does not parse (${(err as Error).message}): fix or delete the row`,
        });
        continue;
      }
      if (table === 'detections' && plainlyValidDetection(record)) continue;
      const result = RECORD_SCHEMAS[table].safeParse(record);
      if (result.success) continue;
      const first = result.error.issues[0];
      issues.push({
        severity: 'error',
        check: table === 'timelines' && first?.path[0] === 'data' ? 'BAD_TIMELINE_DATA' : 'BAD_RECORD',
        table,
        id,
        message: `${table} row does not match its schema at ${first?.path.join('.') || '(root)'}: ${first?.message}`,
      });
    }
  }
  return issues;
}
