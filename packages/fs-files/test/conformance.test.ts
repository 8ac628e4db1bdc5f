import { describeFileStore } from '@vpe-storage/core/conformance/vitest';
import { localFixture } from './helpers.js';

describeFileStore('local folder', localFixture);
