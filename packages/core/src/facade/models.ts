import type { z } from 'zod';
import type { Page, PageRequest } from '../contracts/page.js';
import type { ModelFilter } from '../contracts/repositories.js';
import { checkId } from '../domain/arguments.js';
import { parseOrThrow } from '../errors/from-zod.js';
import type { FileSource } from '../files/types.js';
import { newId } from '../ids/new-id.js';
import { type Model, ModelInputSchema } from '../schemas/model.js';
import { discardUnlessRecorded } from './discard-unless-recorded.js';
import type { FacadeDeps } from './facade-deps.js';
import { removeQuietly } from './remove-quietly.js';

/** What a caller gives to register a model: a model record without its file key (the file gives it). */
export const ModelRegistrationSchema = ModelInputSchema.omit({ fileKey: true });
export type ModelRegistration = z.input<typeof ModelRegistrationSchema>;

/** Trained detector models: the file is stored first, then the record; a record that provably failed removes the file. */
export class ModelService {
  constructor(private readonly deps: FacadeDeps) {}

  /** Stores the model file (`models/<type>/<version>/<id>.<ext>`) then registers its record. */
  async register(input: ModelRegistration, body: FileSource, ext = 'bin'): Promise<Model> {
    const parsed = parseOrThrow(ModelRegistrationSchema, input, 'model');
    const id = parsed.id ?? newId();
    const stored = await this.deps.fileManager.storeModel(body, {
      id,
      modelType: parsed.modelType,
      version: parsed.version,
      ext,
    });
    try {
      return await this.deps.storage.models.register({ ...parsed, id, fileKey: stored.key });
    } catch (err) {
      await discardUnlessRecorded(
        this.deps.fileManager,
        [stored.key],
        async () => (await this.deps.storage.models.get(id))?.fileKey === stored.key,
      );
      throw err;
    }
  }

  /** The model, or null. */
  get(id: string): Promise<Model | null> {
    return this.deps.storage.models.get(id);
  }

  /** Models matching the filter, oldest first. */
  find(filter?: ModelFilter, page?: PageRequest): Promise<Page<Model>> {
    return this.deps.storage.models.find(filter, page);
  }

  /** Deletes the record, then its file. */
  async delete(id: string): Promise<boolean> {
    const modelId = checkId(id, 'model id');
    const model = await this.deps.storage.models.get(modelId);
    if (!model) return false;
    const deleted = await this.deps.storage.models.delete(modelId);
    await removeQuietly(this.deps.fileManager, [model.fileKey]);
    return deleted;
  }
}
