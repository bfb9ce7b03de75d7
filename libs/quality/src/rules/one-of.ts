import { z } from 'zod';
import { fieldReader } from '../field-reader';
import type { RuleDefinition } from '../types';
import { eachValue } from '../value-check';
import { describeValue } from '../value-reading';

const config = z
  .strictObject({
    field: z.string().min(1),
    values: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1),
    ignoreCase: z.boolean().default(false),
  })
  .meta({ description: 'The field must hold one of the listed values', examples: [{ field: 'currency', values: ['USD', 'EUR', 'GBP'] }] });

export const oneOfRule: RuleDefinition<z.infer<typeof config>> = {
  name: 'enum',
  description: 'Fails a record whose field holds a value outside a fixed list (currency codes, statuses).',
  config,
  compile(cfg) {
    const reader = fieldReader(cfg.field, ['field']);
    const fold = (value: unknown) => (cfg.ignoreCase && typeof value === 'string' ? value.toLowerCase() : value);
    const allowed = new Set(cfg.values.map(fold));
    const listed = cfg.values.length <= 8 ? cfg.values.map((v) => JSON.stringify(v)).join(', ') : `${cfg.values.length} allowed values`;
    return {
      reads: [reader.normalized],
      check: eachValue('enum', reader, (value) => (allowed.has(fold(value)) ? undefined : `is ${describeValue(value)}, not one of ${listed}`)),
    };
  },
};
