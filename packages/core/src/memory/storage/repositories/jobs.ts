import type { Page, PageRequest } from '../../../contracts/page.js';
import type { JobCompletion, JobRepository } from '../../../contracts/repositories.js';
import {
  assertSameVideo,
  checkId,
  checkJobStatus,
  checkName,
  checkProgress,
  illegalTransition,
  notRunning,
} from '../../../domain/arguments.js';
import { checkErrorMessage, checkJobCompletion } from '../../../domain/filters.js';
import { parseJobInput, prepareJob } from '../../../domain/prepare.js';
import { notFound } from '../../../errors/storage-error.js';
import { nowIso } from '../../../ids/new-id.js';
import { comparePositions } from '../../../pagination/compare.js';
import { canTransition, type Job, type JobInput, type JobStatus } from '../../../schemas/job.js';
import { alreadyExists, missingParent } from '../errors.js';
import { pageOf } from '../paging.js';
import { copy, type MemoryDb } from '../tables.js';

/** Processing jobs in memory, with the state machine of `JOB_TRANSITIONS`. */
export class MemoryJobRepository implements JobRepository {
  /** Works on the tables of `db`. */
  constructor(protected readonly db: MemoryDb) {}

  /** Creates a pending job for the given (or latest) version of an existing timeline of the same video. */
  async create(input: JobInput): Promise<Job> {
    const parsed = parseJobInput(input);
    const { processing_jobs: jobs, timelines, videos } = this.db.tables;
    if (!videos.has(parsed.videoId)) throw missingParent('job', 'video', parsed.videoId);
    const versions = timelines.get(parsed.timelineId);
    const latest = versions?.[versions.length - 1];
    if (!versions || !latest) throw missingParent('job', 'timeline', parsed.timelineId);
    assertSameVideo('job', 'timeline', parsed.timelineId, latest.videoId, parsed.videoId);
    const version = parsed.timelineVersion ?? latest.version;
    if (!versions.some((t) => t.version === version)) {
      throw missingParent('job', `timeline version ${version} of`, parsed.timelineId);
    }
    const job = prepareJob(parsed, version);
    if (jobs.has(job.id)) throw alreadyExists('job', 'id', job.id);
    jobs.set(job.id, copy(job));
    return copy(job);
  }

  /** The job, or null. */
  async get(id: string): Promise<Job | null> {
    const job = this.db.tables.processing_jobs.get(checkId(id));
    return job ? copy(job) : null;
  }

  /** Jobs in one status ordered by (createdAt, id). */
  async listByStatus(status: JobStatus, page?: PageRequest): Promise<Page<Job>> {
    const wanted = checkJobStatus(status);
    const rows = [...this.db.tables.processing_jobs.values()].filter((j) => j.status === wanted);
    return pageOf(rows, page, ['string', 'string'], (j) => [j.createdAt, j.id]);
  }

  /** Jobs of a video ordered by (createdAt, id). */
  async listForVideo(videoId: string, page?: PageRequest): Promise<Page<Job>> {
    const vid = checkId(videoId, 'videoId');
    const rows = [...this.db.tables.processing_jobs.values()].filter((j) => j.videoId === vid);
    return pageOf(rows, page, ['string', 'string'], (j) => [j.createdAt, j.id]);
  }

  /** Moves the oldest pending job, by (createdAt, id), to running for `workerId`. */
  async claimNext(workerId: string): Promise<Job | null> {
    const worker = checkName(workerId, 'workerId');
    let oldest: Job | undefined;
    for (const job of this.db.tables.processing_jobs.values()) {
      if (job.status !== 'pending') continue;
      if (!oldest || comparePositions([job.createdAt, job.id], [oldest.createdAt, oldest.id]) < 0)
        oldest = job;
    }
    if (!oldest) return null;
    oldest.status = 'running';
    oldest.workerId = worker;
    oldest.startedAt = nowIso();
    return copy(oldest);
  }

  /** Sets the progress of a running job. */
  async updateProgress(id: string, progress: number): Promise<Job> {
    const jid = checkId(id);
    const value = checkProgress(progress);
    const job = this.require(jid);
    if (job.status !== 'running') throw notRunning(jid, job.status);
    job.progress = value;
    return copy(job);
  }

  /** running → completed, progress 100, with the output key. */
  async complete(id: string, result?: JobCompletion): Promise<Job> {
    const jid = checkId(id);
    const { outputKey } = checkJobCompletion(result);
    const job = this.move(jid, 'completed');
    job.progress = 100;
    job.outputKey = outputKey ?? null;
    job.completedAt = nowIso();
    return copy(job);
  }

  /** running → failed with a message. */
  async fail(id: string, errorMessage: string): Promise<Job> {
    const jid = checkId(id);
    const message = checkErrorMessage(errorMessage);
    const job = this.move(jid, 'failed');
    job.errorMessage = message;
    job.completedAt = nowIso();
    return copy(job);
  }

  /** pending or running → cancelled. */
  async cancel(id: string): Promise<Job> {
    const job = this.move(checkId(id), 'cancelled');
    job.completedAt = nowIso();
    return copy(job);
  }

  /** The stored job; `NOT_FOUND` when missing. */
  protected require(id: string): Job {
    const job = this.db.tables.processing_jobs.get(id);
    if (!job) throw notFound('job', id);
    return job;
  }

  /** Moves a stored job to `to`; `CONFLICT` when `JOB_TRANSITIONS` forbids it. */
  protected move(id: string, to: JobStatus): Job {
    const job = this.require(id);
    if (!canTransition(job.status, to)) throw illegalTransition('job', id, job.status, to);
    job.status = to;
    return job;
  }
}
