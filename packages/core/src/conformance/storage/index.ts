import type { StorageCase } from '../types.js';
import { annotationCases } from './annotations.js';
import { auditCases } from './audit.js';
import { cascadeCases } from './cascades.js';
import { collationCases } from './collation.js';
import { concurrencyCases } from './concurrency.js';
import { detectionCases } from './detections.js';
import { exportImportCases } from './export-import.js';
import { jobCases } from './jobs.js';
import { lifecycleCases } from './lifecycle.js';
import { maintenanceCases } from './maintenance.js';
import { modelCases } from './models.js';
import { orderingCases } from './ordering.js';
import { paginationCases } from './pagination.js';
import { sceneCases } from './scenes.js';
import { timelineCases } from './timelines.js';
import { transactionCases } from './transactions.js';
import { unicodeCases } from './unicode.js';
import { validationCases } from './validation.js';
import { videoCases } from './videos.js';

/** The cases of each area, by area name (for reports that count per area). */
export const storageCasesByArea: Readonly<Record<string, readonly StorageCase[]>> = {
  videos: videoCases,
  scenes: sceneCases,
  annotations: annotationCases,
  detections: detectionCases,
  timelines: timelineCases,
  jobs: jobCases,
  models: modelCases,
  audit: auditCases,
  transactions: transactionCases,
  cascades: cascadeCases,
  validation: validationCases,
  pagination: paginationCases,
  ordering: orderingCases,
  collation: collationCases,
  unicode: unicodeCases,
  maintenance: maintenanceCases,
  'export-import': exportImportCases,
  lifecycle: lifecycleCases,
  concurrency: concurrencyCases,
};

/** Every BaseStorage case. */
export const storageCases: StorageCase[] = Object.values(storageCasesByArea).flat();
