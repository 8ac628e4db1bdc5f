import { z } from 'zod';
import type { Page, PageRequest } from '../contracts/page.js';
import { checkId, illegalTransition } from '../domain/arguments.js';
import { parseOrThrow } from '../errors/from-zod.js';
import { notFound } from '../errors/storage-error.js';
import { outputKey } from '../files/layout.js';
import type { FileSource } from '../files/types.js';
import type { Job, JobInput, JobStatus } from '../schemas/job.js';
import { openSource } from './count-progress.js';
import { discardUnlessRecorded } from './discard-unless-recorded.js';
import type { FacadeDeps } from './facade-deps.js';

/** An output file produced by a job (a rendered video, a report). */
export interface JobOutput {
  body: FileSource;
  /** Extension of the stored key, e.g. `mp4` or `json`. */
  ext: string;
  contentType?: string;
}

const ExtSchema = z.string().regex(/^[a-z0-9]{1,10}$/, 'must be 1–10 lowercase letters or digits');

/** Processing jobs: the strict pending → running → completed/failed/cancelled machine, with output files. */
export class JobService {
  constructor(private readonly deps: FacadeDeps) {}

  /** Creates a pending job for a timeline version (latest by default). */
  create(input: JobInput): Promise<Job> {
    return this.deps.storage.jobs.create(input);
  }

  /** The job, or null. */
  get(id: string): Promise<Job | null> {
    return this.deps.storage.jobs.get(id);
  }

  /** Jobs in one status, oldest first. */
  listByStatus(status: JobStatus, page?: PageRequest): Promise<Page<Job>> {
    return this.deps.storage.jobs.listByStatus(status, page);
  }

  /** Jobs of a video, oldest first. */
  listForVideo(videoId: string, page?: PageRequest): Promise<Page<Job>> {
    return this.deps.storage.jobs.listForVideo(videoId, page);
  }

  /** Claims the oldest pending job for `workerId`, or null when none is pending. */
  claimNext(workerId: string): Promise<Job | null> {
    return this.deps.storage.jobs.claimNext(workerId);
  }

  /** Sets the progress (0–100) of a running job. */
  progress(id: string, percent: number): Promise<Job> {
    return this.deps.storage.jobs.updateProgress(id, percent);
  }

  /**
   * running → completed. With an output, the job must be running (`CONFLICT` otherwise, before any byte is
   * written: a retried complete never overwrites the output a completed job names); the file is stored first
   * (`output/YYYYMM/<jobId>.<ext>`), then the record names it. When the record write fails the file is removed
   * only if a re-read shows the job does not name it (a concurrent or committed-but-unreported complete keeps it).
   */
  async complete(id: string, output?: JobOutput): Promise<Job> {
    const jobId = checkId(id, 'job id');
    if (!output) return this.deps.storage.jobs.complete(jobId);
    const ext = parseOrThrow(ExtSchema, output.ext, 'job output extension');
    await this.assertRunning(jobId);
    const key = outputKey(`${jobId}.${ext}`, new Date());
    await this.deps.files.put(key, openSource(output.body), {
      contentType: output.contentType ?? 'application/octet-stream',
      maxSize: this.deps.config.files.maxFileSize,
    });
    try {
      return await this.deps.storage.jobs.complete(jobId, { outputKey: key });
    } catch (err) {
      await discardUnlessRecorded(
        this.deps.fileManager,
        [key],
        async () => (await this.deps.storage.jobs.get(jobId))?.outputKey === key,
      );
      throw err;
    }
  }

  /** `NOT_FOUND` unless the job exists, `CONFLICT` unless it is running. */
  private async assertRunning(jobId: string): Promise<void> {
    const job = await this.deps.storage.jobs.get(jobId);
    if (!job) throw notFound('job', jobId);
    if (job.status !== 'running') throw illegalTransition('job', jobId, job.status, 'completed');
  }

  /** running → failed with a message. */
  fail(id: string, errorMessage: string): Promise<Job> {
    return this.deps.storage.jobs.fail(id, errorMessage);
  }

  /** pending or running → cancelled. */
  cancel(id: string): Promise<Job> {
    return this.deps.storage.jobs.cancel(id);
  }
}
