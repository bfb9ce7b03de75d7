import { z } from 'zod';
import { fieldReader } from '../field-reader';
import type { RuleDefinition } from '../types';
import { eachValue } from '../value-check';
import { describeValue, MAX_EPOCH_DAY, numberOf, timeOf } from '../value-reading';

/** 9999-12-31T23:59:59.999Z, the last instant Avro tools agree on. */
const MAX_TIMESTAMP = 253_402_300_799_999;

/**
 * What each type name accepts, in both forms a record can have (see value-reading.ts): decimal
 * takes numbers and decimal text; date takes 'YYYY-MM-DD' on the calendar, a Date, or an Avro
 * day number; timestamp takes ISO date-time text, a Date, or epoch milliseconds.
 */
const TESTS = {
  string: (v: unknown) => typeof v === 'string',
  number: (v: unknown) => typeof v === 'number' && Number.isFinite(v),
  integer: (v: unknown) => Number.isSafeInteger(v),
  decimal: (v: unknown) => numberOf(v) !== undefined && typeof v !== 'bigint',
  boolean: (v: unknown) => typeof v === 'boolean',
  date: (v: unknown) =>
    (Number.isInteger(v) && Math.abs(v as number) <= MAX_EPOCH_DAY) || ((v instanceof Date || (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v))) && timeOf(v) !== undefined),
  timestamp: (v: unknown) => (typeof v === 'number' && Math.abs(v) <= MAX_TIMESTAMP) || ((v instanceof Date || (typeof v === 'string' && v.length > 10)) && timeOf(v) !== undefined),
  array: (v: unknown) => Array.isArray(v),
  object: (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date),
} as const;
type TypeName = keyof typeof TESTS;

const config = z
  .strictObject({
    field: z.string().min(1),
    type: z.enum(Object.keys(TESTS) as [TypeName, ...TypeName[]]).describe('date: a Date or YYYY-MM-DD on the calendar; timestamp: a Date or ISO-8601 date-time'),
  })
  .meta({ description: 'The field must hold a value of this type', examples: [{ field: 'orderDate', type: 'date' }] });

export const valueTypeRule: RuleDefinition<z.infer<typeof config>> = {
  name: 'type',
  description: 'Fails a record whose field holds a value of another type (a string amount, an impossible date).',
  config,
  compile(cfg) {
    const reader = fieldReader(cfg.field, ['field']);
    const test = TESTS[cfg.type];
    const article = /^[aeiou]/.test(cfg.type) ? 'an' : 'a';
    return {
      reads: [reader.normalized],
      check: eachValue('type', reader, (value) => (test(value) ? undefined : `is ${describeValue(value)}, not ${article} ${cfg.type}`)),
    };
  },
};
