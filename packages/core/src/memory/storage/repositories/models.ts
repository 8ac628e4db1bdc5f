import type { Page, PageRequest } from '../../../contracts/page.js';
import type { ModelFilter, ModelRepository } from '../../../contracts/repositories.js';
import { checkId } from '../../../domain/arguments.js';
import { checkModelFilter } from '../../../domain/filters.js';
import { prepareModel } from '../../../domain/prepare.js';
import type { Model, ModelInput } from '../../../schemas/model.js';
import { alreadyExists } from '../errors.js';
import { pageOf } from '../paging.js';
import { copy, type MemoryDb } from '../tables.js';

/** Trained detector models in memory. */
export class MemoryModelRepository implements ModelRepository {
  /** Works on the tables of `db`. */
  constructor(protected readonly db: MemoryDb) {}

  /** Registers a model; `ALREADY_EXISTS` when the id is taken. */
  async register(input: ModelInput): Promise<Model> {
    const model = prepareModel(input);
    if (this.db.tables.models.has(model.id)) throw alreadyExists('model', 'id', model.id);
    this.db.tables.models.set(model.id, copy(model));
    return copy(model);
  }

  /** The model, or null. */
  async get(id: string): Promise<Model | null> {
    const model = this.db.tables.models.get(checkId(id));
    return model ? copy(model) : null;
  }

  /** Models matching the filter ordered by (createdAt, id). */
  async find(filter?: ModelFilter, page?: PageRequest): Promise<Page<Model>> {
    const { modelType, areaType } = checkModelFilter(filter);
    const rows = [...this.db.tables.models.values()].filter(
      (m) =>
        (modelType === undefined || m.modelType === modelType) &&
        (areaType === undefined || m.areaType === areaType),
    );
    return pageOf(rows, page, ['string', 'string'], (m) => [m.createdAt, m.id]);
  }

  /** Deletes the model. */
  async delete(id: string): Promise<boolean> {
    return this.db.tables.models.delete(checkId(id));
  }
}
