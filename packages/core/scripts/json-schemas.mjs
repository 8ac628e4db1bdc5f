// Writes one JSON Schema file per record and for the config, from the zod schemas (build step).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import * as core from '../dist/index.js';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'schemas');
mkdirSync(out, { recursive: true });
const schemas = {
  video: core.VideoSchema,
  scene: core.SceneSchema,
  annotation: core.AnnotationSchema,
  detection: core.DetectionSchema,
  timeline: core.TimelineSchema,
  'timeline-data': core.TimelineDataSchema,
  job: core.JobSchema,
  model: core.ModelSchema,
  'audit-entry': core.AuditEntrySchema,
  config: core.StorageConfigSchema,
};
for (const [name, schema] of Object.entries(schemas)) {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  writeFileSync(join(out, `${name}.schema.json`), `${JSON.stringify(json, null, 2)}\n`);
}
console.log(`wrote ${Object.keys(schemas).length} JSON Schemas to ${out}`);
