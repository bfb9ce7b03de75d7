import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CoercionTrail } from './coercion-trail';
import { compileAvroSchema } from './compile-avro-schema';

const Line = {
  type: 'record',
  name: 'Line',
  fields: [
    { name: 'sku', type: 'string' },
    { name: 'qty', type: 'int' },
    { name: 'note', type: ['null', 'string'], default: null },
    { name: 'parts', type: { type: 'array', items: 'Line' }, default: [] },
    { name: 'tags', type: { type: 'array', items: 'string' }, default: [] },
  ],
};

function coerce(type: ReturnType<typeof compileAvroSchema>, value: unknown) {
  const trail = new CoercionTrail();
  const out = type.coerce(value, trail);
  return JSON.stringify({ out, errors: trail.errors ?? [] });
}

/** The same record with its keys in another order (and, for `extra`, a key the schema lacks). */
function reordered(record: Record<string, unknown>, order: number[], extra: boolean): Record<string, unknown> {
  const keys = Object.keys(record);
  const out: Record<string, unknown> = {};
  if (extra) out.extra = 1;
  for (const i of order) if (i < keys.length) out[keys[i]] = record[keys[i]];
  for (const k of keys) if (!(k in out)) out[k] = record[k];
  return out;
}

describe('record coercion', () => {
  test('a record gives the same result and misfits whatever the order of its keys', () => {
    const value = fc.oneof(fc.constant(undefined), fc.constant(null), fc.integer({ min: -5, max: 5 }), fc.constantFrom('7', 'x', ''), fc.constant([]));
    const line = fc.record({ sku: value, qty: value, note: value, tags: fc.oneof(value, fc.constant(['a'])) }, { requiredKeys: [] });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 4 }), fc.array(fc.nat(4)), fc.boolean(), (lines, order, extra) => {
        // One type for all records, as a pipeline has.
        const type = compileAvroSchema(Line);
        const reference = compileAvroSchema(Line);
        for (const l of lines) {
          const parent = { sku: 'P', qty: 1, note: null, parts: lines.map((x) => reordered(x, order, extra)) };
          assert.equal(coerce(type, reordered(l, order, extra)), coerce(reference, reordered(l, [], false)));
          assert.equal(coerce(type, parent), coerce(reference, reordered(parent, [4, 3, 2, 1, 0], false)));
        }
      }),
      { numRuns: 500 },
    );
  });
});
