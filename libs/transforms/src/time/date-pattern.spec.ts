import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { epochOfDateFields } from './date-fields';
import { compileDatePattern, DatePatternError } from './date-pattern';
import { timeZoneOf } from './time-zone';

const UTC = timeZoneOf('UTC')!;
const instant = (pattern: string, text: string, zone = 'UTC') => {
  const fields = compileDatePattern(pattern).parse(text);
  return typeof fields === 'string' ? fields : new Date(epochOfDateFields(fields, timeZoneOf(zone)!)).toISOString();
};

describe('compileDatePattern', () => {
  test('reads numeric dates in the usual letters', () => {
    assert.equal(instant('dd/MM/yyyy', '05/03/2024'), '2024-03-05T00:00:00.000Z');
    assert.equal(instant('M/d/yyyy', '3/5/2024'), '2024-03-05T00:00:00.000Z');
    assert.equal(instant('MM/dd/yy', '12/31/25'), '2025-12-31T00:00:00.000Z');
    assert.equal(instant('yyyyMMddHHmmss', '20240305142210'), '2024-03-05T14:22:10.000Z');
    assert.equal(instant('y-M-d', '24-3-5'), '0024-03-05T00:00:00.000Z');
  });

  test('reads month and weekday names, 12-hour clocks, fractions and offsets', () => {
    assert.equal(instant('MMMM d, yyyy', 'March 5, 2024'), '2024-03-05T00:00:00.000Z');
    assert.equal(instant('d MMM yyyy', '5 mar 2024'), '2024-03-05T00:00:00.000Z');
    assert.equal(instant('EEE, d MMM yyyy', 'Tue, 5 Mar 2024'), '2024-03-05T00:00:00.000Z');
    assert.equal(instant('h:mm a', '12:30 AM'), '1970-01-01T00:30:00.000Z');
    assert.equal(instant('h:mm a', '12:30 pm'), '1970-01-01T12:30:00.000Z');
    assert.equal(instant('HH:mm:ss.SSS', '01:02:03.456'), '1970-01-01T01:02:03.456Z');
    assert.equal(instant('HH:mm:ss.SSSSSS', '01:02:03.456789'), '1970-01-01T01:02:03.456Z');
    assert.equal(instant('HH:mm:ss.S', '01:02:03.4'), '1970-01-01T01:02:03.400Z');
    assert.equal(instant("yyyy-MM-dd'T'HH:mmXXX", '2024-03-05T14:22+01:00'), '2024-03-05T13:22:00.000Z');
    assert.equal(instant('yyyy-MM-dd HH:mm Z', '2024-03-05 14:22 -0500'), '2024-03-05T19:22:00.000Z');
    assert.equal(instant('yyyy-MM-dd HH:mm X', '2024-03-05 14:22 Z'), '2024-03-05T14:22:00.000Z');
    assert.equal(instant("'on' dd.MM.yyyy ''", "on 05.03.2024 '"), '2024-03-05T00:00:00.000Z');
  });

  test('text without an offset is read in the zone', () => {
    assert.equal(instant('yyyy-MM-dd HH:mm', '2024-03-05 14:22', 'America/Chicago'), '2024-03-05T20:22:00.000Z');
    assert.equal(instant('yyyy-MM-dd HH:mm', '2024-07-05 14:22', 'America/Chicago'), '2024-07-05T19:22:00.000Z');
  });

  test('absurd or malformed text gives a message naming the fault', () => {
    const parse = (pattern: string, text: string) => compileDatePattern(pattern).parse(text);
    assert.equal(parse('yyyy-MM-dd', '2024-02-30'), 'day 30 is out of range: February 2024 has 29 days');
    assert.equal(parse('yyyy-MM-dd', '2100-02-29'), 'day 29 is out of range: February 2100 has 28 days');
    assert.deepEqual(typeof parse('yyyy-MM-dd', '2000-02-29'), 'object', '2000 is a leap year');
    assert.equal(parse('yyyy-MM-dd', '99999-01-01'), "expected '-' at offset 4");
    assert.equal(parse('dd/MM/yyyy', '05/03/24'), "expected 4 digits for 'yyyy' at offset 6");
    assert.equal(parse('yyyy-MM-dd', '2024-00-10'), 'month 0 is out of range 1-12');
    assert.equal(parse('HH:mm', '24:00'), 'hour 24 is out of range 0-23');
    assert.equal(parse('HH:mm:ss', '23:59:60'), 'second 60 is out of range 0-59');
    assert.equal(parse('h a', '0 AM'), 'hour 0 is out of range 1-12 for a 12-hour clock');
    assert.equal(parse('MMMM', 'Smarch'), 'expected a month name at offset 0');
    assert.equal(parse('a', 'XM'), 'expected AM or PM at offset 0');
    assert.equal(parse('X', '+1'), 'expected a UTC offset (Z, +01, +0100 or +01:00) at offset 0');
    assert.equal(parse('X', '+19:00'), 'offset of 1140 minutes is out of range ±18:00');
    assert.equal(parse('yyyy', '2024 '), "unexpected ' ' after the date at offset 4");
    assert.equal(parse('yyyy', ''), "expected 4 digits for 'yyyy' at offset 0");
  });

  test('bad patterns fail when compiled, with the offset of the bad letter', () => {
    const fault = (pattern: string) => {
      try {
        compileDatePattern(pattern);
      } catch (e) {
        assert.ok(e instanceof DatePatternError);
        return [e.position, e.message];
      }
      assert.fail(`'${pattern}' compiled`);
    };
    assert.deepEqual(fault('yyyy-QQ'), [5, "unknown letter 'Q' in date pattern 'yyyy-QQ' (quote literal text: 'T')"]);
    assert.deepEqual(fault('yyyy-MM-ddTHH')[0], 10);
    assert.deepEqual(fault('yyy')[1], "'yyy' is not a valid width for 'y' in date pattern 'yyy'");
    assert.deepEqual(fault("dd 'open")[0], 3);
    assert.deepEqual(fault('')[1], 'empty date pattern');
  });

  test('formats in the letters it reads, in a zone', () => {
    const ms = Date.UTC(2024, 2, 5, 13, 5, 9, 7);
    const format = (pattern: string, zone = 'UTC') => compileDatePattern(pattern).format(ms, timeZoneOf(zone)!);
    assert.equal(format('dd/MM/yyyy HH:mm:ss.SSS'), '05/03/2024 13:05:09.007');
    assert.equal(format('EEEE, MMMM d, yy h:m:s a'), 'Tuesday, March 5, 24 1:5:9 PM');
    assert.equal(format('EEE MMM'), 'Tue Mar');
    assert.equal(format('HH:mm XXX', 'Asia/Kolkata'), '18:35 +05:30');
    assert.equal(format('HH:mm XX Z X', 'America/New_York'), '08:05 -0500 -0500 -05');
    assert.equal(format('HH:mm X'), '13:05 Z');
    assert.equal(format('SSSSSS'), '007000');
  });

  test('what a pattern formats, it parses back to the same instant (to the millisecond)', () => {
    const pattern = compileDatePattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    fc.assert(
      fc.property(fc.integer({ min: -62_135_596_800_000 + 86_400_000, max: 253_402_300_799_999 - 86_400_000 }), fc.constantFrom('UTC', 'Europe/Berlin', 'America/Chicago', 'Asia/Kolkata', '+14:00'), (ms, zone) => {
        const fields = pattern.parse(pattern.format(ms, timeZoneOf(zone)!));
        assert.notEqual(typeof fields, 'string');
        assert.equal(epochOfDateFields(fields as Exclude<typeof fields, string>, UTC), ms);
      }),
    );
  });
});
