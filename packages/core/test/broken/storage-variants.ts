import type { Repositories } from '../../src/contracts/repositories.js';
import { MemoryStorage } from '../../src/memory/storage/index.js';
import type { MemoryDb, Tables } from '../../src/memory/storage/tables.js';
import {
  DoubleClaimJobs,
  DropBoundaryVideos,
  HalfOpenRangeAnnotations,
  IdOrderJobs,
  IdOrderModels,
  LaxCompleteJobs,
  NoBboxCheckAnnotations,
  NoCascadeVideos,
  NonAtomicDetections,
  OverwritingTimelines,
  ResetCreatedAtAnnotations,
  SceneDeleteCascades,
  SharedReferenceVideos,
  StaleUpdatedAtVideos,
} from './storage-repositories.js';

/** A deliberately broken MemoryStorage and the conformance case expected to catch it. */
export interface BrokenStorageVariant {
  name: string;
  make(): MemoryStorage;
  catcher: string;
}

/** A MemoryStorage with some repositories swapped for broken ones. */
function withRepositories(swap: (db: MemoryDb) => Partial<Repositories>): () => MemoryStorage {
  class Broken extends MemoryStorage {
    protected override createRepositories(db: MemoryDb): Repositories {
      return { ...super.createRepositories(db), ...swap(db) };
    }
  }
  return () => new Broken();
}

/** A MemoryStorage whose transactions never roll back. */
class NoRollbackStorage extends MemoryStorage {
  protected override rollback(_snapshot: Tables): void {
    // the bug: the writes made before the throw stay
  }
}

/** Every broken variant with its expected catcher. */
export const BROKEN_STORAGE_VARIANTS: BrokenStorageVariant[] = [
  {
    name: 'video delete forgets the cascade',
    make: withRepositories((db) => ({ videos: new NoCascadeVideos(db) })),
    catcher: 'cascades: deleting a video deletes its scenes, annotations, detections, timelines and jobs',
  },
  {
    name: 'scene delete deletes annotations instead of set-null',
    make: withRepositories((db) => ({ scenes: new SceneDeleteCascades(db) })),
    catcher: 'cascades: deleting a scene keeps its annotations with sceneId null',
  },
  {
    name: 'annotation save skips bbox validation',
    make: withRepositories((db) => ({ annotations: new NoBboxCheckAnnotations(db) })),
    catcher: 'validation: an annotation with bbox width 0 is VALIDATION and changes nothing',
  },
  {
    name: 'claimNext can double-claim',
    make: withRepositories((db) => ({ jobs: new DoubleClaimJobs(db) })),
    catcher: 'concurrency: claimNext from several workers at once claims each job exactly once',
  },
  {
    name: 'claimNext orders by id instead of createdAt',
    make: withRepositories((db) => ({ jobs: new IdOrderJobs(db) })),
    catcher: 'ordering: claimNext takes the oldest createdAt, not the smallest id',
  },
  {
    name: 'models found in id order instead of createdAt',
    make: withRepositories((db) => ({ models: new IdOrderModels(db) })),
    catcher: 'ordering: models are found by createdAt before id',
  },
  {
    name: 'complete allowed from pending',
    make: withRepositories((db) => ({ jobs: new LaxCompleteJobs(db) })),
    catcher: 'jobs: complete of a pending job is CONFLICT and changes nothing',
  },
  {
    name: 'timeline save overwrites the previous version',
    make: withRepositories((db) => ({ timelines: new OverwritingTimelines(db) })),
    catcher: 'timelines: v1 is still loadable after v2; the v1 draft becomes archived',
  },
  {
    name: 'range query excludes the end bound',
    make: withRepositories((db) => ({ annotations: new HalfOpenRangeAnnotations(db) })),
    catcher: 'annotations: inRange includes items exactly at start and end',
  },
  {
    name: 'pagination drops the boundary item',
    make: withRepositories((db) => ({ videos: new DropBoundaryVideos(db) })),
    catcher: 'pagination: videos paged 3 at a time come once each, in list order',
  },
  {
    name: 'insertMany is not atomic',
    make: withRepositories((db) => ({ detections: new NonAtomicDetections(db) })),
    catcher: 'detections: insertMany failing at item 4,321 of 5,000 leaves 0 rows and names the index',
  },
  {
    name: 'get returns the stored object (no copy)',
    make: withRepositories((db) => ({ videos: new SharedReferenceVideos(db) })),
    catcher: 'videos: mutating a returned record never changes the store',
  },
  {
    name: 'updateMetadata never bumps updatedAt',
    make: withRepositories((db) => ({ videos: new StaleUpdatedAtVideos(db) })),
    catcher: 'videos: updateMetadata merges shallowly and bumps updatedAt',
  },
  {
    name: 'annotation replace resets createdAt',
    make: withRepositories((db) => ({ annotations: new ResetCreatedAtAnnotations(db) })),
    catcher: 'annotations: save of a known id replaces it and keeps createdAt',
  },
  {
    name: 'transaction never rolls back',
    make: () => new NoRollbackStorage(),
    catcher: 'transactions: a throw rolls back every write and rethrows the same error',
  },
];
