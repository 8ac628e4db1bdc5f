// The CLI as a library: run it in-process, or reuse its MP4 probe and config loader.
export { main } from './cli/main.js';
export { createProgram } from './cli/program.js';
export { CONFIG_FILE, DEFAULT_URLS, ENV_URLS, type LoadedConfig, loadConfig } from './config/config-file.js';
export { type DemoSummary, runDemo } from './demo/run-demo.js';
export type { ReadAt } from './media/boxes.js';
export { probeMp4, probeMp4File, type VideoProbe } from './media/probe-mp4.js';
export { EXIT, errorLine, exitCodeOf } from './output/exit-codes.js';
