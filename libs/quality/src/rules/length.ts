import { z } from 'zod';
import { fieldReader } from '../field-reader';
import type { RuleDefinition } from '../types';
import { eachValue } from '../value-check';
import { describeValue } from '../value-reading';

const config = z
  .strictObject({
    field: z.string().min(1),
    min: z.number().int().min(0).optional(),
    max: z.number().int().min(0).optional(),
  })
  .refine((cfg) => cfg.min !== undefined || cfg.max !== undefined, { message: 'a length rule needs min, max or both' })
  .refine((cfg) => cfg.min === undefined || cfg.max === undefined || cfg.min <= cfg.max, { message: 'min is above max', path: ['min'] })
  .meta({ description: 'Text length in characters (code points) or number of array items', examples: [{ field: 'lines', min: 1 }, { field: 'shipTo.region', max: 3 }] });

/** Characters as people count them: an emoji or a CJK ideograph outside the BMP is one. */
function codePoints(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0xd800 || code > 0xdbff) count++;
  }
  return count;
}

export const lengthRule: RuleDefinition<z.infer<typeof config>> = {
  name: 'length',
  description: 'Fails a record whose text or list is shorter than min or longer than max.',
  config,
  compile(cfg) {
    const reader = fieldReader(cfg.field, ['field']);
    return {
      reads: [reader.normalized],
      check: eachValue('length', reader, (value) => {
        const length = typeof value === 'string' ? codePoints(value) : Array.isArray(value) ? value.length : undefined;
        if (length === undefined) return `is ${describeValue(value)}, neither text nor a list`;
        const unit = typeof value === 'string' ? 'characters' : 'items';
        if (cfg.min !== undefined && length < cfg.min) return `has ${length} ${unit}, fewer than ${cfg.min}`;
        if (cfg.max !== undefined && length > cfg.max) return `has ${length} ${unit}, more than ${cfg.max}`;
        return undefined;
      }),
    };
  },
};
