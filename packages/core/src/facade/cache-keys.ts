// The reference's cache keys and TTLs, in one place so reads and invalidations cannot drift apart.

/** TTL of one annotation (reference: 1 h). */
export const ANNOTATION_TTL_SECONDS = 3600;
/** TTL of the annotation list of a video (reference: 30 min). */
export const ANNOTATIONS_FOR_VIDEO_TTL_SECONDS = 1800;
/** TTL of a timeline version (reference: 30 min). */
export const TIMELINE_TTL_SECONDS = 1800;

/** `annotation:<id>` */
export function annotationCacheKey(id: string): string {
  return `annotation:${id}`;
}

/** `annotations:video:<videoId>` or `annotations:video:<videoId>:type:<label>` */
export function annotationsForVideoCacheKey(videoId: string, label?: string): string {
  return label === undefined ? `annotations:video:${videoId}` : `annotations:video:${videoId}:type:${label}`;
}

/** `timeline:<id>` (latest version) or `timeline:<id>:v<n>` */
export function timelineCacheKey(id: string, version?: number): string {
  return version === undefined ? `timeline:${id}` : `timeline:${id}:v${version}`;
}

// Ids are free-form and may hold `*` or `?`: in a glob they still match themselves, so a pattern
// built from an id can only invalidate more than needed, never less.

/** Patterns whose invalidation drops every cached annotation list of a video. */
export function annotationsForVideoCachePatterns(videoId: string): string[] {
  return [annotationsForVideoCacheKey(videoId), `${annotationsForVideoCacheKey(videoId)}:type:*`];
}

/** Patterns whose invalidation drops every cached version of a timeline. */
export function timelineCachePatterns(id: string): string[] {
  return [timelineCacheKey(id), `${timelineCacheKey(id)}:v*`];
}
