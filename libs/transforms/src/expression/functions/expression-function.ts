// The shape of a built-in function of the expression language. Functions are a closed table
// (function-list.ts): no user-defined functions, no access to anything but their arguments.
import type { DataRecord } from '../../types';
import type { ExpressionNode } from '../ast';

/** A compiled (sub)expression: built once, called per record. */
export type Evaluator = (record: DataRecord) => unknown;

export interface ExpressionEnvironment {
  /** Epoch milliseconds; injected so tests and replays are deterministic. */
  readonly now: () => number;
  /** Zone for date functions called without one. */
  readonly timeZone: string;
}

/** What a function's implementation knows about the call being compiled. */
export interface CallSite {
  readonly name: string;
  readonly position: number;
  readonly args: readonly ExpressionNode[];
  readonly env: ExpressionEnvironment;
  /** Fails this record's evaluation with a message prefixed by the function's name. */
  readonly fail: (message: string) => never;
  /** Rejects the call at compile time (a constant argument is invalid), as a syntax error. */
  readonly reject: (message: string, argument?: number) => never;
}

export interface ExpressionFunction {
  readonly name: string;
  readonly minArgs: number;
  /** Infinity for variadic functions. */
  readonly maxArgs: number;
  /** Signature and meaning, for docs: 'round(x, digits?): x rounded half away from zero'. */
  readonly description: string;
  /**
   * Builds the evaluator from compiled arguments. Lazy forms (if, coalesce) decide which
   * arguments to evaluate; others precompute what constant arguments allow.
   */
  compile(site: CallSite, args: readonly Evaluator[]): Evaluator;
}

/** The usual case: evaluate every argument, then apply. Arity is fixed at compile time. */
export function eager(apply: (site: CallSite, a: unknown, b: unknown, c: unknown) => unknown): ExpressionFunction['compile'] {
  return (site, args) => {
    const [a, b, c] = args;
    if (args.length === 0) return () => apply(site, undefined, undefined, undefined);
    if (args.length === 1) return (r) => apply(site, a(r), undefined, undefined);
    if (args.length === 2) return (r) => apply(site, a(r), b(r), undefined);
    return (r) => apply(site, a(r), b(r), c(r));
  };
}

/** Evaluate every argument into one array (variadic functions). */
export function eagerList(apply: (site: CallSite, values: unknown[]) => unknown): ExpressionFunction['compile'] {
  return (site, args) => (r) => {
    const values = new Array<unknown>(args.length);
    for (let i = 0; i < args.length; i++) values[i] = args[i](r);
    return apply(site, values);
  };
}
