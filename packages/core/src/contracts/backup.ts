/** A backup as listed. */
export interface BackupInfo {
  id: string;
  createdAt: string;
  /** Rows per table and files, as in the manifest. */
  rows: Record<string, number>;
  files: number;
  bytes: number;
}

/** Progress of a long backup operation. */
export interface BackupProgress {
  phase: 'records' | 'files' | 'verify' | 'restore' | 'prune';
  done: number;
  total: number | null;
}

/** Result of verifying a backup byte for byte against its manifest. */
export interface BackupVerification {
  id: string;
  ok: boolean;
  problems: string[];
}

/** Options shared by the long operations. */
export interface BackupOptions {
  onProgress?: (progress: BackupProgress) => void;
  signal?: AbortSignal;
}

/** Portable backups of a BaseStorage + FileStore pair (implemented by @vpe-storage/backup). */
export interface BackupManager {
  create(options?: BackupOptions & { name?: string }): Promise<BackupInfo>;
  list(): Promise<BackupInfo[]>;
  verify(id: string, options?: BackupOptions): Promise<BackupVerification>;
  /** Restores into an empty target; `CORRUPT_BACKUP` when verification fails, nothing changed. */
  restore(id: string, options?: BackupOptions): Promise<void>;
  /** Keeps the newest `keep` backups (default: the configured maximum); returns the ids removed. */
  prune(keep?: number): Promise<string[]>;
}
