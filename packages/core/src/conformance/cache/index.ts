import type { CacheCase } from '../types.js';
import { basicCases } from './basics.js';
import { getOrSetCases } from './get-or-set.js';
import { patternCases } from './patterns.js';
import { scaleCases } from './scale.js';
import { sharedCases } from './shared.js';
import { statsCases } from './stats.js';
import { ttlCases } from './ttl.js';
import { validationCases } from './validation.js';
import { valueCases } from './values.js';

/** Every Cache case. */
export const cacheCases: CacheCase[] = [
  ...basicCases,
  ...valueCases,
  ...ttlCases,
  ...patternCases,
  ...getOrSetCases,
  ...statsCases,
  ...validationCases,
  ...scaleCases,
  ...sharedCases,
];
