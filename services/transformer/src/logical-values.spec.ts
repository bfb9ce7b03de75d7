import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { valueConverter } from './logical-values';

const SCHEMA = {
  type: 'record',
  name: 'o',
  fields: [
    { name: 'day', type: ['null', { type: 'int', logicalType: 'date' }] },
    { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'lines', type: { type: 'array', items: { type: 'record', name: 'l', fields: [{ name: 'price', type: { type: 'bytes', logicalType: 'decimal', precision: 9, scale: 4 } }] } } },
    { name: 'note', type: 'string' },
  ],
};

describe("logical values between the codec's form and the steps' form", () => {
  test("the codec's text dates, Dates and decimal text become days, epoch ms and numbers, and come back", () => {
    const record: Record<string, unknown> = { day: '2024-03-05', at: new Date(1709670130000), lines: [{ price: '1234.5000' }], note: '2024-03-05' };
    valueConverter(SCHEMA, 'to-steps')!(record);
    assert.deepEqual(record, { day: 19787, at: 1709670130000, lines: [{ price: 1234.5 }], note: '2024-03-05' });
    valueConverter(SCHEMA, 'to-codec')!(record);
    assert.deepEqual(record, { day: '2024-03-05', at: new Date(1709670130000), lines: [{ price: '1234.5000' }], note: '2024-03-05' });
  });

  test('nulls, values already in form and schemas without logical types are left alone', () => {
    const record: Record<string, unknown> = { day: null, at: new Date(5), lines: [], note: 'x' };
    valueConverter(SCHEMA, 'to-codec')!(record);
    assert.deepEqual(record, { day: null, at: new Date(5), lines: [], note: 'x' });
    assert.equal(valueConverter({ type: 'record', name: 'p', fields: [{ name: 'a', type: 'string' }] }, 'to-steps'), undefined);
  });
});
