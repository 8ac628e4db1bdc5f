import type { Repositories } from '@vpe-storage/core';
import { SqlAnnotationRepository } from './annotation-repository.js';
import { SqlAuditRepository } from './audit-repository.js';
import type { RepoContext } from './context.js';
import { SqlDetectionRepository } from './detection-repository.js';
import { SqlJobRepository } from './job-repository.js';
import { SqlModelRepository } from './model-repository.js';
import { SqlSceneRepository } from './scene-repository.js';
import { SqlTimelineRepository } from './timeline-repository.js';
import { SqlVideoRepository } from './video-repository.js';

/** Every repository over one executor: the root one for standalone calls, a transaction's inside `transaction(fn)`. */
export function createRepositories(ctx: RepoContext): Repositories {
  return {
    videos: new SqlVideoRepository(ctx),
    scenes: new SqlSceneRepository(ctx),
    annotations: new SqlAnnotationRepository(ctx),
    detections: new SqlDetectionRepository(ctx),
    timelines: new SqlTimelineRepository(ctx),
    jobs: new SqlJobRepository(ctx),
    models: new SqlModelRepository(ctx),
    audit: new SqlAuditRepository(ctx),
  };
}
