import { type BoundingBox, BoundingBoxSchema, parseOrThrow, StorageError } from '@vpe-storage/core';
import { z } from 'zod';

// Option values arrive as strings: each is checked here with zod, so a bad one is a VALIDATION error
// naming the option, before anything is opened or written.

const NumberText = z
  .string()
  .trim()
  .regex(/^-?\d+(\.\d+)?$/, 'must be a number')
  .transform(Number);

/** A number option (`--time 1.5`). */
export function numberOption(value: string | undefined, option: string): number | undefined {
  return value === undefined ? undefined : parseOrThrow(NumberText, value, `option ${option}`);
}

/** A positive integer option (`--limit 50`). */
export function intOption(value: string | undefined, option: string): number | undefined {
  return value === undefined
    ? undefined
    : parseOrThrow(NumberText.pipe(z.number().int().positive('must be > 0')), value, `option ${option}`);
}

const BboxText = z
  .string()
  .trim()
  .regex(/^-?\d+,-?\d+,-?\d+,-?\d+$/, 'must be four integers x,y,width,height (e.g. 10,20,64,48)')
  .transform((s) => {
    const [x, y, width, height] = s.split(',').map(Number) as [number, number, number, number];
    return { x, y, width, height };
  });

/** A bounding box option `x,y,width,height`, checked against the annotation's box rules before anything opens. */
export function bboxOption(value: string, option = '--bbox'): BoundingBox {
  const box = parseOrThrow(BboxText, value, `option ${option} (x,y,width,height)`);
  return parseOrThrow(BoundingBoxSchema, box, `option ${option} (x,y,width,height)`);
}

/** The value of a required option, or a VALIDATION error naming it. */
export function required<T>(value: T | undefined, option: string, why: string): T {
  if (value === undefined) throw new StorageError('VALIDATION', `${option} is required ${why}`);
  return value;
}

/** A VALIDATION error for an argument that is not one of `known`. */
export function unknownChoice(what: string, value: string, known: readonly string[]): StorageError {
  return new StorageError(
    'VALIDATION',
    `unknown ${what} ${JSON.stringify(value)}: use one of ${known.join(', ')}`,
  );
}
