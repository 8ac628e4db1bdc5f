import { z } from 'zod';
import { IdSchema, LabelSchema, MetadataSchema, TimestampSchema } from './common.js';

/** What a caller gives to record who did what to which record. */
export const AuditInputSchema = z.object({
  actor: z.string().max(1000).nullable().default(null),
  action: LabelSchema,
  entityType: LabelSchema,
  entityId: IdSchema,
  details: MetadataSchema.default({}),
});
/** A stored audit entry (table `audit_log`). */
export const AuditEntrySchema = z.object({ id: IdSchema, ...AuditInputSchema.shape, at: TimestampSchema });

export type AuditInput = z.input<typeof AuditInputSchema>;
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
