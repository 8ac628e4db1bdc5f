// The metadata sidecar of an object: written after its bytes are durable, trusted only while it matches the file.
import { randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import { mkdir, open, readdir, readFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { FileInfo } from '@vpe-storage/core';
/** What a sidecar holds (JSON, version 1). */
export interface Sidecar {
  v: 1;
  key: string;
  size: number;
  sha256: string;
  contentType: string;
  metadata: Record<string, string>;
  /** Identity of the data file the sidecar describes: a rename keeps it, any rewrite changes it. */
  ino: number;
  mtimeMs: number;
}

// A hand-written guard: fs-files has no zod of its own, and a sidecar is our own file, not user input.
function isSidecar(v: unknown): v is Sidecar {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  const meta = s.metadata;
  return (
    s.v === 1 &&
    typeof s.key === 'string' &&
    Number.isSafeInteger(s.size) &&
    typeof s.sha256 === 'string' &&
    /^[0-9a-f]{64}$/.test(s.sha256) &&
    typeof s.contentType === 'string' &&
    typeof s.ino === 'number' &&
    typeof s.mtimeMs === 'number' &&
    typeof meta === 'object' &&
    meta !== null &&
    Object.values(meta).every((x) => typeof x === 'string')
  );
}

/** The sidecar for `info`, bound to the data file whose stats are `st`. */
export function sidecarFor(
  info: Omit<FileInfo, 'lastModified'>,
  st: Pick<Stats, 'ino' | 'mtimeMs'>,
): Sidecar {
  return {
    v: 1,
    key: info.key,
    size: info.size,
    sha256: info.sha256,
    contentType: info.contentType,
    metadata: info.metadata,
    ino: st.ino,
    mtimeMs: st.mtimeMs,
  };
}

/** The sidecar at `path`, or null when it is missing or unreadable (a crash can leave either). */
export async function readSidecar(path: string): Promise<Sidecar | null> {
  try {
    const value: unknown = JSON.parse(await readFile(path, 'utf8'));
    return isSidecar(value) ? value : null;
  } catch {
    return null;
  }
}

/** Whether the sidecar still describes the data file `st` of `key` (else: recompute and repair). */
export function isFresh(sc: Sidecar | null, st: Stats, key: string): sc is Sidecar {
  return (
    sc !== null && sc.key === key && sc.ino === st.ino && sc.size === st.size && sc.mtimeMs === st.mtimeMs
  );
}

/** Writes the sidecar to a temp file (synced when `durable`) and returns its path; rename it into place to commit. */
export async function stageSidecar(tempDir: string, sc: Sidecar, durable: boolean): Promise<string> {
  const tmp = join(tempDir, `${randomBytes(12).toString('hex')}.json.tmp`);
  const fh = await open(tmp, 'wx');
  try {
    await fh.writeFile(JSON.stringify(sc));
    if (durable) await fh.sync();
  } finally {
    await fh.close();
  }
  return tmp;
}

/** Moves a staged sidecar into place. */
export async function commitSidecar(staged: string, path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await rename(staged, path);
}

/** The FileInfo of a data file from its fresh sidecar and stats. */
export function infoFrom(sc: Sidecar, st: Stats): FileInfo {
  return {
    key: sc.key,
    size: st.size,
    sha256: sc.sha256,
    contentType: sc.contentType,
    metadata: { ...sc.metadata },
    lastModified: st.mtime.toISOString(),
  };
}

/**
 * The sidecar a put staged in `tempDir` for the data file `st` of `key`: after a crash between the
 * data rename and the sidecar rename it still holds the content type and metadata of that put.
 */
export async function findStagedSidecar(tempDir: string, key: string, st: Stats): Promise<Sidecar | null> {
  for (const name of await readdir(tempDir).catch(() => [] as string[])) {
    if (!name.endsWith('.json.tmp')) continue;
    const sc = await readSidecar(join(tempDir, name));
    if (isFresh(sc, st, key)) return sc;
  }
  return null;
}
