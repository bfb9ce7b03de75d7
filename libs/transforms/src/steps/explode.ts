import { z } from 'zod';
import { describeValue } from '../expression/values';
import { compileGetter } from '../path/path-read';
import { compileDeleter, compileSetter } from '../path/path-write';
import { deepCopy } from '../record/deep-copy';
import type { DataRecord, StepDefinition } from '../types';
import { fieldPathSchema, pathAt } from './config-path';
import { reason } from './reason';

const config = z
  .object({
    field: fieldPathSchema.meta({ description: 'The array to explode.' }),
    target: fieldPathSchema.optional().meta({ description: 'Where each element goes; default: field itself (the array is replaced by one element).' }),
    index: fieldPathSchema.optional().meta({ description: "Where to store the element's 0-based position, if anywhere." }),
    onEmpty: z.enum(['drop', 'keep', 'error']).optional().meta({ description: "An empty or missing array: 'drop' the record (default, like SQL explode), 'keep' it once with a null element, or fail it." }),
  })
  .strict()
  .meta({ description: 'Makes one record per array element: { field: lines, target: line } turns an order with 3 lines into 3 records, each with one line.' });

export const explodeStep: StepDefinition<z.infer<typeof config>> = {
  name: 'explode',
  description: 'Turns an array field into one record per element.',
  config,
  compile(cfg) {
    const source = pathAt(cfg.field, ['field'], { wildcard: false });
    const target = pathAt(cfg.target ?? cfg.field, [cfg.target === undefined ? 'field' : 'target'], { wildcard: false });
    const index = cfg.index === undefined ? undefined : pathAt(cfg.index, ['index'], { wildcard: false });
    const onEmpty = cfg.onEmpty ?? 'drop';
    const get = compileGetter(source);
    const detach = compileDeleter(source);
    const set = compileSetter(target);
    const setIndex = index === undefined ? undefined : compileSetter(index);
    const place = (record: DataRecord, element: unknown, i: number | null): string | undefined => set(record, element) ?? setIndex?.(record, i);
    return {
      reads: [source.normalized],
      outputFields(input) {
        let fields = input.without(source.text).with(target.text, 'unknown');
        for (const [k, t] of input.entries()) if (k.startsWith(`${source.normalized}[].`)) fields = fields.with(target.text + k.slice(source.normalized.length + 2), t);
        return index === undefined ? fields : fields.with(index.text, 'int');
      },
      apply(record, emit) {
        const array = get(record);
        if (array !== undefined && array !== null && !Array.isArray(array)) return [reason('explode', `expected an array, got ${describeValue(array)}`, source.text)];
        if (array === undefined || array === null || array.length === 0) {
          if (onEmpty === 'error') return [reason('explode', 'the array is empty or missing', source.text)];
          if (onEmpty === 'keep') {
            detach(record);
            const failure = place(record, null, null);
            if (failure !== undefined) return [reason('explode', failure, target.text)];
            emit(record);
          }
          return undefined;
        }
        // Detach the array first so copies do not copy it; copy before any emit, because
        // downstream steps mutate what they receive (the last element reuses the original).
        detach(record);
        const copies: DataRecord[] = new Array(array.length);
        for (let i = 0; i < array.length - 1; i++) copies[i] = deepCopy(record);
        copies[array.length - 1] = record;
        for (let i = 0; i < array.length; i++) {
          const failure = place(copies[i], array[i], i);
          if (failure !== undefined) return [reason('explode', failure, target.text)];
        }
        for (let i = 0; i < copies.length; i++) emit(copies[i]);
        return undefined;
      },
    };
  },
};
