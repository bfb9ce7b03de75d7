import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { localToEpoch, timeZoneOf } from './time-zone';

describe('timeZoneOf', () => {
  test('knows UTC, fixed offsets and IANA zones, and nothing else', () => {
    assert.equal(timeZoneOf('UTC')!.offsetMinutes(0), 0);
    assert.equal(timeZoneOf('+05:30')!.offsetMinutes(0), 330);
    assert.equal(timeZoneOf('-0800')!.offsetMinutes(0), -480);
    assert.equal(timeZoneOf('Europe/Berlin')!.offsetMinutes(Date.UTC(2024, 0, 1)), 60);
    assert.equal(timeZoneOf('Europe/Berlin')!.offsetMinutes(Date.UTC(2024, 6, 1)), 120);
    for (const bad of ['Mars/Olympus', '', '+25:00', '+05:75', 'utc+1', 'Europe/Berlin; rm -rf']) assert.equal(timeZoneOf(bad), undefined, bad);
  });

  test('offsets agree with Intl at every instant, cached or not', () => {
    const zone = timeZoneOf('America/Chicago')!;
    const intl = new Intl.DateTimeFormat('en-US', { timeZone: 'America/Chicago', timeZoneName: 'longOffset' });
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        const name = intl.formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')!.value; // GMT-05:00
        const m = /GMT([+-])(\d\d):(\d\d)/.exec(name)!;
        assert.equal(zone.offsetMinutes(ms), (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])));
      }),
    );
  });
});

describe('localToEpoch', () => {
  const berlin = timeZoneOf('Europe/Berlin')!;
  const local = (text: string) => Date.parse(`${text}Z`);

  test('reads ordinary wall-clock times with the offset in force', () => {
    assert.equal(new Date(localToEpoch(berlin, local('2024-01-15T12:00'))).toISOString(), '2024-01-15T11:00:00.000Z');
    assert.equal(new Date(localToEpoch(berlin, local('2024-07-15T12:00'))).toISOString(), '2024-07-15T10:00:00.000Z');
  });

  test('a time skipped by the spring gap moves forward by the gap', () => {
    // 2024-03-31 02:30 does not exist in Berlin: clocks jumped from 02:00 to 03:00
    assert.equal(new Date(localToEpoch(berlin, local('2024-03-31T02:30'))).toISOString(), '2024-03-31T01:30:00.000Z');
  });

  test('a time repeated in the autumn takes its first occurrence', () => {
    // 2024-10-27 02:30 happened twice in Berlin; the first was still summer time (UTC+2)
    assert.equal(new Date(localToEpoch(berlin, local('2024-10-27T02:30'))).toISOString(), '2024-10-27T00:30:00.000Z');
  });
});
