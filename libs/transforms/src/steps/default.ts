import { z } from 'zod';
import { compileGetter } from '../path/path-read';
import { compileSetter } from '../path/path-write';
import { deepCopy } from '../record/deep-copy';
import type { StepDefinition } from '../types';
import { fieldPathSchema, pathAt } from './config-path';
import { reason } from './reason';

const config = z.record(fieldPathSchema, z.unknown().meta({ description: 'The literal value to use.' })).meta({
  description: 'Field path to a literal value, stored when the field is missing or null: { currency: USD, shipTo.country: US }.',
});

export const defaultStep: StepDefinition<z.infer<typeof config>> = {
  name: 'default',
  description: 'Fills missing or null fields with fixed values.',
  config,
  compile(cfg) {
    const defaults = Object.entries(cfg).map(([field, value]) => {
      const target = pathAt(field, [field], { wildcard: false });
      const shared = typeof value !== 'object' || value === null;
      return { target, value, shared, get: compileGetter(target), set: compileSetter(target) };
    });
    return {
      reads: [],
      outputFields: (input) =>
        defaults.reduce((fields, d) => (fields.typeOf(d.target.text) !== undefined ? fields : fields.with(d.target.text, literalType(d.value))), input),
      apply(record, emit) {
        for (let i = 0; i < defaults.length; i++) {
          const d = defaults[i];
          const current = d.get(record);
          if (current !== undefined && current !== null) continue;
          const failure = d.set(record, d.shared ? d.value : deepCopy(d.value));
          if (failure !== undefined) return [reason('default', failure, d.target.text)];
        }
        emit(record);
        return undefined;
      },
    };
  },
};

function literalType(value: unknown) {
  if (typeof value === 'string') return 'string' as const;
  if (typeof value === 'boolean') return 'boolean' as const;
  if (typeof value === 'number') return Number.isInteger(value) ? ('long' as const) : ('double' as const);
  return 'unknown' as const;
}
