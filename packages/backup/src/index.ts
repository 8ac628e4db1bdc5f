// The BackupManager implementation lands here; its contract lives in @vpe-storage/core (contracts/backup.ts).
export type {
  BackupInfo,
  BackupManager,
  BackupOptions,
  BackupProgress,
  BackupVerification,
} from '@vpe-storage/core';
