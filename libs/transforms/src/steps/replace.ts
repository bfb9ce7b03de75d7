import { z } from 'zod';
import { characterClassReplacer } from '../regex/character-class-replacer';
import { StepConfigError } from '../step-config-error';
import type { StepDefinition } from '../types';
import { asList, fieldPathListSchema, pathAt } from './config-path';
import { regexAt, regexFlagsSchema, regexSchema } from './config-regex';
import { compileStringUpdate } from './string-field-steps';

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
    const replaceIn: (s: string) => string =
      regex !== undefined ? (characterClassReplacer(regex, replacement) ?? ((s) => s.replace(regex, replacement))) : (s) => s.split(find as string).join(replacement);
    return compileStringUpdate('replace', paths, replaceIn);
  },
};
