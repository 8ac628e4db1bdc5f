import type { IntegrityIssue } from '../contracts/base-storage.js';
import { isStorageError } from '../errors/storage-error.js';
import { listAll } from '../files/cleanup.js';
import { hashStream } from '../files/hash.js';
import { AREA_PREFIXES } from '../files/layout.js';
import { iteratePages } from '../pagination/iterate.js';
import { JOB_STATUSES } from '../schemas/job.js';
import type { FacadeDeps } from './facade-deps.js';

/** The checks the facade adds to the backend's own (`FOREIGN_KEY`, `BAD_TIMELINE_DATA`, …). */
export type FacadeIntegrityCheck =
  | 'MISSING_FILE'
  | 'CHECKSUM_MISMATCH'
  | 'SIZE_MISMATCH'
  | 'ORPHANED_FILE'
  | 'DANGLING_REFERENCE';

/** Options of `checkIntegrity`. */
export interface IntegrityOptions {
  /** Re-read and hash every video that has a checksum (default true; false trusts the store's recorded hash). */
  verifyContent?: boolean;
}

/** What `checkIntegrity` found: `ok` is true when no issue has severity `error` or `warning`. */
export interface IntegrityReport {
  ok: boolean;
  issues: IntegrityIssue[];
  checked: { references: number; files: number; bytesHashed: number };
}

// Orphans are looked for where records point; temp/, cache/, backups/ and dedup blobs are cleanup's business.
const MANAGED_PREFIXES = [
  AREA_PREFIXES.videos,
  AREA_PREFIXES.frames,
  AREA_PREFIXES.models,
  AREA_PREFIXES.output,
];

/** Records against files and records against records, on top of the backend's structural checks. */
export async function checkIntegrity(
  deps: FacadeDeps,
  options: IntegrityOptions = {},
): Promise<IntegrityReport> {
  const verifyContent = options.verifyContent ?? true;
  const issues: IntegrityIssue[] = [...(await deps.storage.checkIntegrity())];
  const referenced = new Set<string>();
  let references = 0;
  let bytesHashed = 0;

  for await (const ref of deps.storage.fileReferences()) {
    references += 1;
    referenced.add(ref.key);
    const info = await deps.fileManager.head(ref.key);
    const where = { table: ref.table, id: ref.id, key: ref.key };
    if (!info) {
      issues.push({
        severity: 'error',
        check: 'MISSING_FILE',
        ...where,
        message: `${ref.table} ${ref.id}: ${ref.column} names ${ref.key}, which does not exist`,
      });
      continue;
    }
    if (ref.table !== 'videos') continue;
    const video = await deps.storage.videos.get(ref.id);
    if (!video) continue;
    if (video.fileSize !== info.size) {
      issues.push({
        severity: 'error',
        check: 'SIZE_MISMATCH',
        ...where,
        message: `video ${video.id}: record says ${video.fileSize} bytes, file has ${info.size}`,
      });
    }
    if (!video.checksum) continue;
    let actual = info.sha256;
    if (verifyContent) {
      try {
        const hashed = await hashStream(await deps.fileManager.open(ref.key));
        actual = hashed.sha256;
        bytesHashed += hashed.size;
      } catch (err) {
        // A pointer whose blob is gone reads as NOT_FOUND: the bytes are missing, whatever the key says.
        if (!isStorageError(err, 'NOT_FOUND')) throw err;
        issues.push({
          severity: 'error',
          check: 'MISSING_FILE',
          ...where,
          message: `video ${video.id}: the bytes behind ${ref.key} are gone`,
        });
        continue;
      }
    }
    if (actual !== video.checksum) {
      issues.push({
        severity: 'error',
        check: 'CHECKSUM_MISMATCH',
        ...where,
        message: `video ${video.id}: sha256 of ${ref.key} is ${actual}, record says ${video.checksum}`,
      });
    }
  }

  let files = 0;
  for (const prefix of MANAGED_PREFIXES) {
    for await (const entry of listAll(deps.files, prefix)) {
      files += 1;
      if (!referenced.has(entry.key)) {
        issues.push({
          severity: 'warning',
          check: 'ORPHANED_FILE',
          key: entry.key,
          message: `${entry.key} (${entry.size} bytes) is named by no record; \`cleanup\` removes orphaned frames and models`,
        });
      }
    }
  }

  issues.push(...(await danglingReferences(deps)));
  return { ok: !issues.some(isProblem), issues, checked: { references, files, bytesHashed } };
}

/** An issue that makes the report not ok; lighter severities a backend reports (info) do not. */
function isProblem(issue: IntegrityIssue): boolean {
  return issue.severity !== 'info';
}

/** Jobs naming a timeline version that does not exist, annotations naming a scene that does not exist. */
async function danglingReferences(deps: FacadeDeps): Promise<IntegrityIssue[]> {
  const { storage } = deps;
  const issues: IntegrityIssue[] = [];
  for (const status of JOB_STATUSES) {
    for await (const job of iteratePages((p) => storage.jobs.listByStatus(status, p))) {
      if (!(await storage.timelines.load(job.timelineId, job.timelineVersion))) {
        issues.push({
          severity: 'error',
          check: 'DANGLING_REFERENCE',
          table: 'processing_jobs',
          id: job.id,
          message: `job ${job.id} names timeline ${job.timelineId} v${job.timelineVersion}, which does not exist`,
        });
      }
    }
  }
  for await (const video of iteratePages((p) => storage.videos.list(p))) {
    for await (const a of iteratePages((p) => storage.annotations.listForVideo(video.id, {}, p))) {
      if (a.sceneId && !(await storage.scenes.get(a.sceneId))) {
        issues.push({
          severity: 'error',
          check: 'DANGLING_REFERENCE',
          table: 'annotations',
          id: a.id,
          message: `annotation ${a.id} names scene ${a.sceneId}, which does not exist`,
        });
      }
    }
  }
  return issues;
}
