import type { FacadeFileManager } from './file-manager-port.js';

/**
 * Removes files whose record is gone (or never landed). A failure here leaves an orphan, which `cleanup`
 * removes or `checkIntegrity` reports, so it must not mask the error or result the caller is about to get.
 */
export async function removeQuietly(
  fileManager: Pick<FacadeFileManager, 'delete'>,
  keys: Iterable<string | null | undefined>,
): Promise<void> {
  for (const key of keys) {
    if (key) await fileManager.delete(key).catch(() => false);
  }
}
