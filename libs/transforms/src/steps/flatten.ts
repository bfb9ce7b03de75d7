import { z } from 'zod';
import { fieldSetOf, type FieldSet, type FieldType } from '../field-set';
import { formatKey } from '../path/field-path';
import { StepConfigError } from '../step-config-error';
import type { DataRecord, StepDefinition } from '../types';
import { fieldPathSchema, pathAt } from './config-path';
import { reason } from './reason';

const config = z
  .object({
    field: fieldPathSchema.optional().meta({ description: 'A top-level record field to flatten into the top level (its name becomes the prefix); default: the whole record.' }),
    separator: z.string().min(1).optional().meta({ description: "Joins the keys: '_' (default) gives shipTo_country, '.' gives 'shipTo.country'." }),
    arrays: z.enum(['keep', 'index']).optional().meta({ description: "'keep' (default) leaves arrays as values; 'index' flattens them too: lines_0_sku." }),
  })
  .strict()
  .meta({ description: "Turns nested records into top-level keys: { separator: '_' } makes { shipTo: { country: DE } } into { shipTo_country: DE }." });

function isRecord(v: unknown): v is DataRecord {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);
}

export const flattenStep: StepDefinition<z.infer<typeof config>> = {
  name: 'flatten',
  description: 'Turns nested records into flat keys.',
  config,
  compile(cfg) {
    const separator = cfg.separator ?? '_';
    const indexArrays = cfg.arrays === 'index';
    const field = cfg.field === undefined ? undefined : pathAt(cfg.field, ['field'], { wildcard: false });
    if (field !== undefined && (field.segments.length !== 1 || field.segments[0].kind !== 'key')) {
      throw new StepConfigError('field must be a top-level field name', ['field']);
    }
    const only = field?.segments[0].kind === 'key' ? field.segments[0].key : undefined;
    let collision: string | undefined;
    const into = (out: DataRecord, prefix: string, v: unknown): void => {
      if (isRecord(v) && Object.keys(v).some((k) => v[k] !== undefined)) {
        for (const k of Object.keys(v)) if (v[k] !== undefined) into(out, prefix + separator + k, v[k]);
      } else if (indexArrays && Array.isArray(v) && v.length > 0) {
        for (let i = 0; i < v.length; i++) into(out, prefix + separator + i, v[i]);
      } else {
        if (Object.prototype.hasOwnProperty.call(out, prefix) && collision === undefined) collision = prefix;
        Object.defineProperty(out, prefix, { value: v, writable: true, enumerable: true, configurable: true });
      }
    };
    return {
      reads: only === undefined ? [] : [only],
      outputFields: (input) => flattenFields(input, only, separator),
      apply(record, emit) {
        collision = undefined;
        const out: DataRecord = {};
        for (const k of Object.keys(record)) {
          if (record[k] === undefined) continue;
          if (only === undefined || k === only) into(out, k, record[k]);
          else if (Object.prototype.hasOwnProperty.call(out, k)) collision = k;
          else Object.defineProperty(out, k, { value: record[k], writable: true, enumerable: true, configurable: true });
        }
        if (collision !== undefined) return [reason('flatten', `two fields flatten to the key '${collision}'`, collision)];
        emit(out);
        return undefined;
      },
    };
  },
};

function flattenFields(input: FieldSet, only: string | undefined, separator: string): FieldSet {
  const out: Record<string, FieldType> = {};
  const entries = input.entries();
  const hasChildren = (path: string) => entries.some(([k]) => k.startsWith(path + '.'));
  for (const [path, type] of entries) {
    const top = path.split(/[.[]/)[0];
    if (only !== undefined && top !== only) {
      out[path] = type;
      continue;
    }
    if (path.includes('[') || hasChildren(path)) continue;
    out[formatKey(path.split('.').join(separator), true)] = type;
  }
  return fieldSetOf(out, { open: input.open });
}
