import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAvroSchema } from '@tributary/avro';
import { Misfit } from './misfit';
import { calendarDate, decimalText, exactLong, sqlTimestamp, type TimestampValue } from './sql-values';

const instant = (text: string) => sqlTimestamp(text) as TimestampValue;

describe('sqlTimestamp', () => {
  test('reads Postgres timestamptz text with an offset as the same instant in UTC, micros kept in the canonical text', () => {
    const value = instant('2024-05-01 12:00:00.123456+02');
    assert.equal(value.date.toISOString(), '2024-05-01T10:00:00.123Z');
    assert.equal(value.canonical, '2024-05-01T10:00:00.123456Z');
  });

  test('reads text without an offset as UTC and keeps the fraction as written', () => {
    assert.equal(instant('2024-01-01 00:00:00.5').canonical, '2024-01-01T00:00:00.5Z');
    assert.equal(instant('2024-01-01 00:00:00').date.getTime(), Date.UTC(2024, 0, 1));
    assert.equal(instant('2024-01-01T00:00:00Z').canonical, '2024-01-01T00:00:00Z');
  });

  test('handles offsets with minutes and seconds and crossing a day', () => {
    assert.equal(instant('2024-01-01 00:30:00-05:30').canonical, '2024-01-01T06:00:00Z');
    assert.equal(instant('2024-01-01 00:00:00+01').canonical, '2023-12-31T23:00:00Z');
  });

  test('keeps years below 100 as themselves', () => {
    assert.equal(instant('0099-03-01 00:00:00').date.getUTCFullYear(), 99);
  });

  test('refuses infinity, BC and impossible dates as out of range, and other text as a type mismatch', () => {
    for (const text of ['infinity', '-infinity', '4713-01-01 00:00:00 BC', '2023-02-29 00:00:00', '2024-01-01 24:00:00']) {
      const result = sqlTimestamp(text);
      assert.ok(result instanceof Misfit && result.code === 'OUT_OF_RANGE', text);
    }
    const bad = sqlTimestamp('yesterday');
    assert.ok(bad instanceof Misfit && bad.code === 'TYPE_MISMATCH');
  });

  test('gives Dates that timestamp-millis writes', () => {
    const type = parseAvroSchema({ type: 'long', logicalType: 'timestamp-millis' });
    const value = instant('1999-12-31 23:59:59.999999+00');
    assert.deepEqual(type.fromBuffer(type.toBuffer(value.date)), new Date('1999-12-31T23:59:59.999Z'));
  });
});

describe('calendarDate', () => {
  test('passes real days and refuses the rest', () => {
    assert.equal(calendarDate('2024-02-29'), '2024-02-29');
    for (const text of ['2023-02-29', '0000-00-00', 'infinity', '2024-13-01']) assert.ok(calendarDate(text) instanceof Misfit, text);
  });
});

describe('exactLong', () => {
  test('keeps integers a double holds exactly and refuses the rest', () => {
    assert.equal(exactLong('9007199254740991'), 9007199254740991);
    assert.equal(exactLong(-42), -42);
    const big = exactLong('9007199254740993');
    assert.ok(big instanceof Misfit && big.code === 'OUT_OF_RANGE' && big.message.includes('9007199254740993'));
    assert.ok(exactLong('1.5') instanceof Misfit);
  });
});

describe('decimalText', () => {
  test('passes decimals within precision and scale', () => {
    assert.equal(decimalText('-1234567890.12', 12, 2), '-1234567890.12');
    assert.equal(decimalText('0.5', 12, 2), '0.5');
  });

  test('refuses NaN, infinities and digits the type cannot hold', () => {
    for (const text of ['NaN', 'Infinity', '12345678901.00', '1.234']) {
      const result = decimalText(text, 12, 2);
      assert.ok(result instanceof Misfit && result.code === 'OUT_OF_RANGE', text);
    }
  });
});
