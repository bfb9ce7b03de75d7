import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileDatePattern } from '../time/date-pattern';
import { timeZoneOf } from '../time/time-zone';
import { CoercionFailure, decimalFits, parseNumberText, toBoolean, toDecimal, toEpochDays, toEpochMillis, toFloating, toInteger, toText } from './coerce-value';

const message = (v: unknown) => (v instanceof CoercionFailure ? v.message : v);
const ISO = compileDatePattern('iso');
const UTC = timeZoneOf('UTC')!;

describe('coerce-value', () => {
  test('parseNumberText reads decimal text with optional separators and nothing else', () => {
    assert.equal(parseNumberText(' 12.50 '), 12.5);
    assert.equal(parseNumberText('1,234.50', { groupSeparator: ',' }), 1234.5);
    assert.equal(parseNumberText('1.234,50', { groupSeparator: '.', decimalSeparator: ',' }), 1234.5);
    assert.equal(parseNumberText('12,5', { decimalSeparator: ',' }), 12.5);
    assert.equal(parseNumberText('-3e2'), -300);
    for (const bad of ['', ' ', '12abc', '$12', '1e999', '0x1F', 'Infinity', 'NaN', '1.2.3', '--1', '+', '.']) assert.equal(parseNumberText(bad), undefined, bad);
    assert.equal(parseNumberText('12.5', { decimalSeparator: ',' }), undefined, "a '.' where ',' is the decimal mark is ambiguous");
  });

  test('toInteger keeps whole numbers within int or safe long range', () => {
    assert.equal(toInteger('42', 'int'), 42);
    assert.equal(toInteger(7, 'long'), 7);
    assert.equal(toInteger('-0', 'int'), 0);
    assert.equal(toInteger(9_007_199_254_740_991, 'long'), 9_007_199_254_740_991);
    assert.equal(message(toInteger('4.5', 'int')), "expected int, got '4.5'");
    assert.equal(message(toInteger(2 ** 31, 'int')), 'expected int, got 2147483648, which is out of range');
    assert.equal(message(toInteger(2 ** 53, 'long')), 'expected long, got 9007199254740992, which is out of range');
    assert.equal(message(toInteger(true, 'int')), 'expected int, got true');
    assert.equal(message(toInteger(NaN, 'int')), 'expected int, got NaN');
    assert.equal(toInteger(12n, 'long'), 12);
  });

  test('toFloating accepts finite numbers and decimal text', () => {
    assert.equal(toFloating('1.5', 'double'), 1.5);
    assert.equal(message(toFloating(Infinity, 'double')), 'expected double, got Infinity');
    assert.equal(message(toFloating([], 'float')), 'expected float, got an array');
  });

  test('toDecimal rounds to the scale and enforces the precision', () => {
    assert.equal(toDecimal('1,234.5678', 2, undefined, { groupSeparator: ',' }), 1234.57);
    assert.equal(toDecimal(2.675, 2, 10), 2.68);
    assert.equal(toDecimal(99.994, 2, 4), 99.99);
    assert.equal(message(toDecimal(99.995, 2, 4)), '99.995 does not fit decimal(4,2): at most 2 digits before the point');
    assert.equal(message(toDecimal('abc', 2, undefined)), "expected decimal with scale 2, got 'abc'");
  });

  test('toBoolean reads the usual spellings of yes and no', () => {
    for (const yes of [true, 1, 'true', 'YES', ' y ', '1', 'on']) assert.equal(toBoolean(yes), true, String(yes));
    for (const no of [false, 0, 'false', 'No', 'n', '0', 'OFF']) assert.equal(toBoolean(no), false, String(no));
    assert.equal(message(toBoolean('maybe')), "expected boolean, got 'maybe'");
    assert.equal(message(toBoolean(2)), 'expected boolean, got 2');
  });

  test('toText writes numbers, booleans and valid dates; records are refused', () => {
    assert.equal(toText(1042), '1042');
    assert.equal(toText(false), 'false');
    assert.equal(toText(new Date(0)), '1970-01-01T00:00:00.000Z');
    assert.equal(message(toText(new Date(NaN))), 'expected string, got date Invalid');
    assert.equal(message(toText({ a: 1 })), 'expected string, got a record');
    assert.equal(message(toText(null)), 'expected string, got null');
  });

  test('toEpochDays reads text, Dates and day numbers, and refuses absurd dates', () => {
    assert.equal(toEpochDays('2024-03-05', ISO, UTC), 19_787);
    assert.equal(toEpochDays(' 05/03/2024 ', compileDatePattern('dd/MM/yyyy'), UTC), 19_787);
    assert.equal(toEpochDays('2024-03-05T23:30-02:00', ISO, UTC), 19_788, 'an instant with an offset is dated in the zone');
    assert.equal(toEpochDays(new Date('2024-03-05T23:30:00Z'), ISO, timeZoneOf('Asia/Tokyo')!), 19_788);
    assert.equal(toEpochDays(19_787, ISO, UTC), 19_787);
    assert.equal(message(toEpochDays('2024-02-30', ISO, UTC)), "expected a date as 'iso', got '2024-02-30': day 30 is out of range: February 2024 has 29 days");
    assert.equal(message(toEpochDays(1.5, ISO, UTC)), 'expected date, got 1.5');
    assert.equal(message(toEpochDays(5_000_000, ISO, UTC)), 'expected date, got 5000000');
  });

  test('decimalFits takes exactly the numbers toDecimal keeps as they are', () => {
    const value = fc.oneof(fc.double(), fc.integer().map((n) => n / 10_000), fc.constantFrom(0, -0, 1e14, 99_999_999_999_999.99, 1.005, -2.5e-5, 12.34567), fc.string(), fc.constant(null));
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 6 }), fc.option(fc.integer({ min: 6, max: 20 }), { nil: undefined }), (v, scale, precision) => {
        assert.equal(decimalFits(scale, precision)(v), typeof v === 'number' && Object.is(toDecimal(v, scale, precision), v));
      }),
    );
  });

  test('a plain YYYY-MM-DD day reads as the general ISO parse reads it, and anything else falls through to it', () => {
    const digits = (n: number) => fc.integer({ min: 0, max: 10 ** n - 1 }).map((x) => String(x).padStart(n, '0'));
    const day = fc.tuple(digits(4), digits(2), digits(2), fc.constantFrom('-', '/', '')).map(([y, m, d, sep]) => `${y}${sep}${m}${sep}${d}`);
    fc.assert(
      fc.property(fc.oneof(day, fc.string({ maxLength: 12 })), (text) => {
        // With a time appended the text is no plain day, so this reads it the general way.
        const general = typeof ISO.parse(text.trim()) === 'string' ? 'no date' : toEpochDays(`${text.trim()}T00:00`, ISO, UTC);
        const got = toEpochDays(text, ISO, UTC);
        assert.equal(got instanceof CoercionFailure ? 'no date' : got, general);
      }),
    );
  });

  test('toEpochMillis reads text in a zone, Dates, millis or seconds, within years 1-9999', () => {
    const chicago = timeZoneOf('America/Chicago')!;
    assert.equal(toEpochMillis('2024-03-05 14:22:10', compileDatePattern('yyyy-MM-dd HH:mm:ss'), chicago), Date.UTC(2024, 2, 5, 20, 22, 10));
    assert.equal(toEpochMillis(1_700_000_000, ISO, UTC, 'seconds'), 1_700_000_000_000);
    assert.equal(toEpochMillis(new Date(5), ISO, UTC), 5);
    assert.equal(message(toEpochMillis(9e15, ISO, UTC)), 'expected a timestamp, got 9000000000000000, which is outside years 1-9999');
    assert.equal(message(toEpochMillis(new Date(NaN), ISO, UTC)), 'expected a timestamp, got date Invalid, which is outside years 1-9999');
    assert.equal(message(toEpochMillis('99999-01-01T00:00', ISO, UTC)), "expected a timestamp as 'iso', got '99999-01-01T00:00': expected '-' at offset 4");
    assert.equal(message(toEpochMillis(true, ISO, UTC)), 'expected timestamp, got true');
  });
});
