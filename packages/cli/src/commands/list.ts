import {
  checkJobStatus,
  collectAll,
  JOB_STATUSES,
  type Page,
  type PageRequest,
  type VideoPrivacyStorage,
} from '@vpe-storage/core';
import type { Command } from 'commander';
import { configOf, outputOf, withFacade } from '../cli/context.js';
import { intOption, numberOption, required, unknownChoice } from '../cli/parse.js';
import { formatBytes, table } from '../output/format.js';

interface ListOptions {
  video?: string;
  timeline?: string;
  label?: string;
  from?: string;
  to?: string;
  status?: string;
  type?: string;
  area?: string;
  review?: boolean;
  limit?: string;
  cursor?: string;
}

type Row = Record<string, unknown>;
/** How one entity is listed: the page it fetches and the columns humans see. */
interface Lister {
  fetch(facade: VideoPrivacyStorage, o: ListOptions, page: PageRequest): Promise<Page<Row>>;
  columns: string[];
  row(item: Row): unknown[];
}

const whole = <T>(items: T[]): Page<T> => ({ items, nextCursor: null });
const forVideo = (o: ListOptions, what: string) => required(o.video, '--video <id>', `to list ${what}`);
const bbox = (b: unknown) => {
  const { x, y, width, height } = b as Record<string, number>;
  return `${x},${y},${width},${height}`;
};

const LISTERS: Record<string, Lister> = {
  videos: {
    fetch: (f, _o, p) => f.videos.list(p),
    columns: ['id', 'filename', 'duration', 'fps', 'size', 'codec', 'bytes'],
    row: (v) => [
      v.id,
      v.filename,
      v.duration,
      v.frameRate,
      `${v.width}x${v.height}`,
      v.codec,
      formatBytes(v.fileSize as number),
    ],
  },
  scenes: {
    fetch: (f, o, p) =>
      o.from !== undefined || o.to !== undefined
        ? f.scenes.overlapping(
            forVideo(o, 'scenes'),
            numberOption(o.from, '--from') ?? 0,
            numberOption(o.to, '--to') ?? Number.MAX_SAFE_INTEGER,
            p,
          )
        : f.scenes.listForVideo(forVideo(o, 'scenes'), p),
    columns: ['id', 'start', 'end', 'type', 'priority', 'description'],
    row: (s) => [s.id, s.startTime, s.endTime, s.sceneType, s.priority, s.description],
  },
  annotations: {
    fetch: async (f, o) => {
      const video = forVideo(o, 'annotations');
      if (o.from !== undefined || o.to !== undefined) {
        return whole(
          await f.annotations.inRange(
            video,
            numberOption(o.from, '--from') ?? 0,
            numberOption(o.to, '--to') ?? Number.MAX_SAFE_INTEGER,
          ),
        );
      }
      return whole(await f.annotations.forVideo(video, o.label ? { label: o.label } : {}));
    },
    columns: ['id', 'time', 'frame', 'label', 'bbox', 'confidence', 'image'],
    row: (a) => [a.id, a.timestamp, a.frameNumber, a.label, bbox(a.bbox), a.confidence, a.imageKey],
  },
  detections: {
    fetch: (f, o, p) =>
      o.review
        ? f.detections.reviewQueue(o.video ?? null, p)
        : f.detections.inRange(
            forVideo(o, 'detections'),
            numberOption(o.from, '--from') ?? 0,
            numberOption(o.to, '--to') ?? Number.MAX_SAFE_INTEGER,
            o.type ? { detectorType: o.type } : {},
            p,
          ),
    columns: ['id', 'time', 'frame', 'detector', 'bbox', 'confidence', 'review'],
    row: (d) => [
      d.id,
      d.timestamp,
      d.frameNumber,
      d.detectorType,
      bbox(d.bbox),
      d.confidence,
      d.needsReview ? 'yes' : '',
    ],
  },
  timelines: {
    fetch: (f, o, p) =>
      o.timeline
        ? f.timelines.versions(o.timeline, p)
        : f.timelines.listForVideo(forVideo(o, 'timelines (or --timeline <id> for its versions)'), p),
    columns: ['id', 'version', 'status', 'name', 'created by', 'updated'],
    row: (t) => [t.id, t.version, t.status, t.name, t.createdBy, t.updatedAt],
  },
  jobs: {
    fetch: async (f, o, p) => {
      if (o.status) return f.jobs.listByStatus(checkJobStatus(o.status), p);
      if (o.video) return f.jobs.listForVideo(o.video, p);
      const all = [];
      for (const status of JOB_STATUSES)
        all.push(...(await collectAll((q) => f.jobs.listByStatus(status, q))));
      return whole(all);
    },
    columns: ['id', 'status', 'progress', 'timeline', 'worker', 'output'],
    row: (j) => [
      j.id,
      j.status,
      j.progress,
      `${j.timelineId} v${j.timelineVersion}`,
      j.workerId,
      j.outputKey,
    ],
  },
  models: {
    fetch: (f, o, p) =>
      f.models.find({ ...(o.type ? { modelType: o.type } : {}), ...(o.area ? { areaType: o.area } : {}) }, p),
    columns: ['id', 'name', 'type', 'area', 'version', 'file'],
    row: (m) => [m.id, m.name, m.modelType, m.areaType, m.version, m.fileKey],
  },
};

/** The entities `list` knows. */
export const LIST_ENTITIES = Object.keys(LISTERS);

/** `vpe-storage list <entity>`. */
export function registerList(program: Command): void {
  program
    .command('list')
    .description(`list records: ${LIST_ENTITIES.join(', ')}`)
    .argument('<entity>', LIST_ENTITIES.join(' | '))
    .option('--video <id>', 'records of one video (scenes, annotations, detections, timelines, jobs)')
    .option('--timeline <id>', 'the versions of one timeline (with `timelines`)')
    .option('--label <label>', 'annotations with one label')
    .option('--from <seconds>', 'start of a time range (annotations, detections, scenes)')
    .option('--to <seconds>', 'end of a time range')
    .option('--status <status>', `jobs in one status (${JOB_STATUSES.join(', ')})`)
    .option('--type <type>', 'detector type (detections) or model type (models)')
    .option('--area <area>', 'area type (models)')
    .option('--review', 'detections waiting for review')
    .option('--limit <n>', 'page size (default 100)')
    .option('--cursor <cursor>', 'the nextCursor of a previous page')
    .action(async (entity: string, opts: ListOptions, command: Command) => {
      const lister = LISTERS[entity];
      if (!lister) throw unknownChoice('entity', entity, LIST_ENTITIES);
      const out = outputOf(command);
      const page = { limit: intOption(opts.limit, '--limit') ?? 100, cursor: opts.cursor ?? null };
      const loaded = await configOf(command);
      const result = await withFacade(loaded, (facade) => lister.fetch(facade, opts, page));
      out.result(result, () => {
        const body = table(
          lister.columns,
          result.items.map((item) => lister.row(item)),
        );
        return result.nextCursor
          ? `${body}\n(more: --cursor ${result.nextCursor})`
          : `${body}\n(${result.items.length} ${entity})`;
      });
    });
}
