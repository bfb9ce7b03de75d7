import { z } from 'zod';
import { describeValue } from '../expression/values';
import { compileGetter } from '../path/path-read';
import { compileSetter } from '../path/path-write';
import type { StepDefinition } from '../types';
import { fieldPathSchema, pathAt } from './config-path';
import { reason } from './reason';

const config = z
  .object({
    fields: z.array(fieldPathSchema).min(1).meta({ description: 'Paths whose values (strings, numbers, booleans) to join, in order.' }),
    separator: z.string().optional().meta({ description: "Between values; default ''." }),
    target: fieldPathSchema,
    skipNulls: z.boolean().optional().meta({ description: 'Leave null and missing values out (default true); false makes any null give null.' }),
  })
  .strict()
  .meta({ description: "Joins fields into one string: { fields: [firstName, lastName], separator: ' ', target: fullName }. All null gives null." });

export const concatStep: StepDefinition<z.infer<typeof config>> = {
  name: 'concat',
  description: 'Joins several fields into one string.',
  config,
  compile(cfg) {
    const sources = cfg.fields.map((f, i) => pathAt(f, ['fields', i], { wildcard: false }));
    const target = pathAt(cfg.target, ['target'], { wildcard: false });
    const getters = sources.map(compileGetter);
    const set = compileSetter(target);
    const separator = cfg.separator ?? '';
    const skipNulls = cfg.skipNulls ?? true;
    return {
      reads: sources.map((s) => s.normalized),
      outputFields: (input) => input.with(target.text, 'string'),
      apply(record, emit) {
        let out: string | null = null;
        for (let i = 0; i < getters.length; i++) {
          const v = getters[i](record);
          if (v === null || v === undefined) {
            if (skipNulls) continue;
            out = null;
            break;
          }
          if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return [reason('concat', `expected a string, number or boolean, got ${describeValue(v)}`, sources[i].text)];
          out = out === null ? String(v) : out + separator + String(v);
        }
        const failure = set(record, out);
        if (failure !== undefined) return [reason('concat', failure, target.text)];
        emit(record);
        return undefined;
      },
    };
  },
};
