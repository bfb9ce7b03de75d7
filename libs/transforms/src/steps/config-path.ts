// Field paths inside step configs, parsed at compile time into StepConfigErrors that point
// at the offending config entry.
import { z } from 'zod';
import { FieldPathError, parseFieldPath, type FieldPath } from '../path/field-path';
import { StepConfigError } from '../step-config-error';

export const fieldPathSchema = z.string().min(1).meta({ description: "A field path: 'total', 'shipTo.country', 'lines[0].sku', 'lines[*].sku'." });

/** One path or a list of paths: `trim: name` or `trim: [name, shipTo.city]`. */
export const fieldPathListSchema = z.union([fieldPathSchema, z.array(fieldPathSchema).min(1)]);

export function asList(value: string | readonly string[]): readonly string[] {
  return typeof value === 'string' ? [value] : value;
}

/** Parses a path found at `at` in the config; `wildcard: false` rejects `[*]` (paths written to). */
export function pathAt(text: string, at: readonly (string | number)[], options: { wildcard?: boolean } = {}): FieldPath {
  let path: FieldPath;
  try {
    path = parseFieldPath(text);
  } catch (e) {
    if (e instanceof FieldPathError) throw new StepConfigError(e.message, at, e.position);
    throw e;
  }
  if (options.wildcard === false && path.hasWildcard) {
    throw new StepConfigError(`'${text}' has a [*] wildcard, which this setting cannot take (name one field)`, at, text.indexOf('[*]'));
  }
  return path;
}
