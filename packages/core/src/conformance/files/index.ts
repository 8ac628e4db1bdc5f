import type { FileStoreCase } from '../types.js';
import { concurrencyCases } from './concurrency.js';
import { copyMoveCases } from './copy-move.js';
import { failureCases } from './failures.js';
import { getCases } from './get-ranges.js';
import { headDeleteCases } from './head-delete.js';
import { keyCases } from './keys.js';
import { lifecycleCases } from './lifecycle.js';
import { listCases } from './list.js';
import { putOptionCases } from './put-options.js';
import { roundTripCases } from './round-trip.js';
import { sizeCases } from './sizes.js';

export { INVALID_KEYS } from './keys.js';

/** Every FileStore case. */
export const fileStoreCases: FileStoreCase[] = [
  ...roundTripCases,
  ...sizeCases,
  ...headDeleteCases,
  ...putOptionCases,
  ...getCases,
  ...copyMoveCases,
  ...listCases,
  ...keyCases,
  ...concurrencyCases,
  ...failureCases,
  ...lifecycleCases,
];
