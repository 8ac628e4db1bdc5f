import { z } from 'zod';
import { IdSchema, LabelSchema, MetadataSchema, NoteSchema, TimestampSchema } from './common.js';

/** What a caller gives to record who did what to which record. */
export const AuditInputSchema = z.object({
  actor: NoteSchema.nullable().default(null),
  action: LabelSchema,
  entityType: LabelSchema,
  entityId: IdSchema,
  details: MetadataSchema.default({}),
});
/** A stored audit entry (table `audit_log`). */
export const AuditEntrySchema = z.object({ id: IdSchema, ...AuditInputSchema.shape, at: TimestampSchema });

/** What a caller gives to append an audit entry (before defaults). */
export type AuditInput = z.input<typeof AuditInputSchema>;
/** A stored audit entry. */
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
