// The operators' semantics. Types never convert implicitly: 'abc' * 2 and 1 < 'b' are errors.
// Nulls: arithmetic and ordering with null give null; == and != treat null as a value
// (x == null holds for a missing field); and/or/not follow three-valued (Kleene) logic.
// Division or remainder by zero is an error (the record goes to errors), never Infinity or
// null: a silent null total would travel on to the tax API.
import type { BinaryOperator } from './ast';
import { describeValue, valuesEqual } from './values';

/** Returns the result, or an OperatorFailure saying why the operands do not fit. */
export type OperatorFn = (a: unknown, b: unknown) => unknown;

/** Returned, not thrown, so the compiled closure adds the operator's position once. */
export class OperatorFailure {
  constructor(readonly message: string) {}
}

function numeric(symbol: string, f: (a: number, b: number) => number | OperatorFailure): OperatorFn {
  return (a, b) => {
    if (typeof a === 'number' && typeof b === 'number') {
      const r = f(a, b);
      if (typeof r === 'number' && !Number.isFinite(r)) return new OperatorFailure(`${a} ${symbol} ${b} is not a finite number`);
      return r;
    }
    if (a === null || a === undefined || b === null || b === undefined) return null;
    return new OperatorFailure(`cannot apply ${symbol} to ${describeValue(a)} and ${describeValue(b)}`);
  };
}

function ordering(symbol: string, test: (c: number) => boolean): OperatorFn {
  return (a, b) => {
    if (typeof a === 'number' && typeof b === 'number') return test(a < b ? -1 : a > b ? 1 : 0);
    if (typeof a === 'string' && typeof b === 'string') return test(a < b ? -1 : a > b ? 1 : 0);
    if (a === null || a === undefined || b === null || b === undefined) return null;
    return new OperatorFailure(`cannot compare ${describeValue(a)} ${symbol} ${describeValue(b)}`);
  };
}

const DIVISION_BY_ZERO = new OperatorFailure('division by zero');
const add = numeric('+', (x, y) => x + y);

export const BINARY_OPERATORS: Record<BinaryOperator, OperatorFn> = {
  '+': (a, b) => {
    if (typeof a === 'string' && typeof b === 'string') return a + b;
    return add(a, b);
  },
  '-': numeric('-', (x, y) => x - y),
  '*': numeric('*', (x, y) => x * y),
  '/': numeric('/', (x, y) => (y === 0 ? DIVISION_BY_ZERO : x / y)),
  '%': numeric('%', (x, y) => (y === 0 ? DIVISION_BY_ZERO : x % y)),
  '==': (a, b) => valuesEqual(a, b),
  '!=': (a, b) => !valuesEqual(a, b),
  '<': ordering('<', (c) => c < 0),
  '<=': ordering('<=', (c) => c <= 0),
  '>': ordering('>', (c) => c > 0),
  '>=': ordering('>=', (c) => c >= 0),
  in: (a, b) => {
    if (a === null || a === undefined) return null;
    if (b === null || b === undefined) return null;
    if (!Array.isArray(b)) return new OperatorFailure(`'in' needs a list on its right, got ${describeValue(b)}`);
    for (let i = 0; i < b.length; i++) if (valuesEqual(a, b[i])) return true;
    return false;
  },
};
