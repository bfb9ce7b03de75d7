import { z } from 'zod';
import { describeValue } from '../expression/values';
import { compileGetter } from '../path/path-read';
import { compileSetter } from '../path/path-write';
import type { StepDefinition } from '../types';
import { fieldPathSchema, pathAt } from './config-path';
import { regexAt, regexFlagsSchema } from './config-regex';
import { reason } from './reason';

const config = z
  .object({
    field: fieldPathSchema,
    separator: z.string().min(1).meta({ description: 'The text between parts (literal, unless regex is true).' }),
    regex: z.boolean().optional().meta({ description: 'Treat separator as a regex, e.g. \\s*[,;]\\s*.' }),
    flags: regexFlagsSchema.optional(),
    target: fieldPathSchema.optional().meta({ description: 'Where to store the array; default: field itself.' }),
    trim: z.boolean().optional().meta({ description: 'Trim each part (default false).' }),
    removeEmpty: z.boolean().optional().meta({ description: 'Drop empty parts (default false).' }),
  })
  .strict()
  .meta({ description: "Splits a string into an array of strings: { field: tags, separator: ',', trim: true }. Null stays null." });

export const splitStep: StepDefinition<z.infer<typeof config>> = {
  name: 'split',
  description: 'Splits a string field into an array.',
  config,
  compile(cfg) {
    const source = pathAt(cfg.field, ['field'], { wildcard: false });
    const target = pathAt(cfg.target ?? cfg.field, [cfg.target === undefined ? 'field' : 'target'], { wildcard: false });
    const separator: string | RegExp = cfg.regex ? regexAt(cfg.separator, cfg.flags, '', ['separator']) : cfg.separator;
    const { trim = false, removeEmpty = false } = cfg;
    const inPlace = target.normalized === source.normalized;
    const get = compileGetter(source);
    const set = compileSetter(target);
    return {
      reads: [source.normalized],
      outputFields: (input) => input.with(target.text, 'array').with(`${target.text}[]`, 'string'),
      apply(record, emit) {
        const v = get(record);
        if (v === undefined || (v === null && inPlace)) {
          emit(record);
          return undefined;
        }
        let parts: string[] | null = null;
        if (typeof v === 'string') {
          parts = v.split(separator);
          if (trim) for (let i = 0; i < parts.length; i++) parts[i] = parts[i].trim();
          if (removeEmpty) parts = parts.filter((p) => p !== '');
        } else if (v !== null) {
          return [reason('split', `expected a string, got ${describeValue(v)}`, source.text)];
        }
        const failure = set(record, parts);
        if (failure !== undefined) return [reason('split', failure, target.text)];
        emit(record);
        return undefined;
      },
    };
  },
};
