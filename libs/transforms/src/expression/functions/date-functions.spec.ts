import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileExpression, type ExpressionOptions } from '../compile-expression';
import { ExpressionEvaluationError, ExpressionSyntaxError } from '../expression-errors';

const value = (text: string, record: Record<string, unknown> = {}, options: ExpressionOptions = {}) => compileExpression(text, options).evaluate(record);
const fails = (text: string, pattern: RegExp, record: Record<string, unknown> = {}) =>
  assert.throws(() => value(text, record), (e: unknown) => e instanceof ExpressionEvaluationError && pattern.test(e.message));
const iso = (ms: unknown) => new Date(ms as number).toISOString();

describe('date functions', () => {
  test('parseDate reads ISO-8601 by default, with or without time and offset', () => {
    assert.equal(iso(value("parseDate('2024-03-05')")), '2024-03-05T00:00:00.000Z');
    assert.equal(iso(value("parseDate('2024-03-05T14:22:10.5+01:00')")), '2024-03-05T13:22:10.500Z');
    assert.equal(iso(value("parseDate('2024-03-05 14:22Z')")), '2024-03-05T14:22:00.000Z');
  });

  test('parseDate reads the pattern given, in the zone given when the text has no offset', () => {
    assert.equal(iso(value("parseDate(d, 'dd/MM/yyyy')", { d: '05/03/2024' })), '2024-03-05T00:00:00.000Z');
    assert.equal(iso(value("parseDate(d, 'MMMM d, yyyy')", { d: 'March 5, 2024' })), '2024-03-05T00:00:00.000Z');
    assert.equal(iso(value("parseDate(d, 'dd.MM.yyyy HH:mm', 'Europe/Berlin')", { d: '05.03.2024 14:00' })), '2024-03-05T13:00:00.000Z');
    assert.equal(iso(value("parseDate(d, 'yyyy-MM-dd HH:mm:ss', 'America/Chicago')", { d: '2024-07-05 14:22:10' })), '2024-07-05T19:22:10.000Z', 'summer time: UTC-5');
    assert.equal(iso(value("parseDate(d, 'yyyy-MM-dd hh:mm a')", { d: '2024-03-05 02:30 PM' })), '2024-03-05T14:30:00.000Z');
  });

  test("the pipeline's zone applies when a call names none", () => {
    assert.equal(iso(value("parseDate('2024-01-15 09:00', 'yyyy-MM-dd HH:mm')", {}, { timeZone: 'Asia/Tokyo' })), '2024-01-15T00:00:00.000Z');
  });

  test('absurd dates are errors naming the fault, never a rolled-over date', () => {
    fails("parseDate('2024-02-30')", /'2024-02-30' is not a valid 'iso' date: day 30 is out of range: February 2024 has 29 days/);
    fails("parseDate('2023-02-29')", /February 2023 has 28 days/);
    fails("parseDate('99999-01-01')", /expected '-' at offset 4/);
    fails("parseDate('+99999-01-01', 'yyyy-MM-dd')", /expected 4 digits/);
    fails("parseDate('0000-01-01')", /year 0 is out of range 1-9999/);
    fails("parseDate('2024-13-01')", /month 13 is out of range 1-12/);
    fails("parseDate('2024-01-01T25:00')", /hour 25 is out of range 0-23/);
    fails("parseDate('2024-01-01T23:60')", /minute 60 is out of range/);
    fails("parseDate('31/02/2024', 'dd/MM/yyyy')", /day 31 is out of range: February 2024 has 29 days/);
    fails("parseDate('2024-01-01 13:00 PM', 'yyyy-MM-dd hh:mm a')", /hour 13 is out of range 1-12/);
    fails("parseDate('2024-03-05 garbage')", /expected 2 digits for the hour at offset 11/);
    fails("parseDate('2024-03-05!')", /unexpected '!' after the date at offset 10/);
    fails("parseDate('')", /expected 4 digits for the year/);
    fails('parseDate(d)', /the text must be a string, got 20240305/, { d: 20240305 });
  });

  test('formatDate writes a timestamp in a pattern and zone; ISO with offset by default', () => {
    const ms = Date.UTC(2024, 2, 5, 13, 5, 9, 7);
    assert.equal(value('formatDate(t)', { t: ms }), '2024-03-05T13:05:09.007Z');
    assert.equal(value("formatDate(t, 'iso', 'Europe/Berlin')", { t: ms }), '2024-03-05T14:05:09.007+01:00');
    assert.equal(value("formatDate(t, 'EEEE d MMMM yyyy, h:mm a', 'America/New_York')", { t: ms }), 'Tuesday 5 March 2024, 8:05 AM');
    assert.equal(value(`formatDate(t, "yyyy-MM-dd'T'HH:mm:ss.SSSXXX", '+05:30')`, { t: ms }), '2024-03-05T18:35:09.007+05:30');
    assert.equal(value("formatDate(t, 'yy/M/d')", { t: new Date(ms) }), '24/3/5', 'a Date works as a timestamp');
    assert.equal(value('formatDate(missing)'), null);
  });

  test('formats and zones held in fields are checked per record', () => {
    const ms = Date.UTC(2024, 0, 1);
    assert.equal(value('formatDate(t, f, z)', { t: ms, f: 'dd.MM.yyyy', z: 'Europe/Paris' }), '01.01.2024');
    fails('formatDate(t, f)', /unknown letter 'Q'/, { t: ms, f: 'yyyy-QQ' });
    fails("formatDate(t, 'iso', z)", /unknown time zone 'Nowhere\/Land'/, { t: ms, z: 'Nowhere/Land' });
    fails('formatDate(t, f)', /argument 2 must be a string, got 7/, { t: ms, f: 7 });
  });

  test('constant bad formats and zones are syntax errors when the expression compiles', () => {
    assert.throws(() => compileExpression("parseDate(d, 'dd/MM/yyyyy')"), (e: unknown) => e instanceof ExpressionSyntaxError && /'yyyyy' is not a valid width/.test(e.message));
    assert.throws(() => compileExpression("year(t, 'Atlantis/Capital')"), (e: unknown) => e instanceof ExpressionSyntaxError && e.position === 8);
    assert.throws(() => compileExpression('formatDate(t, 5)'), /argument 2 must be a string/);
    assert.throws(() => compileExpression('year(t)', { timeZone: 'Bad/Zone' }), /unknown time zone 'Bad\/Zone'/);
  });

  test('timestamps outside years 1-9999 are errors', () => {
    fails('formatDate(t)', /outside years 1-9999/, { t: 8.64e15 });
    fails('addDays(t, 3650000)', /outside years 1-9999/, { t: 0 });
    fails('year(t)', /must be a timestamp \(epoch milliseconds\); parse text with parseDate/, { t: '2024-01-01' });
  });

  test('addDays and diffDays count days of 24 hours', () => {
    const ms = Date.UTC(2024, 1, 28);
    assert.equal(iso(value('addDays(t, 2)', { t: ms })), '2024-03-01T00:00:00.000Z');
    assert.equal(iso(value('addDays(t, -59)', { t: ms })), '2023-12-31T00:00:00.000Z');
    assert.equal(value("diffDays(parseDate('2024-01-01'), parseDate('2024-03-01'))"), 60);
    assert.equal(value("diffDays(parseDate('2024-03-01'), parseDate('2024-01-01T12:00'))"), -59);
    assert.equal(value('addDays(t, n)', { t: ms }), null);
    fails('addDays(t, 1.5)', /n must be an integer/, { t: ms });
  });

  test('year, month and day read the calendar in a zone', () => {
    const newYearUtc = Date.UTC(2024, 0, 1, 2);
    assert.deepEqual([value('year(t)', { t: newYearUtc }), value('month(t)', { t: newYearUtc }), value('day(t)', { t: newYearUtc })], [2024, 1, 1]);
    assert.deepEqual(
      [value("year(t, 'America/Los_Angeles')", { t: newYearUtc }), value("month(t, 'America/Los_Angeles')", { t: newYearUtc }), value("day(t, 'America/Los_Angeles')", { t: newYearUtc })],
      [2023, 12, 31],
    );
    assert.deepEqual(['year', 'month', 'day'].map((f) => value(`${f}(t)`, { t: -62_135_596_800_000 })), [1, 1, 1], 'the first day of year 1');
  });

  test('now() reads the pipeline clock', () => {
    assert.equal(value('now()', {}, { now: () => 1234 }), 1234);
    assert.equal(value('diffDays(t, now())', { t: 0 }, { now: () => 3 * 86_400_000 }), 3);
  });
});
