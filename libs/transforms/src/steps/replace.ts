import { z } from 'zod';
import { describeValue } from '../expression/values';
import { compileUpdater } from '../path/path-write';
import { StepConfigError } from '../step-config-error';
import type { Reason, StepDefinition } from '../types';
import { asList, fieldPathListSchema, pathAt } from './config-path';
import { regexAt, regexFlagsSchema, regexSchema } from './config-regex';
import { reason } from './reason';

const config = z
  .object({
    field: fieldPathListSchema,
    find: z.string().min(1).optional().meta({ description: 'Literal text to replace (every occurrence).' }),
    pattern: regexSchema.optional().meta({ description: 'Or a regex; every match is replaced, and `with` may use $1, $<name>.' }),
    flags: regexFlagsSchema.optional(),
    with: z.string().meta({ description: 'The replacement.' }),
  })
  .strict()
  .meta({ description: "Replaces text in strings: { field: phone, pattern: '[^0-9+]', with: '' } or { field: sku, find: '-', with: '' }. Give find or pattern." });

export const replaceStep: StepDefinition<z.infer<typeof config>> = {
  name: 'replace',
  description: 'Replaces literal text or regex matches in string fields.',
  config,
  compile(cfg) {
    if ((cfg.find === undefined) === (cfg.pattern === undefined)) throw new StepConfigError('give exactly one of find (literal text) or pattern (regex)', cfg.find === undefined ? [] : ['pattern']);
    if (cfg.flags !== undefined && cfg.pattern === undefined) throw new StepConfigError('flags apply to pattern only', ['flags']);
    const paths = asList(cfg.field).map((p, i) => pathAt(p, typeof cfg.field === 'string' ? ['field'] : ['field', i]));
    const replacement = cfg.with;
    const find = cfg.find;
    const regex = cfg.pattern === undefined ? undefined : regexAt(cfg.pattern, cfg.flags, 'g', ['pattern']);
    const replaceIn: (s: string) => string = regex !== undefined ? (s) => s.replace(regex, replacement) : (s) => s.split(find as string).join(replacement);
    let failure: Reason[] | undefined;
    let current = '';
    const update = (v: unknown): unknown => {
      if (typeof v === 'string') return replaceIn(v);
      if (v !== null && v !== undefined && failure === undefined) failure = [reason('replace', `expected a string, got ${describeValue(v)}`, current)];
      return v;
    };
    const updaters = paths.map((p) => ({ path: p.text, update: compileUpdater(p) }));
    return {
      reads: paths.map((p) => p.normalized),
      outputFields: (input) => input,
      apply(record, emit) {
        failure = undefined;
        for (let i = 0; i < updaters.length; i++) {
          current = updaters[i].path;
          updaters[i].update(record, update);
          if (failure !== undefined) return failure;
        }
        emit(record);
        return undefined;
      },
    };
  },
};
