import type { Priority, Scene, SceneType } from '@vpe-storage/core';
import { num, objectOf, type TableMapper, textOrNull } from './table-mapper.js';

/** Scenes ↔ rows of `scenes`. */
export const sceneMapper: TableMapper<Scene> = {
  table: 'scenes',
  key: ['id'],
  columns: [
    'id',
    'video_id',
    'start_time',
    'end_time',
    'scene_type',
    'description',
    'priority',
    'created_at',
    'metadata',
  ],
  toRow: (s, d) => [
    s.id,
    s.videoId,
    s.startTime,
    s.endTime,
    s.sceneType,
    s.description,
    s.priority,
    d.timestamp(s.createdAt),
    d.json(s.metadata),
  ],
  fromRow: (r, d) => ({
    id: String(r.id),
    videoId: String(r.video_id),
    startTime: num(r.start_time),
    endTime: num(r.end_time),
    sceneType: String(r.scene_type) as SceneType,
    description: textOrNull(r.description),
    priority: String(r.priority) as Priority,
    metadata: objectOf(r.metadata, d),
    createdAt: d.readTimestamp(r.created_at),
  }),
};
