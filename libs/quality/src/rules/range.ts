import { z } from 'zod';
import { parseDuration } from '../duration';
import { fieldReader } from '../field-reader';
import { isoInstant } from '../iso-instant';
import { RuleConfigError } from '../rule-config-error';
import type { RuleContext, RuleDefinition } from '../types';
import { eachValue } from '../value-check';
import { describeValue, instantOf, numberOf, timeOf } from '../value-reading';

const bound = z
  .union([z.number(), z.string().min(1)])
  .describe('A number, an ISO date or date-time, or a date relative to the clock: now, now-10y, now+1d');

const config = z
  .strictObject({
    field: z.string().min(1),
    min: bound.optional(),
    max: bound.optional(),
    exclusiveMin: z.boolean().default(false),
    exclusiveMax: z.boolean().default(false),
  })
  .refine((cfg) => cfg.min !== undefined || cfg.max !== undefined, { message: 'a range needs min, max or both' })
  .meta({ description: 'Numbers or dates between min and max (inclusive unless exclusive)', examples: [{ field: 'total', min: 0 }, { field: 'orderDate', min: '2000-01-01', max: 'now+1d' }] });

type RangeConfig = z.infer<typeof config>;
type Bound = { kind: 'number'; at: () => number; text: string } | { kind: 'date'; at: () => number; text: string };

const RELATIVE = /^now\s*(?:([+-])\s*(.+))?$/;

function boundOf(value: number | string, key: 'min' | 'max', ctx: RuleContext): Bound {
  if (typeof value === 'number') return { kind: 'number', at: () => value, text: String(value) };
  const relative = RELATIVE.exec(value.trim());
  if (relative) {
    const offset = relative[2] === undefined ? 0 : parseDuration(relative[2]);
    if (offset === undefined) throw new RuleConfigError(`'${relative[2]}' in '${value}' is not a duration such as 1d or 10y`, [key]);
    const signed = relative[1] === '-' ? -offset : offset;
    const now = ctx.now ?? Date.now;
    return { kind: 'date', at: () => now() + signed, text: value };
  }
  const time = timeOf(value);
  if (time === undefined) throw new RuleConfigError(`'${value}' is not a number, an ISO date (2024-03-05) or now±duration`, [key]);
  return { kind: 'date', at: () => time, text: value };
}

export const rangeRule: RuleDefinition<RangeConfig> = {
  name: 'range',
  description: 'Fails a record whose number or date lies outside [min, max]; dates may be relative to the clock (absurd dates).',
  config,
  compile(cfg, ctx) {
    const reader = fieldReader(cfg.field, ['field']);
    const min = cfg.min === undefined ? undefined : boundOf(cfg.min, 'min', ctx);
    const max = cfg.max === undefined ? undefined : boundOf(cfg.max, 'max', ctx);
    const kind = (min ?? max)!.kind;
    if (min && max && min.kind !== max.kind) throw new RuleConfigError('min and max must both be numbers or both be dates', ['max']);
    if (min && max && min.kind === 'number' && min.at() > max.at()) throw new RuleConfigError(`min ${min.text} is above max ${max.text}`, ['min']);
    const read = kind === 'number' ? numberOf : instantOf;
    const show = (x: number) => (kind === 'number' ? String(x) : isoInstant(x));
    /** ' (2024-05-02T00:00:00.000Z)' after a bound written otherwise ('now+1d'), else nothing. */
    const boundNote = (bound: Bound, at: number) => {
      const text = show(at);
      return bound.text === text ? '' : ` (${text})`;
    };
    // an Avro day number or epoch ms says little to a person: show the instant too
    const shown = (value: unknown, x: number) => (kind === 'date' && typeof value === 'number' ? `${value} (${show(x)})` : describeValue(value));
    return {
      reads: [reader.normalized],
      check: eachValue('range', reader, (value) => {
        const x = read(value);
        if (x === undefined) return `is ${describeValue(value)}, not a ${kind}`;
        // Messages (and the date formatting in them) are built only for a value that fails.
        if (min) {
          const lo = min.at();
          if (x < lo || (cfg.exclusiveMin && x === lo)) return `is ${shown(value, x)}, below the minimum ${min.text}${boundNote(min, lo)}`;
        }
        if (max) {
          const hi = max.at();
          if (x > hi || (cfg.exclusiveMax && x === hi)) return `is ${shown(value, x)}, above the maximum ${max.text}${boundNote(max, hi)}`;
        }
        return undefined;
      }),
    };
  },
};
