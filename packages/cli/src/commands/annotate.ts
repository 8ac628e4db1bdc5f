import { readFile } from 'node:fs/promises';
import { StorageError } from '@vpe-storage/core';
import type { Command } from 'commander';
import { configOf, outputOf, withFacade } from '../cli/context.js';
import { bboxOption, numberOption, required } from '../cli/parse.js';
import { keyValues } from '../output/format.js';

interface AnnotateOptions {
  time?: string;
  frame?: string;
  bbox: string;
  label: string;
  scene?: string;
  confidence?: string;
  image?: string;
  by?: string;
}

/** `vpe-storage annotate <videoId>`: one manual bounding box, optionally with its frame image. */
export function registerAnnotate(program: Command): void {
  program
    .command('annotate')
    .description('add a manual annotation (a bounding box at a time) to a video')
    .argument('<videoId>', 'the video')
    .requiredOption('--bbox <x,y,w,h>', 'bounding box in pixels')
    .requiredOption('--label <label>', 'what the box hides (face, screen, terminal …)')
    .option('--time <seconds>', 'time in the video (required)')
    .option('--frame <n>', 'frame number (default: time × frame rate)')
    .option('--scene <id>', 'the scene it belongs to')
    .option('--confidence <0..1>', 'confidence (default 1)')
    .option('--image <file>', 'frame image to store with it (PNG/JPEG)')
    .option('--by <name>', 'who annotated')
    .action(async (videoId: string, opts: AnnotateOptions, command: Command) => {
      const out = outputOf(command);
      // Every option is checked before anything is opened: a bad one writes nothing.
      const timestamp = required(
        numberOption(opts.time, '--time'),
        '--time <seconds>',
        'to place the annotation',
      );
      const bbox = bboxOption(opts.bbox);
      const confidence = numberOption(opts.confidence, '--confidence');
      const frameNumber = numberOption(opts.frame, '--frame');
      const image = opts.image ? new Uint8Array(await readFile(opts.image)) : undefined;
      const loaded = await configOf(command);
      const annotation = await withFacade(loaded, async (facade) => {
        const video = await facade.videos.get(videoId);
        if (!video)
          throw new StorageError(
            'NOT_FOUND',
            `video ${JSON.stringify(videoId)} does not exist: see \`vpe-storage list videos\``,
          );
        return facade.annotations.save(
          {
            videoId,
            timestamp,
            frameNumber: frameNumber ?? Math.round(timestamp * video.frameRate),
            bbox,
            label: opts.label,
            sceneId: opts.scene ?? null,
            confidence,
            annotatedBy: opts.by ?? null,
          },
          image,
        );
      });
      out.result(annotation, () => keyValues(annotation));
    });
}
