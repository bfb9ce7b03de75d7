// Compiles a syntax tree into nested closures, once per pipeline. Evaluating reads only the
// record passed in (own properties, via compileGetter) and the built-in function table:
// there is no eval, no Function constructor, and no way to name a global or a prototype.
import { compileGetter } from '../path/path-read';
import type { DataRecord } from '../types';
import type { ExpressionNode } from './ast';
import { ExpressionEvaluationError, ExpressionSyntaxError } from './expression-errors';
import type { CallSite, Evaluator, ExpressionEnvironment } from './functions/expression-function';
import { FUNCTIONS_BY_NAME } from './functions/function-list';
import { BINARY_OPERATORS, OperatorFailure } from './operators';
import { parseExpression } from './parser';
import { describeValue } from './values';

export interface ExpressionOptions {
  /** Clock for now(), epoch milliseconds. Default Date.now. */
  readonly now?: () => number;
  /** Zone for date functions called without one. Default 'UTC'. */
  readonly timeZone?: string;
}

export interface CompiledExpression {
  readonly source: string;
  readonly ast: ExpressionNode;
  /** Normalized paths of the fields it reads ('lines[].amount'). */
  readonly reads: readonly string[];
  /**
   * The value for one record (null for a missing field). Throws ExpressionEvaluationError on
   * a type error, division by zero or a bad date; steps turn that into a Reason.
   */
  evaluate(record: DataRecord): unknown;
  /**
   * As evaluate, but a failed evaluation is returned, as the ExpressionEvaluationError itself,
   * instead of thrown: a step that turns it into a Reason saves the second throw (a bad value
   * in a record is everyday data; each throw costs microseconds).
   */
  attempt(record: DataRecord): unknown;
}

function isBoolean(v: unknown): v is boolean {
  return v === true || v === false;
}

function failAt(position: number, message: string): never {
  throw new ExpressionEvaluationError(message, position);
}

function compileNode(node: ExpressionNode, env: ExpressionEnvironment): Evaluator {
  switch (node.kind) {
    case 'literal': {
      const value = node.value;
      return () => value;
    }
    case 'field': {
      const get = compileGetter(node.path);
      return (r) => {
        const v = get(r);
        return v === undefined ? null : v;
      };
    }
    case 'list': {
      const items = node.items.map((i) => compileNode(i, env));
      return (r) => items.map((item) => item(r));
    }
    case 'unary':
      return compileUnary(node.operator, compileNode(node.operand, env), node.position);
    case 'binary':
      return compileBinary(node, env);
    case 'logical':
      return compileLogical(node.operator, compileNode(node.left, env), compileNode(node.right, env), node.position);
    case 'conditional': {
      const test = compileNode(node.test, env);
      const then = compileNode(node.then, env);
      const otherwise = compileNode(node.otherwise, env);
      return (r) => {
        const t = test(r);
        if (t === true) return then(r);
        if (t === false || t === null) return otherwise(r);
        return failAt(node.position, `the condition before '?' must be true, false or null, got ${describeValue(t)}`);
      };
    }
    case 'call':
      return compileCall(node, env);
  }
}

function compileUnary(operator: '-' | 'not', operand: Evaluator, position: number): Evaluator {
  if (operator === '-') {
    return (r) => {
      const v = operand(r);
      if (typeof v === 'number') return v === 0 ? 0 : -v;
      if (v === null) return null;
      return failAt(position, `cannot negate ${describeValue(v)}`);
    };
  }
  return (r) => {
    const v = operand(r);
    if (isBoolean(v)) return !v;
    if (v === null) return null;
    return failAt(position, `'not' needs true, false or null, got ${describeValue(v)}`);
  };
}

function compileBinary(node: Extract<ExpressionNode, { kind: 'binary' }>, env: ExpressionEnvironment): Evaluator {
  const left = compileNode(node.left, env);
  const right = node.right;
  // x in ['a', 'b']: a constant list of primitives becomes one Set lookup.
  if (node.operator === 'in' && right.kind === 'list' && right.items.every((i) => i.kind === 'literal' && i.value !== null)) {
    const members = new Set(right.items.map((i) => (i.kind === 'literal' ? i.value : undefined)));
    return (r) => {
      const v = left(r);
      return v === null ? null : members.has(v as string | number | boolean);
    };
  }
  // x == 'text' (or a number, a boolean): valuesEqual with a primitive is ===, and x == null
  // holds for null and missing; no operator call, and == never fails.
  if ((node.operator === '==' || node.operator === '!=') && right.kind === 'literal') {
    const literal = right.value;
    const equal = node.operator === '==';
    if (literal === null) {
      return (r) => {
        const v = left(r);
        return (v === null || v === undefined) === equal;
      };
    }
    return (r) => (left(r) === literal) === equal;
  }
  const rightEval = compileNode(right, env);
  const op = BINARY_OPERATORS[node.operator];
  return (r) => {
    const result = op(left(r), rightEval(r));
    if (result instanceof OperatorFailure) return failAt(node.position, result.message);
    return result;
  };
}

function compileLogical(operator: 'and' | 'or', left: Evaluator, right: Evaluator, position: number): Evaluator {
  const check = (v: unknown): boolean | null => {
    if (isBoolean(v) || v === null) return v;
    return failAt(position, `'${operator}' needs true, false or null on both sides, got ${describeValue(v)}`);
  };
  // Kleene logic: false and x is false, true or x is true, without evaluating x.
  const decisive = operator === 'or';
  return (r) => {
    const a = check(left(r));
    if (a === decisive) return decisive;
    const b = check(right(r));
    if (b === decisive) return decisive;
    return a === null || b === null ? null : !decisive;
  };
}

function compileCall(node: Extract<ExpressionNode, { kind: 'call' }>, env: ExpressionEnvironment): Evaluator {
  const fn = FUNCTIONS_BY_NAME.get(node.name);
  if (fn === undefined) throw new ExpressionSyntaxError(`unknown function '${node.name}'`, node.position);
  const site: CallSite = {
    name: node.name,
    position: node.position,
    args: node.args,
    env,
    fail: (message) => failAt(node.position, `${node.name}(): ${message}`),
    reject: (message, argument) => {
      throw new ExpressionSyntaxError(`${node.name}(): ${message}`, argument === undefined ? node.position : node.args[argument].position);
    },
  };
  return fn.compile(
    site,
    node.args.map((a) => compileNode(a, env)),
  );
}

function collectReads(node: ExpressionNode, into: Set<string>): void {
  if (node.kind === 'field') into.add(node.path.normalized);
  else if (node.kind === 'list') node.items.forEach((i) => collectReads(i, into));
  else if (node.kind === 'unary') collectReads(node.operand, into);
  else if (node.kind === 'binary' || node.kind === 'logical') {
    collectReads(node.left, into);
    collectReads(node.right, into);
  } else if (node.kind === 'conditional') {
    collectReads(node.test, into);
    collectReads(node.then, into);
    collectReads(node.otherwise, into);
  } else if (node.kind === 'call') node.args.forEach((a) => collectReads(a, into));
}

/** Parses (when given text) and compiles; throws ExpressionSyntaxError for bad text or constant arguments. */
export function compileExpression(source: string | ExpressionNode, options: ExpressionOptions = {}): CompiledExpression {
  const ast = typeof source === 'string' ? parseExpression(source) : source;
  const env: ExpressionEnvironment = { now: options.now ?? Date.now, timeZone: options.timeZone ?? 'UTC' };
  const root = compileNode(ast, env);
  const attempt = (record: DataRecord): unknown => {
    try {
      return root(record);
    } catch (e) {
      if (e instanceof ExpressionEvaluationError) return e;
      // The engine's own limits (a string too long to build, a record nested deeper than the
      // stack) are still this record's problem: report them like any other bad value.
      return new ExpressionEvaluationError(`cannot evaluate: ${e instanceof Error ? e.message : String(e)}`, ast.position);
    }
  };
  const evaluate = (record: DataRecord): unknown => {
    const value = attempt(record);
    if (value instanceof ExpressionEvaluationError) throw value;
    return value;
  };
  const reads = new Set<string>();
  collectReads(ast, reads);
  return { source: typeof source === 'string' ? source : '', ast, reads: [...reads], evaluate, attempt };
}
