import { TimelineDataSchema } from '@vpe-storage/core';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Drops null and undefined fields, so the schema's defaults apply instead. */
function defined(o: Json): Json {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));
}

/**
 * Converts the reference's serialized timeline (`video_path`, `blur_regions[].bounding_box`, snake_case)
 * into core's TimelineData; what the reference kept beside the plan (video path, version, created_at)
 * goes to `metadata.legacy`. Data that still does not validate is kept as converted, for checkIntegrity.
 */
export function convertLegacyTimelineData(text: unknown): unknown {
  let raw: unknown;
  try {
    raw = typeof text === 'string' ? JSON.parse(text) : text;
  } catch {
    return { legacyTimelineData: String(text) };
  }
  if (!isObject(raw)) return raw;
  if (Array.isArray(raw.blurRegions)) return raw; // already in the new shape
  const regions = Array.isArray(raw.blur_regions) ? raw.blur_regions : [];
  const converted = {
    videoDuration: raw.video_duration,
    frameRate: raw.frame_rate,
    blurRegions: regions.map((r: unknown) =>
      isObject(r)
        ? defined({
            id: r.id === undefined || r.id === null ? undefined : String(r.id),
            startTime: r.start_time,
            endTime: r.end_time,
            bbox: r.bounding_box ?? r.bbox,
            blurType: r.blur_type,
            blurStrength: r.blur_strength,
            interpolation: r.interpolation,
            confidence: r.confidence,
            needsReview: r.needs_review,
            metadata: r.metadata,
          })
        : r,
    ),
    metadata: {
      ...(isObject(raw.metadata) ? raw.metadata : {}),
      legacy: defined({ videoPath: raw.video_path, version: raw.version, createdAt: raw.created_at }),
    },
  };
  const parsed = TimelineDataSchema.safeParse(converted);
  return parsed.success ? parsed.data : converted;
}
