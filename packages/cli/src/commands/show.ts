import { StorageError, type VideoPrivacyStorage } from '@vpe-storage/core';
import type { Command } from 'commander';
import { configOf, outputOf, withFacade } from '../cli/context.js';
import { intOption, unknownChoice } from '../cli/parse.js';
import { keyValues } from '../output/format.js';
import { LIST_ENTITIES } from './list.js';

type Getter = (facade: VideoPrivacyStorage, id: string, version?: number) => Promise<object | null>;

const GETTERS: Record<string, Getter> = {
  video: (f, id) => f.videos.get(id),
  scene: (f, id) => f.scenes.get(id),
  annotation: (f, id) => f.annotations.get(id),
  detection: (f, id) => f.detections.get(id),
  timeline: (f, id, v) => f.timelines.load(id, v),
  job: (f, id) => f.jobs.get(id),
  model: (f, id) => f.models.get(id),
};

/** `vpe-storage show <entity> <id>`: one record; exit code 3 when it does not exist. */
export function registerShow(program: Command): void {
  const entities = Object.keys(GETTERS);
  program
    .command('show')
    .description(`show one record: ${entities.join(', ')}`)
    .argument('<entity>', entities.join(' | '))
    .argument('<id>', 'record id')
    .option('--version <n>', 'a given timeline version (default: the latest)')
    .action(async (entity: string, id: string, opts: { version?: string }, command: Command) => {
      // Plural forms are accepted too, so `show videos <id>` mirrors `list videos`.
      const key = LIST_ENTITIES.includes(entity) ? entity.replace(/s$/, '') : entity;
      const get = GETTERS[key];
      if (!get) throw unknownChoice('entity', entity, entities);
      const out = outputOf(command);
      const version = intOption(opts.version, '--version');
      const loaded = await configOf(command);
      const record = await withFacade(loaded, (facade) => get(facade, id, version));
      if (!record) {
        const what = version ? `${key} ${JSON.stringify(id)} v${version}` : `${key} ${JSON.stringify(id)}`;
        throw new StorageError('NOT_FOUND', `${what} does not exist: see \`vpe-storage list ${key}s\``, {
          details: { entity: key, id },
        });
      }
      out.result(record, () => keyValues(record));
    });
}
