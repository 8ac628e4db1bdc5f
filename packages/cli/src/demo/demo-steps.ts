import { randomBytes } from 'node:crypto';
import type {
  BlurRegionInput,
  IntegrityReport,
  Job,
  Timeline,
  Video,
  VideoPrivacyStorage,
} from '@vpe-storage/core';
import { probeVideo } from '../commands/ingest.js';
import { demoDetections } from './detections.js';
import { demoFrame } from './frames.js';
import { SAMPLE_VIDEO } from './sample.js';

/** Runs `fn` as a named, timed step whose result `detail` describes. */
export type StepRunner = <T>(name: string, fn: () => Promise<T>, detail: (value: T) => string) => Promise<T>;

/** What the steps made, for the summary. */
export interface DemoResult {
  video: Video;
  timeline: Timeline;
  job: Job;
  integrity: IntegrityReport;
}

const ANNOTATED = [
  { t: 0.4, label: 'terminal', box: { x: 12, y: 16, width: 140, height: 90 } },
  { t: 1.2, label: 'terminal', box: { x: 16, y: 20, width: 140, height: 90 } },
  { t: 2.2, label: 'screen-text', box: { x: 150, y: 40, width: 120, height: 60 } },
  { t: 2.9, label: 'screen-text', box: { x: 152, y: 44, width: 120, height: 60 } },
  { t: 4.1, label: 'face', box: { x: 200, y: 120, width: 64, height: 64 } },
  { t: 4.6, label: 'face', box: { x: 206, y: 124, width: 64, height: 64 } },
];

/** The demo's work on an open facade (any backends): from ingest to the integrity check. */
export async function demoSteps(
  facade: VideoPrivacyStorage,
  detections: number,
  step: StepRunner,
): Promise<DemoResult> {
  const video = await step(
    'ingest sample.mp4',
    () => ingestSample(facade),
    (v) =>
      `${v.id}: ${v.duration} s, ${v.frameRate} fps, ${v.width}x${v.height} ${v.codec}, ${v.fileSize} bytes, sha256 ${v.checksum?.slice(0, 12)}…`,
  );
  const scenes = await step(
    'scenes',
    () => addScenes(facade, video),
    (ids) => `${ids.length} scenes`,
  );
  await step(
    'annotations + frames',
    () => annotate(facade, video, scenes),
    (n) => `${n} annotations, each with a PNG frame (sharp)`,
  );
  await step(
    'read-through cache',
    () => readTwice(facade, video),
    (r) => `annotations for video: ${r} (2nd read from cache)`,
  );
  await step(
    `${detections.toLocaleString('en-US')} detections`,
    () => facade.detections.ingest(demoDetections(video.id, detections, video)),
    (n) => `${n.toLocaleString('en-US')} inserted in one transaction`,
  );
  await step(
    'review queue',
    () => review(facade, video),
    (r) => r,
  );
  const timeline = await step(
    'timeline v1, v2, approve',
    () => timelines(facade, video),
    (t) => `${t.id} v${t.version} ${t.status}`,
  );
  const job = await step(
    'job claim → progress → complete',
    () => runJob(facade, video, timeline.id),
    (j) => `${j.id} ${j.status}, output ${j.outputKey}`,
  );
  await step(
    'model',
    () =>
      facade.models.register(
        { name: 'demo-face-detector', modelType: 'yolo', areaType: 'face', trainingDataCount: 6 },
        randomBytes(64 * 1024),
      ),
    (m) => m.fileKey,
  );
  const integrity = await step(
    'check integrity',
    () => facade.checkIntegrity(),
    (r) =>
      r.ok
        ? `ok (${r.checked.references} references, ${r.checked.files} files)`
        : `${r.issues.length} problem(s)`,
  );
  return { video, timeline, job, integrity };
}

async function ingestSample(facade: VideoPrivacyStorage): Promise<Video> {
  const { probe } = await probeVideo(SAMPLE_VIDEO);
  return facade.videos.ingest(SAMPLE_VIDEO, {
    filename: 'sample.mp4',
    ...probe,
    metadata: { source: 'vpe-storage demo', brand: probe.brand },
  });
}

async function addScenes(facade: VideoPrivacyStorage, video: Video): Promise<string[]> {
  const specs = [
    {
      startTime: 0,
      endTime: 1.6,
      sceneType: 'terminal',
      priority: 'high',
      description: 'shell history on screen',
    },
    { startTime: 2, endTime: 3.2, sceneType: 'chatgpt', priority: 'medium', description: 'chat window' },
    { startTime: 4, endTime: 5, sceneType: 'custom', priority: 'low', description: 'face on camera' },
  ] as const;
  const ids: string[] = [];
  for (const s of specs) ids.push((await facade.scenes.create({ videoId: video.id, ...s })).id);
  return ids;
}

async function annotate(facade: VideoPrivacyStorage, video: Video, scenes: string[]): Promise<number> {
  for (const [i, a] of ANNOTATED.entries()) {
    const frame = await demoFrame(video.width, video.height, a.box, `${a.label} @ ${a.t}s`);
    await facade.annotations.save(
      {
        videoId: video.id,
        sceneId: scenes[Math.floor(i / 2)] ?? null,
        timestamp: a.t,
        frameNumber: Math.round(a.t * video.frameRate),
        bbox: a.box,
        label: a.label,
        annotatedBy: 'demo',
      },
      frame,
    );
  }
  return ANNOTATED.length;
}

async function readTwice(facade: VideoPrivacyStorage, video: Video): Promise<number> {
  await facade.annotations.forVideo(video.id);
  return (await facade.annotations.forVideo(video.id)).length;
}

async function review(facade: VideoPrivacyStorage, video: Video): Promise<string> {
  const queue = await facade.detections.reviewQueue(video.id, { limit: 25 });
  const marked = await facade.detections.markReviewed(
    queue.items.map((d) => d.id),
    'demo-reviewer',
  );
  return `${marked} of the queue marked reviewed`;
}

function regions(video: Video, extra: boolean): BlurRegionInput[] {
  const base: BlurRegionInput[] = [
    {
      id: 'terminal',
      startTime: 0,
      endTime: 1.6,
      bbox: { x: 12, y: 16, width: 150, height: 100 },
      blurType: 'gaussian',
    },
    {
      id: 'chat',
      startTime: 2,
      endTime: 3.2,
      bbox: { x: 150, y: 40, width: 124, height: 66 },
      blurType: 'pixelate',
    },
  ];
  const face = {
    id: 'face',
    startTime: 4,
    endTime: video.duration,
    bbox: { x: 198, y: 118, width: 76, height: 76 },
    blurType: 'solid' as const,
  };
  return extra ? [...base, face] : base;
}

async function timelines(facade: VideoPrivacyStorage, video: Video) {
  const data = (extra: boolean) => ({
    videoDuration: video.duration,
    frameRate: video.frameRate,
    blurRegions: regions(video, extra),
  });
  const v1 = await facade.timelines.save({
    videoId: video.id,
    name: 'demo blur plan',
    data: data(false),
    createdBy: 'demo',
  });
  await facade.timelines.save({
    id: v1.id,
    videoId: video.id,
    name: 'demo blur plan',
    data: data(true),
    createdBy: 'demo',
  });
  return facade.timelines.approve(v1.id, 'demo-approver');
}

async function runJob(facade: VideoPrivacyStorage, video: Video, timelineId: string) {
  const created = await facade.jobs.create({
    videoId: video.id,
    timelineId,
    config: { output: 'json-render-plan' },
  });
  const job = await facade.jobs.claimNext('demo-worker');
  if (!job || job.id !== created.id) throw new Error('the demo job was not the one claimed');
  for (const p of [25, 50, 75]) await facade.jobs.progress(job.id, p);
  const timeline = await facade.timelines.load(timelineId);
  // No transcoder ships with the storage layer: the "output" is the render plan a blur worker would execute.
  const plan = Buffer.from(
    JSON.stringify(
      {
        video: video.id,
        timeline: timeline?.id,
        version: timeline?.version,
        regions: timeline?.data.blurRegions,
      },
      null,
      2,
    ),
  );
  const done = await facade.jobs.complete(job.id, {
    body: plan,
    ext: 'json',
    contentType: 'application/json',
  });
  await facade.timelines.markProcessed(timelineId);
  return done;
}
