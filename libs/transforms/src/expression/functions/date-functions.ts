// Date functions. A timestamp is epoch milliseconds (Avro timestamp-millis); Date objects
// are accepted too. Calendar fields are read in a zone: the call's, else the pipeline's
// (CompileContext.timeZone), else UTC. Constant formats and zones are checked at compile time.
import { civilFromDays, MS_PER_DAY } from '../../time/civil-date';
import { epochOfDateFields } from '../../time/date-fields';
import { compileDatePattern, DatePatternError, type DatePattern } from '../../time/date-pattern';
import { timeZoneOf, type TimeZone } from '../../time/time-zone';
import { describeValue } from '../values';
import { integerArg, isNull, stringArg } from './argument-checks';
import type { CallSite, Evaluator, ExpressionFunction } from './expression-function';

/** 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z: the years four digits can write. */
const MIN_TIMESTAMP = -62_135_596_800_000;
const MAX_TIMESTAMP = 253_402_300_799_999;

export function timestampArg(site: CallSite, v: unknown, what: string): number {
  const ms = v instanceof Date ? v.getTime() : v;
  if (typeof ms !== 'number' || !Number.isFinite(ms)) {
    return site.fail(`${what} must be a timestamp (epoch milliseconds)${typeof v === 'string' ? '; parse text with parseDate(s, format)' : ''}, got ${describeValue(v)}`);
  }
  return inRange(site, ms);
}

function inRange(site: CallSite, ms: number): number {
  if (ms < MIN_TIMESTAMP || ms > MAX_TIMESTAMP) site.fail(`timestamp ${ms} is outside years 1-9999`);
  return ms;
}

/** Resolves argument `index` (a pattern or zone) once when constant, else per call with a cache. */
function constantOr<T>(site: CallSite, index: number, resolve: (text: string) => T | string, fallback: () => T): (value: unknown) => T {
  const node = site.args[index];
  if (node === undefined) {
    const value = fallback();
    return () => value;
  }
  if (node.kind === 'literal') {
    if (typeof node.value !== 'string') return site.reject(`argument ${index + 1} must be a string`, index);
    const value = resolve(node.value);
    if (typeof value === 'string') return site.reject(value, index);
    return () => value;
  }
  const cache = new Map<string, T>();
  return (v) => {
    const text = stringArg(site, v, `argument ${index + 1}`);
    let value = cache.get(text);
    if (value === undefined) {
      const resolved = resolve(text);
      if (typeof resolved === 'string') return site.fail(resolved);
      if (cache.size > 64) cache.clear();
      cache.set(text, (value = resolved));
    }
    return value;
  };
}

function patternOf(text: string): DatePattern | string {
  try {
    return compileDatePattern(text);
  } catch (e) {
    if (e instanceof DatePatternError) return e.message;
    throw e;
  }
}

const zoneOf = (text: string): TimeZone | string => timeZoneOf(text) ?? `unknown time zone '${text}'`;

function zoneArg(site: CallSite, index: number): (value: unknown) => TimeZone {
  return constantOr(site, index, zoneOf, () => timeZoneOf(site.env.timeZone) ?? site.reject(`unknown time zone '${site.env.timeZone}'`));
}

function calendarField(name: 'year' | 'month' | 'day'): ExpressionFunction {
  return {
    name,
    minArgs: 1,
    maxArgs: 2,
    description: `${name}(timestamp, zone?): the ${name} of the timestamp in the zone`,
    compile(site, [ts, zone]) {
      const zoneAt = zoneArg(site, 1);
      return (r) => {
        const v = ts(r);
        if (isNull(v)) return null;
        const ms = timestampArg(site, v, 'the timestamp');
        const z = zoneAt(zone?.(r));
        return civilFromDays(Math.floor((ms + z.offsetMinutes(ms) * 60_000) / MS_PER_DAY))[name];
      };
    },
  };
}

const optional = (e: Evaluator | undefined, r: Parameters<Evaluator>[0]) => (e === undefined ? undefined : e(r));

export const DATE_FUNCTIONS: readonly ExpressionFunction[] = [
  {
    name: 'now',
    minArgs: 0,
    maxArgs: 0,
    description: 'now(): the current timestamp (the pipeline clock, fixed in tests)',
    compile: (site) => () => site.env.now(),
  },
  {
    name: 'parseDate',
    minArgs: 1,
    maxArgs: 3,
    description: "parseDate(s, format?, zone?): the timestamp text s names; format like 'dd.MM.yyyy HH:mm' or 'iso' (default); the zone applies when s has no offset",
    compile(site, [text, format, zone]) {
      const patternAt = constantOr(site, 1, patternOf, () => compileDatePattern('iso'));
      const zoneAt = zoneArg(site, 2);
      return (r) => {
        const v = text(r);
        if (isNull(v)) return null;
        const s = stringArg(site, v, 'the text');
        const pattern = patternAt(optional(format, r));
        const fields = pattern.parse(s);
        if (typeof fields === 'string') return site.fail(`${describeValue(s)} is not a valid '${pattern.pattern}' date: ${fields}`);
        return epochOfDateFields(fields, zoneAt(optional(zone, r)));
      };
    },
  },
  {
    name: 'formatDate',
    minArgs: 1,
    maxArgs: 3,
    description: "formatDate(timestamp, format?, zone?): the timestamp as text, e.g. formatDate(ts, 'yyyy-MM-dd', 'Europe/Berlin'); 'iso' by default",
    compile(site, [ts, format, zone]) {
      const patternAt = constantOr(site, 1, patternOf, () => compileDatePattern('iso'));
      const zoneAt = zoneArg(site, 2);
      return (r) => {
        const v = ts(r);
        if (isNull(v)) return null;
        return patternAt(optional(format, r)).format(timestampArg(site, v, 'the timestamp'), zoneAt(optional(zone, r)));
      };
    },
  },
  {
    name: 'addDays',
    minArgs: 2,
    maxArgs: 2,
    description: 'addDays(timestamp, n): the timestamp n days of 24 hours later (n may be negative)',
    compile: (site, [ts, n]) => (r) => {
      const v = ts(r);
      const days = n(r);
      if (isNull(v) || isNull(days)) return null;
      return inRange(site, timestampArg(site, v, 'the timestamp') + integerArg(site, days, 'n', -3_650_000, 3_650_000) * MS_PER_DAY);
    },
  },
  {
    name: 'diffDays',
    minArgs: 2,
    maxArgs: 2,
    description: 'diffDays(from, to): whole days of 24 hours from one timestamp to the other (negative when to is earlier)',
    compile: (site, [a, b]) => (r) => {
      const from = a(r);
      const to = b(r);
      if (isNull(from) || isNull(to)) return null;
      return Math.trunc((timestampArg(site, to, 'to') - timestampArg(site, from, 'from')) / MS_PER_DAY) || 0;
    },
  },
  calendarField('year'),
  calendarField('month'),
  calendarField('day'),
];
