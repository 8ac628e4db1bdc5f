import {
  type AuditEntry,
  type AuditFilter,
  type AuditInput,
  type AuditRepository,
  checkAuditFilter,
  type Page,
  type PageRequest,
  prepareAudit,
} from '@vpe-storage/core';
import { auditMapper } from '../mapping/audit-row.js';
import { insertSql } from '../mapping/table-mapper.js';
import { fetchPage } from '../query/keyset.js';
import type { RepoContext } from './context.js';

const INSERT = insertSql(auditMapper);

/** AuditRepository over SQL (append-only). */
export class SqlAuditRepository implements AuditRepository {
  /** Runs on the executor of `ctx` (the root one, or a transaction's). */
  constructor(private readonly ctx: RepoContext) {}

  /** Appends one entry. */
  async append(input: AuditInput): Promise<AuditEntry> {
    const entry = prepareAudit(input);
    await this.ctx.exec.run(this.ctx.d.sql(INSERT), auditMapper.toRow(entry, this.ctx.d));
    return entry;
  }

  /** Entries matching the filter by (at, id). */
  async list(filter?: AuditFilter, page?: PageRequest): Promise<Page<AuditEntry>> {
    const f = checkAuditFilter(filter);
    const where: string[] = [];
    const params: string[] = [];
    for (const [column, value] of [
      ['entity_type', f.entityType],
      ['entity_id', f.entityId],
      ['actor', f.actor],
    ] as const) {
      if (value === undefined) continue;
      where.push(`${column} = ?`);
      params.push(value);
    }
    return fetchPage(
      this.ctx.exec,
      this.ctx.d,
      {
        select: 'SELECT * FROM audit_log',
        where,
        params,
        order: ['at', 'id'],
        types: ['timestamp', 'text'],
        map: (r) => auditMapper.fromRow(r, this.ctx.d),
        position: (a) => [a.at, a.id],
      },
      page,
    );
  }
}
