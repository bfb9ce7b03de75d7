// Every step, fed any record, either emits records or names reasons: it never throws (which the
// runner would report as an 'internal error'), and a failed record emits nothing.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileTransform } from '../compile-transform';
import type { CompileContext } from '../types';

const CONTEXT: CompileContext = {
  references: { countries: { key: 'code', rows: [{ code: 'DE', name: 'Germany' }, { code: 'US', name: 'United States' }] } },
  schemas: { Small: { type: 'record', name: 'Small', fields: [{ name: 'a', type: ['null', 'int'], default: null }, { name: 'b', type: 'string', default: '' }, { name: 'c', type: { type: 'record', name: 'C', fields: [{ name: 'd', type: ['null', 'double'], default: null }] }, default: { d: null } }] } },
  now: () => Date.UTC(2024, 4, 1),
};

/** One config (or more) per step, reading the fields the generated records have. */
const STEPS: Record<string, unknown>[] = [
  { rename: { a: 'x.y', b: 'a', 'c.d': 'e' } },
  { select: ['a', 'c.d'] },
  { drop: ['a', 'c.d', 'xs[*].v', 'xs[0]'] },
  { set: { s: "concat(string(a), '-', b)", t: 'round(a * 2, 2)', u: "if(b == 'x', parseDate(b), null)" } },
  { default: { a: 0, 'c.d': 'none', tags: [] } },
  { coalesce: { z: ['a', 'b', "'none'"] } },
  { cast: { a: 'int', b: { type: 'decimal', scale: 2, groupSeparator: ',' }, 'xs[*].v': 'boolean' } },
  { cast: { a: { type: 'date', format: 'dd/MM/yyyy' }, b: { type: 'timestamp', timeZone: 'Europe/Berlin' }, 'c.d': 'string' } },
  { trim: ['a', 'b', 'xs[*].v'] },
  { upper: 'b' },
  { lower: ['a', 'c.d'] },
  { replace: { field: ['a', 'xs[*].v'], pattern: '[^0-9]', with: '' } },
  { regexExtract: { field: 'b', pattern: '(\\d+)', target: 'n', onNoMatch: 'error' } },
  { split: { field: 'b', separator: ',', trim: true } },
  { concat: { fields: ['a', 'b', 'c.d'], separator: ' ', target: 'j' } },
  { flatten: {} },
  { flatten: { arrays: 'index', separator: '.' } },
  { nest: { separator: '_' } },
  { explode: { field: 'xs', target: 'x', index: 'i', onEmpty: 'keep' } },
  { lookup: { key: 'b', reference: 'countries', fields: { country: 'name' }, onMissing: 'null' } },
  { lookup: { key: 'a', table: { '1': 'one' }, target: 'w' } },
  { convertCurrency: { amount: 'a', from: 'b', to: 'EUR', rates: { USD: 1, EUR: 0.92 } } },
  { filter: 'a > 0 or b == null' },
  { mapToSchema: { schema: 'Small' } },
  { mapToSchema: { schema: 'Small', extraFields: 'error' } },
];

const anyValue = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 10 }),
  fc.constantFrom('2024-03-05', '2024-02-30', '05/03/2024', '1,234.50', 'USD', 'DE', 'x', '', ' 7 ', 'true'),
  fc.boolean(),
  fc.constant(null),
  fc.date(),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 3 })), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }),
);
const anyRecord = fc.record(
  {
    a: anyValue,
    b: anyValue,
    c: fc.oneof(anyValue, fc.record({ d: anyValue }, { requiredKeys: [] })),
    xs: fc.oneof(anyValue, fc.array(fc.oneof(anyValue, fc.record({ v: anyValue })), { maxLength: 3 })),
    a_b: anyValue,
    'c.d': anyValue,
  },
  { requiredKeys: [] },
);

describe('every step on any record', () => {
  test('emits records or names reasons, and never throws', () => {
    const transforms = STEPS.map((step) => ({ step, transform: compileTransform([step], CONTEXT) }));
    fc.assert(
      fc.property(anyRecord, (record) => {
        for (const { step, transform } of transforms) {
          const { records, reasons } = transform.run(structuredClone(record));
          for (const r of reasons) {
            assert.doesNotMatch(r.message, /^internal error/, `${JSON.stringify(step)}: ${r.message}`);
            assert.equal(r.index, 0);
            assert.equal(typeof r.message, 'string');
          }
          if (reasons.length > 0) assert.equal(records.length, 0);
        }
      }),
      { numRuns: 1500 },
    );
  });

  test('the whole list chained emits records or names reasons, never an internal error', () => {
    const transform = compileTransform(STEPS.filter((s) => !('flatten' in s) && !('nest' in s)), CONTEXT);
    fc.assert(
      fc.property(anyRecord, (record) => {
        for (const r of transform.run(record).reasons) assert.doesNotMatch(r.message, /^internal error/, r.message);
      }),
      { numRuns: 1500 },
    );
  });
});
