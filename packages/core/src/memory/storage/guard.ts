import type { Repositories } from '../../contracts/repositories.js';

/** Runs one repository call (checks state, takes the lock …). */
export type CallRunner = <T>(call: () => Promise<T>) => Promise<T>;

/** The contract's methods of each repository: only these are exposed, never a class's helpers. */
const REPOSITORY_METHODS = {
  videos: ['create', 'get', 'getByFileKey', 'list', 'updateMetadata', 'delete'],
  scenes: ['create', 'get', 'listForVideo', 'overlapping', 'delete'],
  annotations: ['save', 'get', 'listForVideo', 'inRange', 'delete'],
  detections: ['insertMany', 'get', 'inRange', 'reviewQueue', 'markReviewed', 'countForVideo'],
  timelines: ['save', 'load', 'versions', 'listForVideo', 'approve', 'markProcessed', 'archive', 'delete'],
  jobs: [
    'create',
    'get',
    'listByStatus',
    'listForVideo',
    'claimNext',
    'updateProgress',
    'complete',
    'fail',
    'cancel',
  ],
  models: ['register', 'get', 'find', 'delete'],
  audit: ['append', 'list'],
} as const satisfies { [K in keyof Repositories]: readonly (keyof Repositories[K])[] };

/** Contract methods missing from REPOSITORY_METHODS; must be `never`, so a new method breaks the build until listed. */
type Unlisted = {
  [K in keyof Repositories]: Exclude<keyof Repositories[K], (typeof REPOSITORY_METHODS)[K][number]>;
}[keyof Repositories];
const everyMethodListed: [Unlisted] extends [never] ? true : false = true;
void everyMethodListed;

/** A view of `repo` whose every contract method goes through `run`. */
function guardRepository<R extends object>(repo: R, methods: readonly string[], run: CallRunner): R {
  const guarded: Record<string, unknown> = {};
  for (const name of methods) {
    const method = (repo as Record<string, (...args: unknown[]) => Promise<unknown>>)[name];
    if (typeof method !== 'function') throw new TypeError(`repository method ${name} is missing`);
    guarded[name] = (...args: unknown[]) => run(() => method.apply(repo, args));
  }
  return guarded as R;
}

/** A view of every repository whose methods go through `run`. */
export function guardRepositories(repos: Repositories, run: CallRunner): Repositories {
  return {
    videos: guardRepository(repos.videos, REPOSITORY_METHODS.videos, run),
    scenes: guardRepository(repos.scenes, REPOSITORY_METHODS.scenes, run),
    annotations: guardRepository(repos.annotations, REPOSITORY_METHODS.annotations, run),
    detections: guardRepository(repos.detections, REPOSITORY_METHODS.detections, run),
    timelines: guardRepository(repos.timelines, REPOSITORY_METHODS.timelines, run),
    jobs: guardRepository(repos.jobs, REPOSITORY_METHODS.jobs, run),
    models: guardRepository(repos.models, REPOSITORY_METHODS.models, run),
    audit: guardRepository(repos.audit, REPOSITORY_METHODS.audit, run),
  };
}
