import type { Page, PageRequest } from '../../../contracts/page.js';
import type { AuditFilter, AuditRepository } from '../../../contracts/repositories.js';
import { checkAuditFilter } from '../../../domain/filters.js';
import { prepareAudit } from '../../../domain/prepare.js';
import type { AuditEntry, AuditInput } from '../../../schemas/audit.js';
import { pageOf } from '../paging.js';
import { copy, type MemoryDb } from '../tables.js';

/** The audit log in memory (append only). */
export class MemoryAuditRepository implements AuditRepository {
  /** Works on the tables of `db`. */
  constructor(protected readonly db: MemoryDb) {}

  /** Appends one entry. */
  async append(input: AuditInput): Promise<AuditEntry> {
    const entry = prepareAudit(input);
    this.db.tables.audit_log.set(entry.id, copy(entry));
    return copy(entry);
  }

  /** Entries matching the filter ordered by (at, id). */
  async list(filter?: AuditFilter, page?: PageRequest): Promise<Page<AuditEntry>> {
    const { entityType, entityId, actor } = checkAuditFilter(filter);
    const rows = [...this.db.tables.audit_log.values()].filter(
      (e) =>
        (entityType === undefined || e.entityType === entityType) &&
        (entityId === undefined || e.entityId === entityId) &&
        (actor === undefined || e.actor === actor),
    );
    return pageOf(rows, page, ['string', 'string'], (e) => [e.at, e.id]);
  }
}
