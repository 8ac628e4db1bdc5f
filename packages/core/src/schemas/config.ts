import { z } from 'zod';
import { keyProblem } from '../keys/validate-key.js';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

/** Records backend (the reference's database settings). */
export const DatabaseConfigSchema = z.object({
  /** `sqlite:./data/app.db`, `sqlite::memory:`, `postgres://user@host/db`, `memory:`. */
  url: z.string().min(1).default('sqlite:./data/app.db'),
  maxConnections: z.number().int().positive().default(20),
  timeoutMs: z.number().int().positive().default(30_000),
  bulkInsertBatchSize: z.number().int().positive().max(100_000).default(1000),
});

/** Bytes backend and file-management limits. */
export const FilesConfigSchema = z.object({
  /** `file:./data`, `s3://bucket/prefix?endpoint=…&region=…&forcePathStyle=true`, `memory:`. */
  url: z.string().min(1).default('file:./data'),
  maxFileSize: z
    .number()
    .int()
    .positive()
    .default(10 * GiB),
  maxImageDimension: z.number().int().positive().default(1920),
  maxImageBytes: z
    .number()
    .int()
    .positive()
    .default(2 * MiB),
  /** Store identical bytes once (content-addressed) where the file manager supports it. */
  dedup: z.boolean().default(false),
  /** Multipart part size and concurrency, for backends that upload in parts. */
  partSize: z
    .number()
    .int()
    .min(5 * MiB)
    .default(16 * MiB),
  uploadConcurrency: z.number().int().positive().max(64).default(4),
});

/** Cache backend (the reference's CacheConfig). */
export const CacheConfigSchema = z.object({
  /** `memory:`, `redis://host:6379`, `tiered:redis://host:6379` (memory in front of Redis), `none:`. */
  url: z.string().min(1).default('memory:'),
  maxMemoryBytes: z
    .number()
    .int()
    .positive()
    .default(512 * MiB),
  defaultTtlSeconds: z.number().positive().default(3600),
  /** Prefix of every key, so several applications can share one Redis. */
  namespace: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,64}$/, 'must be 1 to 64 of A-Z a-z 0-9 . _ : - (no glob characters)')
    .default('vpe'),
});

/** Backups (the reference's BackupConfig). */
export const BackupConfigSchema = z.object({
  /** FileStore key prefix (or folder, for the CLI) where backups go. */
  directory: z
    .string()
    .superRefine((dir, ctx) => {
      const problem = keyProblem(dir, { allowTrailingSlash: true });
      if (problem)
        ctx.addIssue({ code: 'custom', message: problem.replace('a key', 'the backup directory') });
    })
    .default('backups'),
  compress: z.boolean().default(true),
  maxBackups: z.number().int().positive().default(10),
  autoBackupIntervalHours: z.number().positive().default(24),
});

/** Background maintenance intervals (the reference's performance settings). */
export const MaintenanceConfigSchema = z.object({
  enabled: z.boolean().default(false),
  vacuumIntervalHours: z.number().positive().default(24),
  cleanupIntervalHours: z.number().positive().default(6),
  /** Temp files older than this are removed by cleanup. */
  tempMaxAgeHours: z.number().positive().default(24),
});

/** The whole configuration; every field has the reference's default. */
export const StorageConfigSchema = z.object({
  database: DatabaseConfigSchema.prefault({}),
  files: FilesConfigSchema.prefault({}),
  cache: CacheConfigSchema.prefault({}),
  backup: BackupConfigSchema.prefault({}),
  maintenance: MaintenanceConfigSchema.prefault({}),
});

/** Records backend settings. */
export type DatabaseConfig = z.infer<typeof DatabaseConfigSchema>;
/** Bytes backend settings. */
export type FilesConfig = z.infer<typeof FilesConfigSchema>;
/** Cache backend settings. */
export type CacheConfig = z.infer<typeof CacheConfigSchema>;
/** Backup settings. */
export type BackupConfig = z.infer<typeof BackupConfigSchema>;
/** Background maintenance settings. */
export type MaintenanceConfig = z.infer<typeof MaintenanceConfigSchema>;
/** The whole configuration, defaults applied. */
export type StorageConfig = z.infer<typeof StorageConfigSchema>;
/** The whole configuration as written (every field optional). */
export type StorageConfigInput = z.input<typeof StorageConfigSchema>;
