import { z } from 'zod';
import { fieldReader } from '../field-reader';
import { RuleConfigError } from '../rule-config-error';
import type { RuleDefinition } from '../types';
import { eachValue } from '../value-check';
import { describeValue } from '../value-reading';

const config = z
  .strictObject({
    field: z.string().min(1),
    // Node's regex engine backtracks: a pattern like (a+)+$ can take exponential time on a crafted
    // value. The length caps bound the damage until a linear-time engine (RE2) is available.
    regex: z.string().min(1).max(500).describe('A JavaScript regular expression the whole value is tested against; anchor it with ^...$'),
    flags: z.string().regex(/^[imsu]*$/, 'only the i, m, s and u flags make sense for a test').optional(),
    maxLength: z.number().int().min(1).default(10_000).describe('Longer text fails without being matched'),
  })
  .meta({ description: 'Text that must match a regular expression', examples: [{ field: 'shipTo.postalCode', regex: '^[0-9]{5}$' }] });

export const patternRule: RuleDefinition<z.infer<typeof config>> = {
  name: 'pattern',
  description: 'Fails a record whose text does not match a regular expression (numbers are tested as their decimal text).',
  config,
  compile(cfg) {
    const reader = fieldReader(cfg.field, ['field']);
    let regex: RegExp;
    try {
      regex = new RegExp(cfg.regex, cfg.flags);
    } catch (e) {
      throw new RuleConfigError(`not a valid regular expression: ${(e as Error).message}`, ['regex']);
    }
    return {
      reads: [reader.normalized],
      check: eachValue('pattern', reader, (value) => {
        const text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'bigint' ? String(value) : undefined;
        if (text === undefined) return `is ${describeValue(value)}, not text`;
        if (text.length > cfg.maxLength) return `is ${text.length} characters long, over the ${cfg.maxLength} a pattern is tested on`;
        return regex.test(text) ? undefined : `is ${describeValue(value)}, which does not match /${cfg.regex}/${cfg.flags ?? ''}`;
      }),
    };
  },
};
