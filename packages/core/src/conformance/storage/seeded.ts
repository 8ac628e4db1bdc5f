import type { ExportRecord } from '../../contracts/base-storage.js';
import type { StorageCaseContext } from '../types.js';
import { nsId } from './builders.js';

// Exported records with chosen timestamps, for `importRecords`: what a case checks about time no
// longer depends on the clock, even on a fast machine where every write shares one millisecond.

/** An ISO timestamp `seconds` after a fixed instant in the past. */
export function at(seconds: number): string {
  return new Date(Date.UTC(2026, 0, 1, 0, 0, seconds)).toISOString();
}

/** A timestamp long before any write a case makes: a write that bumps `updatedAt` must move past it. */
export const OLD = at(0);

/** An exported video record `<ns>-<suffix>` created (and last updated) at `createdAt`. */
export function videoRecord(ctx: StorageCaseContext, suffix: string, createdAt = OLD): ExportRecord {
  return {
    table: 'videos',
    record: {
      id: nsId(ctx, suffix),
      filename: `${suffix}.mp4`,
      fileKey: `videos/${ctx.ns}/${suffix}.mp4`,
      duration: 10,
      frameRate: 25,
      width: 64,
      height: 64,
      fileSize: 1,
      codec: null,
      checksum: null,
      metadata: {},
      createdAt,
      updatedAt: createdAt,
    },
  };
}

/** An exported scene of video `<ns>-<video>` over [0, 5]. */
export function sceneRecord(
  ctx: StorageCaseContext,
  suffix: string,
  video: string,
  createdAt = OLD,
): ExportRecord {
  return {
    table: 'scenes',
    record: {
      id: nsId(ctx, suffix),
      videoId: nsId(ctx, video),
      startTime: 0,
      endTime: 5,
      sceneType: 'terminal',
      description: null,
      priority: 'medium',
      metadata: {},
      createdAt,
    },
  };
}

/** An exported annotation of video `<ns>-<video>` created at `createdAt`. */
export function annotationRecord(
  ctx: StorageCaseContext,
  suffix: string,
  video: string,
  createdAt = OLD,
): ExportRecord {
  return {
    table: 'annotations',
    record: {
      id: nsId(ctx, suffix),
      videoId: nsId(ctx, video),
      sceneId: null,
      timestamp: 1,
      frameNumber: 0,
      bbox: { x: 10, y: 20, width: 100, height: 50 },
      label: 'api_key',
      confidence: 1,
      imageKey: null,
      annotatedBy: null,
      metadata: {},
      createdAt,
    },
  };
}

/** An exported draft version of timeline `<ns>-<suffix>` of video `<ns>-<video>`. */
export function timelineRecord(
  ctx: StorageCaseContext,
  suffix: string,
  version: number,
  createdAt = OLD,
  video = 'v-a',
): ExportRecord {
  return {
    table: 'timelines',
    record: {
      id: nsId(ctx, suffix),
      version,
      videoId: nsId(ctx, video),
      name: `${suffix}@${version}`,
      data: { videoDuration: 10, frameRate: 25, blurRegions: [], metadata: {} },
      createdBy: null,
      metadata: {},
      status: 'draft',
      createdAt,
      updatedAt: createdAt,
    },
  };
}

/** An exported pending job on version 1 of timeline `<ns>-t-a` of video `<ns>-v-a`. */
export function jobRecord(ctx: StorageCaseContext, suffix: string, createdAt = OLD): ExportRecord {
  return {
    table: 'processing_jobs',
    record: {
      id: nsId(ctx, suffix),
      videoId: nsId(ctx, 'v-a'),
      timelineId: nsId(ctx, 't-a'),
      timelineVersion: 1,
      status: 'pending',
      progress: 0,
      outputKey: null,
      errorMessage: null,
      config: null,
      workerId: null,
      startedAt: null,
      completedAt: null,
      createdAt,
    },
  };
}

/** An exported model `<ns>-<suffix>` of type yolo registered at `createdAt`. */
export function modelRecord(ctx: StorageCaseContext, suffix: string, createdAt = OLD): ExportRecord {
  return {
    table: 'models',
    record: {
      id: nsId(ctx, suffix),
      name: `detector ${suffix}`,
      modelType: 'yolo',
      areaType: 'terminal',
      version: '1.0',
      fileKey: `models/${ctx.ns}/${suffix}.onnx`,
      trainingDataCount: 0,
      accuracyMetrics: null,
      metadata: {},
      createdAt,
      updatedAt: createdAt,
    },
  };
}

/** An exported audit entry `<ns>-<suffix>` (action = suffix) written at `when`. */
export function auditRecord(ctx: StorageCaseContext, suffix: string, when = OLD): ExportRecord {
  return {
    table: 'audit_log',
    record: {
      id: nsId(ctx, suffix),
      actor: 'alice',
      action: suffix,
      entityType: 'video',
      entityId: nsId(ctx, 'v-a'),
      details: {},
      at: when,
    },
  };
}
