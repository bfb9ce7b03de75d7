import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { epochOfDateFields } from './date-fields';
import { isoDatePattern } from './iso-date-time';
import { timeZoneOf } from './time-zone';

const read = (text: string, zone = 'UTC') => {
  const fields = isoDatePattern.parse(text);
  return typeof fields === 'string' ? fields : new Date(epochOfDateFields(fields, timeZoneOf(zone)!)).toISOString();
};

describe('the ISO-8601 pattern', () => {
  test('reads dates, date-times with T, t or a space, fractions and offsets', () => {
    assert.equal(read('2024-03-05'), '2024-03-05T00:00:00.000Z');
    assert.equal(read('2024-03-05T14:22'), '2024-03-05T14:22:00.000Z');
    assert.equal(read('2024-03-05 14:22:10'), '2024-03-05T14:22:10.000Z');
    assert.equal(read('2024-03-05t14:22:10.1234567z'), '2024-03-05T14:22:10.123Z');
    assert.equal(read('2024-03-05T14:22:10,5+0130'), '2024-03-05T12:52:10.500Z');
    assert.equal(read('2024-03-05T14:22-05'), '2024-03-05T19:22:00.000Z');
    assert.equal(read('2024-03-05T14:22', 'Europe/Berlin'), '2024-03-05T13:22:00.000Z');
  });

  test('rejects absurd dates and stray text', () => {
    assert.equal(read('2024-02-30'), 'day 30 is out of range: February 2024 has 29 days');
    assert.equal(read('99999-01-01'), "expected '-' at offset 4");
    assert.equal(read('2024-3-5'), 'expected 2 digits for the month at offset 5');
    assert.equal(read('2024-03-05T14'), "expected ':' at offset 13");
    assert.equal(read('2024-03-05T14:22:10.'), 'expected fraction digits at offset 20');
    assert.equal(read('2024-03-05T14:22+25:00'), 'offset of 1500 minutes is out of range ±18:00');
    assert.equal(read('2024-03-05 and more'), 'expected 2 digits for the hour at offset 11');
    assert.equal(read('2024-03-05Q'), "unexpected 'Q' after the date at offset 10");
    assert.equal(read('２０２４-03-05'), 'expected 4 digits for the year at offset 0', 'only ASCII digits');
  });

  test('formats with milliseconds and the zone offset', () => {
    const ms = Date.UTC(2024, 6, 1, 12);
    assert.equal(isoDatePattern.format(ms, timeZoneOf('UTC')!), '2024-07-01T12:00:00.000Z');
    assert.equal(isoDatePattern.format(ms, timeZoneOf('America/Chicago')!), '2024-07-01T07:00:00.000-05:00');
    assert.equal(isoDatePattern.format(-62_135_596_800_000, timeZoneOf('UTC')!), '0001-01-01T00:00:00.000Z');
  });
});
