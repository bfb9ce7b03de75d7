import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Misfit } from '@tributary/connectors';
import { postgresColumnType } from './postgres-types';

const numericTypmod = (precision: number, scale: number) => ((precision << 16) | scale) + 4;

describe('postgresColumnType', () => {
  test('maps numeric(p,s) to an Avro decimal with that precision and scale, and unconstrained numeric to text', () => {
    const constrained = postgresColumnType(1700, numericTypmod(12, 2));
    assert.deepEqual(constrained.avro, { type: 'bytes', logicalType: 'decimal', precision: 12, scale: 2 });
    assert.equal(constrained.convert('12.50'), '12.50');
    assert.ok(constrained.convert('NaN') instanceof Misfit);
    assert.equal(postgresColumnType(1700, -1).avro, 'string');
    assert.equal(postgresColumnType(1700, -1).convert('NaN'), 'NaN');
  });

  test('maps timestamps to timestamp-millis Dates with an exact cursor text', () => {
    const type = postgresColumnType(1184, -1);
    assert.deepEqual(type.avro, { type: 'long', logicalType: 'timestamp-millis' });
    assert.deepEqual(type.convert('2024-05-01 10:00:00.123456+00'), new Date('2024-05-01T10:00:00.123Z'));
    assert.equal(type.cursorText?.('2024-05-01 10:00:00.123456+00'), '2024-05-01T10:00:00.123456Z');
    assert.ok(type.convert('infinity') instanceof Misfit);
  });

  test('maps int8 to long when exact and refuses it beyond 2^53', () => {
    const type = postgresColumnType(20, -1);
    assert.equal(type.convert('42'), 42);
    assert.ok(type.convert('9223372036854775807') instanceof Misfit);
  });

  test('reads bytea hex text as bytes and booleans from t and f', () => {
    assert.deepEqual(postgresColumnType(17, -1).convert('\\x0aff'), Buffer.from([0x0a, 0xff]));
    assert.equal(postgresColumnType(16, -1).convert('t'), true);
    assert.equal(postgresColumnType(16, -1).convert('f'), false);
  });

  test('keeps json, arrays and unknown types as their text, none of them usable as a cursor', () => {
    for (const oid of [114, 3802, 1007, 99999]) {
      const type = postgresColumnType(oid, -1);
      assert.equal(type.avro, 'string');
      assert.equal(type.cursorText, undefined);
    }
  });
});
