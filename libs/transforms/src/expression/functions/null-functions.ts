// Null handling and conditionals. coalesce, ifNull and if evaluate only the arguments
// they need, so `if(qty == 0, 0, total / qty)` never divides by zero.
import { describeValue } from '../values';
import type { ExpressionFunction } from './expression-function';
import { isNull } from './argument-checks';

export const NULL_FUNCTIONS: readonly ExpressionFunction[] = [
  {
    name: 'coalesce',
    minArgs: 1,
    maxArgs: Infinity,
    description: 'coalesce(a, b, ...): the first argument that is not null',
    compile: (_site, args) => (r) => {
      for (let i = 0; i < args.length; i++) {
        const v = args[i](r);
        if (!isNull(v)) return v;
      }
      return null;
    },
  },
  {
    name: 'ifNull',
    minArgs: 2,
    maxArgs: 2,
    description: 'ifNull(x, fallback): x, or fallback when x is null',
    compile: (_site, [x, fallback]) => (r) => {
      const v = x(r);
      return isNull(v) ? fallback(r) : v;
    },
  },
  {
    name: 'isNull',
    minArgs: 1,
    maxArgs: 1,
    description: 'isNull(x): whether x is null or missing',
    compile: (_site, [x]) => (r) => isNull(x(r)),
  },
  {
    name: 'if',
    minArgs: 3,
    maxArgs: 3,
    description: 'if(condition, then, else): then when condition is true, else when it is false or null',
    compile: (site, [test, then, otherwise]) => (r) => {
      const t = test(r);
      if (t === true) return then(r);
      if (t === false || isNull(t)) return otherwise(r);
      return site.fail(`the condition must be true, false or null, got ${describeValue(t)}`);
    },
  },
];
