import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { isStorageError, StorageError, type Video } from '@vpe-storage/core';
import type { Command } from 'commander';
import { configOf, outputOf, withFacade } from '../cli/context.js';
import { probeMp4File, type VideoProbe } from '../media/probe-mp4.js';
import { formatBytes, keyValues } from '../output/format.js';
import { byteProgress } from '../output/progress.js';

/** Reads the video's facts from its MP4 boxes, naming the file in any error. */
export async function probeVideo(path: string): Promise<{ probe: VideoProbe; size: number }> {
  const info = await stat(path).catch(() => {
    throw new StorageError('NOT_FOUND', `${path} does not exist: check the path of the video`);
  });
  if (!info.isFile()) throw new StorageError('VALIDATION', `${path} is not a file: pass a video file`);
  try {
    return { probe: await probeMp4File(path), size: info.size };
  } catch (err) {
    if (isStorageError(err)) throw new StorageError(err.code, `${path}: ${err.message}`, { cause: err });
    throw err;
  }
}

/** `vpe-storage ingest <video>`: probe, store the file (progress on stderr), register the record. */
export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description(
      'store a video file and register it (duration, frame rate, size and codec read from the MP4)',
    )
    .argument('<video>', 'path of an MP4/MOV file')
    .option('--id <id>', 'video id (default: a new UUIDv7)')
    .option('--name <filename>', 'file name to record (default: the base name of <video>)')
    .action(async (path: string, opts: { id?: string; name?: string }, command: Command) => {
      const out = outputOf(command);
      const loaded = await configOf(command);
      const { probe, size } = await probeVideo(path);
      if (size > loaded.config.files.maxFileSize) {
        // Checked here too so the refusal comes before the database is even opened.
        throw new StorageError(
          'VALIDATION',
          `${path} is ${formatBytes(size)}, over the limit of ${formatBytes(loaded.config.files.maxFileSize)} (files.maxFileSize)`,
        );
      }
      const video: Video = await withFacade(loaded, async (facade) => {
        const progress = byteProgress(`ingest ${basename(path)}`, size, !out.json);
        try {
          return await facade.videos.ingest(
            path,
            {
              id: opts.id,
              filename: opts.name ?? basename(path),
              duration: probe.duration,
              frameRate: probe.frameRate,
              width: probe.width,
              height: probe.height,
              codec: probe.codec,
            },
            { onProgress: (bytes) => progress.update(bytes) },
          );
        } finally {
          progress.stop();
        }
      });
      out.result(video, () =>
        keyValues({ ...video, fileSize: `${video.fileSize} (${formatBytes(video.fileSize)})` }),
      );
    });
}
