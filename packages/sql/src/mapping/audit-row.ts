import type { AuditEntry } from '@vpe-storage/core';
import { objectOf, type TableMapper, textOrNull } from './table-mapper.js';

/** Audit entries ↔ rows of `audit_log`. */
export const auditMapper: TableMapper<AuditEntry> = {
  table: 'audit_log',
  key: ['id'],
  columns: ['id', 'actor', 'action', 'entity_type', 'entity_id', 'details', 'at'],
  toRow: (a, d) => [a.id, a.actor, a.action, a.entityType, a.entityId, d.json(a.details), d.timestamp(a.at)],
  fromRow: (r, d) => ({
    id: String(r.id),
    actor: textOrNull(r.actor),
    action: String(r.action),
    entityType: String(r.entity_type),
    entityId: String(r.entity_id),
    details: objectOf(r.details, d),
    at: d.readTimestamp(r.at),
  }),
};
