// Explicit conversions: the language never converts between types on its own.
import { describeValue } from '../values';
import { isNull } from './argument-checks';
import { eager, type ExpressionFunction } from './expression-function';

const DECIMAL_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export const CONVERSION_FUNCTIONS: readonly ExpressionFunction[] = [
  {
    name: 'string',
    minArgs: 1,
    maxArgs: 1,
    description: 'string(x): a number or boolean as text (strings unchanged)',
    compile: eager((site, a) => {
      if (isNull(a) || typeof a === 'string') return a ?? null;
      if (typeof a === 'number' || typeof a === 'boolean') return String(a);
      return site.fail(`cannot turn ${describeValue(a)} into a string`);
    }),
  },
  {
    name: 'number',
    minArgs: 1,
    maxArgs: 1,
    description: "number(x): a decimal string ('12.50', ' 3e2 ') as a number (numbers unchanged)",
    compile: eager((site, a) => {
      if (isNull(a) || typeof a === 'number') return a ?? null;
      if (typeof a === 'string' && DECIMAL_TEXT.test(a.trim())) {
        const n = Number(a.trim());
        if (Number.isFinite(n)) return n;
      }
      return site.fail(`cannot turn ${describeValue(a)} into a number`);
    }),
  },
];
