import { z } from 'zod';
import { describeValue } from '../expression/values';
import { compileGetter } from '../path/path-read';
import { compileSetter } from '../path/path-write';
import { StepConfigError } from '../step-config-error';
import type { StepDefinition } from '../types';
import { fieldPathSchema, pathAt } from './config-path';
import { regexAt, regexFlagsSchema, regexSchema } from './config-regex';
import { reason } from './reason';

const config = z
  .object({
    field: fieldPathSchema,
    pattern: regexSchema,
    flags: regexFlagsSchema.optional(),
    group: z.union([z.number().int().min(0), z.string().min(1)]).optional().meta({ description: 'Group number or name to extract; default 1, or the whole match when the pattern has no group.' }),
    target: fieldPathSchema.optional().meta({ description: 'Where to store the extract; default: field itself.' }),
    onNoMatch: z.enum(['null', 'keep', 'error']).optional().meta({ description: "No match: store null (default), keep the target as it is, or fail the record ('error')." }),
  })
  .strict()
  .meta({ description: "Stores one regex group of a string field: { field: reference, pattern: 'INV-(\\\\d+)', target: invoiceNo }." });

export const regexExtractStep: StepDefinition<z.infer<typeof config>> = {
  name: 'regexExtract',
  description: 'Extracts a regex group from a string field into a field.',
  config,
  compile(cfg) {
    const source = pathAt(cfg.field, ['field'], { wildcard: false });
    const target = pathAt(cfg.target ?? cfg.field, [cfg.target === undefined ? 'field' : 'target'], { wildcard: false });
    const regex = regexAt(cfg.pattern, cfg.flags, '', ['pattern']);
    // An empty alternative always matches, so its match array counts the pattern's groups.
    const groupCount = new RegExp(`${regex.source}|`, regex.flags).exec('')!.length - 1;
    const group = cfg.group ?? (groupCount > 0 ? 1 : 0);
    if (typeof group === 'number' && group > groupCount) throw new StepConfigError(`group ${group} does not exist: the pattern has ${groupCount} group${groupCount === 1 ? '' : 's'}`, ['group']);
    if (typeof group === 'string' && !cfg.pattern.includes(`(?<${group}>`)) throw new StepConfigError(`the pattern has no group named '${group}'`, ['group']);
    const onNoMatch = cfg.onNoMatch ?? 'null';
    const get = compileGetter(source);
    const set = compileSetter(target);
    return {
      reads: [source.normalized],
      outputFields: (input) => input.with(target.text, 'string'),
      apply(record, emit) {
        const v = get(record);
        if (v === undefined) {
          emit(record);
          return undefined;
        }
        let extract: unknown = null;
        if (typeof v === 'string') {
          const m = regex.exec(v);
          if (m !== null) extract = (typeof group === 'number' ? m[group] : m.groups?.[group]) ?? null;
          else if (onNoMatch === 'error') return [reason('regexExtract', `${describeValue(v)} does not match /${regex.source}/`, source.text)];
          else if (onNoMatch === 'keep') {
            emit(record);
            return undefined;
          }
        } else if (v !== null) {
          return [reason('regexExtract', `expected a string, got ${describeValue(v)}`, source.text)];
        }
        const failure = set(record, extract);
        if (failure !== undefined) return [reason('regexExtract', failure, target.text)];
        emit(record);
        return undefined;
      },
    };
  },
};
