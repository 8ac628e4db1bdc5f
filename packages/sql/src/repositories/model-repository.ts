import {
  checkId,
  checkModelFilter,
  type Model,
  type ModelFilter,
  type ModelInput,
  type ModelRepository,
  type Page,
  type PageRequest,
  prepareModel,
} from '@vpe-storage/core';
import { modelMapper } from '../mapping/model-row.js';
import { insertSql } from '../mapping/table-mapper.js';
import { fetchPage } from '../query/keyset.js';
import { getOne, type RepoContext, withEntity } from './context.js';

const INSERT = insertSql(modelMapper);

/** ModelRepository over SQL. */
export class SqlModelRepository implements ModelRepository {
  /** Runs on the executor of `ctx` (the root one, or a transaction's). */
  constructor(private readonly ctx: RepoContext) {}

  /** Registers a model; `ALREADY_EXISTS` when the id is taken. */
  async register(input: ModelInput): Promise<Model> {
    const model = prepareModel(input);
    await withEntity(
      'model',
      model.id,
      this.ctx.exec.run(this.ctx.d.sql(INSERT), modelMapper.toRow(model, this.ctx.d)),
    );
    return model;
  }

  /** The model, or null. */
  async get(id: string): Promise<Model | null> {
    checkId(id);
    return getOne(this.ctx, 'SELECT * FROM models WHERE id = ?', [id], (r) =>
      modelMapper.fromRow(r, this.ctx.d),
    );
  }

  /** Models matching the filter by (createdAt, id). */
  async find(filter?: ModelFilter, page?: PageRequest): Promise<Page<Model>> {
    const f = checkModelFilter(filter);
    const where: string[] = [];
    const params: string[] = [];
    if (f.modelType !== undefined) {
      where.push('model_type = ?');
      params.push(f.modelType);
    }
    if (f.areaType !== undefined) {
      where.push('area_type = ?');
      params.push(f.areaType);
    }
    return fetchPage(
      this.ctx.exec,
      this.ctx.d,
      {
        select: 'SELECT * FROM models',
        where,
        params,
        order: ['created_at', 'id'],
        types: ['timestamp', 'text'],
        map: (r) => modelMapper.fromRow(r, this.ctx.d),
        position: (m) => [m.createdAt, m.id],
      },
      page,
    );
  }

  /** Deletes the model record (its file is left to cleanup). */
  async delete(id: string): Promise<boolean> {
    checkId(id);
    const { changes } = await this.ctx.exec.run(this.ctx.d.sql('DELETE FROM models WHERE id = ?'), [id]);
    return changes > 0;
  }
}
