import { z } from 'zod';
import { IdSchema, MetadataSchema, SecondsSchema, TextSchema, TimestampSchema } from './common.js';

/** The reference's scene types. */
export const SCENE_TYPES = ['chatgpt', 'atuin', 'terminal', 'custom'] as const;
/** The reference's priorities. */
export const PRIORITIES = ['low', 'medium', 'high'] as const;

const sceneFields = {
  videoId: IdSchema,
  startTime: SecondsSchema,
  endTime: SecondsSchema,
  sceneType: z.enum(SCENE_TYPES),
  description: TextSchema.max(10_000).nullable().default(null),
  priority: z.enum(PRIORITIES).default('medium'),
  metadata: MetadataSchema.default({}),
};
const endAfterStart = (s: { startTime: number; endTime: number }) => s.endTime > s.startTime;
const endAfterStartIssue = { message: 'must be > startTime', path: ['endTime'] };

/** What a caller gives to create a scene (a sensitive time range). */
export const SceneInputSchema = z
  .object({ id: IdSchema.optional(), ...sceneFields })
  .refine(endAfterStart, endAfterStartIssue);
/** A stored scene (table `scenes`). */
export const SceneSchema = z
  .object({ id: IdSchema, ...sceneFields, createdAt: TimestampSchema })
  .refine(endAfterStart, endAfterStartIssue);

/** One of the reference's scene types. */
export type SceneType = (typeof SCENE_TYPES)[number];
/** One of the reference's priorities. */
export type Priority = (typeof PRIORITIES)[number];
/** What a caller gives to create a scene (before defaults). */
export type SceneInput = z.input<typeof SceneInputSchema>;
/** A stored scene. */
export type Scene = z.infer<typeof SceneSchema>;
