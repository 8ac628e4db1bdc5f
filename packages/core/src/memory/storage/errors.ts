import { StorageError } from '../../errors/storage-error.js';

/** `ALREADY_EXISTS` for a taken unique value (an id, a file key). */
export function alreadyExists(entity: string, field: string, value: string): StorageError {
  return new StorageError(
    'ALREADY_EXISTS',
    `${entity} with ${field} ${JSON.stringify(value)} already exists: use another ${field}`,
    { details: { entity, field, value } },
  );
}

/** `CONSTRAINT` for a reference to a parent record that does not exist. */
export function missingParent(entity: string, parent: string, id: string): StorageError {
  return new StorageError(
    'CONSTRAINT',
    `${entity} references ${parent} ${JSON.stringify(id)}, which does not exist: create the ${parent} first`,
    { details: { entity, parent, id } },
  );
}
