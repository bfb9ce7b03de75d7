// Numeric functions. A null argument gives null; a non-number is an error, never NaN.
import { MAX_ROUND_DIGITS, roundDecimal } from '../../number/round-decimal';
import { describeValue } from '../values';
import { arrayArg, finite, integerArg, isNull, numberArg } from './argument-checks';
import { eager, eagerList, type CallSite, type ExpressionFunction } from './expression-function';

function unary(name: string, description: string, f: (x: number) => number): ExpressionFunction {
  return { name, minArgs: 1, maxArgs: 1, description, compile: eager((site, a) => (isNull(a) ? null : f(numberArg(site, a, 'its argument')))) };
}

/** min/max over the arguments, or over the one array argument; nulls skipped, all-null gives null. */
function extreme(name: 'min' | 'max'): ExpressionFunction {
  const better = name === 'min' ? (a: number | string, b: number | string) => a < b : (a: number | string, b: number | string) => a > b;
  const pick = (site: CallSite, values: readonly unknown[]) => {
    let best: number | string | null = null;
    for (const v of values) {
      if (isNull(v)) continue;
      if (typeof v !== 'number' && typeof v !== 'string') site.fail(`expected numbers or strings, got ${describeValue(v)}`);
      if (best !== null && typeof v !== typeof best) site.fail(`cannot compare ${describeValue(best)} with ${describeValue(v)}`);
      if (best === null || better(v, best)) best = v;
    }
    return best;
  };
  return {
    name,
    minArgs: 1,
    maxArgs: Infinity,
    description: `${name}(a, b, ...) or ${name}(array): the ${name === 'min' ? 'smallest' : 'largest'} non-null value`,
    compile: eagerList((site, values) => (values.length === 1 && Array.isArray(values[0]) ? pick(site, values[0]) : values.length === 1 && isNull(values[0]) ? null : pick(site, values))),
  };
}

function numbersOf(site: CallSite, v: unknown): number[] {
  const out: number[] = [];
  for (const x of arrayArg(site, v, 'its argument')) if (!isNull(x)) out.push(numberArg(site, x, 'every element'));
  return out;
}

export const MATH_FUNCTIONS: readonly ExpressionFunction[] = [
  {
    name: 'round',
    minArgs: 1,
    maxArgs: 2,
    description: `round(x, digits?): x rounded to digits decimals (default 0, -${MAX_ROUND_DIGITS} to ${MAX_ROUND_DIGITS}), half away from zero, on the decimal value (round(1.005, 2) is 1.01)`,
    compile: eager((site, a, b) => {
      // b is undefined when the call has no second argument, null when it holds null.
      if (isNull(a) || b === null) return null;
      const digits = b === undefined ? 0 : integerArg(site, b, 'digits', -MAX_ROUND_DIGITS, MAX_ROUND_DIGITS);
      return roundDecimal(numberArg(site, a, 'x'), digits);
    }),
  },
  unary('floor', 'floor(x): the largest integer not above x', Math.floor),
  unary('ceil', 'ceil(x): the smallest integer not below x', Math.ceil),
  unary('abs', 'abs(x): x without its sign', Math.abs),
  extreme('min'),
  extreme('max'),
  {
    name: 'sum',
    minArgs: 1,
    maxArgs: 1,
    description: 'sum(array): the total of the non-null numbers, e.g. sum(lines[*].amount); 0 for an empty array. Round before comparing money: round(sum(...), 2)',
    compile: eager((site, a) => {
      if (isNull(a)) return null;
      let total = 0;
      for (const n of numbersOf(site, a)) total += n;
      return finite(site, total);
    }),
  },
  {
    name: 'avg',
    minArgs: 1,
    maxArgs: 1,
    description: 'avg(array): the mean of the non-null numbers; null when there are none',
    compile: eager((site, a) => {
      if (isNull(a)) return null;
      const numbers = numbersOf(site, a);
      if (numbers.length === 0) return null;
      let total = 0;
      for (const n of numbers) total += n;
      return finite(site, total / numbers.length);
    }),
  },
  {
    name: 'count',
    minArgs: 1,
    maxArgs: 1,
    description: 'count(array): how many non-null elements it has (0 when the array is missing), e.g. count(lines[*].sku)',
    compile: eager((site, a) => {
      if (isNull(a)) return 0;
      let n = 0;
      for (const x of arrayArg(site, a, 'its argument')) if (!isNull(x)) n++;
      return n;
    }),
  },
];
