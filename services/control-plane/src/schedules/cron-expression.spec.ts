import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CronExpression } from './cron-expression';

const next = (cron: string, after: string, zone = 'UTC') => CronExpression.parse(cron).next(new Date(after), zone)?.toISOString();

describe('cron expressions read against a time zone', () => {
  test('steps, lists, ranges and names pick the next matching minute, strictly after the given time', () => {
    assert.equal(next('*/15 * * * *', '2025-01-01T10:00:00Z'), '2025-01-01T10:15:00.000Z');
    assert.equal(next('*/15 * * * *', '2025-01-01T10:07:30Z'), '2025-01-01T10:15:00.000Z');
    assert.equal(next('0 9-17/4 * * MON-FRI', '2025-01-03T17:00:00Z'), '2025-01-06T09:00:00.000Z');
    assert.equal(next('30 2 1,15 * *', '2025-01-02T00:00:00Z'), '2025-01-15T02:30:00.000Z');
    assert.equal(next('0 0 1 JAN *', '2025-03-01T00:00:00Z'), '2026-01-01T00:00:00.000Z');
    assert.equal(next('5/20 * * * *', '2025-01-01T10:26:00Z'), '2025-01-01T10:45:00.000Z');
  });

  test('the shorthands mean what crontab(5) says', () => {
    assert.equal(next('@hourly', '2025-01-01T10:00:00Z'), '2025-01-01T11:00:00.000Z');
    assert.equal(next('@daily', '2025-01-01T10:00:00Z'), '2025-01-02T00:00:00.000Z');
    assert.equal(next('@weekly', '2025-01-01T10:00:00Z'), '2025-01-05T00:00:00.000Z');
  });

  test('day of month and day of week restricted together match either (Vixie cron); 7 is Sunday', () => {
    // 2025-01-04 is a Saturday, 2025-01-05 a Sunday
    assert.equal(next('0 0 10 * 7', '2025-01-03T00:00:00Z'), '2025-01-05T00:00:00.000Z');
    assert.equal(next('0 0 4 * 0', '2025-01-03T00:00:00Z'), '2025-01-04T00:00:00.000Z');
  });

  test('fields are read on the wall clock of the schedule time zone', () => {
    // 09:00 in Berlin is 08:00 UTC in winter and 07:00 UTC in summer
    assert.equal(next('0 9 * * *', '2025-01-10T12:00:00Z', 'Europe/Berlin'), '2025-01-11T08:00:00.000Z');
    assert.equal(next('0 9 * * *', '2025-07-10T12:00:00Z', 'Europe/Berlin'), '2025-07-11T07:00:00.000Z');
    assert.equal(next('0 0 * * *', '2025-01-10T12:00:00Z', 'America/New_York'), '2025-01-11T05:00:00.000Z');
  });

  test('a wall time skipped by the spring change fires when the clocks jump; a repeated one fires once', () => {
    // Berlin, 2025-03-30: 02:00 CET becomes 03:00 CEST (01:00 UTC)
    assert.equal(next('30 2 * * *', '2025-03-29T12:00:00Z', 'Europe/Berlin'), '2025-03-30T01:30:00.000Z');
    // Berlin, 2025-10-26: 03:00 CEST goes back to 02:00 CET; 02:30 happens at 00:30 and 01:30 UTC
    const cron = CronExpression.parse('30 2 * * *');
    const first = cron.next(new Date('2025-10-25T12:00:00Z'), 'Europe/Berlin')!;
    assert.equal(first.toISOString(), '2025-10-26T00:30:00.000Z');
    assert.equal(cron.next(first, 'Europe/Berlin')!.toISOString(), '2025-10-27T01:30:00.000Z');
  });

  test('an expression that never matches has no next time, and a bad one is refused with its problem', () => {
    assert.equal(next('0 0 31 2 *', '2025-01-01T00:00:00Z'), undefined);
    assert.throws(() => CronExpression.parse('61 * * * *'), /minute '61'/);
    assert.throws(() => CronExpression.parse('* * *'), /5 fields/);
  });
});
