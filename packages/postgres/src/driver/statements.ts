import type { SqlValue } from '@vpe-storage/sql';
import type { QueryConfig } from 'pg';

const names = new Map<string, string>();

/** pg values for the bound parameters (bigint as text: pg has no encoder for it). */
export function pgValues(params: readonly SqlValue[]): unknown[] {
  return params.map((v) => (typeof v === 'bigint' ? v.toString() : v));
}

/**
 * A named (server-side prepared) statement for one SQL text: each connection parses it once. Domain
 * queries come from a small fixed set of texts, so the names stay few.
 */
export function prepared(sql: string, params: readonly SqlValue[]): QueryConfig {
  let name = names.get(sql);
  if (name === undefined) {
    name = `vpe_${names.size + 1}`;
    names.set(sql, name);
  }
  return { name, text: sql, values: pgValues(params) };
}
