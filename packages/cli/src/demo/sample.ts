import { fileURLToPath } from 'node:url';

/** The sample video shipped with the CLI (5 s, 320×240, H.264, 25 fps); `assets/` sits beside `src/` and `dist/`. */
export const SAMPLE_VIDEO = fileURLToPath(new URL('../../assets/sample.mp4', import.meta.url));
