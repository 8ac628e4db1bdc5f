import {
  assertSameVideo,
  canTransition,
  checkErrorMessage,
  checkId,
  checkJobCompletion,
  checkJobStatus,
  checkName,
  checkProgress,
  illegalTransition,
  type Job,
  type JobCompletion,
  type JobInput,
  type JobRepository,
  type JobStatus,
  notFound,
  notRunning,
  nowIso,
  type Page,
  type PageRequest,
  parseJobInput,
  prepareJob,
  StorageError,
} from '@vpe-storage/core';
import type { SqlExecutor, SqlValue } from '../executor/sql-executor.js';
import { jobMapper } from '../mapping/job-row.js';
import { insertSql } from '../mapping/table-mapper.js';
import { fetchPage } from '../query/keyset.js';
import { type RepoContext, withEntity } from './context.js';
import { lostUpdate } from './lost-update.js';

const INSERT = insertSql(jobMapper);

function missingParent(parent: string, id: string): StorageError {
  return new StorageError(
    'CONSTRAINT',
    `job references ${parent} ${JSON.stringify(id)}, which does not exist: create the ${parent} first`,
    { details: { entity: 'job', parent, id } },
  );
}

/** JobRepository over SQL: the state machine of `JOB_TRANSITIONS`, claims in one statement. */
export class SqlJobRepository implements JobRepository {
  /** Runs on the executor of `ctx` (the root one, or a transaction's). */
  constructor(private readonly ctx: RepoContext) {}

  /** Creates a pending job for the given (or latest) version of an existing timeline of the same video; `CONSTRAINT` otherwise. */
  async create(input: JobInput): Promise<Job> {
    const parsed = parseJobInput(input);
    const { d } = this.ctx;
    const work = this.ctx.exec.transaction(async (tx) => {
      const video = await tx.get(d.sql('SELECT 1 AS ok FROM videos WHERE id = ?'), [parsed.videoId]);
      if (!video) throw missingParent('video', parsed.videoId);
      const latest = await tx.get(
        d.sql('SELECT version AS v, video_id FROM timelines WHERE id = ? ORDER BY version DESC LIMIT 1'),
        [parsed.timelineId],
      );
      if (latest?.v === null || latest?.v === undefined) throw missingParent('timeline', parsed.timelineId);
      assertSameVideo('job', 'timeline', parsed.timelineId, String(latest.video_id), parsed.videoId);
      const version = parsed.timelineVersion ?? Number(latest.v);
      if (parsed.timelineVersion !== undefined) {
        const exists = await tx.get(d.sql('SELECT 1 AS ok FROM timelines WHERE id = ? AND version = ?'), [
          parsed.timelineId,
          version,
        ]);
        if (!exists) throw missingParent(`timeline version ${version} of`, parsed.timelineId);
      }
      const job = prepareJob(parsed, version);
      await tx.run(d.sql(INSERT), jobMapper.toRow(job, d));
      return job;
    }, 'write');
    return withEntity('job', parsed.id ?? 'new', work);
  }

  /** The job, or null. */
  async get(id: string): Promise<Job | null> {
    checkId(id);
    return (await this.find(this.ctx.exec, id)) ?? null;
  }

  /** Jobs in one status by (createdAt, id). */
  async listByStatus(status: JobStatus, page?: PageRequest): Promise<Page<Job>> {
    return this.page('status = ?', checkJobStatus(status), page);
  }

  /** Jobs of a video by (createdAt, id). */
  async listForVideo(videoId: string, page?: PageRequest): Promise<Page<Job>> {
    return this.page('video_id = ?', checkId(videoId, 'video id'), page);
  }

  /** Moves the oldest pending job to running in one statement (pg: SKIP LOCKED; SQLite: writes are serialized). */
  async claimNext(workerId: string): Promise<Job | null> {
    const worker = checkName(workerId, 'workerId');
    const { d } = this.ctx;
    const sql =
      "UPDATE processing_jobs SET status = 'running', worker_id = ?, started_at = ?" +
      " WHERE status = 'pending' AND id = (SELECT id FROM processing_jobs WHERE status = 'pending'" +
      ` ORDER BY created_at, id LIMIT 1${d.skipLocked}) RETURNING *`;
    const row = await this.ctx.exec.get(d.sql(sql), [worker, d.timestamp(nowIso())]);
    return row ? jobMapper.fromRow(row, d) : null;
  }

  /** Sets the progress of a running job. */
  async updateProgress(id: string, progress: number): Promise<Job> {
    const jid = checkId(id);
    const value = checkProgress(progress);
    return this.update(jid, (job) => {
      if (job.status !== 'running') throw notRunning(jid, job.status);
      return { ...job, progress: value };
    });
  }

  /** running → completed, progress 100, with the output key. */
  async complete(id: string, result?: JobCompletion): Promise<Job> {
    const jid = checkId(id);
    const { outputKey } = checkJobCompletion(result);
    return this.update(jid, (job) => ({
      ...this.move(job, 'completed'),
      progress: 100,
      outputKey: outputKey ?? null,
      completedAt: nowIso(),
    }));
  }

  /** running → failed with a message. */
  async fail(id: string, errorMessage: string): Promise<Job> {
    const jid = checkId(id);
    const message = checkErrorMessage(errorMessage);
    return this.update(jid, (job) => ({
      ...this.move(job, 'failed'),
      errorMessage: message,
      completedAt: nowIso(),
    }));
  }

  /** pending or running → cancelled. */
  async cancel(id: string): Promise<Job> {
    return this.update(checkId(id), (job) => ({ ...this.move(job, 'cancelled'), completedAt: nowIso() }));
  }

  private move(job: Job, to: JobStatus): Job {
    if (!canTransition(job.status, to)) throw illegalTransition('job', job.id, job.status, to);
    return { ...job, status: to };
  }

  private async find(exec: SqlExecutor, id: string): Promise<Job | undefined> {
    const row = await exec.get(this.ctx.d.sql('SELECT * FROM processing_jobs WHERE id = ?'), [id]);
    return row ? jobMapper.fromRow(row, this.ctx.d) : undefined;
  }

  /** Reads, changes and writes back one job in one transaction. */
  private async update(id: string, change: (job: Job) => Job): Promise<Job> {
    const { d } = this.ctx;
    return this.ctx.exec.transaction(async (tx) => {
      const job = await this.find(tx, id);
      if (!job) throw notFound('job', id);
      const next = change(job);
      const params: SqlValue[] = [
        next.status,
        next.progress,
        next.outputKey,
        next.errorMessage,
        next.completedAt === null ? null : d.timestamp(next.completedAt),
        id,
      ];
      // The status read above guards the write: a job deleted or moved meanwhile updates no row.
      const { changes } = await tx.run(
        d.sql(
          'UPDATE processing_jobs SET status = ?, progress = ?, output_key = ?, error_message = ?, completed_at = ? WHERE id = ? AND status = ?',
        ),
        [...params, job.status],
      );
      if (changes !== 1) throw await lostUpdate(tx, d, 'processing_jobs', 'job', [id]);
      return next;
    }, 'write');
  }

  private async page(condition: string, value: string, page?: PageRequest): Promise<Page<Job>> {
    return fetchPage(
      this.ctx.exec,
      this.ctx.d,
      {
        select: 'SELECT * FROM processing_jobs',
        where: [condition],
        params: [value],
        order: ['created_at', 'id'],
        types: ['timestamp', 'text'],
        map: (r) => jobMapper.fromRow(r, this.ctx.d),
        position: (j) => [j.createdAt, j.id],
      },
      page,
    );
  }
}
