import { spawn } from 'node:child_process';
import type { VideoRepository } from '../contracts/repositories.js';
import { isStorageError } from '../errors/storage-error.js';
import type { VideoInput } from '../schemas/video.js';

/** What a child process printed last (one JSON line), its exit status and its stderr. */
export interface ChildRun<R> {
  /** The last stdout line parsed as JSON, or null when it is not JSON. */
  result: R | null;
  /** The exit code (null when killed by a signal). */
  status: number | null;
  /** Everything the child wrote to stderr. */
  stderr: string;
}

/** Node flags that run a TypeScript script on the workspace sources (tsx, `@vpe-storage/source` condition). */
export const TS_CHILD_EXEC_ARGV: readonly string[] = ['--conditions=@vpe-storage/source', '--import', 'tsx'];

/** Runs a TypeScript script in a child node process from `cwd`; resolves with its last JSON line, status and stderr. */
export function spawnTsChild<R>(
  script: string,
  args: readonly string[],
  options: { cwd: string; execArgv?: readonly string[] },
): Promise<ChildRun<R>> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [...(options.execArgv ?? TS_CHILD_EXEC_ARGV), script, ...args], {
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', fail);
    child.on('close', (status) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      let result: R | null = null;
      try {
        result = JSON.parse(line) as R;
      } catch {
        result = null;
      }
      done({ result, status, stderr });
    });
  });
}

/** The video that concurrent child-process fixtures share (id `shared`). */
export const SHARED_VIDEO: VideoInput = {
  id: 'shared',
  filename: 'shared.mp4',
  fileKey: 'videos/shared.mp4',
  duration: 60,
  frameRate: 30,
  width: 640,
  height: 480,
  fileSize: 1,
};

/** Creates `video` unless another process already did (`ALREADY_EXISTS` is ignored, anything else thrown). */
export async function createSharedVideo(
  storage: { videos: VideoRepository },
  video: VideoInput = SHARED_VIDEO,
): Promise<void> {
  try {
    await storage.videos.create(video);
  } catch (err) {
    if (!isStorageError(err, 'ALREADY_EXISTS')) throw err;
  }
}
