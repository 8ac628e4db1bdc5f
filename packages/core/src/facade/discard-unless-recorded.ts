import type { FacadeFileManager } from './file-manager-port.js';
import { removeQuietly } from './remove-quietly.js';

/**
 * After the record write that was to name `keys` failed, removes those files only if a re-read of the store
 * (`recorded`) proves that no record names them. Whatever the error said: on PostgreSQL a connection lost after
 * COMMIT reports UNAVAILABLE although the row landed, and a concurrent retry may have committed the same key.
 * If the re-read fails too the files stay: an orphan is found by `cleanup`/`checkIntegrity`, a record naming a
 * deleted file is lost data.
 */
export async function discardUnlessRecorded(
  fileManager: Pick<FacadeFileManager, 'delete'>,
  keys: readonly string[],
  recorded: () => Promise<boolean>,
): Promise<void> {
  const landed = await recorded().catch(() => true);
  if (!landed) await removeQuietly(fileManager, keys);
}
