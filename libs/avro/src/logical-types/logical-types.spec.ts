import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Type } from 'avsc';
import { parseAvroSchema } from '../avro-schema';
import { DecimalType } from './decimal-type';
import { dateFromDays, daysFromDate } from './date-type';
import { isUuidText } from './uuid-type';

const money = { type: 'bytes', logicalType: 'decimal', precision: 18, scale: 4 };

describe('decimal', () => {
  const type = parseAvroSchema(money);

  test('reads back text at the schema scale, negatives included', () => {
    for (const [written, read] of [['19.99', '19.9900'], ['-19.99', '-19.9900'], ['0', '0.0000'], [-0.5, '-0.5000'], ['99999999999999.9999', '99999999999999.9999']]) {
      assert.equal(type.fromBuffer(type.toBuffer(written)), read);
    }
  });

  test('writes the unscaled integer as Avro bytes: a length, then two\'s complement', () => {
    assert.equal(type.toBuffer('-1.2800').toString('hex'), '04' + 'ce00'); // -12800 = 0xce00 in 16 bits; length 2 is zigzag 04
  });

  test('refuses a value with more fraction digits than the scale, and says which schema', () => {
    assert.throws(() => type.toBuffer('0.00001'), /decimal\(18,4\): 0\.00001 has 5 fraction digits/);
    assert.equal(type.isValid('0.00001'), false);
  });

  test('refuses what is not a decimal: floats with binary noise, NaN, Infinity, objects', () => {
    assert.throws(() => type.toBuffer(0.1 + 0.2), /17 fraction digits/);
    for (const value of [NaN, Infinity, null, undefined, {}, 10n, '1e5']) assert.throws(() => type.toBuffer(value), /decimal\(18,4\)/);
  });

  test('on fixed, sign-extends to the fixed size and checks the precision fits it', () => {
    const fixed = parseAvroSchema({ type: 'fixed', name: 'Money', size: 8, logicalType: 'decimal', precision: 18, scale: 2 });
    assert.equal(fixed.toBuffer('-0.01').toString('hex'), 'ffffffffffffffff');
    assert.equal(fixed.fromBuffer(fixed.toBuffer('-12.34')), '-12.34');
    assert.throws(
      () => parseAvroSchema({ type: 'fixed', name: 'Small', size: 2, logicalType: 'decimal', precision: 6 }, { strictLogicalTypes: true }),
      /does not fit in fixed\(2\) \(at most 4\)/,
    );
  });

  test('a malformed decimal falls back to bytes, as the spec says, unless strict', () => {
    const loose = parseAvroSchema({ type: 'bytes', logicalType: 'decimal', scale: 2 });
    assert.ok(!(loose instanceof DecimalType));
    assert.ok(Buffer.isBuffer(loose.fromBuffer(loose.toBuffer(Buffer.from([1])))));
    assert.throws(() => parseAvroSchema({ type: 'bytes', logicalType: 'decimal', scale: 2 }, { strictLogicalTypes: true }), /precision/);
    assert.throws(() => parseAvroSchema({ ...money, scale: 19 }, { strictLogicalTypes: true }), /scale must be an integer from 0 to the precision/);
  });

  test('keeps precision and scale in the exported schema', () => {
    assert.deepEqual(type.schema({ exportAttrs: true }), money);
  });

  test('resolves a writer of the same scale and a smaller precision, not a different scale', () => {
    const wider = parseAvroSchema({ ...money, precision: 20 });
    assert.equal(wider.fromBuffer(type.toBuffer('1.5'), wider.createResolver(type)), '1.5000');
    const otherScale = parseAvroSchema({ ...money, scale: 2 });
    assert.throws(() => otherScale.createResolver(type));
    assert.throws(() => type.createResolver(wider));
    assert.throws(() => type.createResolver(Type.forSchema('bytes')));
  });
});

describe('timestamp-millis', () => {
  const type = parseAvroSchema({ type: 'long', logicalType: 'timestamp-millis' });

  test('reads and writes Dates to the millisecond, before the epoch too', () => {
    for (const millis of [0, 1700000000123, -86400001]) {
      assert.deepEqual(type.fromBuffer(type.toBuffer(new Date(millis))), new Date(millis));
    }
  });

  test('refuses an Invalid Date and anything that is not a Date', () => {
    assert.throws(() => type.toBuffer(new Date(NaN)), /needs a valid Date, got an invalid Date/);
    assert.throws(() => type.toBuffer(1700000000000), /needs a valid Date, got number/);
    assert.throws(() => type.toBuffer('2024-01-01T00:00:00Z'), /needs a valid Date/);
  });

  test('reads a plain long written before the field had the logical type', () => {
    const long = Type.forSchema('long');
    assert.deepEqual(type.fromBuffer(long.toBuffer(1234), type.createResolver(long)), new Date(1234));
  });
});

describe('date', () => {
  const type = parseAvroSchema({ type: 'int', logicalType: 'date' });

  test('reads and writes calendar dates as days since 1970-01-01', () => {
    const int = Type.forSchema('int');
    for (const [text, days] of [['1970-01-01', 0], ['1969-12-31', -1], ['2000-02-29', 11016], ['2024-03-01', 19783], ['0001-01-01', -719162]] as const) {
      assert.equal(int.fromBuffer(type.toBuffer(text)), days, text);
      assert.equal(type.fromBuffer(int.toBuffer(days)), text);
    }
  });

  test('agrees with Date.UTC on any day from 0000-01-01 to 9999-12-31', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -135140, max: 156835 }), fc.integer({ min: -719528, max: 2932896 })), (days) => {
        const text = dateFromDays(days);
        assert.equal(text, new Date(days * 86400000).toISOString().slice(0, 10));
        const [y, m, d] = text.split('-').map(Number);
        assert.equal(daysFromDate(y, m, d), days);
      }),
    );
  });

  test('refuses days that are not on the calendar and text that is not YYYY-MM-DD', () => {
    for (const text of ['2023-02-29', '2024-13-01', '2024-00-10', '2024-04-31', '2024-01-00']) {
      assert.throws(() => type.toBuffer(text), /is not a day of the calendar/, text);
    }
    for (const value of ['2024-1-5', '20240105', '2024-01-05T00:00:00Z', new Date(0), 19000]) {
      assert.throws(() => type.toBuffer(value), /needs 'YYYY-MM-DD' text/);
    }
  });

  test('refuses to read a day outside years 0000 to 9999 rather than print it wrong', () => {
    assert.throws(() => type.fromBuffer(Type.forSchema('int').toBuffer(2932897)), /outside years 0000-9999/);
    assert.throws(() => type.fromBuffer(Type.forSchema('int').toBuffer(-719529)), /outside years 0000-9999/);
    assert.equal(type.fromBuffer(Type.forSchema('int').toBuffer(-719528)), '0000-01-01');
    assert.equal(type.fromBuffer(Type.forSchema('int').toBuffer(-719468)), '0000-03-01');
    assert.equal(type.fromBuffer(Type.forSchema('int').toBuffer(2932896)), '9999-12-31');
  });
});

describe('uuid', () => {
  const type = parseAvroSchema({ type: 'string', logicalType: 'uuid' });

  test('writes a UUID in lower case and reads it back', () => {
    assert.equal(type.fromBuffer(type.toBuffer('123E4567-E89B-12D3-A456-426614174000')), '123e4567-e89b-12d3-a456-426614174000');
  });

  test('refuses text that is not a UUID, both ways', () => {
    for (const value of ['123e4567e89b12d3a456426614174000', '123e4567-e89b-12d3-a456-42661417400g', '', 42]) {
      assert.throws(() => type.toBuffer(value), /uuid needs a UUID string/);
    }
    assert.throws(() => type.fromBuffer(Type.forSchema('string').toBuffer('not-a-uuid')), /"not-a-uuid", which is not a UUID/);
  });

  test('accepts exactly what the RFC 4122 RegExp accepts', () => {
    const rfc4122 = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    // UUIDs of either case, with one char (any code unit) put in, replaced or taken out.
    const nearUuid = fc
      .tuple(fc.uuid(), fc.boolean(), fc.nat(36), fc.integer({ min: 0, max: 0xffff }), fc.constantFrom(0, 1, 2, 3))
      .map(([uuid, upper, at, code, edit]) => {
        const text = upper ? uuid.toUpperCase() : uuid;
        const c = String.fromCharCode(code);
        return [text, text.slice(0, at) + c + text.slice(at + 1), text.slice(0, at) + c + text.slice(at), text.slice(0, at) + text.slice(at + 1)][edit];
      });
    const swapped = fc.tuple(fc.uuid(), fc.nat(35), fc.constantFrom('g', 'G', '-', '`', '@', '/', ':', 'A', 'f', '0', '9', '\n')).map(([uuid, at, c]) => uuid.slice(0, at) + c + uuid.slice(at + 1));
    fc.assert(
      fc.property(fc.oneof(nearUuid, swapped, fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', minLength: 36, maxLength: 36 })), (text) => {
        assert.equal(isUuidText(text), rfc4122.test(text), JSON.stringify(text));
      }),
      { numRuns: 3000 },
    );
    for (const value of [undefined, null, 42, { toString: () => '123e4567-e89b-12d3-a456-426614174000' }]) assert.equal(isUuidText(value), false);
    assert.equal(isUuidText('123e4567-e89b-12d3-a456-426614174000\n'), false); // $ is the end of the text, not of a line
  });
});
