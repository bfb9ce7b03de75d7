import { z } from 'zod';
import { fieldSetOf, type FieldSet, type FieldType } from '../field-set';
import { formatKey, parseFieldPath } from '../path/field-path';
import type { DataRecord, StepDefinition } from '../types';
import { reason } from './reason';

const config = z
  .object({
    separator: z.string().min(1).optional().meta({ description: "Splits top-level keys into levels: '.' (default) makes 'shipTo.country' into shipTo: { country }." }),
  })
  .strict()
  .meta({ description: "The inverse of flatten: { separator: '_' } makes { shipTo_country: DE } into { shipTo: { country: DE } }." });

function define(o: DataRecord, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
}

const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
/** A top-level key holding a value (undefined means absent; see DataRecord). */
const isPresent = (o: DataRecord, k: string) => hasOwn(o, k) && o[k] !== undefined;

export const nestStep: StepDefinition<z.infer<typeof config>> = {
  name: 'nest',
  description: 'Turns separated top-level keys into nested records.',
  config,
  compile(cfg) {
    const separator = cfg.separator ?? '.';
    return {
      reads: [],
      outputFields: (input) => nestFields(input, separator),
      apply(record, emit) {
        const out: DataRecord = {};
        for (const key of Object.keys(record)) {
          if (record[key] === undefined) continue;
          const parts = key.includes(separator) ? key.split(separator) : undefined;
          if (parts === undefined || parts.some((p) => p === '')) {
            if (hasOwn(out, key)) return [reason('nest', `'${key}' is both a value and a parent of nested keys`, key)];
            define(out, key, record[key]);
            continue;
          }
          let o = out;
          for (let i = 0; i < parts.length - 1; i++) {
            const next = hasOwn(o, parts[i]) ? o[parts[i]] : undefined;
            if (next === undefined) {
              const child: DataRecord = {};
              define(o, parts[i], child);
              o = child;
            } else if (typeof next === 'object' && next !== null && !Array.isArray(next) && !isPresent(record, parts.slice(0, i + 1).join(separator))) {
              o = next as DataRecord;
            } else {
              return [reason('nest', `'${parts.slice(0, i + 1).join(separator)}' is both a value and a parent of '${key}'`, key)];
            }
          }
          const leaf = parts[parts.length - 1];
          if (hasOwn(o, leaf)) return [reason('nest', `'${key}' is both a value and a parent of nested keys`, key)];
          define(o, leaf, record[key]);
        }
        emit(out);
        return undefined;
      },
    };
  },
};

function nestFields(input: FieldSet, separator: string): FieldSet {
  const out: Record<string, FieldType> = {};
  for (const [path, type] of input.entries()) {
    const parsed = parseFieldPath(path);
    const first = parsed.segments[0];
    if (first.kind !== 'key' || !first.key.includes(separator) || first.key.split(separator).some((p) => p === '')) {
      out[path] = type;
      continue;
    }
    const head = first.key.split(separator).map((k, i) => formatKey(k, i === 0)).join('');
    out[head + path.slice(formatKey(first.key, true).length)] = type;
  }
  return fieldSetOf(out, { open: input.open });
}
