import type { Model } from '@vpe-storage/core';
import { jsonOrNull, num, objectOf, type TableMapper } from './table-mapper.js';

/** Models ↔ rows of `models`. */
export const modelMapper: TableMapper<Model> = {
  table: 'models',
  key: ['id'],
  columns: [
    'id',
    'name',
    'model_type',
    'area_type',
    'version',
    'file_key',
    'training_data_count',
    'accuracy_metrics',
    'created_at',
    'updated_at',
    'metadata',
  ],
  toRow: (m, d) => [
    m.id,
    m.name,
    m.modelType,
    m.areaType,
    m.version,
    m.fileKey,
    m.trainingDataCount,
    m.accuracyMetrics === null ? null : d.json(m.accuracyMetrics),
    d.timestamp(m.createdAt),
    d.timestamp(m.updatedAt),
    d.json(m.metadata),
  ],
  fromRow: (r, d) => ({
    id: String(r.id),
    name: String(r.name),
    modelType: String(r.model_type),
    areaType: String(r.area_type),
    version: String(r.version),
    fileKey: String(r.file_key),
    trainingDataCount: num(r.training_data_count),
    accuracyMetrics: jsonOrNull(r.accuracy_metrics, d),
    metadata: objectOf(r.metadata, d),
    createdAt: d.readTimestamp(r.created_at),
    updatedAt: d.readTimestamp(r.updated_at),
  }),
};
